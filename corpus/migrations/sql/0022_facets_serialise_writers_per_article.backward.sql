DROP TRIGGER IF EXISTS corpus_article_facets_truncate ON corpus_article;
DROP TRIGGER IF EXISTS corpus_mention_facets_truncate ON corpus_mention;
DROP TRIGGER IF EXISTS corpus_authorship_facets_truncate ON corpus_authorship;
DROP TRIGGER IF EXISTS corpus_taggedarticle_facets_truncate ON corpus_taggedarticle;
DROP FUNCTION IF EXISTS corpus_facets_truncated();
DROP TRIGGER IF EXISTS corpus_claim_claim_facets_truncate ON corpus_claim;
DROP TRIGGER IF EXISTS corpus_taggedclaim_claim_facets_truncate ON corpus_taggedclaim;
DROP TRIGGER IF EXISTS corpus_annotation_claim_facets_truncate ON corpus_annotation;
DROP TRIGGER IF EXISTS corpus_article_claim_facets_truncate ON corpus_article;
DROP TRIGGER IF EXISTS corpus_mention_claim_facets_truncate ON corpus_mention;
DROP TRIGGER IF EXISTS corpus_annotation_actors_claim_facets_truncate ON corpus_annotation_actors;
DROP TRIGGER IF EXISTS corpus_annotation_organizations_claim_facets_truncate ON corpus_annotation_organizations;
DROP FUNCTION IF EXISTS corpus_claim_facets_truncated();
DROP TRIGGER IF EXISTS corpus_taggedannotation_passage_tags_truncate ON corpus_taggedannotation;
DROP TRIGGER IF EXISTS corpus_annotation_passage_tags_truncate ON corpus_annotation;
DROP TRIGGER IF EXISTS corpus_article_passage_tags_truncate ON corpus_article;
DROP FUNCTION IF EXISTS corpus_passage_tags_truncated();
CREATE OR REPLACE FUNCTION corpus_refresh_article_facets(ids bigint[]) RETURNS void AS $$
BEGIN
    DELETE FROM corpus_articlefacets f WHERE f.article_id = ANY(ids)
        AND NOT EXISTS (SELECT 1 FROM corpus_article a WHERE a.id = f.article_id);
    INSERT INTO corpus_articlefacets AS f (article_id, published, date_start, year, publication_id, actor_ids, organization_ids, author_ids, tag_ids, search_vector)
    SELECT a.id, a.status = 'published', a.date_start, a.year, a.publication_id,
        ARRAY(SELECT DISTINCT m.actor_id FROM corpus_mention m WHERE m.article_id = a.id
              AND m.anchor = 'anchored' AND m.actor_id IS NOT NULL ORDER BY 1),
        ARRAY(SELECT DISTINCT m.organization_id FROM corpus_mention m WHERE m.article_id = a.id
              AND m.anchor = 'anchored' AND m.organization_id IS NOT NULL ORDER BY 1),
        ARRAY(SELECT DISTINCT w.actor_id FROM corpus_authorship w WHERE w.article_id = a.id ORDER BY 1),
        ARRAY(SELECT DISTINCT t.tag_id FROM corpus_taggedarticle t
              WHERE t.content_object_id = a.id ORDER BY 1), a.search_vector
    FROM corpus_article a WHERE a.id = ANY(ids)
    ORDER BY a.id
    ON CONFLICT (article_id) DO UPDATE SET
        (published, date_start, year, publication_id, actor_ids, organization_ids, author_ids, tag_ids, search_vector) = ROW(EXCLUDED.published, EXCLUDED.date_start, EXCLUDED.year, EXCLUDED.publication_id, EXCLUDED.actor_ids, EXCLUDED.organization_ids, EXCLUDED.author_ids, EXCLUDED.tag_ids, EXCLUDED.search_vector)
    WHERE ROW(f.published, f.date_start, f.year, f.publication_id, f.actor_ids, f.organization_ids, f.author_ids, f.tag_ids, f.search_vector)
        IS DISTINCT FROM ROW(EXCLUDED.published, EXCLUDED.date_start, EXCLUDED.year, EXCLUDED.publication_id, EXCLUDED.actor_ids, EXCLUDED.organization_ids, EXCLUDED.author_ids, EXCLUDED.tag_ids, EXCLUDED.search_vector);
