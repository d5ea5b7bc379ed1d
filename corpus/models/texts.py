"""A source's text as read, whatever its bytes: the same article saved with other
line endings, with or without a byte-order mark, or with trailing blanks is the
same text, and imports once (Article.text_sha256)."""

import hashlib
import re
import unicodedata

from django.utils.text import slugify
from unidecode import unidecode

BLANK_RUNS = re.compile(r"\n{3,}")


def normalized_text(raw: str) -> str:
    """The text without a byte-order mark, with Unix line endings, NFC, no trailing
    spaces on a line and no runs of blank lines (migration 0019's copy is frozen)."""
    text = raw.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    text = unicodedata.normalize("NFC", text).replace("\u00a0", " ")
    text = "\n".join(line.rstrip() for line in text.split("\n"))
    return BLANK_RUNS.sub("\n\n", text).strip("\n")


def text_sha256(raw: str) -> str:
    return hashlib.sha256(normalized_text(raw).encode("utf-8")).hexdigest()


# What Django's <slug:> route converter accepts.
ROUTABLE_SLUG = re.compile(r"^[-a-zA-Z0-9_]+$")


def routable_slug(name: str, taken) -> str:
    """An ASCII slug for a tag's name that the tags/<slug:slug>/ route can build:
    "Sécurité" is "securite", "Безопасность" "bezopasnost", "!!!" "tag"; `taken(slug)`
    says whether another tag has it, and then "-2", "-3"... keeps it unique."""
    base = slugify(unidecode(name))[:90] or "tag"
    slug, number = base, 1
    while taken(slug):
        number += 1
        slug = f"{base}-{number}"
    return slug


def give_tag_a_routable_slug(sender, instance, **kwargs) -> None:
    """Before a tag is saved: replace a slug the route cannot build (taggit keeps
    accents and other scripts, and "!!!" slugifies to nothing)."""
    if ROUTABLE_SLUG.match(instance.slug or ""):
        return
    others = sender._default_manager.exclude(pk=instance.pk)
    instance.slug = routable_slug(instance.name, lambda slug: others.filter(slug=slug).exists())
