"""Acronyms in an article, explained from the Organization records.

The first time an organization's acronym occurs in a body (CSTO, SCO,
CACO…) it is wrapped in <abbr title="full name">, inside a link to the
organization. Later occurrences stay plain: define once, as style guides ask.
"""

import re

from archive.reading.highlighting import Span
from corpus.models import Organization

# Words that could be acronyms, with and without surrounding punctuation ("U.S.", "CSTO’s").
WORD = re.compile(r"\w+")
TRIM = ",;:!?()[]{}“”\"‘’'«»"
# Ranks order spans over the same characters: link outside, abbreviation inside.
LINK_RANK, ABBR_RANK = 2, 3


def candidates(body: str) -> set[str]:
    return set(WORD.findall(body)) | {token.strip(TRIM) for token in body.split()}


def organizations_abbreviated_in(body: str):
    """Organizations whose acronym occurs in the body, by acronym. One query."""
    return (
        Organization.objects.exclude(acronym="")
        .filter(acronym__in=candidates(body))
        .order_by("acronym")
    )


def first_occurrences(body: str, organizations) -> list[tuple[int, int, Organization]]:
    """(start, end, organization) of each acronym's first whole-word occurrence, in body order."""
    found = []
    for organization in organizations:
        pattern = rf"(?<!\w){re.escape(organization.acronym)}(?!\w)"
        match = re.search(pattern, body)
        if match:
            found.append((match.start(), match.end(), organization))
    return sorted(found, key=lambda item: item[0])


def term_spans(occurrences) -> list[Span]:
    spans = []
    for start, end, organization in occurrences:
        spans.append(
            Span(
                start,
                end,
                tag="a",
                attrs={
                    "class": "term",
                    "href": organization.get_absolute_url(),
                    "data-expansion": organization.name,
                    "aria-describedby": f"term-{organization.slug}",
                },
                rank=LINK_RANK,
            )
        )
        spans.append(
            Span(start, end, tag="abbr", attrs={"title": organization.name}, rank=ABBR_RANK)
        )
    return spans
