CREATE OR REPLACE FUNCTION corpus_search_terms(vector tsvector) RETURNS tsvector
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

REINDEX INDEX facets_search_pairs_gin;
