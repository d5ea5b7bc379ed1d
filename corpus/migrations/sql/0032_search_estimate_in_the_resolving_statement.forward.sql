-- The planner's estimates of how many articles a search matches and of how many
-- articles there are, as EXPLAIN gives them for the tsquery written as a constant
-- (%L): the article list asks for them in the statement that resolves its search
-- (corpus_search_query), instead of in an EXPLAIN of its own. The query explained is
-- Article.objects.matching's, beside every article, as the list explained it before.
CREATE FUNCTION corpus_search_estimate(query tsquery) RETURNS bigint[]
LANGUAGE plpgsql STRICT AS $$
DECLARE
  plan json;
BEGIN
  EXECUTE format(
    'EXPLAIN (FORMAT JSON) (SELECT id FROM corpus_article WHERE search_vector @@ %L::tsquery)'
    || ' UNION ALL (SELECT id FROM corpus_article)',
    query
  ) INTO plan;
  RETURN ARRAY[
    (plan -> 0 -> 'Plan' -> 'Plans' -> 0 ->> 'Plan Rows')::numeric::bigint,
    (plan -> 0 -> 'Plan' -> 'Plans' -> 1 ->> 'Plan Rows')::numeric::bigint
  ];
END
$$;
