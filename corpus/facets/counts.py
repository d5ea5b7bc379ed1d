"""What every faceted list shares: a facet's counted values, the active filters
as chips, the JSON shape; and the tags in use.

The lists count over their denormalized rows: corpus/facets/article_search.py
(articles, over ArticleFacets) and corpus/facets/claim_search.py (claims, over
ClaimFacets). A count is what clicking the value gives. A facet whose records
may hold several values (people, tags) combines its chosen values with AND, so
its values are counted within the current results. A facet whose records hold
one value (year, publication) would give nothing for a second value under AND,
so choosing a value replaces the chosen one, and its values are counted against
the search and the *other* facets. Selected values come first, with the current
count and their labels even when nothing matches them.
"""

from dataclasses import dataclass

from django.db.models import (
    CharField,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.functions import Cast, Coalesce
from taggit.models import Tag

from corpus.models import ClaimFacetTotal, FacetTotal, PassageTagTotal

# Values a facet shows before "show all"; the rest are still in the page, folded away.
FACET_SHOWN = 8
# How a facet's chosen values combine (docs/ARCHITECTURE.md, "Facet counts").
ALL = "all"  # a record may hold several values: every chosen one must be there (AND)
ONE = "one"  # a record holds at most one value: choosing a value replaces the chosen one
HOW = {
    ALL: "Choosing several finds {noun}s with all of them.",
    ONE: "Each {noun} has one; choosing another replaces your choice.",
}


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
class FacetCounts:
    """A facet's values as counted for one state of the list."""

    facet: object  # anything with .name and .heading: an ArticleFacet, a ClaimFacet
    values: list[FacetValue]
    noun: str

    @property
    def name(self):
        return self.facet.name

    @property
    def heading(self):
        return self.facet.heading

    @property
    def combine(self):
        return self.facet.combine

    @property
    def how(self):
        """How the facet's values combine, in words, for the panel."""
        return HOW[self.combine].format(noun=self.noun)

    @property
    def shown(self):
        return self.values[:FACET_SHOWN]

    @property
    def folded(self):
        return self.values[FACET_SHOWN:]

    @property
    def selected(self):
        return [v for v in self.values if v.selected]


def chips(columns: list[FacetCounts]) -> list[tuple[FacetCounts, FacetValue]]:
    """The active filters, with their labels, in facet order."""
    return [(column, value) for column in columns for value in column.selected]


def facets_payload(columns: list[FacetCounts]) -> dict:
    return {column.name: [v.as_dict() for v in column.values] for column in columns}


def settled(values: list[FacetValue], chosen, total: int) -> list[FacetValue]:
    """The values with every chosen one first, counted as the current results
    (`total`): a chosen value is what the reader already has, even one nothing
    matches or one the facet's limit left out (`chosen`: {value: label})."""
    found = {v.value for v in values}
    missing = [
        FacetValue(value, label, total, True)
        for value, label in chosen.items()
        if value not in found
    ]
    return missing + [
        FacetValue(v.value, v.label, total, True) if v.selected else v for v in values
    ]


def _total(model, facet: str, value):
    """A denormalized count (FacetTotal, ClaimFacetTotal) for the outer row, 0 if none."""
    count = model.objects.filter(facet=facet, value=value).values("count")
    return Coalesce(Subquery(count, output_field=IntegerField()), 0)


def tags_in_use() -> QuerySet:
    """Tags on at least one published article, passage or claim, each with
    `article_count` (FacetTotal), `annotation_count` (PassageTagTotal) and
    `claim_count` (ClaimFacetTotal): running totals, one query."""
    passages = PassageTagTotal.objects.filter(tag_id=OuterRef("pk")).values("count")
    return Tag.objects.annotate(
        article_count=_total(FacetTotal, "tag", OuterRef("pk")),
        annotation_count=Coalesce(Subquery(passages, output_field=IntegerField()), 0),
        claim_count=_total(ClaimFacetTotal, "tag", Cast(OuterRef("pk"), CharField())),
    ).filter(Q(article_count__gt=0) | Q(annotation_count__gt=0) | Q(claim_count__gt=0))
