# The facet triggers lock the articles they refresh, in id order, so two transactions
# writing to one article refresh its rows one after the other and the second sees the
# first's rows (before, the second overwrote the row without the first's tag). A
# TRUNCATE of a source table rebuilds the rows; corpus_defer_facets() defers them for
# one transaction only, and a session-wide corpus.defer_facets is refused.

from pathlib import Path

from django.db import migrations


def frozen(name: str) -> str:
    """The SQL as this migration ran it, kept beside it: never today's builders."""
    return (Path(__file__).parent / "sql" / name).read_text(encoding="utf-8")


class Migration(migrations.Migration):
    dependencies = [
        ("corpus", "0021_stand_in_proposals"),
    ]

    operations = [
        migrations.RunSQL(
            frozen("0022_facets_serialise_writers_per_article.forward.sql"),
            frozen("0022_facets_serialise_writers_per_article.backward.sql"),
        ),
    ]
