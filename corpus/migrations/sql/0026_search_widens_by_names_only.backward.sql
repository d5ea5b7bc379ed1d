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
      WHERE f.form <> ''
    ),
    wanted AS (
      SELECT btrim(q, ' "') AS said
      UNION
      SELECT btrim(w, '"()') FROM regexp_split_to_table(btrim(q), '\s+') AS w
      WHERE w !~ '^-' AND lower(w) <> 'or'
    ),
    matched AS (
      SELECT DISTINCT w.said, f.kind, f.id
      FROM wanted w JOIN forms f ON corpus_name_skeleton(f.form) = corpus_name_skeleton(w.said)
      WHERE w.said <> ''
    )
    SELECT m.said, websearch_to_tsquery(
      'english', string_agg(DISTINCT '"' || replace(f.form, '"', '') || '"', ' or ')
    ) AS names
    FROM matched m JOIN forms f ON f.kind = m.kind AND f.id = m.id
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
