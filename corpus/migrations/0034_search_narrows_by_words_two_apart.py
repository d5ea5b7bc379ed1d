# A name with a stop word inside ("Federal Border Service of Almaty") was narrowed by
# its adjacent pairs and, across the stop word, by its words alone: at 100k articles
# "Service of Almaty" left 320 vectors to read out of TOAST for 30 matches. Each
# article's pairs of words two apart are now indexed too.

from pathlib import Path

from django.db import migrations


def frozen(name: str) -> str:
    """The SQL as this migration ran it, kept beside it: never today's builders."""
    return (Path(__file__).parent / "sql" / name).read_text(encoding="utf-8")


class Migration(migrations.Migration):
    dependencies = [("corpus", "0033_search_names_read_by_index_whoever_plans_first")]

    operations = [
        migrations.RunSQL(
            frozen("0034_search_narrows_by_words_two_apart.forward.sql"),
            frozen("0034_search_narrows_by_words_two_apart.backward.sql"),
        ),
        # The rebuilt index's statistics, so the planner estimates a pairs query at once.
        migrations.RunSQL("ANALYZE corpus_articlefacets", migrations.RunSQL.noop),
    ]
