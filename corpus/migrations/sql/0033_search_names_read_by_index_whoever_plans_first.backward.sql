ALTER FUNCTION corpus_search_query(text) RESET enable_seqscan;