END;
$$ LANGUAGE plpgsql;
CREATE OR REPLACE FUNCTION corpus_rebuild_article_facets() RETURNS void AS $$
BEGIN
    DELETE FROM corpus_articlefacets;
    TRUNCATE corpus_facettotal;
    PERFORM corpus_refresh_article_facets(ARRAY(SELECT id FROM corpus_article ORDER BY id));
END;
$$ LANGUAGE plpgsql;
CREATE OR REPLACE FUNCTION corpus_facet_totals() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        
        INSERT INTO corpus_facettotal (facet, value, count)
        SELECT facet, value, sum(n) FROM (SELECT facet, value, 1 AS n FROM (SELECT 'actor' AS facet, unnest(actor_ids) AS value FROM new_rows WHERE published UNION ALL SELECT 'organization' AS facet, unnest(organization_ids) AS value FROM new_rows WHERE published UNION ALL SELECT 'author' AS facet, unnest(author_ids) AS value FROM new_rows WHERE published UNION ALL SELECT 'tag' AS facet, unnest(tag_ids) AS value FROM new_rows WHERE published UNION ALL SELECT 'publication', publication_id FROM new_rows WHERE published AND publication_id IS NOT NULL UNION ALL SELECT 'year', year FROM new_rows WHERE published AND year IS NOT NULL UNION ALL SELECT 'all', 0 FROM new_rows WHERE published) v) d GROUP BY facet, value
        HAVING sum(n) <> 0 ORDER BY facet, value
        ON CONFLICT (facet, value) DO UPDATE SET count = corpus_facettotal.count + EXCLUDED.count;
    ELSIF TG_OP = 'UPDATE' THEN
        
        INSERT INTO corpus_facettotal (facet, value, count)
        SELECT facet, value, sum(n) FROM (SELECT facet, value, 1 AS n FROM (SELECT 'actor' AS facet, unnest(actor_ids) AS value FROM new_rows WHERE published UNION ALL SELECT 'organization' AS facet, unnest(organization_ids) AS value FROM new_rows WHERE published UNION ALL SELECT 'author' AS facet, unnest(author_ids) AS value FROM new_rows WHERE published UNION ALL SELECT 'tag' AS facet, unnest(tag_ids) AS value FROM new_rows WHERE published UNION ALL SELECT 'publication', publication_id FROM new_rows WHERE published AND publication_id IS NOT NULL UNION ALL SELECT 'year', year FROM new_rows WHERE published AND year IS NOT NULL UNION ALL SELECT 'all', 0 FROM new_rows WHERE published) v UNION ALL SELECT facet, value, -1 FROM (SELECT 'actor' AS facet, unnest(actor_ids) AS value FROM old_rows WHERE published UNION ALL SELECT 'organization' AS facet, unnest(organization_ids) AS value FROM old_rows WHERE published UNION ALL SELECT 'author' AS facet, unnest(author_ids) AS value FROM old_rows WHERE published UNION ALL SELECT 'tag' AS facet, unnest(tag_ids) AS value FROM old_rows WHERE published UNION ALL SELECT 'publication', publication_id FROM old_rows WHERE published AND publication_id IS NOT NULL UNION ALL SELECT 'year', year FROM old_rows WHERE published AND year IS NOT NULL UNION ALL SELECT 'all', 0 FROM old_rows WHERE published) o) d GROUP BY facet, value
        HAVING sum(n) <> 0 ORDER BY facet, value
        ON CONFLICT (facet, value) DO UPDATE SET count = corpus_facettotal.count + EXCLUDED.count;
    ELSE
        
        INSERT INTO corpus_facettotal (facet, value, count)
        SELECT facet, value, sum(n) FROM (SELECT facet, value, -1 AS n FROM (SELECT 'actor' AS facet, unnest(actor_ids) AS value FROM old_rows WHERE published UNION ALL SELECT 'organization' AS facet, unnest(organization_ids) AS value FROM old_rows WHERE published UNION ALL SELECT 'author' AS facet, unnest(author_ids) AS value FROM old_rows WHERE published UNION ALL SELECT 'tag' AS facet, unnest(tag_ids) AS value FROM old_rows WHERE published UNION ALL SELECT 'publication', publication_id FROM old_rows WHERE published AND publication_id IS NOT NULL UNION ALL SELECT 'year', year FROM old_rows WHERE published AND year IS NOT NULL UNION ALL SELECT 'all', 0 FROM old_rows WHERE published) v) d GROUP BY facet, value
        HAVING sum(n) <> 0 ORDER BY facet, value
        ON CONFLICT (facet, value) DO UPDATE SET count = corpus_facettotal.count + EXCLUDED.count;
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
CREATE OR REPLACE FUNCTION corpus_article_facets() RETURNS trigger AS $$
BEGIN
    IF current_setting('corpus.defer_facets', true) = 'on' THEN
        RETURN NULL;
    END IF;
    IF TG_OP = 'INSERT' THEN
        PERFORM corpus_refresh_article_facets(ARRAY(SELECT id FROM new_rows));
    ELSIF TG_OP = 'UPDATE' THEN
        PERFORM corpus_refresh_article_facets(ARRAY(SELECT id FROM new_rows UNION SELECT id FROM old_rows));
    ELSIF TG_OP = 'DELETE' THEN
        PERFORM corpus_refresh_article_facets(ARRAY(SELECT id FROM old_rows));
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
CREATE OR REPLACE FUNCTION corpus_mention_facets() RETURNS trigger AS $$
BEGIN
    IF current_setting('corpus.defer_facets', true) = 'on' THEN
        RETURN NULL;
    END IF;
    IF TG_OP = 'INSERT' THEN
        PERFORM corpus_refresh_article_facets(ARRAY(SELECT article_id FROM new_rows));
    ELSIF TG_OP = 'UPDATE' THEN
        PERFORM corpus_refresh_article_facets(ARRAY(SELECT article_id FROM new_rows UNION SELECT article_id FROM old_rows));
    ELSIF TG_OP = 'DELETE' THEN
        PERFORM corpus_refresh_article_facets(ARRAY(SELECT article_id FROM old_rows));
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
CREATE OR REPLACE FUNCTION corpus_authorship_facets() RETURNS trigger AS $$
BEGIN
    IF current_setting('corpus.defer_facets', true) = 'on' THEN
        RETURN NULL;
    END IF;
    IF TG_OP = 'INSERT' THEN
        PERFORM corpus_refresh_article_facets(ARRAY(SELECT article_id FROM new_rows));
    ELSIF TG_OP = 'UPDATE' THEN
        PERFORM corpus_refresh_article_facets(ARRAY(SELECT article_id FROM new_rows UNION SELECT article_id FROM old_rows));
    ELSIF TG_OP = 'DELETE' THEN
        PERFORM corpus_refresh_article_facets(ARRAY(SELECT article_id FROM old_rows));
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
CREATE OR REPLACE FUNCTION corpus_taggedarticle_facets() RETURNS trigger AS $$
BEGIN
    IF current_setting('corpus.defer_facets', true) = 'on' THEN
        RETURN NULL;
    END IF;
    IF TG_OP = 'INSERT' THEN
        PERFORM corpus_refresh_article_facets(ARRAY(SELECT content_object_id FROM new_rows));
    ELSIF TG_OP = 'UPDATE' THEN
        PERFORM corpus_refresh_article_facets(ARRAY(SELECT content_object_id FROM new_rows UNION SELECT content_object_id FROM old_rows));
    ELSIF TG_OP = 'DELETE' THEN
        PERFORM corpus_refresh_article_facets(ARRAY(SELECT content_object_id FROM old_rows));
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
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
CREATE OR REPLACE FUNCTION corpus_claim_facet_totals() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        
        INSERT INTO corpus_claimfacettotal (facet, value, count)
        SELECT facet, value, sum(n) FROM (SELECT facet, value, 1 AS n FROM (SELECT 'actor' AS facet, claimant_actor_id::text AS value FROM new_rows WHERE claimant_actor_id IS NOT NULL UNION ALL SELECT 'organization', claimant_organization_id::text FROM new_rows WHERE claimant_organization_id IS NOT NULL UNION ALL SELECT 'kind', kind FROM new_rows UNION ALL SELECT 'tag', unnest(tag_ids)::text FROM new_rows UNION ALL SELECT 'article', article_id::text FROM new_rows) v) d GROUP BY facet, value
        HAVING sum(n) <> 0 ORDER BY facet, value
        ON CONFLICT (facet, value) DO UPDATE SET count = corpus_claimfacettotal.count + EXCLUDED.count;
    ELSIF TG_OP = 'UPDATE' THEN
        
        INSERT INTO corpus_claimfacettotal (facet, value, count)
        SELECT facet, value, sum(n) FROM (SELECT facet, value, 1 AS n FROM (SELECT 'actor' AS facet, claimant_actor_id::text AS value FROM new_rows WHERE claimant_actor_id IS NOT NULL UNION ALL SELECT 'organization', claimant_organization_id::text FROM new_rows WHERE claimant_organization_id IS NOT NULL UNION ALL SELECT 'kind', kind FROM new_rows UNION ALL SELECT 'tag', unnest(tag_ids)::text FROM new_rows UNION ALL SELECT 'article', article_id::text FROM new_rows) v UNION ALL SELECT facet, value, -1 FROM (SELECT 'actor' AS facet, claimant_actor_id::text AS value FROM old_rows WHERE claimant_actor_id IS NOT NULL UNION ALL SELECT 'organization', claimant_organization_id::text FROM old_rows WHERE claimant_organization_id IS NOT NULL UNION ALL SELECT 'kind', kind FROM old_rows UNION ALL SELECT 'tag', unnest(tag_ids)::text FROM old_rows UNION ALL SELECT 'article', article_id::text FROM old_rows) o) d GROUP BY facet, value
        HAVING sum(n) <> 0 ORDER BY facet, value
        ON CONFLICT (facet, value) DO UPDATE SET count = corpus_claimfacettotal.count + EXCLUDED.count;
    ELSE
        
        INSERT INTO corpus_claimfacettotal (facet, value, count)
        SELECT facet, value, sum(n) FROM (SELECT facet, value, -1 AS n FROM (SELECT 'actor' AS facet, claimant_actor_id::text AS value FROM old_rows WHERE claimant_actor_id IS NOT NULL UNION ALL SELECT 'organization', claimant_organization_id::text FROM old_rows WHERE claimant_organization_id IS NOT NULL UNION ALL SELECT 'kind', kind FROM old_rows UNION ALL SELECT 'tag', unnest(tag_ids)::text FROM old_rows UNION ALL SELECT 'article', article_id::text FROM old_rows) v) d GROUP BY facet, value
        HAVING sum(n) <> 0 ORDER BY facet, value
        ON CONFLICT (facet, value) DO UPDATE SET count = corpus_claimfacettotal.count + EXCLUDED.count;
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
CREATE OR REPLACE FUNCTION corpus_claim_claim_facets() RETURNS trigger AS $$
BEGIN
    IF current_setting('corpus.defer_facets', true) = 'on' THEN
        RETURN NULL;
    END IF;
    IF TG_OP = 'INSERT' THEN
        PERFORM corpus_refresh_claim_facets(ARRAY(SELECT id FROM new_rows));
    ELSIF TG_OP = 'UPDATE' THEN
        PERFORM corpus_refresh_claim_facets(ARRAY(SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE ROW(n.status, n.claimant_actor_id, n.claimant_organization_id, n.kind, n.text, n.annotation_id) IS DISTINCT FROM ROW(o.status, o.claimant_actor_id, o.claimant_organization_id, o.kind, o.text, o.annotation_id)));
    ELSIF TG_OP = 'DELETE' THEN
        PERFORM corpus_refresh_claim_facets(ARRAY(SELECT id FROM old_rows));
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
CREATE OR REPLACE FUNCTION corpus_taggedclaim_claim_facets() RETURNS trigger AS $$
BEGIN
    IF current_setting('corpus.defer_facets', true) = 'on' THEN
        RETURN NULL;
    END IF;
    IF TG_OP = 'INSERT' THEN
        PERFORM corpus_refresh_claim_facets(ARRAY(SELECT content_object_id FROM new_rows));
    ELSIF TG_OP = 'UPDATE' THEN
        PERFORM corpus_refresh_claim_facets(ARRAY(SELECT content_object_id FROM new_rows UNION SELECT content_object_id FROM old_rows));
    ELSIF TG_OP = 'DELETE' THEN
        PERFORM corpus_refresh_claim_facets(ARRAY(SELECT content_object_id FROM old_rows));
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
CREATE OR REPLACE FUNCTION corpus_annotation_claim_facets() RETURNS trigger AS $$
BEGIN
    IF current_setting('corpus.defer_facets', true) = 'on' THEN
        RETURN NULL;
    END IF;
    IF TG_OP = 'INSERT' THEN
        PERFORM corpus_refresh_claim_facets(ARRAY(SELECT id FROM corpus_claim WHERE annotation_id IN (SELECT id FROM new_rows)));
    ELSIF TG_OP = 'UPDATE' THEN
        PERFORM corpus_refresh_claim_facets(ARRAY(SELECT id FROM corpus_claim WHERE annotation_id IN (SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE ROW(n.status, n.anchor, n.start, n."end", n.article_id) IS DISTINCT FROM ROW(o.status, o.anchor, o.start, o."end", o.article_id))));
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
CREATE OR REPLACE FUNCTION corpus_article_claim_facets() RETURNS trigger AS $$
BEGIN
    IF current_setting('corpus.defer_facets', true) = 'on' THEN
        RETURN NULL;
    END IF;
    IF TG_OP = 'INSERT' THEN
        PERFORM corpus_refresh_claim_facets(ARRAY(SELECT c.id FROM corpus_claim c JOIN corpus_annotation n ON n.id = c.annotation_id WHERE n.article_id IN (SELECT id FROM new_rows)));
    ELSIF TG_OP = 'UPDATE' THEN
        PERFORM corpus_refresh_claim_facets(ARRAY(SELECT c.id FROM corpus_claim c JOIN corpus_annotation n ON n.id = c.annotation_id WHERE n.article_id IN (SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE ROW(n.status, n.date_start) IS DISTINCT FROM ROW(o.status, o.date_start))));
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
CREATE OR REPLACE FUNCTION corpus_mention_claim_facets() RETURNS trigger AS $$
BEGIN
    IF current_setting('corpus.defer_facets', true) = 'on' THEN
        RETURN NULL;
    END IF;
    IF TG_OP = 'INSERT' THEN
        PERFORM corpus_refresh_claim_facets(ARRAY(SELECT c.id FROM corpus_claim c JOIN corpus_annotation n ON n.id = c.annotation_id WHERE n.article_id IN (SELECT article_id FROM new_rows)));
    ELSIF TG_OP = 'UPDATE' THEN
        PERFORM corpus_refresh_claim_facets(ARRAY(SELECT c.id FROM corpus_claim c JOIN corpus_annotation n ON n.id = c.annotation_id WHERE n.article_id IN (SELECT article_id FROM new_rows WHERE id IN (SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE ROW(n.article_id, n.start, n."end", n.anchor, n.actor_id, n.organization_id) IS DISTINCT FROM ROW(o.article_id, o.start, o."end", o.anchor, o.actor_id, o.organization_id)) UNION SELECT article_id FROM old_rows WHERE id IN (SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE ROW(n.article_id, n.start, n."end", n.anchor, n.actor_id, n.organization_id) IS DISTINCT FROM ROW(o.article_id, o.start, o."end", o.anchor, o.actor_id, o.organization_id)))));
    ELSIF TG_OP = 'DELETE' THEN
        PERFORM corpus_refresh_claim_facets(ARRAY(SELECT c.id FROM corpus_claim c JOIN corpus_annotation n ON n.id = c.annotation_id WHERE n.article_id IN (SELECT article_id FROM old_rows)));
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
CREATE OR REPLACE FUNCTION corpus_annotation_actors_claim_facets() RETURNS trigger AS $$
BEGIN
    IF current_setting('corpus.defer_facets', true) = 'on' THEN
        RETURN NULL;
    END IF;
    IF TG_OP = 'INSERT' THEN
        PERFORM corpus_refresh_claim_facets(ARRAY(SELECT id FROM corpus_claim WHERE annotation_id IN (SELECT annotation_id FROM new_rows)));
    ELSIF TG_OP = 'UPDATE' THEN
        PERFORM corpus_refresh_claim_facets(ARRAY(SELECT id FROM corpus_claim WHERE annotation_id IN (SELECT annotation_id FROM new_rows UNION SELECT annotation_id FROM old_rows)));
    ELSIF TG_OP = 'DELETE' THEN
        PERFORM corpus_refresh_claim_facets(ARRAY(SELECT id FROM corpus_claim WHERE annotation_id IN (SELECT annotation_id FROM old_rows)));
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
CREATE OR REPLACE FUNCTION corpus_annotation_organizations_claim_facets() RETURNS trigger AS $$
BEGIN
    IF current_setting('corpus.defer_facets', true) = 'on' THEN
        RETURN NULL;
    END IF;
    IF TG_OP = 'INSERT' THEN
        PERFORM corpus_refresh_claim_facets(ARRAY(SELECT id FROM corpus_claim WHERE annotation_id IN (SELECT annotation_id FROM new_rows)));
    ELSIF TG_OP = 'UPDATE' THEN
        PERFORM corpus_refresh_claim_facets(ARRAY(SELECT id FROM corpus_claim WHERE annotation_id IN (SELECT annotation_id FROM new_rows UNION SELECT annotation_id FROM old_rows)));
    ELSIF TG_OP = 'DELETE' THEN
        PERFORM corpus_refresh_claim_facets(ARRAY(SELECT id FROM corpus_claim WHERE annotation_id IN (SELECT annotation_id FROM old_rows)));
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
CREATE OR REPLACE FUNCTION corpus_refresh_passage_tags(ids bigint[]) RETURNS void AS $$
BEGIN
    DELETE FROM corpus_passagetags p WHERE p.annotation_id = ANY(ids)
        AND NOT EXISTS (
            SELECT 1 FROM corpus_taggedannotation t
            JOIN corpus_annotation n ON n.id = t.content_object_id
            JOIN corpus_article a ON a.id = n.article_id
            WHERE t.content_object_id = p.annotation_id AND n.status = 'published' AND n.anchor = 'anchored' AND a.status = 'published');
    INSERT INTO corpus_passagetags AS p (annotation_id, tag_ids)
    
    SELECT t.content_object_id, array_agg(DISTINCT t.tag_id ORDER BY t.tag_id)
    FROM corpus_taggedannotation t
    JOIN corpus_annotation n ON n.id = t.content_object_id
    JOIN corpus_article a ON a.id = n.article_id
    WHERE t.content_object_id = ANY(ids) AND n.status = 'published' AND n.anchor = 'anchored' AND a.status = 'published'
    GROUP BY t.content_object_id
    ORDER BY 1
    ON CONFLICT (annotation_id) DO UPDATE SET tag_ids = EXCLUDED.tag_ids
    WHERE p.tag_ids IS DISTINCT FROM EXCLUDED.tag_ids;
