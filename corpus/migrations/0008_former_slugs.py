"""Merged records' slugs stay with the survivor so that their URLs redirect
there; history records them too."""

import django.contrib.postgres.fields
import django.contrib.postgres.indexes
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("corpus", "0007_body_check_reads_current_body"),
    ]

    operations = [
        migrations.AddField(
            model_name="actor",
            name="former_slugs",
            field=django.contrib.postgres.fields.ArrayField(
                base_field=models.SlugField(max_length=200),
                blank=True,
                default=list,
                help_text="Slugs of records merged into this one; their URLs redirect here.",
                size=None,
            ),
        ),
        migrations.AddField(
            model_name="historicalactor",
            name="former_slugs",
            field=django.contrib.postgres.fields.ArrayField(
                base_field=models.SlugField(max_length=200),
                blank=True,
                default=list,
                help_text="Slugs of records merged into this one; their URLs redirect here.",
                size=None,
            ),
        ),
        migrations.AddField(
            model_name="historicalorganization",
            name="former_slugs",
            field=django.contrib.postgres.fields.ArrayField(
                base_field=models.SlugField(max_length=200),
                blank=True,
                default=list,
                help_text="Slugs of records merged into this one; their URLs redirect here.",
                size=None,
            ),
        ),
        migrations.AddField(
            model_name="organization",
            name="former_slugs",
            field=django.contrib.postgres.fields.ArrayField(
                base_field=models.SlugField(max_length=200),
                blank=True,
                default=list,
                help_text="Slugs of records merged into this one; their URLs redirect here.",
                size=None,
            ),
        ),
        migrations.AddIndex(
            model_name="actor",
            index=django.contrib.postgres.indexes.GinIndex(
                fields=["former_slugs"], name="actor_former_slugs_gin"
            ),
        ),
        migrations.AddIndex(
            model_name="organization",
            index=django.contrib.postgres.indexes.GinIndex(
                fields=["former_slugs"], name="organization_former_slugs_gin"
            ),
        ),
    ]
