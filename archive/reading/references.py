"""Editors' descriptions refer to articles by title, as “Title” or, for a title the
editors supplied, [Title]: those references become links to the articles."""

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe


def with_article_links(text: str, articles) -> SafeString:
    """`text`, escaped, with each reference to one of `articles` (already read for the
    page, so no query) linking to it; other words, and titles of no article given, as written."""
    targets = {}
    for article in articles:
        title, url = escape(article.title), escape(article.get_absolute_url())
        if article.title_supplied:
            targets[f"[{title}]"] = f'<a href="{url}">[{title}]</a>'
        else:
            targets[f"“{title}”"] = f'“<a href="{url}">{title}</a>”'
    escaped = escape(text)
    if not targets:
        return mark_safe(escaped)  # noqa: S308 - escaped above
    # The longest first, so a title inside another's is not taken for it.
    pattern = re.compile("|".join(re.escape(ref) for ref in sorted(targets, key=len, reverse=True)))
    return mark_safe(pattern.sub(lambda m: targets[m.group(0)], escaped))  # noqa: S308 - escaped
