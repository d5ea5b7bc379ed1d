DROP TRIGGER IF EXISTS actor_name_skeletons ON corpus_actor;
DROP TRIGGER IF EXISTS organization_name_skeletons ON corpus_organization;
DROP FUNCTION IF EXISTS corpus_actor_name_skeletons();
DROP FUNCTION IF EXISTS corpus_organization_name_skeletons();
-- The search `q` in websearch syntax, where the whole query or one of its words is a
-- known name, alias or acronym of a person or organization (or a person's surname),
-- under any spelling the rules allow, also matches every other name of that entity:
-- "Rahmonov" finds "Rakhmonov" and "Rahmon"; "North Atlantic Treaty Organization"
-- finds "NATO". The text still ranks and highlights: the names join the query.
CREATE OR REPLACE FUNCTION corpus_search_query(q text) RETURNS tsquery
LANGUAGE plpgsql STABLE AS $fn$
DECLARE
  widened tsquery := websearch_to_tsquery('english', q);
  said tsquery;
  found record;
BEGIN
  FOR found IN
    WITH forms AS (
      SELECT 'actor' AS kind, a.id, f.form
      FROM corpus_actor a,
        LATERAL unnest(
          a.aliases || a.name::varchar
          || ARRAY(SELECT regexp_replace(n, '^.*\s', '') FROM unnest(a.aliases || a.name::varchar) n)
        ) AS f(form)
      UNION ALL
      SELECT 'organization', o.id, f.form
      FROM corpus_organization o, LATERAL unnest(o.aliases || o.name || o.acronym) AS f(form)
    ),
    wanted AS (
      SELECT btrim(q, ' "') AS said
      UNION
      SELECT btrim(w, '"()') FROM regexp_split_to_table(btrim(q), '\s+') AS w
      WHERE w !~ '^-' AND lower(w) <> 'or'
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
