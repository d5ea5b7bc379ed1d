"""Orphaned mentions, like orphaned annotations, keep their last position
unchecked: their passage is gone from the body until an editor places them."""

from django.db import migrations

CHECKS = """
CREATE OR REPLACE FUNCTION corpus_mention_inside_body() RETURNS trigger AS $$
BEGIN
    IF NEW.anchor = 'orphaned' THEN
        RETURN NEW;
    END IF;
    IF NEW."end" > (SELECT char_length(body) FROM corpus_article WHERE id = NEW.article_id) THEN
        RAISE EXCEPTION 'mention %-% lies outside the body of article %',
            NEW.start, NEW."end", NEW.article_id USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

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

CHECKS_REVERSE = """
CREATE OR REPLACE FUNCTION corpus_mention_inside_body() RETURNS trigger AS $$
BEGIN
    IF NEW."end" > (SELECT char_length(body) FROM corpus_article WHERE id = NEW.article_id) THEN
        RAISE EXCEPTION 'mention %-% lies outside the body of article %',
            NEW.start, NEW."end", NEW.article_id USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION corpus_body_covers_spans() RETURNS trigger AS $$
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
"""


class Migration(migrations.Migration):
    dependencies = [("corpus", "0004_history_publishing_orphaned_mentions")]

    operations = [migrations.RunSQL(CHECKS, CHECKS_REVERSE)]
