-- Every name folded as the suggestions compare it (lower(unaccent(form))), stored:
-- close_names folded and compared every form of every person and organization on
-- each search that found little (18 ms at 2k articles). The triggers keep
-- corpus_nameform from the entities' names, aliases and acronyms.
CREATE OR REPLACE FUNCTION corpus_actor_name_forms() RETURNS trigger
LANGUAGE plpgsql AS $fn$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    DELETE FROM corpus_nameform WHERE kind = 'actor' AND entity_id = OLD.id;
  END IF;
  IF TG_OP <> 'DELETE' THEN
    INSERT INTO corpus_nameform (kind, entity_id, folded)
    SELECT DISTINCT 'actor', NEW.id, lower(unaccent(f.form))
    FROM unnest(NEW.aliases || NEW.name::varchar) AS f(form)
    ON CONFLICT DO NOTHING;
  END IF;
  RETURN NULL;
END
$fn$;

CREATE OR REPLACE FUNCTION corpus_organization_name_forms() RETURNS trigger
LANGUAGE plpgsql AS $fn$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    DELETE FROM corpus_nameform WHERE kind = 'organization' AND entity_id = OLD.id;
  END IF;
  IF TG_OP <> 'DELETE' THEN
    INSERT INTO corpus_nameform (kind, entity_id, folded)
    SELECT DISTINCT 'organization', NEW.id, lower(unaccent(f.form))
    FROM unnest(NEW.aliases || NEW.name || NEW.acronym) AS f(form)
    WHERE f.form <> ''
    ON CONFLICT DO NOTHING;
  END IF;
  RETURN NULL;
END
$fn$;

CREATE TRIGGER actor_name_forms AFTER INSERT OR DELETE OR UPDATE OF name, aliases
ON corpus_actor FOR EACH ROW EXECUTE FUNCTION corpus_actor_name_forms();
CREATE TRIGGER organization_name_forms
AFTER INSERT OR DELETE OR UPDATE OF name, aliases, acronym
ON corpus_organization FOR EACH ROW EXECUTE FUNCTION corpus_organization_name_forms();

INSERT INTO corpus_nameform (kind, entity_id, folded)
SELECT DISTINCT 'actor', a.id, lower(unaccent(f.form))
FROM corpus_actor a, LATERAL unnest(a.aliases || a.name::varchar) AS f(form)
UNION
SELECT DISTINCT 'organization', o.id, lower(unaccent(f.form))
FROM corpus_organization o, LATERAL unnest(o.aliases || o.name || o.acronym) AS f(form)
WHERE f.form <> ''
ON CONFLICT DO NOTHING;
