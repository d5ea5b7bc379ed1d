DROP FUNCTION corpus_search_estimate(tsquery);
