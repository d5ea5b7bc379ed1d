
CREATE OR REPLACE FUNCTION corpus_refresh_claim_facets(ids bigint[]) RETURNS void AS $$
BEGIN
    DELETE FROM corpus_claimfacets f WHERE f.claim_id = ANY(ids)
        AND NOT EXISTS (SELECT 1 FROM corpus_claim c JOIN corpus_annotation n ON n.id = c.annotation_id JOIN corpus_article a ON a.id = n.article_id WHERE c.id = f.claim_id AND c.status = 'published' AND n.status = 'published' AND n.anchor = 'anchored' AND a.status = 'published');
    INSERT INTO corpus_claimfacets AS f (claim_id, claimant_actor_id, claimant_organization_id, kind, article_id, tag_ids, date_start, start, search_vector, named_actor_ids, named_organization_ids)
    SELECT c.id, c.claimant_actor_id, c.claimant_organization_id, c.kind, n.article_id, ARRAY(SELECT DISTINCT t.tag_id FROM corpus_taggedclaim t WHERE t.content_object_id = c.id ORDER BY 1), a.date_start, n.start, to_tsvector('english'::regconfig, c.text), ARRAY(
            SELECT m.actor_id FROM corpus_mention m
            WHERE m.article_id = n.article_id AND m.anchor = 'anchored'
                AND m.start >= n.start AND m."end" <= n."end" AND m.actor_id IS NOT NULL
            UNION
            SELECT l.actor_id FROM corpus_annotation_actors l WHERE l.annotation_id = n.id
            ORDER BY 1), ARRAY(
            SELECT m.organization_id FROM corpus_mention m
            WHERE m.article_id = n.article_id AND m.anchor = 'anchored'
                AND m.start >= n.start AND m."end" <= n."end" AND m.organization_id IS NOT NULL
            UNION
            SELECT l.organization_id FROM corpus_annotation_organizations l WHERE l.annotation_id = n.id
            ORDER BY 1)
    FROM corpus_claim c JOIN corpus_annotation n ON n.id = c.annotation_id JOIN corpus_article a ON a.id = n.article_id
    WHERE c.id = ANY(ids) AND c.status = 'published' AND n.status = 'published' AND n.anchor = 'anchored' AND a.status = 'published'
    ORDER BY c.id
    ON CONFLICT (claim_id) DO UPDATE SET (claimant_actor_id, claimant_organization_id, kind, article_id, tag_ids, date_start, start, search_vector, named_actor_ids, named_organization_ids) = ROW(EXCLUDED.claimant_actor_id, EXCLUDED.claimant_organization_id, EXCLUDED.kind, EXCLUDED.article_id, EXCLUDED.tag_ids, EXCLUDED.date_start, EXCLUDED.start, EXCLUDED.search_vector, EXCLUDED.named_actor_ids, EXCLUDED.named_organization_ids)
    WHERE ROW(f.claimant_actor_id, f.claimant_organization_id, f.kind, f.article_id, f.tag_ids, f.date_start, f.start, f.search_vector, f.named_actor_ids, f.named_organization_ids) IS DISTINCT FROM ROW(EXCLUDED.claimant_actor_id, EXCLUDED.claimant_organization_id, EXCLUDED.kind, EXCLUDED.article_id, EXCLUDED.tag_ids, EXCLUDED.date_start, EXCLUDED.start, EXCLUDED.search_vector, EXCLUDED.named_actor_ids, EXCLUDED.named_organization_ids);
END;
$$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION corpus_rebuild_claim_facets() RETURNS void AS $$
DECLARE
    indexes text[];
    definition text;
BEGIN
    -- Building each index once, after the rows, is several times faster than
    -- updating it row by row; the primary key stays for the upsert.
    SELECT array_agg(indexdef) INTO indexes FROM pg_indexes
        WHERE schemaname = current_schema() AND tablename = 'corpus_claimfacets'
        AND indexname <> 'corpus_claimfacets_pkey';
    FOR definition IN SELECT format('DROP INDEX %I', indexname) FROM pg_indexes
        WHERE schemaname = current_schema() AND tablename = 'corpus_claimfacets'
        AND indexname <> 'corpus_claimfacets_pkey'
    LOOP
        EXECUTE definition;
    END LOOP;
    TRUNCATE corpus_claimfacets, corpus_claimfacettotal;
    PERFORM corpus_refresh_claim_facets(ARRAY(SELECT id FROM corpus_claim ORDER BY id));
    FOREACH definition IN ARRAY coalesce(indexes, '{}') LOOP
        EXECUTE definition;
    END LOOP;
    -- Fresh statistics, so the planner sees the rows at once (a bulk load rebuilds them).
    ANALYZE corpus_claimfacets;
    ANALYZE corpus_claimfacettotal;
END;
$$ LANGUAGE plpgsql;
