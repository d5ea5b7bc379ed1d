DROP FUNCTION corpus_search_terms(tsvector);
