"""Importing annotations: each one is placed on its passage by the archive's own
anchoring (corpus/anchoring/selectors.py), lands as a draft for an editor to
review, and, when its passage cannot be found confidently, waits in the orphan
queue instead of being attached to the wrong words.

A whole file is one transaction: a file the readers refuse, or an annotation whose
page is no article here, writes nothing. An annotation the archive already holds
(its permanent link's uuid, or the same passage and note) is skipped, so importing
a file twice changes nothing. Links to people, organizations and tags are kept only
when they name this archive's own records: a name is never linked by a guess.
"""

from dataclasses import dataclass, field
from urllib.parse import urlsplit

from django.db import IntegrityError, transaction
from django.urls import Resolver404, resolve
from taggit.models import Tag

from corpus.anchoring.selectors import Quote, locate
from corpus.editing.interchange.readers import ImportFailed, Incoming, read
from corpus.models import Actor, Annotation, Article, Organization, Status
from corpus.models.notes import sanitize_note

REASON = "Imported from an annotation file"
# How much context an orphan keeps (Annotation.prefix and .suffix hold 64 characters).
CONTEXT_KEPT = 64
# The longest tag name taggit keeps.
TAG_LENGTH = Tag._meta.get_field("name").max_length


@dataclass
class ImportReport:
    placed: list = field(default_factory=list)
    orphaned: list = field(default_factory=list)
    skipped: list[int] = field(default_factory=list)
    unlinked: list[str] = field(default_factory=list)

    def summary(self) -> str:
        parts = [
            f"{len(self.placed)} placed",
            f"{len(self.orphaned)} orphaned (in the orphan queue)",
        ]
        if self.skipped:
            parts.append(f"{len(self.skipped)} already in the archive")
        text = f"Imported {len(self.placed) + len(self.orphaned)} annotations as drafts: {', '.join(parts)}."
        if self.unlinked:
            text += f" Not linked (no such record here): {', '.join(sorted(set(self.unlinked)))}."
        return text


def _route(url: str):
    """The archive's view and slug a URL of this archive names, or (None, None)."""
    try:
        match = resolve(urlsplit(url).path or "/")
    except Resolver404:
        return None, None
    return match.url_name, match.kwargs.get("slug")


def _article(incoming: Incoming, chosen: Article | None) -> Article:
    if chosen is not None:
        return chosen
    name, slug = _route(incoming.source)
    article = None
    if name == "article_detail":
        article = Article.objects.filter(slug=slug).first()
    if article is None and incoming.source:
        article = Article.objects.filter(source_url=incoming.source).first()
    if article is None:
        raise ImportFailed(
            f"Annotation {incoming.number} targets “{incoming.source[:120]}”, which is no "
            "article in the archive (name the article to import onto)."
        )
    return article


def _placement(incoming: Incoming, body: str) -> tuple[int, int] | None:
    start, end = incoming.start, incoming.end
    in_range = incoming.in_body and start is not None and 0 <= start < end <= len(body)
    # A position counted from the body holds its passage when it holds the quote.
    if in_range and (not incoming.exact or body[start:end] == incoming.exact):
        return start, end
    if not incoming.exact:
        return None
    hint = start if incoming.in_body and start is not None else 0
    quote = Quote(
        incoming.exact, incoming.prefix, incoming.suffix, hint, hint + len(incoming.exact)
    )
    placement = locate(quote, body)
    return (placement.start, placement.end) if placement else None


def _build(incoming: Incoming, article: Article, user) -> Annotation:
    annotation = Annotation(
        article=article,
        kind=incoming.kind,
        note=sanitize_note(incoming.note),
        status=Status.DRAFT,
        author=user,
    )
    if incoming.uuid:
        annotation.uuid = incoming.uuid
    span = _placement(incoming, article.body)
    if span:
        annotation.place(*span, article.body)
    else:
        # Kept as the file gave it, position unchecked, until an editor places it.
        annotation.anchor = Annotation.Anchor.ORPHANED
        start = incoming.start if incoming.start is not None and incoming.start >= 0 else 0
        annotation.start, annotation.end = start, start + max(1, len(incoming.exact))
        annotation.exact = incoming.exact
        annotation.prefix = incoming.prefix[-CONTEXT_KEPT:]
        annotation.suffix = incoming.suffix[:CONTEXT_KEPT]
    return annotation


def _already_here(annotation: Annotation) -> bool:
    if Annotation.objects.filter(uuid=annotation.uuid).exists():
        return True
    return (
        annotation.anchor == Annotation.Anchor.ANCHORED
        and Annotation.objects.filter(
            article=annotation.article,
            start=annotation.start,
            end=annotation.end,
            note=annotation.note,
        ).exists()
    )


def _link(annotation: Annotation, incoming: Incoming, report: ImportReport) -> None:
    tags = []
    for tag in filter(None, (tag.strip() for tag in incoming.tags)):
        if not tag.startswith(("http://", "https://", "/")):
            tags.append(tag[:TAG_LENGTH])  # a tag's name, as Hypothesis gives it
            continue
        name, slug = _route(tag)
        known = Tag.objects.filter(slug=slug).first() if name == "tag_detail" else None
        if known is None:
            report.unlinked.append(tag)
        else:
            tags.append(known)
    if tags:
        annotation.tags.add(*tags)
    models = {"actor_detail": Actor, "organization_detail": Organization}
    for url in incoming.entities:
        name, slug = _route(url)
        model = models.get(name)
        entity = model.objects.filter(slug=slug).first() if model else None
        if entity is None:
            report.unlinked.append(url)
        else:
            getattr(annotation, f"{model._meta.model_name}s").add(entity)


def import_annotations(data: bytes, user=None, article: Article | None = None) -> ImportReport:
    """Import every annotation in a file's bytes, as drafts; raises ImportFailed
    (and writes nothing) for a file that cannot be imported whole."""
    incoming = read(data)
    if not incoming:
        raise ImportFailed("The file holds no annotations.")
    targets = [_article(item, article) for item in incoming]
    report = ImportReport()
    try:
        with transaction.atomic():
            _save(incoming, targets, user, report)
    except IntegrityError:
        # Two imports of one file at once: the second finds the first's permanent links.
        raise ImportFailed(
            "Another import wrote some of these annotations meanwhile: nothing was "
            "imported; import the file again to add what is still missing."
        ) from None
    return report


def _save(incoming: list[Incoming], targets: list[Article], user, report: ImportReport) -> None:
    for item, target in zip(incoming, targets, strict=True):
        annotation = _build(item, target, user)
        if _already_here(annotation):
            report.skipped.append(item.number)
            continue
        annotation._change_reason = REASON
        annotation._history_user = user
        annotation.save()
        _link(annotation, item, report)
        placed = annotation.anchor == Annotation.Anchor.ANCHORED
        (report.placed if placed else report.orphaned).append(annotation)
