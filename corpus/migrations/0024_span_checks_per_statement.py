# Span checks once per statement, not once per row: an import of 20,000 mentions read
# its article's body 20,000 times (24 s; docs/PERFORMANCE.md measures it now).

from pathlib import Path

from django.db import migrations


def frozen(name: str) -> str:
    """The SQL as this migration ran it, kept beside it: never today's code."""
    return (Path(__file__).parent / "sql" / name).read_text(encoding="utf-8")


class Migration(migrations.Migration):
    dependencies = [("corpus", "0023_tag_slugs_routable")]

    operations = [
        migrations.RunSQL(
            frozen("0024_span_checks_per_statement.forward.sql"),
            frozen("0024_span_checks_per_statement.backward.sql"),
        )
    ]
