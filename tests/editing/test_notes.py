"""Notes allow a small safe subset of markup; everything else is removed."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from corpus.models.notes import sanitize_note


def test_plain_text_stays_text_with_markup_characters_escaped():
    assert sanitize_note("  Troops & tanks: 3 < 5  ") == "Troops &amp; tanks: 3 &lt; 5"


def test_a_script_is_removed_with_its_content():
    assert sanitize_note("<script>alert('x')</script>Read with care.") == "Read with care."


@pytest.mark.parametrize(
    "markup",
    [
        "<p>One <em>two</em> <strong>three</strong><br></p>",
        "<ul><li>a</li></ul><ol><li>b</li></ol>",
        "<blockquote>As printed.</blockquote>",
    ],
)
def test_the_allowed_markup_is_kept(markup):
    assert sanitize_note(markup) == markup


def test_links_keep_only_href_and_get_a_safe_rel():
    note = '<a href="https://example.org/x" onclick="steal()" rel="opener">source</a>'
    assert sanitize_note(note) == (
        '<a href="https://example.org/x" rel="noopener nofollow">source</a>'
    )


def test_javascript_links_lose_their_href():
    assert "javascript" not in sanitize_note('<a href="javascript:alert(1)">x</a>')


def test_other_tags_and_attributes_are_dropped_but_their_text_kept():
    note = '<p style="color:red" onmouseover="x()"><img src=x onerror=alert(1)><b>bold</b></p>'
    assert sanitize_note(note) == "<p>bold</p>"


@given(st.text())
def test_sanitizing_twice_changes_nothing(text):
    once = sanitize_note(text)
    assert sanitize_note(once) == once
