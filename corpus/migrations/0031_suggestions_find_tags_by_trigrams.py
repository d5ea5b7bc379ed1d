# The suggestions for a search that found little still folded and compared every
# tag's name (2,000 at 100k articles); tags' names are now stored folded beside the
# people's and organizations' forms, and found by the same trigram index.

from pathlib import Path

from django.db import migrations


def frozen(name: str) -> str:
    """The SQL as this migration ran it, kept beside it: never today's builders."""
    return (Path(__file__).parent / "sql" / name).read_text(encoding="utf-8")


class Migration(migrations.Migration):
    dependencies = [
        ("corpus", "0030_search_finds_phrases_by_word_pairs"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
    ]

    operations = [
        migrations.RunSQL(
            frozen("0031_suggestions_find_tags_by_trigrams.forward.sql"),
            frozen("0031_suggestions_find_tags_by_trigrams.backward.sql"),
        ),
    ]
