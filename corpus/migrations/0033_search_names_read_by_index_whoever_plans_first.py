# A search's names were read by a plan kept from the connection's first caller: a
# caller planning with seq scans allowed left every later search on that
# connection reading the whole skeleton table.

from pathlib import Path

from django.db import migrations


def frozen(name: str) -> str:
    """The SQL as this migration ran it, kept beside it: never today's builders."""
    return (Path(__file__).parent / "sql" / name).read_text(encoding="utf-8")


class Migration(migrations.Migration):
    dependencies = [("corpus", "0032_search_estimate_in_the_resolving_statement")]

    operations = [
        migrations.RunSQL(
            frozen("0033_search_names_read_by_index_whoever_plans_first.forward.sql"),
            frozen("0033_search_names_read_by_index_whoever_plans_first.backward.sql"),
        ),
    ]
