"""The SQL of the triggers that keep the facet tables, as the code writes it today.
Migrations run frozen copies (corpus/migrations/sql/); a test holds the two alike."""
