-- Every name's skeleton, stored: corpus_search_query reduced every form of every
-- person and organization on each call (77 ms at 2k articles, once per statement that
-- searched). The triggers keep corpus_nameskeleton from the entities' names, aliases
-- and acronyms (and a person's surnames), whichever way they change.
CREATE OR REPLACE FUNCTION corpus_actor_name_skeletons() RETURNS trigger
LANGUAGE plpgsql AS $fn$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    DELETE FROM corpus_nameskeleton WHERE kind = 'actor' AND entity_id = OLD.id;
  END IF;
  IF TG_OP <> 'DELETE' THEN
    INSERT INTO corpus_nameskeleton (kind, entity_id, skeleton)
    SELECT DISTINCT 'actor', NEW.id, corpus_name_skeleton(f.form)
    FROM unnest(
      NEW.aliases || NEW.name::varchar
      || ARRAY(SELECT regexp_replace(n, '^.*\s', '') FROM unnest(NEW.aliases || NEW.name::varchar) n)
    ) AS f(form)
    ON CONFLICT DO NOTHING;
  END IF;
  RETURN NULL;
END
$fn$;

CREATE OR REPLACE FUNCTION corpus_organization_name_skeletons() RETURNS trigger
LANGUAGE plpgsql AS $fn$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    DELETE FROM corpus_nameskeleton WHERE kind = 'organization' AND entity_id = OLD.id;
  END IF;
  IF TG_OP <> 'DELETE' THEN
    INSERT INTO corpus_nameskeleton (kind, entity_id, skeleton)
    SELECT DISTINCT 'organization', NEW.id, corpus_name_skeleton(f.form)
    FROM unnest(NEW.aliases || NEW.name || NEW.acronym) AS f(form)
    ON CONFLICT DO NOTHING;
  END IF;
  RETURN NULL;
END
$fn$;

CREATE TRIGGER actor_name_skeletons AFTER INSERT OR DELETE OR UPDATE OF name, aliases
ON corpus_actor FOR EACH ROW EXECUTE FUNCTION corpus_actor_name_skeletons();
CREATE TRIGGER organization_name_skeletons
AFTER INSERT OR DELETE OR UPDATE OF name, aliases, acronym
ON corpus_organization FOR EACH ROW EXECUTE FUNCTION corpus_organization_name_skeletons();

INSERT INTO corpus_nameskeleton (kind, entity_id, skeleton)
SELECT DISTINCT 'actor', a.id, corpus_name_skeleton(f.form)
FROM corpus_actor a, LATERAL unnest(
  a.aliases || a.name::varchar
  || ARRAY(SELECT regexp_replace(n, '^.*\s', '') FROM unnest(a.aliases || a.name::varchar) n)
) AS f(form)
UNION
SELECT DISTINCT 'organization', o.id, corpus_name_skeleton(f.form)
FROM corpus_organization o, LATERAL unnest(o.aliases || o.name || o.acronym) AS f(form)
ON CONFLICT DO NOTHING;

-- As 0026, but only the entities with a name spelled like the query or one of its
-- words (found by nameskeleton_skeleton_idx) have their names read and compared.
CREATE OR REPLACE FUNCTION corpus_search_query(q text) RETURNS tsquery
LANGUAGE plpgsql STABLE AS $fn$
DECLARE
  widened tsquery := websearch_to_tsquery('english', q);
  said tsquery;
  found record;
BEGIN
  FOR found IN
    WITH wanted AS (
      SELECT btrim(q, ' "') AS said
      UNION
      SELECT btrim(w, '"()') FROM regexp_split_to_table(btrim(q), '\s+') AS w
      WHERE w !~ '^-' AND lower(w) <> 'or'
    ),
    spelled AS (
      SELECT DISTINCT s.kind, s.entity_id FROM corpus_nameskeleton s
      WHERE s.skeleton IN (SELECT corpus_name_skeleton(w.said) FROM wanted w WHERE w.said <> '')
    ),
    forms AS (
      SELECT 'actor' AS kind, a.id, f.form
      FROM corpus_actor a,
        LATERAL unnest(
          a.aliases || a.name::varchar
          || ARRAY(SELECT regexp_replace(n, '^.*\s', '') FROM unnest(a.aliases || a.name::varchar) n)
        ) AS f(form)
      WHERE a.id IN (SELECT entity_id FROM spelled WHERE kind = 'actor')
      UNION ALL
      SELECT 'organization', o.id, f.form
      FROM corpus_organization o, LATERAL unnest(o.aliases || o.name || o.acronym) AS f(form)
      WHERE o.id IN (SELECT entity_id FROM spelled WHERE kind = 'organization')
    ),
    names AS (
      -- Only what reads as a name joins a search: letters, digits, spaces and the marks
      -- names carry. A form full of markup or operators is no spelling of anyone.
      SELECT DISTINCT kind, id, form FROM forms
      WHERE form ~ '^[[:alnum:][:space:].,&''’ʹʼ`-]+$' AND form ~ '[[:alnum:]]'
    ),
    matched AS (
      -- Each entity once, for the longest part of the query that names it: "Aslan
      -- Tokhtarov" and its word "Tokhtarov" would otherwise each add the same names.
      SELECT DISTINCT ON (f.kind, f.id) w.said, f.kind, f.id
      FROM wanted w JOIN names f ON corpus_name_skeleton(f.form) = corpus_name_skeleton(w.said)
      WHERE w.said <> ''
      ORDER BY f.kind, f.id, length(w.said) DESC
    )
    SELECT m.said, websearch_to_tsquery(
      'english', string_agg(DISTINCT '"' || f.form || '"', ' or ')
    ) AS names
    FROM matched m
    -- At most 16 names of each entity, shortest first: a search's cost (its headlines
    -- above all) grows with the query, and an entity with scores of aliases must not
    -- make one search take seconds.
    CROSS JOIN LATERAL (
      SELECT n.form FROM names n WHERE n.kind = m.kind AND n.id = m.id
      ORDER BY length(n.form), n.form LIMIT 16
    ) f
    GROUP BY m.said
    ORDER BY length(m.said) DESC
  LOOP
    said := websearch_to_tsquery('english', found.said);
    IF numnode(said) > 0 AND numnode(found.names) > 0 THEN
      widened := ts_rewrite(widened, said, said || found.names);
    END IF;
  END LOOP;
  RETURN widened;
END
$fn$;
