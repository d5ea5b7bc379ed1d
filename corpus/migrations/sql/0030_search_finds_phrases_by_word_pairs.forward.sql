-- An article's search terms: its words (without positions) and every pair of words
-- at adjacent positions, as one lexeme 'first second'. A phrase search narrows its
-- candidates by its pairs in facets_search_pairs_gin before PostgreSQL rechecks the
-- positions (corpus/facets/word_pairs.py derives the pairs' query).
--
-- A pair is kept only if it fits in a lexeme (2046 bytes). An article whose pairs
-- would not fit in one tsvector (1 MB) gets the marker 'too-many-pairs *' instead,
-- which every pairs query accepts: such an article is never missed, only rechecked.
CREATE FUNCTION corpus_search_terms(vector tsvector) RETURNS tsvector
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT strip(vector) || CASE
      WHEN pairs IS NULL THEN ''::tsvector
      WHEN size + pg_column_size(strip(vector)) > 900000
        THEN array_to_tsvector(ARRAY['too-many-pairs *'])
      ELSE array_to_tsvector(pairs)
    END
  FROM (
    SELECT array_agg(l.lexeme || ' ' || r.lexeme) AS pairs,
           sum(octet_length(l.lexeme) + octet_length(r.lexeme) + 8) AS size
    FROM (SELECT lexeme, unnest(positions) AS at FROM unnest(vector)) l
    JOIN (SELECT lexeme, unnest(positions) AS at FROM unnest(vector)) r ON r.at = l.at + 1
    WHERE octet_length(l.lexeme) + octet_length(r.lexeme) < 2046
  ) AS adjacent
$$;
