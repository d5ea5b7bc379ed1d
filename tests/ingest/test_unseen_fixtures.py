"""Unseen articles in the seeds' three formats (tests/data/unseen/, with what each must
become in expectations.toml): no body sentence is lost, every date in a common format
is read, bylines keep their order, no namesake is mislinked and no name is linked inside
a longer name, every certain variant is linked and every uncertain one proposed, and
the names the archive does not know are found."""

import re
import tomllib
from pathlib import Path

import pytest

from corpus.ingest.matching import EntityMatcher
from corpus.ingest.parsing import decode, parse
from corpus.models import Actor, Organization

UNSEEN = Path(__file__).parents[1] / "data" / "unseen"
FIXTURES = tomllib.loads((UNSEEN / "expectations.toml").read_text(encoding="utf-8"))["fixture"]
SENTENCE_END = re.compile(r"(?<=[.!?])[”’\")]*\s+(?=[A-Z“\"(])")


def parsed(fixture):
    return parse(decode((UNSEEN / fixture["file"]).read_bytes()))


def source_blocks(fixture) -> list[str]:
    text = decode((UNSEEN / fixture["file"]).read_bytes()).lstrip("\ufeff")
    text = text.replace("\r\n", "\n")
    blocks = [" ".join(line.strip() for line in chunk.split("\n")) for chunk in text.split("\n\n")]
    return [block.strip() for block in blocks if block.strip()]


def body_sentences(fixture) -> list[str]:
    sentences = []
    for block in source_blocks(fixture):
        if not block.startswith(tuple(fixture["furniture"])):
            sentences += SENTENCE_END.split(block)
    return sentences


def ids(fixture):
    return fixture["file"]


# The variations, each in every one of the three formats (md, fc, ph).
VARIATIONS = [
    "by-lede",
    "namesake",
    "names inside names",
    "CRLF",
    "BOM",
    "two authors",
    "no title",
    "emoji in comments",
    "British",
    "capitals",
    "transliteration",
    "uncertain",
]


@pytest.mark.parametrize("variation", VARIATIONS)
def test_every_variation_has_a_fixture_in_every_format(variation):
    formats = {f["file"][:2] for f in FIXTURES if variation in f["variations"]}
    assert formats == {"md", "fc", "ph"}


def test_fixture_line_endings_and_byte_order_marks_are_as_tagged():
    for fixture in FIXTURES:
        data = (UNSEEN / fixture["file"]).read_bytes()
        assert (b"\r\n" in data) == ("CRLF" in fixture["variations"]), fixture["file"]
        assert data.startswith(b"\xef\xbb\xbf") == ("BOM" in fixture["variations"]), fixture["file"]


@pytest.mark.parametrize("fixture", FIXTURES, ids=ids)
def test_no_body_sentence_is_lost_or_reordered(fixture):
    body = parsed(fixture).body
    position = 0
    for sentence in body_sentences(fixture):
        found = body.find(sentence, position)
        assert found >= 0, f"lost or out of order: “{sentence}”"
        position = found + len(sentence)


@pytest.mark.parametrize("fixture", FIXTURES, ids=ids)
def test_title_authors_date_and_comments_are_read(fixture):
    article = parsed(fixture)
    assert article.title == fixture["title"]
    assert article.authors == fixture["authors"]
    assert (article.date_edtf, article.date_certainty) == (
        fixture["date_edtf"],
        fixture["date_certainty"],
    )
    if article.date_edtf:
        assert article.date_evidence
    comments = [
        [c.author, c.posted_on.isoformat() if c.posted_on else "", c.text] for c in article.comments
    ]
    assert comments == fixture["comments"]
    for block in fixture["furniture"]:
        assert not article.body.startswith(block)


def finds(fixture):
    matcher = EntityMatcher.from_database()
    body = parsed(fixture).body
    slugs = {("actor", a.pk): a.slug for a in Actor.objects.all()}
    slugs |= {("organization", o.pk): o.slug for o in Organization.objects.all()}
    return body, matcher, [(m, slugs[(m.kind, m.entity_id)]) for m in matcher.find(body)]


@pytest.mark.django_db
@pytest.mark.parametrize("fixture", FIXTURES, ids=ids)
def test_every_certain_name_and_variant_is_linked(fixture):
    body, _, found = finds(fixture)
    linked = {(m.start, slug) for m, slug in found if m.linked}
    for phrase, slug in fixture["linked"]:
        assert (body.index(phrase), slug) in linked, f"“{phrase}” is not linked to {slug}"


@pytest.mark.django_db
@pytest.mark.parametrize("fixture", FIXTURES, ids=ids)
def test_no_namesake_or_name_inside_a_longer_name_is_linked(fixture):
    body, _, found = finds(fixture)
    for phrase in fixture["never_linked"]:
        start = body.index(phrase)
        end = start + len(phrase)
        wrong = [m.text for m, _ in found if m.linked and m.start < end and start < m.end]
        assert not wrong, f"linked inside “{phrase}”: {wrong}"


@pytest.mark.django_db
@pytest.mark.parametrize("fixture", FIXTURES, ids=ids)
def test_every_uncertain_variant_is_proposed_never_linked(fixture):
    body, _, found = finds(fixture)
    proposed = {(m.start, slug) for m, slug in found if not m.linked}
    for phrase, slug in fixture["proposed"]:
        assert (body.index(phrase), slug) in proposed, f"“{phrase}” is not proposed as {slug}"


@pytest.mark.django_db
@pytest.mark.parametrize("fixture", FIXTURES, ids=ids)
def test_names_the_archive_does_not_know_are_found(fixture):
    body, matcher, found = finds(fixture)
    names = [name.name for name in matcher.unknown_names(body, [m for m, _ in found])]
    assert set(fixture["unknown"]) <= set(names)
