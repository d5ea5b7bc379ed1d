
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

CREATE TRIGGER corpus_passagetags_passage_tags_insert AFTER INSERT ON corpus_passagetags REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION corpus_passage_tag_totals();
CREATE TRIGGER corpus_passagetags_passage_tags_update AFTER UPDATE ON corpus_passagetags REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION corpus_passage_tag_totals();
CREATE TRIGGER corpus_passagetags_passage_tags_delete AFTER DELETE ON corpus_passagetags REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION corpus_passage_tag_totals();

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

CREATE TRIGGER corpus_taggedannotation_passage_tags_insert AFTER INSERT ON corpus_taggedannotation REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION corpus_taggedannotation_passage_tags();
CREATE TRIGGER corpus_taggedannotation_passage_tags_update AFTER UPDATE ON corpus_taggedannotation REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION corpus_taggedannotation_passage_tags();
CREATE TRIGGER corpus_taggedannotation_passage_tags_delete AFTER DELETE ON corpus_taggedannotation REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION corpus_taggedannotation_passage_tags();
CREATE TRIGGER corpus_annotation_passage_tags_update AFTER UPDATE ON corpus_annotation REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION corpus_annotation_passage_tags();
CREATE TRIGGER corpus_annotation_passage_tags_delete AFTER DELETE ON corpus_annotation REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION corpus_annotation_passage_tags();
CREATE TRIGGER corpus_article_passage_tags_update AFTER UPDATE ON corpus_article REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION corpus_article_passage_tags();
SELECT corpus_rebuild_passage_tags();