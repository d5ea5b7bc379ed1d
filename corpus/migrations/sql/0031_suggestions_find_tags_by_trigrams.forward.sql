-- Tags' names folded and stored beside the people's and organizations' forms:
-- close_names folded and compared every tag on each search that found little
-- (2,000 tags at 100k articles). The trigger keeps corpus_nameform from taggit_tag.
CREATE OR REPLACE FUNCTION corpus_tag_name_forms() RETURNS trigger
LANGUAGE plpgsql AS $fn$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    DELETE FROM corpus_nameform WHERE kind = 'tag' AND entity_id = OLD.id;
  END IF;
  IF TG_OP <> 'DELETE' THEN
    INSERT INTO corpus_nameform (kind, entity_id, folded)
    VALUES ('tag', NEW.id, lower(unaccent(NEW.name)))
    ON CONFLICT DO NOTHING;
  END IF;
  RETURN NULL;
END
$fn$;

CREATE TRIGGER tag_name_forms AFTER INSERT OR DELETE OR UPDATE OF name
ON taggit_tag FOR EACH ROW EXECUTE FUNCTION corpus_tag_name_forms();

INSERT INTO corpus_nameform (kind, entity_id, folded)
SELECT 'tag', t.id, lower(unaccent(t.name)) FROM taggit_tag t
ON CONFLICT DO NOTHING;
