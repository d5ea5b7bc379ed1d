"""Highlighting passages never changes the text and always nests properly,
however passages overlap, nest or cross paragraph breaks."""

import re
from html.parser import HTMLParser

from django.utils.html import escape
from django.utils.safestring import SafeString
from hypothesis import given, settings
from hypothesis import strategies as st

from archive.reading.highlighting import Span, highlight, paragraphs

VOID = {"br", "wbr"}


class NestingChecker(HTMLParser):
    """Collects the structure of an HTML fragment and every nesting error in it."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.errors, self.ids, self.paragraph_texts = [], [], [], []

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            return
        if tag == "a" and "a" in self.stack:
            self.errors.append("a link inside a link")
        if tag == "p":
            if self.stack:
                self.errors.append(f"<p> inside {self.stack}")
            self.paragraph_texts.append("")
        elif "p" not in self.stack:
            self.errors.append(f"<{tag}> outside a paragraph")
        self.ids += [value for name, value in attrs if name == "id"]
        self.stack.append(tag)

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:]}")
        else:
            self.stack.pop()

    def handle_data(self, data):
        if self.stack:
            self.paragraph_texts[-1] += data
        elif data.strip():
            self.errors.append(f"text outside a paragraph: {data!r}")


def check(html: str) -> NestingChecker:
    checker = NestingChecker()
    checker.feed(html)
    checker.close()
    assert not checker.errors, checker.errors
    assert not checker.stack, f"left open: {checker.stack}"
    return checker


def strip_tags(html: str) -> str:
    return re.sub(r"<[^>]*>", "", html)


def test_paragraphs_are_separated_by_blank_lines_and_kept_verbatim():
    body = "One line.\n\nTwo\nlines.\n\n\n Three."
    html = highlight(body, [])
    assert html == "<p>One line.</p>\n\n<p>Two\nlines.</p>\n\n\n <p>Three.</p>"
    assert paragraphs(body) == [(0, 9), (11, 21), (25, 31)]


def test_text_is_escaped():
    html = highlight('<script>alert("x")</script> & co', [Span(0, 8)])
    assert "<script>" not in html
    assert html == "<p><mark>&lt;script&gt;</mark>alert(&quot;x&quot;)&lt;/script&gt; &amp; co</p>"


def test_nested_passages_render_inside_each_other():
    body = "The CSTO met in Dushanbe."
    html = highlight(body, [Span(4, 8, tag="a", attrs={"href": "/o/csto/"}), Span(0, 25)])
    assert html == '<p><mark>The <a href="/o/csto/">CSTO</a> met in Dushanbe.</mark></p>'


def test_overlapping_passages_are_split_and_only_the_first_fragment_keeps_its_id():
    body = "abcdefghij"
    html = highlight(
        body,
        [
            Span(0, 6, attrs={"id": "one", "class": "x"}),
            Span(3, 10, attrs={"id": "two", "tabindex": "0", "class": "y"}),
        ],
    )
    assert html == (
        '<p><mark id="one" class="x">abc<mark id="two" tabindex="0" class="y">def</mark></mark>'
        '<mark class="y">ghij</mark></p>'
    )


def test_a_passage_crossing_a_paragraph_break_is_split_per_paragraph():
    body = "First paragraph.\n\nSecond paragraph."
    html = highlight(body, [Span(6, 24, attrs={"id": "p1"}, after=SafeString("<sup></sup>"))])
    assert html == (
        '<p>First <mark id="p1">paragraph.</mark></p>\n\n'
        "<p><mark>Second</mark><sup></sup> paragraph.</p>"
    )


def test_spans_over_the_same_characters_nest_by_rank():
    html = highlight(
        "CACO",
        [
            Span(
                0, 4, tag="abbr", attrs={"title": "Central Asian Cooperation Organization"}, rank=3
            ),
            Span(0, 4, tag="a", attrs={"href": "/caco/"}, rank=2),
            Span(0, 4, rank=0),
        ],
    )
    assert html == (
        '<p><mark><a href="/caco/"><abbr title="Central Asian Cooperation Organization">'
        "CACO</abbr></a></mark></p>"
    )


def test_a_link_inside_a_link_becomes_a_span_and_footnotes_wait_for_the_link_to_close():
    html = highlight(
        "Nikolai Makarov",
        [
            Span(0, 15, tag="a", attrs={"href": "/makarov/"}),
            Span(0, 7, tag="a", attrs={"href": "/x/"}, after=SafeString('<a class="ref"></a>')),
        ],
    )
    assert html == (
        '<p><a href="/makarov/"><span>Nikolai</span> Makarov</a><a class="ref"></a></p>'
    )
    check(html)


def test_spans_outside_the_body_are_clipped_and_empty_ones_dropped():
    html = highlight("abc", [Span(-5, 1), Span(2, 99), Span(1, 1), Span(7, 9)])
    assert html == "<p><mark>a</mark>b<mark>c</mark></p>"


# Bodies of a few paragraphs with characters that need escaping.
words = st.text(alphabet="ab <>&\"'é\n", min_size=0, max_size=12)
bodies = st.lists(words, min_size=1, max_size=6).map("\n\n".join)


@st.composite
def body_and_spans(draw):
    body = draw(bodies)
    size = len(body)
    spans = []
    for number in range(draw(st.integers(0, 12))):
        start = draw(st.integers(-2, size + 2))
        end = draw(st.integers(-2, size + 2))
        tag = draw(st.sampled_from(["mark", "mark", "a", "abbr", "span"]))
        attrs = {"id": f"s{number}", "class": "hl"}
        if tag == "a":
            attrs["href"] = f"/e/{number}/"
        after = draw(st.sampled_from(["", f'<a class="ref" href="#n{number}"></a>']))
        spans.append(
            Span(
                min(start, end),
                max(start, end),
                tag=tag,
                attrs=attrs,
                after=SafeString(after),
                rank=draw(st.integers(0, 3)),
            )
        )
    return body, spans


@settings(max_examples=400, deadline=None)
@given(body_and_spans())
def test_stripping_the_tags_gives_back_exactly_the_escaped_body(case):
    body, spans = case
    assert strip_tags(highlight(body, spans)) == escape(body)


@settings(max_examples=400, deadline=None)
@given(body_and_spans())
def test_output_is_well_formed_with_one_element_per_id(case):
    body, spans = case
    checker = check(highlight(body, spans))
    assert len(checker.ids) == len(set(checker.ids)), checker.ids
    # Each paragraph's text, unescaped, is exactly one paragraph of the body.
    assert checker.paragraph_texts == [body[start:end] for start, end in paragraphs(body)]


@settings(max_examples=200, deadline=None)
@given(body_and_spans())
def test_every_visible_span_is_rendered_with_its_id_once(case):
    body, spans = case
    html = highlight(body, spans)
    outline = paragraphs(body)
    for span in spans:
        start, end = max(0, span.start), min(len(body), span.end)
        visible = any(max(start, a) < min(end, b) for a, b in outline)
        assert (f'id="{span.attrs["id"]}"' in html) == visible
