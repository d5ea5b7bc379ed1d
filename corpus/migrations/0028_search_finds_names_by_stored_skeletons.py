# corpus_search_query reduced every name of every person and organization to its
# skeleton on each call (77 ms at 2k articles, several calls per search page); the
# skeletons are now stored by triggers and looked up by index.

from pathlib import Path

from django.db import migrations, models


def frozen(name: str) -> str:
    """The SQL as this migration ran it, kept beside it: never today's builders."""
    return (Path(__file__).parent / "sql" / name).read_text(encoding="utf-8")


class Migration(migrations.Migration):
    dependencies = [
        ("corpus", "0027_claims_about_has_running_totals"),
    ]

    operations = [
        migrations.CreateModel(
            name="NameSkeleton",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("kind", models.CharField(max_length=12)),
                ("entity_id", models.BigIntegerField()),
                ("skeleton", models.TextField()),
            ],
            options={
                "ordering": ["kind", "entity_id", "skeleton"],
                "indexes": [models.Index(fields=["skeleton"], name="nameskeleton_skeleton_idx")],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("kind", "entity_id", "skeleton"), name="nameskeleton_unique"
                    )
                ],
            },
        ),
        migrations.RunSQL(
            frozen("0028_search_finds_names_by_stored_skeletons.forward.sql"),
            frozen("0028_search_finds_names_by_stored_skeletons.backward.sql"),
        ),
    ]
