"""What the ingest knows about names: the words around them (titles, common words,
demonyms), person-like names, the spelling rules that make two spellings one name,
and the names a text holds that the archive does not know yet."""
