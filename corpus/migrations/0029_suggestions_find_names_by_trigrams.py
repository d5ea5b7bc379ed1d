# The suggestions for a search that found little folded and compared every name of
# every person and organization (18 ms at 2k articles); the folded names are now
# stored by triggers and found by a trigram index.

from pathlib import Path

import django.contrib.postgres.indexes
from django.db import migrations, models


def frozen(name: str) -> str:
    """The SQL as this migration ran it, kept beside it: never today's builders."""
    return (Path(__file__).parent / "sql" / name).read_text(encoding="utf-8")


class Migration(migrations.Migration):
    dependencies = [
        ("corpus", "0028_search_finds_names_by_stored_skeletons"),
    ]

    operations = [
        migrations.CreateModel(
            name="NameForm",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("kind", models.CharField(max_length=12)),
                ("entity_id", models.BigIntegerField()),
                ("folded", models.TextField()),
            ],
            options={
                "ordering": ["kind", "entity_id", "folded"],
                "indexes": [
                    django.contrib.postgres.indexes.GinIndex(
                        django.contrib.postgres.indexes.OpClass("folded", name="gin_trgm_ops"),
                        name="nameform_folded_trgm",
                    )
                ],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("kind", "entity_id", "folded"), name="nameform_unique"
                    )
                ],
            },
        ),
        migrations.RunSQL(
            frozen("0029_suggestions_find_names_by_trigrams.forward.sql"),
            frozen("0029_suggestions_find_names_by_trigrams.backward.sql"),
        ),
    ]
