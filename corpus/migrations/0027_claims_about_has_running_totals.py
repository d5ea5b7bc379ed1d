# The claim list's "About" facet (whom a claim's passage names) had no running totals:
# the unfiltered list counted it by unnesting every public claim's named ids, 300 ms
# at 250k claims. Its totals are now kept by the same trigger as the other facets.

from pathlib import Path

from django.db import migrations, models


def frozen(name: str) -> str:
    """The SQL as this migration ran it, kept beside it: never today's builders."""
    return (Path(__file__).parent / "sql" / name).read_text(encoding="utf-8")


class Migration(migrations.Migration):
    dependencies = [
        ("corpus", "0026_search_widens_by_names_only"),
    ]

    operations = [
        migrations.AlterField(
            model_name="claimfacettotal",
            name="facet",
            field=models.CharField(
                choices=[
                    ("actor", "Claimant (person)"),
                    ("organization", "Claimant (organization)"),
                    ("kind", "Kind"),
                    ("tag", "Tag"),
                    ("article", "Article"),
                    ("named_actor", "About (person)"),
                    ("named_organization", "About (organization)"),
                ],
                max_length=20,
            ),
        ),
        migrations.RunSQL(
            frozen("0027_claims_about_has_running_totals.forward.sql"),
            frozen("0027_claims_about_has_running_totals.backward.sql"),
        ),
    ]
