-- An article's search terms: its words (without positions), every pair of words at
-- adjacent positions as one lexeme 'first second', and now every pair two positions
-- apart as 'first _ second'. A name with a stop word inside ("Border Service of
-- Almaty", 'servic' <2> 'almati') narrows its candidates by 'servic _ almati' in
-- facets_search_pairs_gin instead of by its two words (corpus/facets/word_pairs.py
-- derives the pairs' query). A lexeme from to_tsvector holds no space, so neither
-- form can be taken for the other or for a word.
--
-- A pair is kept only if it fits in a lexeme (under 2047 bytes). An article whose pairs
-- would not fit in one tsvector (1 MB) gets the marker 'too-many-pairs *' instead,
-- which every pairs query accepts: such an article is never missed, only rechecked.
CREATE OR REPLACE FUNCTION corpus_search_terms(vector tsvector) RETURNS tsvector
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT strip(vector) || CASE
      WHEN pairs IS NULL THEN ''::tsvector
      WHEN size + pg_column_size(strip(vector)) > 900000
        THEN array_to_tsvector(ARRAY['too-many-pairs *'])
      ELSE array_to_tsvector(pairs)
    END
  FROM (
    SELECT array_agg(paired) AS pairs, sum(octet_length(paired) + 7) AS size
    FROM (
      SELECT l.lexeme || CASE gap.apart WHEN 1 THEN ' ' ELSE ' _ ' END || r.lexeme AS paired
      FROM (SELECT lexeme, unnest(positions) AS at FROM unnest(vector)) l
      CROSS JOIN (VALUES (1), (2)) AS gap(apart)
      JOIN (SELECT lexeme, unnest(positions) AS at FROM unnest(vector)) r
        ON r.at = l.at + gap.apart
    ) AS near
    WHERE octet_length(paired) < 2047
  ) AS nearby
$$;

-- The index holds the function's old terms: built again from the new ones.
REINDEX INDEX facets_search_pairs_gin;
