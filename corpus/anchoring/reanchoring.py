"""Re-anchoring: when an article's body changes, every annotation and mention is
placed again on its passage (corpus/anchoring/selectors.py says how a passage is
found), in the same transaction as the edit. What cannot be placed confidently is
orphaned, and waits in the orphan queue.

Article.save sends corpus.models.body_changed; CorpusConfig.ready connects
reanchor_on_body_change to it, so the models never import this module.
"""

from dataclasses import dataclass, field

from simple_history.utils import bulk_update_with_history

from corpus.anchoring.selectors import Quote, locate
from corpus.anchoring.textdiff import EditMap
from corpus.ingest.matching import EntityMatcher
from corpus.ingest.mentions import sync_mentions
from corpus.models import Annotation, Mention

REASON = "Re-anchored after the article's text was edited"


@dataclass
class Reanchoring:
    """What re-anchoring an article's spans did."""

    kept: int = 0
    moved: int = 0
    fuzzy: list = field(default_factory=list)
    restored: list = field(default_factory=list)
    orphaned_annotations: list = field(default_factory=list)
    orphaned_mentions: list = field(default_factory=list)
    mentions_added: int = 0
    mentions_removed: int = 0

    @property
    def orphaned(self) -> list:
        return self.orphaned_annotations + self.orphaned_mentions


def reanchor_on_body_change(sender, article, old_body: str, **kwargs) -> Reanchoring:
    """The receiver of body_changed: re-anchors the article, and answers the report."""
    return reanchor_article(article, old_body)


def reanchor_article(article, old_body: str) -> Reanchoring:
    """Place every annotation and mention of `article` again after its body
    changed from `old_body`, in the caller's transaction (the body's span check
    runs at commit). Matcher mentions that move away or vanish are left to the
    alias matcher, which then adds what it finds in the new text."""
    report = Reanchoring()
    edits = EditMap(old_body, article.body)
    _reanchor_annotations(article, edits, report)
    _reanchor_mentions(article, old_body, edits, report)
    report.mentions_added, removed = sync_mentions(article, EntityMatcher.from_database())
    report.mentions_removed += removed
    return report


def _reanchor_annotations(article, edits: EditMap, report: Reanchoring) -> None:
    body, changed = article.body, []
    for annotation in Annotation.objects.filter(article=article):
        orphan = annotation.anchor == Annotation.Anchor.ORPHANED
        quote = Quote(
            annotation.exact, annotation.prefix, annotation.suffix, annotation.start, annotation.end
        )
        # An orphan's position means nothing in this body: only its quote can place it.
        placement = locate(quote, body, None if orphan else edits)
        if placement is None:
            if not orphan:
                annotation.anchor = Annotation.Anchor.ORPHANED
                report.orphaned_annotations.append(annotation)
                changed.append(annotation)
            continue
        before = annotation.selectors
        annotation.place(placement.start, placement.end, body)
        if orphan:
            report.restored.append(annotation)
        elif placement.method == "fuzzy":
            report.fuzzy.append(annotation)
        elif (placement.start, placement.end) != (quote.start, quote.end):
            report.moved += 1
        else:
            report.kept += 1
        if orphan or annotation.selectors != before:
            changed.append(annotation)
    for annotation in changed:
        annotation.version += 1
    fields = ["start", "end", "exact", "prefix", "suffix", "anchor", "version"]
    Annotation.objects.bulk_update(changed, fields)
    records = Annotation.history.bulk_history_create(
        changed, update=True, default_change_reason=REASON
    )
    _keep_links_in_history(records)


def _keep_links_in_history(records) -> None:
    """Copy each annotation's people and organizations into its new history record:
    bulk_history_create copies no many-to-many rows, and the history then showed
    every link removed at re-anchoring, though none was."""
    historical = Annotation.history.model
    by_annotation = {record.id: record for record in records}
    for m2m in historical._history_m2m_fields:
        through = m2m.remote_field.through
        target = m2m.m2m_reverse_field_name()
        saved = historical._meta.get_field(f"historicalannotation_{m2m.name}").related_model
        links = through.objects.filter(annotation__in=list(by_annotation)).values_list(
            "id", "annotation_id", f"{target}_id"
        )
        saved.objects.bulk_create(
            saved(
                id=pk,  # the link's own id, as simple_history copies it
                history=by_annotation[annotation_id],
                annotation_id=annotation_id,
                **{f"{target}_id": linked},
            )
            for pk, annotation_id, linked in links
        )


def _reanchor_mentions(article, old_body: str, edits: EditMap, report: Reanchoring) -> None:
    body = article.body
    anchored, orphaned = Mention.Anchor.ANCHORED, Mention.Anchor.ORPHANED
    mentions = sorted(
        Mention.objects.filter(article=article),
        # Anchored before orphans, and editors' (and the curation's) before the matcher's,
        # claim a span first.
        key=lambda m: (m.anchor != anchored, m.source == Mention.Source.MATCHER, m.start),
    )
    taken, changed, dropped = set(), [], []
    for mention in mentions:
        was_anchored = mention.anchor == anchored
        if was_anchored:
            quote = Quote.at(old_body, mention.start, mention.end)
            placement = locate(quote, body, edits)
        else:
            quote = Quote(mention.exact, mention.prefix, mention.suffix, mention.start, mention.end)
            placement = locate(quote, body, None)
        key = placement and (
            placement.start,
            placement.end,
            mention.actor_id,
            mention.organization_id,
        )
        if placement and key not in taken:
            taken.add(key)
            if (mention.start, mention.end) == (placement.start, placement.end) and was_anchored:
                report.kept += 1
                continue
            if was_anchored:
                report.moved += 1
            else:
                report.restored.append(mention)
            mention.start, mention.end, mention.anchor = placement.start, placement.end, anchored
            mention.exact = mention.prefix = mention.suffix = ""
            changed.append(mention)
        elif mention.source == Mention.Source.MATCHER:
            dropped.append(mention.pk)
        elif was_anchored:
            mention.anchor = orphaned
            mention.exact, mention.prefix, mention.suffix = quote.exact, quote.prefix, quote.suffix
            report.orphaned_mentions.append(mention)
            changed.append(mention)
    Mention.objects.filter(pk__in=dropped).delete()
    report.mentions_removed += len(dropped)
    # Out of the unique span index first, so that two mentions can swap places.
    Mention.objects.filter(pk__in=[m.pk for m in changed]).update(anchor=orphaned)
    bulk_update_with_history(
        changed,
        Mention,
        ["start", "end", "anchor", "exact", "prefix", "suffix"],
        default_change_reason=REASON,
    )
