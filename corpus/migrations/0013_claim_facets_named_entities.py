# ClaimFacets learn who the reporting passage names (placed mentions inside it and
# an editor's links), kept by triggers on mentions and links too, so "statements
# about" an entity is one GIN lookup instead of probing every passage around its
# mentions. Rebuilds the rows (about 1 min for 250k claims).

from pathlib import Path

import django.contrib.postgres.fields
import django.contrib.postgres.indexes
from django.db import migrations, models


def frozen(name: str) -> str:
    """The SQL as this migration ran it, kept beside it: never today's builders."""
    return (Path(__file__).parent / "sql" / name).read_text(encoding="utf-8")


class Migration(migrations.Migration):
    dependencies = [
        ("corpus", "0012_claim_facets_rebuild_indexes_last"),
    ]

    operations = [
        migrations.AddField(
            model_name="claimfacets",
            name="named_actor_ids",
            field=django.contrib.postgres.fields.ArrayField(
                base_field=models.BigIntegerField(), default=list, size=None
            ),
        ),
        migrations.AddField(
            model_name="claimfacets",
            name="named_organization_ids",
            field=django.contrib.postgres.fields.ArrayField(
                base_field=models.BigIntegerField(), default=list, size=None
            ),
        ),
        migrations.AddIndex(
            model_name="claimfacets",
            index=django.contrib.postgres.indexes.GinIndex(
                fields=["named_actor_ids"], name="claimfacets_named_actors_gin"
            ),
        ),
        migrations.AddIndex(
            model_name="claimfacets",
            index=django.contrib.postgres.indexes.GinIndex(
                fields=["named_organization_ids"], name="claimfacets_named_orgs_gin"
            ),
        ),
        migrations.RunSQL(
            frozen("0013_claim_facets_named_entities.forward.sql"),
            frozen("0013_claim_facets_named_entities.backward.sql"),
        ),
    ]
