# An unknown name is one name in any capitals: each candidate keeps its key (the name
# case-folded, but for acronyms of fewer than three letters) and every spelling met, so
# an editor's decision holds for "INTERFAX-KAZAKHSTAN" as for "Interfax-Kazakhstan".

import django.contrib.postgres.fields
from django.core.management import CommandError
from django.db import migrations, models


def spelling_key(name):
    """corpus/models/review/candidates.py's spelling_key as this migration ran it."""
    if name.isupper() and sum(ch.isalpha() for ch in name) < 3:
        return name
    return name.casefold()


def key_candidates(apps, schema_editor):
    NameCandidate = apps.get_model("corpus", "NameCandidate")
    rows = [
        (pk, name, spelling_key(name))
        for pk, name in NameCandidate.objects.values_list("pk", "name")
    ]
    seen = {}
    for _, name, key in rows:
        seen.setdefault(key, []).append(name)
    if doubled := [names for names in seen.values() if len(names) > 1]:
        # One decision per name is the new invariant: an editor decides which stays.
        raise CommandError(
            "Not migrated: unknown names differ only in capitals: "
            + "; ".join(" and ".join(names) for names in doubled)
            + ". Delete all but one of each in the admin and run migrate again."
        )
    for pk, name, key in rows:
        NameCandidate.objects.filter(pk=pk).update(key=key, spellings=[name])


class Migration(migrations.Migration):
    dependencies = [
        ("corpus", "0019_import_review_and_editor_decisions"),
    ]

    operations = [
        migrations.AddField(
            model_name="namecandidate",
            name="key",
            field=models.CharField(default="", editable=False, max_length=200),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="namecandidate",
            name="spellings",
            field=django.contrib.postgres.fields.ArrayField(
                base_field=models.CharField(max_length=200),
                blank=True,
                default=list,
                help_text="Every spelling met, in its capitals; each becomes an alias of the record.",
                size=None,
            ),
        ),
        migrations.AlterField(
            model_name="namecandidate",
            name="name",
            field=models.CharField(help_text="The spelling as first printed.", max_length=200),
        ),
        migrations.RunPython(key_candidates, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="namecandidate",
            constraint=models.UniqueConstraint(fields=("key",), name="namecandidate_key_unique"),
        ),
    ]
