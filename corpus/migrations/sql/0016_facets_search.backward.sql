
CREATE OR REPLACE FUNCTION corpus_refresh_article_facets(ids bigint[]) RETURNS void AS $$
BEGIN
    DELETE FROM corpus_articlefacets f WHERE f.article_id = ANY(ids)
        AND NOT EXISTS (SELECT 1 FROM corpus_article a WHERE a.id = f.article_id);
    INSERT INTO corpus_articlefacets AS f (article_id, published, date_start, year, publication_id, actor_ids, organization_ids, author_ids, tag_ids)
    SELECT a.id, a.status = 'published', a.date_start, a.year, a.publication_id,
        ARRAY(SELECT DISTINCT m.actor_id FROM corpus_mention m WHERE m.article_id = a.id
              AND m.anchor = 'anchored' AND m.actor_id IS NOT NULL ORDER BY 1),
        ARRAY(SELECT DISTINCT m.organization_id FROM corpus_mention m WHERE m.article_id = a.id
              AND m.anchor = 'anchored' AND m.organization_id IS NOT NULL ORDER BY 1),
        ARRAY(SELECT DISTINCT w.actor_id FROM corpus_authorship w WHERE w.article_id = a.id ORDER BY 1),
        ARRAY(SELECT DISTINCT t.tag_id FROM corpus_taggedarticle t
              WHERE t.content_object_id = a.id ORDER BY 1)
    FROM corpus_article a WHERE a.id = ANY(ids)
    ORDER BY a.id
    ON CONFLICT (article_id) DO UPDATE SET
        (published, date_start, year, publication_id, actor_ids, organization_ids, author_ids, tag_ids) = ROW(EXCLUDED.published, EXCLUDED.date_start, EXCLUDED.year, EXCLUDED.publication_id, EXCLUDED.actor_ids, EXCLUDED.organization_ids, EXCLUDED.author_ids, EXCLUDED.tag_ids)
    WHERE ROW(f.published, f.date_start, f.year, f.publication_id, f.actor_ids, f.organization_ids, f.author_ids, f.tag_ids)
        IS DISTINCT FROM ROW(EXCLUDED.published, EXCLUDED.date_start, EXCLUDED.year, EXCLUDED.publication_id, EXCLUDED.actor_ids, EXCLUDED.organization_ids, EXCLUDED.author_ids, EXCLUDED.tag_ids);
END;
$$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION corpus_rebuild_article_facets() RETURNS void AS $$
BEGIN
    DELETE FROM corpus_articlefacets;
    TRUNCATE corpus_facettotal;
    PERFORM corpus_refresh_article_facets(ARRAY(SELECT id FROM corpus_article ORDER BY id));
END;
$$ LANGUAGE plpgsql;
