"""Faceted, searchable lists: the shapes every facet shares, and the claims list.

The article list counts over its denormalized rows instead: archive/article_facets.py.

A `FacetedList` is a base queryset, a full-text match and a set of facets.
Each facet is counted in the database with one grouped query, against the
rows filtered by the search and by the *other* active facets, as Django
admin's facets do. Selected values combine with AND. Counting from the table
of values (actors, tags...) returns the selected values first and with their
labels even when nothing matches them, so the chips need no query of their own.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import (
    Case,
    CharField,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce
from taggit.models import Tag

from corpus.models import Annotation, ClaimFacetTotal, FacetTotal, TaggedAnnotation

# Values a facet shows before "show all"; the rest are still in the page, folded away.
FACET_SHOWN = 8
# A bound on any one facet's rows, far above what the corpus holds.
FACET_LIMIT = 500


@dataclass(frozen=True)
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool

    def as_dict(self):
        return {
            "value": self.value,
            "label": self.label,
            "count": self.count,
            "selected": self.selected,
        }


@dataclass(frozen=True)
class Facet:
    """One facet: `filter(rows, value)` narrows the rows to one value;
    `count(rows, chosen)` is the grouped query giving {value, label, count} rows,
    chosen values first; `label(value)` names a chosen value that has no row."""

    name: str
    heading: str
    filter: Callable
    count: Callable
    label: Callable[[str], str] = str


@dataclass(frozen=True)
class FacetCounts:
    """A facet's values as counted for one state of the list."""

    facet: Facet
    values: list[FacetValue]
    noun: str

    @property
    def name(self):
        return self.facet.name

    @property
    def heading(self):
        return self.facet.heading

    @property
    def shown(self):
        return self.values[:FACET_SHOWN]

    @property
    def folded(self):
        return self.values[FACET_SHOWN:]

    @property
    def selected(self):
        return [v for v in self.values if v.selected]


class FacetedList:
    def __init__(self, noun: str, base: Callable[[], QuerySet], match: Callable, facets):
        self.noun = noun
        self.base = base
        self.match = match
        self.facets = {facet.name: facet for facet in facets}

    def filtered(self, selected: dict, q: str = "", exclude: str | None = None) -> QuerySet:
        """Rows matching the search and every selected value, except those of the
        facet `exclude`. Unordered, for counting and subqueries."""
        rows = self.base()
        if q:
            rows = self.match(rows, q)
        for name, values in selected.items():
            if name != exclude:
                for value in values:
                    rows = self.facets[name].filter(rows, value)
        return rows.order_by()

    def counts(self, selected: dict, q: str = "") -> list[FacetCounts]:
        """Every facet's values with counts: one grouped query per facet."""
        columns = []
        for name, facet in self.facets.items():
            chosen = [str(v) for v in selected.get(name, [])]
            rows = facet.count(self.filtered(selected, q, exclude=name), chosen)[:FACET_LIMIT]
            values = [
                FacetValue(
                    value=str(row["value"]),
                    label=str(row.get("label") or facet.label(str(row["value"]))),
                    count=row["count"],
                    selected=str(row["value"]) in chosen,
                )
                for row in rows
            ]
            # A chosen value unknown to the database still shows, so it can be removed.
            found = {v.value for v in values}
            missing = [FacetValue(v, facet.label(v), 0, True) for v in chosen if v not in found]
            columns.append(FacetCounts(facet, missing + values, self.noun))
        return columns


def chips(columns: list[FacetCounts]) -> list[tuple[FacetCounts, FacetValue]]:
    """The active filters, with their labels, in facet order."""
    return [(column, value) for column in columns for value in column.selected]


def _chosen_first(field: str, chosen: list[str]):
    if not chosen:
        return Value(1, output_field=IntegerField())
    return Case(When(**{f"{field}__in": chosen}, then=Value(0)), default=Value(1))


def counted_through(model, relation: str, label=None, base=None, where=None):
    """Count from a table of values: each value (by slug) with how many of the
    filtered rows reach it through `relation` (and the `where` condition on the
    way). Values reaching none are left out unless chosen."""

    def count(rows, chosen):
        values = (base() if base else model.objects.all()).order_by()
        reach = Q(**{f"{relation}__in": rows.values("pk")}) & (where or Q())
        return (
            values.annotate(count=Count(relation, filter=reach, distinct=True))
            .filter(Q(count__gt=0) | Q(slug__in=chosen))
            .values(
                "count",
                value=F("slug"),
                label=F("name") if label is None else label,
                first=_chosen_first("slug", chosen),
            )
            .order_by("first", "-count", "label")
        )

    return count


def counted_by_field(field: str, order=("-count", "value")):
    """Count a column of the rows themselves (year, kind): one GROUP BY."""

    def count(rows, chosen):
        return (
            rows.filter(**{f"{field}__isnull": False})
            .values(value=F(field))
            .annotate(count=Count("pk"), first=_chosen_first(field, chosen))
            .order_by("first", *order)
        )

    return count


def facets_payload(columns: list[FacetCounts]) -> dict:
    return {column.name: [v.as_dict() for v in column.values] for column in columns}


def _total(model, facet: str, value):
    """A denormalized count (FacetTotal, ClaimFacetTotal) for the outer row, 0 if none."""
    count = model.objects.filter(facet=facet, value=value).values("count")
    return Coalesce(Subquery(count, output_field=IntegerField()), 0)


def tags_in_use() -> QuerySet:
    """Tags on at least one published article, annotation or claim, each with
    `article_count` (FacetTotal) and `claim_count` (ClaimFacetTotal); one query.
    Passages have no running totals: annotation_counts() counts them for a page."""
    tagged_passage = TaggedAnnotation.objects.filter(
        tag=OuterRef("pk"), content_object__in=Annotation.objects.published().values("pk")
    )
    return Tag.objects.annotate(
        article_count=_total(FacetTotal, "tag", OuterRef("pk")),
        claim_count=_total(ClaimFacetTotal, "tag", Cast(OuterRef("pk"), CharField())),
    ).filter(Q(article_count__gt=0) | Q(claim_count__gt=0) | Exists(tagged_passage))


def annotation_counts(tags, limit: int | None = None) -> dict:
    """{tag id: how many published passages carry it}, one grouped query; with
    `limit`, one tag's count stops there (a popular tag has tens of thousands)."""
    passages = TaggedAnnotation.objects.filter(
        tag__in=tags, content_object__in=Annotation.objects.published().values("pk")
    ).order_by()
    if limit is not None:
        (tag,) = tags
        return {tag.pk: passages.values("pk")[:limit].count()}
    return dict(passages.values_list("tag").annotate(n=Count("pk")).values_list("tag", "n"))
