"""Faceted filtering of the article list.

Each facet is counted in the database with one grouped query, against the
articles filtered by the *other* active facets (and the search), as Django
admin's facets do. Selected values combine with AND.
"""

from dataclasses import dataclass

from django.db.models import Count, F

from corpus.models import Article, Authorship, Mention, TaggedArticle

FACET_LIMIT = 50

FACET_LABELS = {
    "actor": "People",
    "organization": "Organizations",
    "publication": "Publications",
    "author": "Authors",
    "year": "Years",
    "tag": "Tags",
}


@dataclass
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


def apply_filter(queryset, facet: str, value):
    verbs = {
        "actor": queryset.mentioning_actor,
        "organization": queryset.mentioning_organization,
        "publication": queryset.in_publication,
        "author": queryset.by_author,
        "year": queryset.in_year,
        "tag": queryset.tagged,
    }
    return verbs[facet](value)


def filtered(selected: dict, q: str = "", exclude: str | None = None):
    """Published articles matching the search and every selected facet value
    except those of `exclude`. Unordered, for counting and subqueries."""
    queryset = Article.objects.published()
    if q:
        queryset = queryset.matching(q)
    for facet, values in selected.items():
        if facet != exclude:
            for value in values:
                queryset = apply_filter(queryset, facet, value)
    return queryset.order_by()


def _grouped(facet: str, articles):
    """One grouped query: (value, label, count) rows for one facet."""
    ids = articles.values("pk")
    if facet in ("actor", "organization"):
        rows = (
            Mention.objects.filter(article__in=ids, **{f"{facet}__isnull": False})
            .values(value=F(f"{facet}__slug"), label=F(f"{facet}__name"))
            .annotate(count=Count("article", distinct=True))
        )
    elif facet == "author":
        rows = (
            Authorship.objects.filter(article__in=ids)
            .values(value=F("actor__slug"), label=F("actor__name"))
            .annotate(count=Count("article", distinct=True))
        )
    elif facet == "tag":
        rows = (
            TaggedArticle.objects.filter(content_object__in=ids)
            .values(value=F("tag__slug"), label=F("tag__name"))
            .annotate(count=Count("content_object", distinct=True))
        )
    elif facet == "publication":
        rows = (
            articles.filter(publication__isnull=False)
            .values(value=F("publication__slug"), label=F("publication__name"))
            .annotate(count=Count("pk"))
        )
    else:  # year
        rows = (
            articles.filter(year__isnull=False)
            .values(value=F("year"), label=F("year"))
            .annotate(count=Count("pk"))
        )
    order = ("-value",) if facet == "year" else ("-count", "label")
    return rows.order_by(*order)[:FACET_LIMIT]


def facet_counts(selected: dict, q: str = "") -> dict[str, list[FacetValue]]:
    facets = {}
    for facet in FACET_LABELS:
        chosen = {str(v) for v in selected.get(facet, [])}
        values = [
            FacetValue(
                str(row["value"]), str(row["label"]), row["count"], str(row["value"]) in chosen
            )
            for row in _grouped(facet, filtered(selected, q, exclude=facet))
        ]
        # A selected value always shows, even when nothing else matches it.
        shown = {v.value for v in values}
        values += [FacetValue(v, v, 0, True) for v in sorted(chosen - shown)]
        facets[facet] = values
    return facets
