
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


CREATE OR REPLACE FUNCTION corpus_facet_totals() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        
        INSERT INTO corpus_facettotal (facet, value, count)
        SELECT facet, value, sum(n) FROM (SELECT facet, value, 1 AS n FROM (SELECT 'actor' AS facet, unnest(actor_ids) AS value FROM new_rows WHERE published UNION ALL SELECT 'organization' AS facet, unnest(organization_ids) AS value FROM new_rows WHERE published UNION ALL SELECT 'author' AS facet, unnest(author_ids) AS value FROM new_rows WHERE published UNION ALL SELECT 'tag' AS facet, unnest(tag_ids) AS value FROM new_rows WHERE published UNION ALL SELECT 'publication', publication_id FROM new_rows WHERE published AND publication_id IS NOT NULL UNION ALL SELECT 'year', year FROM new_rows WHERE published AND year IS NOT NULL) v) d GROUP BY facet, value
        HAVING sum(n) <> 0 ORDER BY facet, value
        ON CONFLICT (facet, value) DO UPDATE SET count = corpus_facettotal.count + EXCLUDED.count;
    ELSIF TG_OP = 'UPDATE' THEN
        
        INSERT INTO corpus_facettotal (facet, value, count)
        SELECT facet, value, sum(n) FROM (SELECT facet, value, 1 AS n FROM (SELECT 'actor' AS facet, unnest(actor_ids) AS value FROM new_rows WHERE published UNION ALL SELECT 'organization' AS facet, unnest(organization_ids) AS value FROM new_rows WHERE published UNION ALL SELECT 'author' AS facet, unnest(author_ids) AS value FROM new_rows WHERE published UNION ALL SELECT 'tag' AS facet, unnest(tag_ids) AS value FROM new_rows WHERE published UNION ALL SELECT 'publication', publication_id FROM new_rows WHERE published AND publication_id IS NOT NULL UNION ALL SELECT 'year', year FROM new_rows WHERE published AND year IS NOT NULL) v UNION ALL SELECT facet, value, -1 FROM (SELECT 'actor' AS facet, unnest(actor_ids) AS value FROM old_rows WHERE published UNION ALL SELECT 'organization' AS facet, unnest(organization_ids) AS value FROM old_rows WHERE published UNION ALL SELECT 'author' AS facet, unnest(author_ids) AS value FROM old_rows WHERE published UNION ALL SELECT 'tag' AS facet, unnest(tag_ids) AS value FROM old_rows WHERE published UNION ALL SELECT 'publication', publication_id FROM old_rows WHERE published AND publication_id IS NOT NULL UNION ALL SELECT 'year', year FROM old_rows WHERE published AND year IS NOT NULL) o) d GROUP BY facet, value
        HAVING sum(n) <> 0 ORDER BY facet, value
        ON CONFLICT (facet, value) DO UPDATE SET count = corpus_facettotal.count + EXCLUDED.count;
    ELSE
        
        INSERT INTO corpus_facettotal (facet, value, count)
        SELECT facet, value, sum(n) FROM (SELECT facet, value, -1 AS n FROM (SELECT 'actor' AS facet, unnest(actor_ids) AS value FROM old_rows WHERE published UNION ALL SELECT 'organization' AS facet, unnest(organization_ids) AS value FROM old_rows WHERE published UNION ALL SELECT 'author' AS facet, unnest(author_ids) AS value FROM old_rows WHERE published UNION ALL SELECT 'tag' AS facet, unnest(tag_ids) AS value FROM old_rows WHERE published UNION ALL SELECT 'publication', publication_id FROM old_rows WHERE published AND publication_id IS NOT NULL UNION ALL SELECT 'year', year FROM old_rows WHERE published AND year IS NOT NULL) v) d GROUP BY facet, value
        HAVING sum(n) <> 0 ORDER BY facet, value
        ON CONFLICT (facet, value) DO UPDATE SET count = corpus_facettotal.count + EXCLUDED.count;
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER corpus_articlefacets_facets_insert AFTER INSERT ON corpus_articlefacets REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION corpus_facet_totals();
CREATE TRIGGER corpus_articlefacets_facets_update AFTER UPDATE ON corpus_articlefacets REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION corpus_facet_totals();
CREATE TRIGGER corpus_articlefacets_facets_delete AFTER DELETE ON corpus_articlefacets REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION corpus_facet_totals();

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

CREATE TRIGGER corpus_article_facets_insert AFTER INSERT ON corpus_article REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION corpus_article_facets();
CREATE TRIGGER corpus_article_facets_update AFTER UPDATE ON corpus_article REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION corpus_article_facets();
CREATE TRIGGER corpus_article_facets_delete AFTER DELETE ON corpus_article REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION corpus_article_facets();
CREATE TRIGGER corpus_mention_facets_insert AFTER INSERT ON corpus_mention REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION corpus_mention_facets();
CREATE TRIGGER corpus_mention_facets_update AFTER UPDATE ON corpus_mention REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION corpus_mention_facets();
CREATE TRIGGER corpus_mention_facets_delete AFTER DELETE ON corpus_mention REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION corpus_mention_facets();
CREATE TRIGGER corpus_authorship_facets_insert AFTER INSERT ON corpus_authorship REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION corpus_authorship_facets();
CREATE TRIGGER corpus_authorship_facets_update AFTER UPDATE ON corpus_authorship REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION corpus_authorship_facets();
CREATE TRIGGER corpus_authorship_facets_delete AFTER DELETE ON corpus_authorship REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION corpus_authorship_facets();
CREATE TRIGGER corpus_taggedarticle_facets_insert AFTER INSERT ON corpus_taggedarticle REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION corpus_taggedarticle_facets();
CREATE TRIGGER corpus_taggedarticle_facets_update AFTER UPDATE ON corpus_taggedarticle REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION corpus_taggedarticle_facets();
CREATE TRIGGER corpus_taggedarticle_facets_delete AFTER DELETE ON corpus_taggedarticle REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION corpus_taggedarticle_facets();
SELECT corpus_rebuild_article_facets();