"""Stand-ins: the names of a place or building a text uses for a body (“Moscow” for
Russia), kept apart from its names; a mention marked as a stand-in; and mentions
the seeds' curation makes, as a source of their own."""

import django.contrib.postgres.fields
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("corpus", "0017_oai_datestamp_index"),
    ]

    operations = [
        migrations.AddField(
            model_name="historicalmention",
            name="stand_in",
            field=models.BooleanField(
                default=False,
                help_text="The text uses a place or building here for the organization it names (“Moscow” for Russia), not the place itself.",
            ),
        ),
        migrations.AddField(
            model_name="historicalorganization",
            name="stand_ins",
            field=django.contrib.postgres.fields.ArrayField(
                base_field=models.CharField(max_length=200),
                blank=True,
                default=list,
                help_text="Names of a place or building the texts also use for this body: “Moscow” for Russia, “Kremlin” for the Russian leadership. Never matched as a name, since a text may mean the place: an editor marks each mention that stands for the body.",
                size=None,
            ),
        ),
        migrations.AddField(
            model_name="mention",
            name="stand_in",
            field=models.BooleanField(
                default=False,
                help_text="The text uses a place or building here for the organization it names (“Moscow” for Russia), not the place itself.",
            ),
        ),
        migrations.AddField(
            model_name="organization",
            name="stand_ins",
            field=django.contrib.postgres.fields.ArrayField(
                base_field=models.CharField(max_length=200),
                blank=True,
                default=list,
                help_text="Names of a place or building the texts also use for this body: “Moscow” for Russia, “Kremlin” for the Russian leadership. Never matched as a name, since a text may mean the place: an editor marks each mention that stands for the body.",
                size=None,
            ),
        ),
        migrations.AlterField(
            model_name="historicalmention",
            name="source",
            field=models.CharField(
                choices=[
                    ("matcher", "Alias matcher"),
                    ("editor", "Editor"),
                    ("curation", "Seed curation"),
                ],
                default="matcher",
                max_length=10,
            ),
        ),
        migrations.AlterField(
            model_name="mention",
            name="source",
            field=models.CharField(
                choices=[
                    ("matcher", "Alias matcher"),
                    ("editor", "Editor"),
                    ("curation", "Seed curation"),
                ],
                default="matcher",
                max_length=10,
            ),
        ),
        migrations.AddConstraint(
            model_name="mention",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("stand_in", False), ("organization__isnull", False), _connector="OR"
                ),
                name="mention_stand_in_is_an_organization",
            ),
        ),
    ]
