"""The body check at commit reads the body as it is then, not as one UPDATE
left it, so that a transaction that edits a body twice (an edit and a revert)
is judged on its last version."""

from django.db import migrations

CHECK = """
CREATE OR REPLACE FUNCTION corpus_body_covers_spans() RETURNS trigger AS $$
DECLARE
    body_text text;
BEGIN
    -- The body as it is now: several edits in one transaction are checked against the last.
    SELECT body INTO body_text FROM corpus_article WHERE id = NEW.id;
    IF body_text IS NULL THEN
        RETURN NULL;
    END IF;
    IF EXISTS (SELECT 1 FROM corpus_mention m WHERE m.article_id = NEW.id
               AND m.anchor = 'anchored'
               AND m."end" > char_length(body_text))
       OR EXISTS (SELECT 1 FROM corpus_annotation a WHERE a.article_id = NEW.id
               AND a.anchor = 'anchored'
               AND (a."end" > char_length(body_text)
                    OR substr(body_text, a.start + 1, a."end" - a.start) IS DISTINCT FROM a.exact))
    THEN
        RAISE EXCEPTION 'the new body of article % no longer contains all its spans', NEW.id
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
"""

CHECK_REVERSE = """
CREATE OR REPLACE FUNCTION corpus_body_covers_spans() RETURNS trigger AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM corpus_mention m WHERE m.article_id = NEW.id
               AND m.anchor = 'anchored'
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
"""


class Migration(migrations.Migration):
    dependencies = [("corpus", "0006_editors_and_reviewers_groups")]

    operations = [migrations.RunSQL(CHECK, CHECK_REVERSE)]
