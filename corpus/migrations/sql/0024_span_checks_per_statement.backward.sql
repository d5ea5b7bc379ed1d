DROP TRIGGER IF EXISTS mention_spans_inside_body_inserted ON corpus_mention;
DROP TRIGGER IF EXISTS mention_spans_inside_body_updated ON corpus_mention;
DROP TRIGGER IF EXISTS annotation_spans_inside_body_inserted ON corpus_annotation;
DROP TRIGGER IF EXISTS annotation_spans_inside_body_updated ON corpus_annotation;
DROP FUNCTION IF EXISTS corpus_mentions_inside_bodies();
DROP FUNCTION IF EXISTS corpus_annotations_inside_bodies();

CREATE TRIGGER mention_span_inside_body
    BEFORE INSERT OR UPDATE ON corpus_mention
    FOR EACH ROW EXECUTE FUNCTION corpus_mention_inside_body();
CREATE TRIGGER annotation_span_inside_body
    BEFORE INSERT OR UPDATE ON corpus_annotation
    FOR EACH ROW EXECUTE FUNCTION corpus_annotation_inside_body();
