"""The facet tables, read and kept: the faceted searches over articles and claims,
and (triggers/) the SQL of the database triggers that keep those tables."""