END;
$$ LANGUAGE plpgsql;
CREATE OR REPLACE FUNCTION corpus_rebuild_passage_tags() RETURNS void AS $$
BEGIN
    TRUNCATE corpus_passagetags, corpus_passagetagtotal;
    INSERT INTO corpus_passagetags (annotation_id, tag_ids) 
    SELECT t.content_object_id, array_agg(DISTINCT t.tag_id ORDER BY t.tag_id)
    FROM corpus_taggedannotation t
    JOIN corpus_annotation n ON n.id = t.content_object_id
    JOIN corpus_article a ON a.id = n.article_id
    WHERE true AND n.status = 'published' AND n.anchor = 'anchored' AND a.status = 'published'
    GROUP BY t.content_object_id;
    ANALYZE corpus_passagetags;
    ANALYZE corpus_passagetagtotal;
END;
$$ LANGUAGE plpgsql;
CREATE OR REPLACE FUNCTION corpus_passage_tag_totals() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        
        INSERT INTO corpus_passagetagtotal (tag_id, count)
        SELECT tag_id, sum(n) FROM (SELECT tag_id, 1 AS n FROM (SELECT unnest(tag_ids) AS tag_id FROM new_rows) v) d GROUP BY tag_id
        HAVING sum(n) <> 0 ORDER BY tag_id
        ON CONFLICT (tag_id) DO UPDATE SET count = corpus_passagetagtotal.count + EXCLUDED.count;
    ELSIF TG_OP = 'UPDATE' THEN
        
        INSERT INTO corpus_passagetagtotal (tag_id, count)
        SELECT tag_id, sum(n) FROM (SELECT tag_id, 1 AS n FROM (SELECT unnest(tag_ids) AS tag_id FROM new_rows) v UNION ALL SELECT tag_id, -1 FROM (SELECT unnest(tag_ids) AS tag_id FROM old_rows) o) d GROUP BY tag_id
        HAVING sum(n) <> 0 ORDER BY tag_id
        ON CONFLICT (tag_id) DO UPDATE SET count = corpus_passagetagtotal.count + EXCLUDED.count;
    ELSE
        
        INSERT INTO corpus_passagetagtotal (tag_id, count)
        SELECT tag_id, sum(n) FROM (SELECT tag_id, -1 AS n FROM (SELECT unnest(tag_ids) AS tag_id FROM old_rows) v) d GROUP BY tag_id
        HAVING sum(n) <> 0 ORDER BY tag_id
        ON CONFLICT (tag_id) DO UPDATE SET count = corpus_passagetagtotal.count + EXCLUDED.count;
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
CREATE OR REPLACE FUNCTION corpus_taggedannotation_passage_tags() RETURNS trigger AS $$
BEGIN
    IF current_setting('corpus.defer_facets', true) = 'on' THEN
        RETURN NULL;
    END IF;
    IF TG_OP = 'INSERT' THEN
        PERFORM corpus_refresh_passage_tags(ARRAY(SELECT content_object_id FROM new_rows));
    ELSIF TG_OP = 'UPDATE' THEN
        PERFORM corpus_refresh_passage_tags(ARRAY(SELECT content_object_id FROM new_rows UNION SELECT content_object_id FROM old_rows));
    ELSIF TG_OP = 'DELETE' THEN
        PERFORM corpus_refresh_passage_tags(ARRAY(SELECT content_object_id FROM old_rows));
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
CREATE OR REPLACE FUNCTION corpus_annotation_passage_tags() RETURNS trigger AS $$
BEGIN
    IF current_setting('corpus.defer_facets', true) = 'on' THEN
        RETURN NULL;
    END IF;
    IF TG_OP = 'UPDATE' THEN
        PERFORM corpus_refresh_passage_tags(ARRAY(SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE ROW(n.status, n.anchor, n.article_id) IS DISTINCT FROM ROW(o.status, o.anchor, o.article_id)));
    ELSIF TG_OP = 'DELETE' THEN
        PERFORM corpus_refresh_passage_tags(ARRAY(SELECT id FROM old_rows));
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
CREATE OR REPLACE FUNCTION corpus_article_passage_tags() RETURNS trigger AS $$
BEGIN
    IF current_setting('corpus.defer_facets', true) = 'on' THEN
        RETURN NULL;
    END IF;
    IF TG_OP = 'UPDATE' THEN
        PERFORM corpus_refresh_passage_tags(ARRAY(SELECT id FROM corpus_annotation WHERE article_id IN (SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE ROW(n.status) IS DISTINCT FROM ROW(o.status))));
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
DROP FUNCTION IF EXISTS corpus_facets_deferred();
DROP FUNCTION IF EXISTS corpus_defer_facets();
