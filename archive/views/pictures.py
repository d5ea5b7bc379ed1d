"""Pictures of the corpus: who appears with whom, and when articles appeared.
Both are server-rendered SVG with an accessible table or list of the same data.

A large archive is drawn one year at a time (the latest by default): pairing the
most-named across every article, or drawing a line for each of a hundred thousand
articles, would take seconds and draw nothing readable. The timeline also pages."""

from django import forms
from django.shortcuts import get_object_or_404

from archive.formats import payloads
from archive.pictures import network as networks
from archive.pictures import timeline as timelines
from archive.views.common import bad_request, paginate, respond
from archive.views.forms import errors_text, slug_value
from archive.views.reader_cache import cached_for_readers
from corpus.models import Actor, Article, FacetTotal, Organization

TYPES = {
    "both": {networks.ACTOR, networks.ORGANIZATION},
    "actors": {networks.ACTOR},
    "organizations": {networks.ORGANIZATION},
}
# Dated published articles the network counts over the whole archive, at most;
# above this it counts one year's.
NETWORK_WHOLE_ARCHIVE = 5000
# Articles on one page of the timeline; above this the timeline shows one year's.
TIMELINE_PAGE_SIZE = 200


def _years() -> list[tuple[int, int]]:
    """(year, published articles) for every year the archive has, newest first."""
    totals = FacetTotal.objects.filter(facet=FacetTotal.Facet.YEAR, count__gt=0)
    return list(totals.order_by("-value").values_list("value", "count"))


def _scope(requested: int | None, years: list[tuple[int, int]], whole_limit: int):
    """The year a picture shows: the one asked for, else all years (None) while the
    archive's dated articles fit in `whole_limit`, else the latest year."""
    if requested is not None or not years:
        return requested
    return None if sum(count for _, count in years) <= whole_limit else years[0][0]


def _year_choices(years, year, whole_limit) -> dict:
    return {
        "year": year,
        "years": [{"year": y, "count": count, "selected": y == year} for y, count in years],
        "whole_archive_allowed": sum(count for _, count in years) <= whole_limit,
    }


class YearField(forms.IntegerField):
    def __init__(self, **kwargs):
        super().__init__(required=False, min_value=1, max_value=9999, label="Year", **kwargs)


class NetworkForm(forms.Form):
    min = forms.IntegerField(
        required=False, min_value=1, max_value=100, label="Shared articles, at least"
    )
    type = forms.ChoiceField(
        required=False,
        choices=[
            ("both", "People and organizations"),
            ("actors", "People"),
            ("organizations", "Organizations"),
        ],
        label="Show",
    )
    limit = forms.IntegerField(required=False, min_value=2, max_value=150, label="Most-named")
    year = YearField()

    # No threshold by default: the data chooses the one that draws a readable picture
    # (networks.readable_min); with one, every name in an article joins every other.
    DEFAULTS = {"min": None, "type": "both", "limit": 40}

    def settings(self) -> dict:
        return {
            name: self.cleaned_data[name] if self.cleaned_data[name] not in (None, "") else default
            for name, default in self.DEFAULTS.items()
        }


@cached_for_readers
def network(request):
    form = NetworkForm(request.GET)
    if not form.is_valid():
        return bad_request(request, errors_text(form))
    params = form.settings()
    years = _years()
    year = _scope(form.cleaned_data["year"], years, NETWORK_WHOLE_ARCHIVE)
    drawn = networks.network(TYPES[params["type"]], params["min"], params["limit"], year)
    context = {
        "form": form,
        # The threshold drawn, whether asked for or chosen from the data.
        "params": {**params, "min": drawn.min_shared},
        "min_chosen": params["min"] is None,
        **_year_choices(years, year, NETWORK_WHOLE_ARCHIVE),
        "network": drawn,
    }
    return respond(
        request, "network/network.html", context, lambda c: payloads.network_payload(c, request)
    )


class TimelineForm(forms.Form):
    actor = forms.CharField(required=False, max_length=200, validators=[slug_value])
    organization = forms.CharField(required=False, max_length=200, validators=[slug_value])
    year = YearField()


@cached_for_readers
def timeline(request):
    form = TimelineForm(request.GET)
    if not form.is_valid():
        return bad_request(request, errors_text(form))
    highlight = [
        get_object_or_404(model, slug=form.cleaned_data[name])
        for name, model in (("actor", Actor), ("organization", Organization))
        if form.cleaned_data[name]
    ]
    years = _years()
    year = _scope(form.cleaned_data["year"], years, TIMELINE_PAGE_SIZE)
    articles = Article.objects.published().for_listing().order_by("date_start", "date_end", "title")
    if year is not None:
        articles = articles.in_year(year)
    page = paginate(
        request,
        articles,
        per_page=TIMELINE_PAGE_SIZE,
        count=dict(years).get(year, 0) if year is not None else None,
    )
    shown = list(page.object_list)
    highlighted = set()
    if highlight:
        # Highlighted: the articles shown that name every entity asked for (AND, as the facets).
        named = Article.objects.published().filter(pk__in=[a.pk for a in shown])
        for entity in highlight:
            named = getattr(named, f"mentioning_{entity._meta.model_name}")(entity.slug)
        highlighted = set(named.values_list("pk", flat=True))
    context = {
        "highlight": highlight,
        "highlight_params": [(e._meta.model_name, e.slug) for e in highlight],
        "page": page,
        **_year_choices(years, year, TIMELINE_PAGE_SIZE),
        "timeline": timelines.timeline(shown, highlighted),
    }
    return respond(
        request, "timeline/timeline.html", context, lambda c: payloads.timeline_payload(c, request)
    )
