"""The peer: the same published data exported to SQLite (export_sqlite.py) and
served by Datasette, measured like our pages (datasette.py)."""
