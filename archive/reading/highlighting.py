"""Render an article body as paragraphs with passages wrapped in elements.

`highlight(body, spans)` is a pure function: it never changes a character of
the body. Stripping the tags from its output gives back exactly the escaped
body, and the elements always nest properly, however the spans overlap.

How: the body is cut at every span boundary and at every paragraph break.
Each piece of text is wrapped in the spans that cover it, outermost first
(earlier start, then longer, then lower rank). When the set of covering spans
changes, only the elements that must change are closed and reopened, so a
passage that overlaps another, or crosses a paragraph break, is split into
several fragments. The first fragment carries the span's `attrs` (its id,
its tabindex); later ones carry `continued_attrs`.
"""

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

# A paragraph break: a run of whitespace holding at least two newlines.
PARAGRAPH_BREAK = re.compile(r"\s*\n\s*\n\s*")
# Attributes that must appear once per span, so they stay on the first fragment only.
FIRST_FRAGMENT_ONLY = {"id", "tabindex", "aria-describedby"}


@dataclass(frozen=True)
class Span:
    """Characters [start, end) of the body, wrapped in `tag`."""

    start: int
    end: int
    tag: str = "mark"
    attrs: Mapping[str, str] = field(default_factory=dict)
    # Attributes of the second and later fragments; by default `attrs` without ids and tab stops.
    continued_attrs: Mapping[str, str] | None = None
    # Trusted HTML placed right after the last fragment (and outside any open link), e.g.
    # an empty footnote reference. It must add no text, or the body would change.
    after: SafeString = SafeString("")
    # Orders spans over the same characters: lower is outer.
    rank: int = 0

    def fragment_attrs(self, first: bool) -> Mapping[str, str]:
        if first:
            return self.attrs
        if self.continued_attrs is not None:
            return self.continued_attrs
        return {k: v for k, v in self.attrs.items() if k not in FIRST_FRAGMENT_ONLY}


def paragraphs(body: str) -> list[tuple[int, int]]:
    """[start, end) of each paragraph: the text between paragraph breaks, never empty."""
    bounds, position = [], 0
    for match in PARAGRAPH_BREAK.finditer(body):
        if match.start() > position:
            bounds.append((position, match.start()))
        position = match.end()
    if position < len(body):
        bounds.append((position, len(body)))
    return bounds


def _open_tag(tag: str, attrs: Mapping[str, str]) -> str:
    rendered = "".join(f' {name}="{escape(value)}"' for name, value in attrs.items())
    return f"<{tag}{rendered}>"


class _Renderer:
    def __init__(self, body: str, spans: list[Span]):
        self.body = body
        self.spans = spans
        self.out: list[str] = []
        self.stack: list[tuple[int, str]] = []  # (span index, tag actually rendered)
        self.opened: set[int] = set()
        self.pending_after: list[int] = []
        self.finished: set[int] = set()

    def render(self) -> str:
        position = 0
        outline = paragraphs(self.body)
        for number, (start, end) in enumerate(outline):
            self.out.append(escape(self.body[position:start]))
            reach = outline[number + 1][0] if number + 1 < len(outline) else len(self.body)
            self.paragraph(start, end, reach)
            position = end
        self.out.append(escape(self.body[position:]))
        return "".join(self.out)

    def paragraph(self, start: int, end: int, reach: int) -> None:
        self.out.append("<p>")
        cuts = {start, end}
        for span in self.spans:
            cuts.update(cut for cut in (span.start, span.end) if start < cut < end)
        cuts = sorted(cuts)
        for left, right in zip(cuts, cuts[1:], strict=False):
            covering = [i for i, s in enumerate(self.spans) if s.start <= left and s.end >= right]
            self.restack(covering, left)
            self.out.append(escape(self.body[left:right]))
        # Spans ending before the next paragraph's text (in the break itself) end here.
        self.restack([], reach)
        self.out.append("</p>")

    def restack(self, wanted: list[int], position: int) -> None:
        """Close and open elements so that exactly `wanted` (outermost first) are open."""
        keep = 0
        while keep < len(self.stack) and keep < len(wanted) and self.stack[keep][0] == wanted[keep]:
            keep += 1
        while len(self.stack) > keep:
            index, tag = self.stack.pop()
            self.out.append(f"</{tag}>")
            if self.spans[index].end <= position and index not in self.finished:
                self.finished.add(index)
                if self.spans[index].after:
                    self.pending_after.append(index)
            self.flush_after()
        for index in wanted[keep:]:
            span = self.spans[index]
            tag = span.tag
            attrs = span.fragment_attrs(first=index not in self.opened)
            if tag == "a" and any(open_tag == "a" for _, open_tag in self.stack):
                # A link inside a link is invalid HTML: the inner one becomes a plain span.
                tag = "span"
                attrs = {k: v for k, v in attrs.items() if k != "href"}
            self.out.append(_open_tag(tag, attrs))
            self.stack.append((index, tag))
            self.opened.add(index)

    def flush_after(self) -> None:
        if any(tag == "a" for _, tag in self.stack):
            return
        for index in self.pending_after:
            self.out.append(self.spans[index].after)
        self.pending_after.clear()


def highlight(body: str, spans: Iterable[Span]) -> SafeString:
    """The body as escaped HTML paragraphs, with every span wrapped in its element.

    Spans are clipped to the body; empty ones are dropped. Paragraph breaks
    (blank lines) stay in the output, between the <p> elements.
    """
    clipped = []
    for span in spans:
        start, end = max(0, span.start), min(len(body), span.end)
        if start < end:
            clipped.append(replace(span, start=start, end=end))
    order = sorted(
        range(len(clipped)),
        key=lambda i: (clipped[i].start, -clipped[i].end, clipped[i].rank, i),
    )
    # Safe: every character of the body is escaped; tags and attribute values are built here.
    return mark_safe(_Renderer(body, [clipped[i] for i in order]).render())
