"""A proposed link may be a stand-in name (“Moscow”) proposed as a body it may stand
for: accepted, it is a stand-in mention. Like a stand-in mention, it names an
organization."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("corpus", "0020_unknown_names_in_any_capitals"),
    ]

    operations = [
        migrations.AddField(
            model_name="mentionproposal",
            name="stand_in",
            field=models.BooleanField(
                default=False,
                help_text="A stand-in name (“Moscow”) proposed as the body it may stand for: "
                "accepted, it is a stand-in mention.",
            ),
        ),
        migrations.AddConstraint(
            model_name="mentionproposal",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("stand_in", False), ("organization__isnull", False), _connector="OR"
                ),
                name="proposal_stand_in_is_an_organization",
            ),
        ),
    ]
