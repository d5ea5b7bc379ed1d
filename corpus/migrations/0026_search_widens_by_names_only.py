# corpus_search_query widens a search only by what reads as a name (no markup, no
# operators), and by at most 16 names of each entity: a person given sixty aliases of
# markup made one search's headlines run past ten seconds on PostgreSQL 15.

from pathlib import Path

from django.db import migrations


def frozen(name: str) -> str:
    """The SQL as this migration ran it, kept beside it: never today's builders."""
    return (Path(__file__).parent / "sql" / name).read_text(encoding="utf-8")


class Migration(migrations.Migration):
    dependencies = [
        ("corpus", "0025_search_knows_every_name"),
    ]

    operations = [
        migrations.RunSQL(
            frozen("0026_search_widens_by_names_only.forward.sql"),
            frozen("0026_search_widens_by_names_only.backward.sql"),
        ),
    ]
