"""The reading page's layers over an article body: annotated passages (claims
and notes), mentions of people and organizations, and explained acronyms,
turned into spans for archive.reading.highlighting."""

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from archive.reading.glossary import term_spans
from archive.reading.highlighting import Span, highlight
from corpus.models.notes import sanitize_note

# Which toggle shows or hides an annotation of each kind.
KIND_LAYER = {"claim": "claims", "note": "notes", "context": "notes", "entity": "notes"}
MARK_RANK, MENTION_RANK = 0, 1


@dataclass
class Entry:
    """One published annotation as the reader meets it: numbered in reading order,
    with its published claims and its permanent link."""

    number: int
    annotation: object
    claims: list = field(default_factory=list)

    @property
    def uuid(self) -> str:
        return str(self.annotation.uuid)

    @property
    def kind(self) -> str:
        return self.annotation.kind

    @property
    def layer(self) -> str:
        return KIND_LAYER.get(self.kind, "notes")

    @property
    def permalink(self) -> str:
        return reverse("annotation_detail", args=[self.annotation.uuid])

    @property
    def note_html(self) -> SafeString:
        return note_html(self.annotation.note)


def note_html(note: str) -> SafeString:
    """A note is a small HTML fragment (corpus.models.notes); notes typed as plain text get
    their paragraphs and line breaks. Sanitized again on the way out, to be safe."""
    html = sanitize_note(note)
    if html and not re.search(r"<(p|ul|ol|blockquote)\b", html):
        paragraphs = re.split(r"\n\s*\n", html)
        html = "".join(f"<p>{p.strip().replace(chr(10), '<br>')}</p>" for p in paragraphs)
    return mark_safe(html)  # sanitized by nh3 just above


def entries(annotations, claims) -> list[Entry]:
    """Annotations in body order, each with its claims (from one list, no extra query)."""
    by_annotation = defaultdict(list)
    for claim in claims:
        by_annotation[claim.annotation_id].append(claim)
    return [
        Entry(number, annotation, by_annotation[annotation.pk])
        for number, annotation in enumerate(annotations, start=1)
    ]


def annotation_spans(items: list[Entry]) -> list[Span]:
    spans = []
    for entry in items:
        shared = {
            "class": f"hl hl-{entry.kind}",
            "data-layer": entry.layer,
            "data-annotation": entry.uuid,
        }
        spans.append(
            Span(
                entry.annotation.start,
                entry.annotation.end,
                attrs={
                    **shared,
                    "id": f"passage-{entry.uuid}",
                    "tabindex": "0",
                    "aria-describedby": f"annotation-{entry.uuid}-label",
                },
                continued_attrs=shared,
                # An empty link: its number is drawn by CSS, so the body's text is unchanged.
                after=format_html(
                    '<a class="noteref" href="#annotation-{}" data-layer="{}" data-n="{}" '
                    'aria-label="Annotation {}"></a>',
                    entry.uuid,
                    entry.layer,
                    entry.number,
                    entry.number,
                ),
                rank=MARK_RANK,
            )
        )
    return spans


def _overlaps(start: int, end: int, ranges) -> bool:
    return any(start < other_end and other_start < end for other_start, other_end in ranges)


def stand_in_label(body: str, mention) -> str:
    """How a stand-in reads in words: “Moscow, standing for Russia”."""
    return f"{mention.text(body)}, standing for {mention.organization.name}"


def mention_spans(mentions, reserved=(), body: str = "") -> list[Span]:
    """Mentions as a layer. Only the first mention of each person or organization is a
    link to their page: an article names some entities dozens of times, and a link (and a
    tab stop) on every one would bury the text; the who's who panel links them all.
    Mentions over `reserved` ranges (explained acronyms, already links) stay plain. A
    stand-in (“Moscow” for Russia) says what it stands for, so it reads apart from the place."""
    spans, linked = [], set()
    for mention in mentions:
        entity = mention.entity
        kind = "actor" if mention.actor_id else "organization"
        attrs = {"class": f"mention mention-{kind}", "data-layer": "mentions"}
        if mention.stand_in:
            attrs["class"] += " mention-stand-in"
            attrs["title"] = stand_in_label(body, mention)
            attrs["data-stands-for"] = entity.name
        key = (kind, entity.pk)
        tag = "span"
        if key not in linked:
            linked.add(key)
            if not _overlaps(mention.start, mention.end, reserved):
                tag = "a"
                attrs["href"] = entity.get_absolute_url()
        spans.append(Span(mention.start, mention.end, tag=tag, attrs=attrs, rank=MENTION_RANK))
    return spans


def named(mentions, kind: str) -> list:
    """The people (`kind` "actor") or organizations that `mentions` name, each once with
    `mention_count`, most named first, then by name: the who's who counted from the
    mentions the page reads anyway, as Entity.objects.named_in(article) counts them."""
    counts: Counter = Counter()
    entities: dict = {}
    for mention in mentions:
        entity = getattr(mention, kind)
        if entity is not None:
            counts[entity.pk] += 1
            entities.setdefault(entity.pk, entity)
    for pk, entity in entities.items():
        entity.mention_count = counts[pk]
    return sorted(entities.values(), key=lambda entity: (-entity.mention_count, entity.name))


def stand_in_names(body: str, mentions) -> dict[int, list[str]]:
    """For each organization, the stand-in names the article uses for it, in the order met."""
    names: dict[int, list[str]] = defaultdict(list)
    for mention in mentions:
        if mention.stand_in and mention.text(body) not in names[mention.organization_id]:
            names[mention.organization_id].append(mention.text(body))
    return names


def with_stand_in_names(organizations, body: str, mentions) -> list:
    """The organizations an article names, each with `stand_in_names` (the stand-ins it
    uses for it) and `stand_in_count` (how many of its mentions are stand-ins)."""
    names = stand_in_names(body, mentions)
    counts = Counter(m.organization_id for m in mentions if m.stand_in)
    organizations = list(organizations)
    for organization in organizations:
        organization.stand_in_names = names.get(organization.pk, [])
        organization.stand_in_count = counts[organization.pk]
    return organizations


def render_body(body: str, items: list[Entry], mentions, acronyms) -> str:
    """The body as HTML with every layer; `acronyms` from glossary.first_occurrences."""
    terms = [(start, end) for start, end, _ in acronyms]
    return highlight(
        body,
        [*annotation_spans(items), *mention_spans(mentions, terms, body), *term_spans(acronyms)],
    )
