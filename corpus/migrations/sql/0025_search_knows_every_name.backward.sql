DROP FUNCTION IF EXISTS corpus_search_query(text);
DROP FUNCTION IF EXISTS corpus_name_skeleton(text);
