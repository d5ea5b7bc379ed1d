# A phrase (a quoted search, or a name the search widens an acronym to) was found by
# its words alone, then rechecked in every article holding them all: at 100k articles,
# a name of common words read a thousand vectors out of TOAST to find five. Each
# article's pairs of adjacent words are now indexed, and narrow the phrase first.

from pathlib import Path

import django.contrib.postgres.indexes
import django.db.models.expressions
from django.db import migrations


def frozen(name: str) -> str:
    """The SQL as this migration ran it, kept beside it: never today's builders."""
    return (Path(__file__).parent / "sql" / name).read_text(encoding="utf-8")


class Migration(migrations.Migration):
    dependencies = [
        ("corpus", "0029_suggestions_find_names_by_trigrams"),
    ]

    operations = [
        migrations.RunSQL(
            frozen("0030_search_finds_phrases_by_word_pairs.forward.sql"),
            frozen("0030_search_finds_phrases_by_word_pairs.backward.sql"),
        ),
        migrations.AddIndex(
            model_name="articlefacets",
            index=django.contrib.postgres.indexes.GinIndex(
                django.db.models.expressions.Func(
                    django.db.models.expressions.F("search_vector"),
                    function="corpus_search_terms",
                ),
                name="facets_search_pairs_gin",
            ),
        ),
        # The new index's statistics, so the planner estimates a pairs query at once.
        migrations.RunSQL("ANALYZE corpus_articlefacets", migrations.RunSQL.noop),
    ]
