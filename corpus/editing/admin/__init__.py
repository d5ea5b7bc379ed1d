"""The editors' admin: every editorial model with filters, ranked search and
history. Importing this package registers them (CorpusConfig.ready does)."""

from corpus.editing.admin import articles, decisions, entities, imports, passages

__all__ = ["articles", "decisions", "entities", "imports", "passages"]
