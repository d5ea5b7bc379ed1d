import hashlib
import importlib
import io
import unicodedata
from pathlib import Path

import pytest
from django.apps import apps as django_apps
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection

from corpus.models import Article, spelling_key, text_sha256

SEEDS = Path(settings.SEEDS_DIR)


@pytest.mark.django_db
def test_models_have_no_pending_migrations():
    out = io.StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=out, stderr=out)
    except SystemExit:
        pytest.fail(f"Model changes lack a migration:\n{out.getvalue()}")


def migration_0019():
    return importlib.import_module("corpus.migrations.0019_import_review_and_editor_decisions")


def frozen_normalisation():
    """Migration 0019's own copy of the text normalisation, as it filled text_sha256."""
    return migration_0019().normalized_text


def sources() -> list[Path]:
    data = Path(__file__).parents[1] / "data" / "unseen"
    return sorted(SEEDS.glob("*.txt")) + sorted(data.glob("*.txt"))


@pytest.mark.parametrize("path", sources(), ids=lambda path: path.name)
def test_the_migrations_frozen_normalisation_fingerprints_as_todays_code(path):
    """The migration filled text_sha256 with a frozen copy of normalized_text: the two
    must give every seed and fixture, in any encoding, the same fingerprint, or an
    article migrated would not be found again as a duplicate."""
    frozen = frozen_normalisation()
    raw = path.read_bytes().decode("utf-8")
    plain = raw.lstrip("\ufeff").replace("\r\n", "\n")
    for variant in [
        raw,
        plain,
        "\ufeff" + plain.replace("\n", "\r\n"),
        plain.replace("\n", "\r"),
        plain.replace("\n", "  \n") + "\n\n\n",
        plain.replace(" ", "\u00a0", 3),
        unicodedata.normalize("NFD", plain),
    ]:
        digest = hashlib.sha256(frozen(variant).encode("utf-8")).hexdigest()
        assert digest == text_sha256(variant)
        assert digest == text_sha256(raw)


@pytest.mark.django_db
def test_every_seed_article_holds_the_fingerprint_of_its_text():
    for article in Article.objects.all():
        assert article.text_sha256 == text_sha256(article.raw_source)
        assert (
            article.text_sha256
            == hashlib.sha256(
                frozen_normalisation()(article.raw_source).encode("utf-8")
            ).hexdigest()
        )


@pytest.mark.django_db
def test_the_migration_fills_fingerprints_and_stops_with_a_clear_message_on_copies():
    """An archive that holds one text twice (an earlier import's "...-2") cannot take
    the one-article-per-text constraint: the migration names the copies and changes
    nothing, so that a person decides which stays."""
    with connection.cursor() as cursor:  # as before the migration: no constraint yet
        cursor.execute("ALTER TABLE corpus_article DROP CONSTRAINT article_text_sha256_unique")
    Article.objects.update(text_sha256="")
    migration_0019().fingerprint_texts(django_apps, None)
    for article in Article.objects.all():
        assert article.text_sha256 == text_sha256(article.raw_source)

    copy = Article.objects.get(source_file__startswith="002")
    original_pk = copy.pk
    copy.pk, copy.slug = None, f"{copy.slug}-2"
    copy.raw_source = "\ufeff" + copy.raw_source.replace("\n", "\r\n")
    copy.save()
    with pytest.raises(CommandError) as refused:
        migration_0019().fingerprint_texts(django_apps, None)
    message = str(refused.value)
    assert message.startswith("Not migrated: 1 text(s) are in the archive twice")
    assert f"(id {original_pk}) and {copy.slug} (id {copy.pk})" in message
    assert "\n" not in message


@pytest.mark.parametrize(
    "name",
    [
        "Interfax-Kazakhstan",
        "INTERFAX-KAZAKHSTAN",
        "Janysh Bakiyev",
        "US",
        "Us",
        "U.S.",
        "IMU",
        "Straße",
    ],
)
def test_the_migrations_frozen_spelling_key_is_todays(name):
    frozen = importlib.import_module("corpus.migrations.0020_unknown_names_in_any_capitals")
    assert frozen.spelling_key(name) == spelling_key(name)
