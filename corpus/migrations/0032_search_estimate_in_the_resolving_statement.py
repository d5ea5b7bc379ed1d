# A search on the article list asked the planner how many articles it matches in an
# EXPLAIN of its own, one statement after the one that resolves the search; the
# estimate now comes back from that resolving statement (corpus_search_estimate).

from pathlib import Path

from django.db import migrations


def frozen(name: str) -> str:
    """The SQL as this migration ran it, kept beside it: never today's builders."""
    return (Path(__file__).parent / "sql" / name).read_text(encoding="utf-8")


class Migration(migrations.Migration):
    dependencies = [
        ("corpus", "0031_suggestions_find_tags_by_trigrams"),
    ]

    operations = [
        migrations.RunSQL(
            frozen("0032_search_estimate_in_the_resolving_statement.forward.sql"),
            frozen("0032_search_estimate_in_the_resolving_statement.backward.sql"),
        ),
    ]
