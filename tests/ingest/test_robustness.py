"""Whatever bytes arrive, the parser answers with an article or a ParseError,
never a traceback; and the body never gains words the source did not have."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from archive.settings import envbool
from corpus.ingest.matching import EntityMatcher
from corpus.ingest.parsing import ParseError, decode, parse
from corpus.models import Actor, Organization

paragraph = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"]), min_size=1, max_size=80
)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=400))
def test_any_bytes_parse_or_fail_with_a_parse_error(data):
    try:
        parse(decode(data))
    except ParseError as error:
        assert str(error)


@settings(max_examples=200, deadline=None)
@given(st.lists(paragraph, min_size=1, max_size=8))
def test_body_words_all_come_from_the_source(paragraphs):
    source = "\n\n".join(paragraphs)
    try:
        body = parse(source).body
    except ParseError:
        return
    source_words = source.split()
    assert all(word in source_words for word in body.split())


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_matches_always_slice_to_a_known_name(text):
    matcher = EntityMatcher(
        [Actor(pk=1, name="Nikolai Makarov", aliases=["Nikolay Makarov"])],
        [Organization(pk=2, name="Russia", acronym="", aliases=["U.S."])],
    )
    text += " Makarov U.S. Russia"
    for match in matcher.find(text):
        assert text[match.start : match.end] == match.text
        assert match.text in {"Nikolai Makarov", "Nikolay Makarov", "Makarov", "Russia", "U.S."}


@pytest.mark.parametrize("value, expected", [("true", True), ("0", False), ("Off", False)])
def test_booleans_from_the_environment_are_strict(monkeypatch, value, expected):
    monkeypatch.setenv("ARCHIVE_TEST_FLAG", value)
    assert envbool("ARCHIVE_TEST_FLAG", "false") is expected


def test_an_ambiguous_boolean_is_an_error(monkeypatch):
    from django.core.exceptions import ImproperlyConfigured

    monkeypatch.setenv("ARCHIVE_TEST_FLAG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="not a boolean"):
        envbool("ARCHIVE_TEST_FLAG", "false")
