"""Extensions the archive relies on, and the invariant a CHECK constraint
cannot express: every span lies inside its article's body, and an anchored
annotation's quote is exactly the text at its position."""

from django.contrib.postgres.operations import TrigramExtension, UnaccentExtension
from django.db import migrations

SPAN_CHECK = """
CREATE FUNCTION corpus_mention_inside_body() RETURNS trigger AS $$
BEGIN
    IF NEW."end" > (SELECT char_length(body) FROM corpus_article WHERE id = NEW.article_id) THEN
        RAISE EXCEPTION 'mention %-% lies outside the body of article %',
            NEW.start, NEW."end", NEW.article_id USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

-- Orphaned annotations (their passage is gone) keep their last position unchecked.
CREATE FUNCTION corpus_annotation_inside_body() RETURNS trigger AS $$
DECLARE
    body_text text;
BEGIN
    IF NEW.anchor = 'orphaned' THEN
        RETURN NEW;
    END IF;
    SELECT body INTO body_text FROM corpus_article WHERE id = NEW.article_id;
    IF NEW."end" > char_length(body_text) THEN
        RAISE EXCEPTION 'annotation %-% lies outside the body of article % (% characters)',
            NEW.start, NEW."end", NEW.article_id, char_length(body_text)
            USING ERRCODE = 'check_violation';
    END IF;
    IF substr(body_text, NEW.start + 1, NEW."end" - NEW.start) IS DISTINCT FROM NEW.exact THEN
        RAISE EXCEPTION 'annotation quote does not match the body at %-%', NEW.start, NEW."end"
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER mention_span_inside_body
    BEFORE INSERT OR UPDATE ON corpus_mention
    FOR EACH ROW EXECUTE FUNCTION corpus_mention_inside_body();
CREATE TRIGGER annotation_span_inside_body
    BEFORE INSERT OR UPDATE ON corpus_annotation
    FOR EACH ROW EXECUTE FUNCTION corpus_annotation_inside_body();

-- A body edit must leave every span inside the new body; checked at commit so
-- that re-anchoring can move spans within the same transaction.
CREATE FUNCTION corpus_body_covers_spans() RETURNS trigger AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM corpus_mention m WHERE m.article_id = NEW.id
               AND m."end" > char_length(NEW.body))
       OR EXISTS (SELECT 1 FROM corpus_annotation a WHERE a.article_id = NEW.id
               AND a.anchor = 'anchored'
               AND (a."end" > char_length(NEW.body)
                    OR substr(NEW.body, a.start + 1, a."end" - a.start) IS DISTINCT FROM a.exact))
    THEN
        RAISE EXCEPTION 'the new body of article % no longer contains all its spans', NEW.id
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE CONSTRAINT TRIGGER article_body_covers_spans
    AFTER UPDATE OF body ON corpus_article
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION corpus_body_covers_spans();
"""

SPAN_CHECK_REVERSE = """
DROP TRIGGER IF EXISTS article_body_covers_spans ON corpus_article;
DROP FUNCTION IF EXISTS corpus_body_covers_spans();
DROP TRIGGER IF EXISTS mention_span_inside_body ON corpus_mention;
DROP TRIGGER IF EXISTS annotation_span_inside_body ON corpus_annotation;
DROP FUNCTION IF EXISTS corpus_mention_inside_body();
DROP FUNCTION IF EXISTS corpus_annotation_inside_body();
"""


class Migration(migrations.Migration):
    dependencies = [("corpus", "0001_initial")]

    operations = [
        TrigramExtension(),
        UnaccentExtension(),
        migrations.RunSQL(SPAN_CHECK, SPAN_CHECK_REVERSE),
    ]
