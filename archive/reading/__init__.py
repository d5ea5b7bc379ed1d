"""An article's text as readers see it: paragraphs with highlighted passages,
the layers over them (passages, mentions, acronyms), and search snippets."""
