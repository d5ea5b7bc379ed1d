# The article and claim searches ask corpus_search_query(q) for their tsquery: the
# query in websearch syntax, widened by every name of the people and organizations
# it names, in the same statement (no query more per page).

from pathlib import Path

from django.db import migrations


def frozen(name: str) -> str:
    """The SQL as this migration ran it, kept beside it: never today's builders."""
    return (Path(__file__).parent / "sql" / name).read_text(encoding="utf-8")


class Migration(migrations.Migration):
    dependencies = [
        ("corpus", "0024_span_checks_per_statement"),
    ]

    operations = [
        migrations.RunSQL(
            frozen("0025_search_knows_every_name.forward.sql"),
            frozen("0025_search_knows_every_name.backward.sql"),
        ),
    ]
