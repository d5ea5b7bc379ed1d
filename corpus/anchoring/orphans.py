"""Orphans: annotations and mentions whose passage an edit of the article's text
removed (corpus/anchoring/reanchoring.py). They keep their last position,
unchecked, until an editor places each one again (place) or deletes it; the
admin's orphan queue (corpus/editing/orphan_queue.py) is where that happens."""

from corpus.anchoring.selectors import Quote
from corpus.models import Annotation, Mention

ORPHANED = Annotation.Anchor.ORPHANED
REASON = "Placed again by an editor from the orphan queue"


def orphan_counts() -> dict[str, int]:
    return {
        "annotations": Annotation.objects.filter(anchor=ORPHANED).count(),
        "mentions": Mention.objects.filter(anchor=ORPHANED).count(),
    }


def quote_of(orphan) -> Quote:
    return Quote(orphan.exact, orphan.prefix, orphan.suffix, orphan.start, orphan.end)


def occurrences(body: str, passage: str) -> list[tuple[int, int]]:
    found, at = [], body.find(passage)
    while at >= 0:
        found.append((at, at + len(passage)))
        at = body.find(passage, at + 1)
    return found


def place(orphan, cleaned: dict, user) -> str:
    """Anchor `orphan` at cleaned start/end; returns why not, or ""."""
    model = type(orphan)
    stored = model.objects.select_for_update().filter(pk=orphan.pk).values("anchor").first()
    if stored is None or stored["anchor"] != ORPHANED:
        return "Someone else placed or deleted it meanwhile."
    start, end = cleaned["start"], cleaned["end"]
    body = orphan.article.body
    if not 0 <= start < end <= len(body):
        return "That passage is outside the article's text."
    if isinstance(orphan, Annotation):
        current = model.objects.filter(pk=orphan.pk).values_list("version", flat=True).first()
        if cleaned.get("version") is not None and cleaned["version"] != current:
            return "Someone else changed this annotation meanwhile; reload the page."
        overlapped = (
            Annotation.objects.filter(article=orphan.article, start__lt=end, end__gt=start)
            .exclude(anchor=ORPHANED)
            .first()
        )
        if overlapped:
            return f"That passage overlaps the annotated passage “{overlapped.exact[:80]}”."
        orphan.place(start, end, body)
        orphan.version = current + 1
    else:
        clash = Mention.objects.filter(
            article=orphan.article,
            start=start,
            end=end,
            actor=orphan.actor,
            organization=orphan.organization,
            anchor=Mention.Anchor.ANCHORED,
        )
        if clash.exists():
            return f"{orphan.entity} is already mentioned there: delete this orphan instead."
        orphan.start, orphan.end, orphan.anchor = start, end, Mention.Anchor.ANCHORED
        orphan.exact = orphan.prefix = orphan.suffix = ""
    orphan._change_reason = REASON
    orphan._history_user = user
    orphan.save()
    return ""
