-- A span lies inside its article's body, checked once per statement: each article's
-- length is read once, however many spans the statement wrote. The row triggers read
-- char_length(body) once per mention, so an import grew with mentions x body length.
DROP TRIGGER IF EXISTS mention_span_inside_body ON corpus_mention;
DROP TRIGGER IF EXISTS annotation_span_inside_body ON corpus_annotation;

CREATE FUNCTION corpus_mentions_inside_bodies() RETURNS trigger AS $$
DECLARE
    bad record;
BEGIN
    WITH bodies AS MATERIALIZED (
        SELECT a.id, char_length(a.body) AS length FROM corpus_article a
        WHERE a.id IN (SELECT DISTINCT article_id FROM written)
    )
    SELECT m.start, m."end", m.article_id INTO bad
    FROM written m JOIN bodies b ON b.id = m.article_id
    WHERE m.anchor <> 'orphaned' AND m."end" > b.length
    LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'mention %-% lies outside the body of article %',
            bad.start, bad."end", bad.article_id USING ERRCODE = 'check_violation';
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

-- Orphaned annotations (their passage is gone) keep their last position unchecked.
CREATE FUNCTION corpus_annotations_inside_bodies() RETURNS trigger AS $$
DECLARE
    bad record;
BEGIN
    WITH bodies AS MATERIALIZED (
        SELECT a.id, a.body, char_length(a.body) AS length FROM corpus_article a
        WHERE a.id IN (SELECT DISTINCT article_id FROM written)
    )
    SELECT n.start, n."end", n.article_id, b.length,
           n."end" <= b.length AS inside INTO bad
    FROM written n JOIN bodies b ON b.id = n.article_id
    WHERE n.anchor <> 'orphaned'
      AND (n."end" > b.length
           OR substr(b.body, n.start + 1, n."end" - n.start) IS DISTINCT FROM n.exact)
    LIMIT 1;
    IF FOUND AND NOT bad.inside THEN
        RAISE EXCEPTION 'annotation %-% lies outside the body of article % (% characters)',
            bad.start, bad."end", bad.article_id, bad.length USING ERRCODE = 'check_violation';
    ELSIF FOUND THEN
        RAISE EXCEPTION 'annotation quote does not match the body at %-%', bad.start, bad."end"
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

-- A trigger with a transition table answers one event: one for inserts, one for updates.
CREATE TRIGGER mention_spans_inside_body_inserted AFTER INSERT ON corpus_mention
    REFERENCING NEW TABLE AS written
    FOR EACH STATEMENT EXECUTE FUNCTION corpus_mentions_inside_bodies();
CREATE TRIGGER mention_spans_inside_body_updated AFTER UPDATE ON corpus_mention
    REFERENCING NEW TABLE AS written
    FOR EACH STATEMENT EXECUTE FUNCTION corpus_mentions_inside_bodies();
CREATE TRIGGER annotation_spans_inside_body_inserted AFTER INSERT ON corpus_annotation
    REFERENCING NEW TABLE AS written
    FOR EACH STATEMENT EXECUTE FUNCTION corpus_annotations_inside_bodies();
CREATE TRIGGER annotation_spans_inside_body_updated AFTER UPDATE ON corpus_annotation
    REFERENCING NEW TABLE AS written
    FOR EACH STATEMENT EXECUTE FUNCTION corpus_annotations_inside_bodies();
