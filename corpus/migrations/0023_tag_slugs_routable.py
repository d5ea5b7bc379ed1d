"""Tags whose slug the tags/<slug:slug>/ route cannot build ("sécurité", "безопасность",
"" for "!!!") broke /tags/ and every page carrying them: give each an ASCII slug,
transliterated, "tag" when nothing is left, unique. Frozen here: today's
corpus/models/texts.py keeps new tags routable."""

import re

from django.db import migrations
from django.utils.text import slugify
from unidecode import unidecode

ROUTABLE = re.compile(r"^[-a-zA-Z0-9_]+$")


def repair_slugs(apps, schema_editor):
    Tag = apps.get_model("taggit", "Tag")
    taken = set(Tag.objects.values_list("slug", flat=True))
    for tag in Tag.objects.order_by("pk"):
        if ROUTABLE.match(tag.slug or ""):
            continue
        base = slugify(unidecode(tag.name))[:90] or "tag"
        slug, number = base, 1
        while slug in taken:
            number += 1
            slug = f"{base}-{number}"
        taken.add(slug)
        tag.slug = slug
        tag.save(update_fields=["slug"])


class Migration(migrations.Migration):
    dependencies = [
        ("corpus", "0022_facets_serialise_writers_per_article"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
    ]

    # The old slugs were unroutable, so going back keeps the repaired ones.
    operations = [migrations.RunPython(repair_slugs, migrations.RunPython.noop)]
