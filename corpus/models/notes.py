"""Editors' notes on annotated passages.

A note is a small HTML fragment. Editors may type plain text (kept as text,
with `&`, `<` and `>` escaped) or use a safe subset of markup: paragraphs,
line breaks, emphasis, strong, links, lists and block quotes. Everything else
is removed by nh3: a <script> or <style> with its content, other tags keeping
their text, every attribute but a link's href, and any link scheme but http,
https and mailto. Links get rel="noopener nofollow". The result is safe to
render as HTML on the public site, and sanitizing it again changes nothing.
"""

import nh3

NOTE_TAGS = {"p", "br", "em", "strong", "a", "ul", "ol", "li", "blockquote"}
NOTE_ATTRIBUTES = {"a": {"href"}}
NOTE_URL_SCHEMES = {"http", "https", "mailto"}


def sanitize_note(text: str) -> str:
    """Return `text` with only the allowed markup left, trimmed."""
    return nh3.clean(
        text,
        tags=NOTE_TAGS,
        clean_content_tags={"script", "style"},
        attributes=NOTE_ATTRIBUTES,
        link_rel="noopener nofollow",
        url_schemes=NOTE_URL_SCHEMES,
    ).strip()
