"""What a harvester sees: every published article is a record; an article that was
public once and is not now (unpublished, or deleted) is a deleted record.

Deleted records come from the articles' edit history (django-simple-history): the
archive reports them for as long as the history keeps them, and an administrator
may prune it, so the repository's deletedRecord policy is "transient". Their sets
are not remembered, so a harvest by set reports every deletion in its range: a
harvester asked to delete a record it never had loses nothing.

Records are listed in datestamp order, ties by id, from a cursor (the last
datestamp and id a page showed): an article changed during a harvest moves to the
end of the list and is harvested again, never skipped.
"""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Max, Min, Q
from taggit.models import Tag

from corpus.models import PUBLISHED, Article, FacetTotal, Organization

# A set is a publication or a tag: "publication:<slug>", "tag:<slug>", or the parents.
PUBLICATION, TAG = "publication", "tag"


@dataclass(frozen=True)
class Record:
    pk: int
    datestamp: datetime
    article: Article | None = None  # None: a deleted record

    @property
    def deleted(self) -> bool:
        return self.article is None

    @property
    def cursor(self) -> tuple[str, int]:
        return (self.datestamp.isoformat(), self.pk)


@dataclass(frozen=True)
class Window:
    """Which records a list request asks for: a set, a datestamp range [start, end),
    and where the previous page stopped."""

    set_spec: str = ""
    start: datetime | None = None
    end: datetime | None = None
    after: tuple[datetime, int] | None = None


def published():
    return (
        Article.objects.published()
        .for_listing()
        .select_related("publication")
        .prefetch_related("tags")
    )


def withdrawn():
    """(id, datestamp) of articles that were published once and are not now; the
    datestamp is their history's last change (unpublishing, or the deletion)."""
    history = Article.history.model
    once_public = history.objects.filter(status=PUBLISHED).values("id")
    return (
        history.objects.filter(id__in=once_public)
        .exclude(id__in=Article.objects.published().values("pk"))
        .values("id")
        .annotate(datestamp=Max("history_date"))
        .order_by()
    )


def _in_window(queryset, window: Window, stamp: str, pk: str):
    if window.start:
        queryset = queryset.filter(**{f"{stamp}__gte": window.start})
    if window.end:
        queryset = queryset.filter(**{f"{stamp}__lt": window.end})
    if window.after:
        moment, last = window.after
        queryset = queryset.filter(
            Q(**{f"{stamp}__gt": moment}) | Q(**{stamp: moment, f"{pk}__gt": last})
        )
    return queryset


def _in_set(articles, set_spec: str):
    """Published articles in a set; an unknown set matches none."""
    kind, _, slug = set_spec.partition(":")
    if kind == PUBLICATION:
        if not slug:
            return articles.filter(publication__isnull=False)
        return articles.filter(publication__slug=slug)
    if kind == TAG:
        if not slug:
            return articles.exclude(facets__tag_ids=[])
        tag = Tag.objects.filter(slug=slug).values_list("pk", flat=True).first()
        return articles.filter(facets__tag_ids__contains=[tag]) if tag else articles.none()
    return articles.none()


def listed(window: Window, limit: int) -> list[Record]:
    """The next `limit` records in the window, in datestamp order: two queries,
    the published articles' page and the deleted records' page, merged."""
    live = _in_window(published(), window, "modified", "pk")
    if window.set_spec:
        live = _in_set(live, window.set_spec)
    gone = _in_window(withdrawn(), window, "datestamp", "id")
    records = [Record(a.pk, a.modified, a) for a in live.order_by("modified", "pk")[:limit]]
    records += [
        Record(row["id"], row["datestamp"]) for row in gone.order_by("datestamp", "id")[:limit]
    ]
    return sorted(records, key=lambda r: (r.datestamp, r.pk))[:limit]


def count(window: Window) -> int:
    """How many records the window holds, the pages already shown included."""
    whole = Window(window.set_spec, window.start, window.end)
    live = _in_window(Article.objects.published(), whole, "modified", "pk")
    if whole.set_spec:
        live = _in_set(live, whole.set_spec)
    return live.count() + _in_window(withdrawn(), whole, "datestamp", "id").count()


def one(pk: int) -> Record | None:
    article = published().filter(pk=pk).first()
    if article:
        return Record(article.pk, article.modified, article)
    row = withdrawn().filter(id=pk).order_by("id").first()
    return Record(row["id"], row["datestamp"]) if row else None


def earliest_datestamp() -> datetime | None:
    stamps = [
        Article.objects.published().aggregate(first=Min("modified"))["first"],
        withdrawn().order_by("datestamp").values_list("datestamp", flat=True).first(),
    ]
    known = [s for s in stamps if s is not None]
    return min(known) if known else None


def set_specs(article) -> list[str]:
    specs = [f"{PUBLICATION}:{article.publication.slug}"] if article.publication else []
    return specs + [f"{TAG}:{tag.slug}" for tag in article.tags.all()]


def sets() -> list[tuple[str, str]]:
    """(setSpec, setName) of every set holding a published article, parents first."""
    used = FacetTotal.objects.filter(count__gt=0)
    publications = Organization.objects.filter(
        pk__in=used.filter(facet=FacetTotal.Facet.PUBLICATION).values("value")
    ).order_by("slug")
    tags = Tag.objects.filter(pk__in=used.filter(facet=FacetTotal.Facet.TAG).values("value"))
    return [
        (PUBLICATION, "Articles by publication"),
        *((f"{PUBLICATION}:{o.slug}", f"Published in {o.name}") for o in publications),
        (TAG, "Articles by tag"),
        *((f"{TAG}:{t.slug}", f"Tagged “{t.name}”") for t in tags.order_by("slug")),
    ]
