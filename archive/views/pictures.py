"""Pictures of the corpus: who appears with whom, and when articles appeared.
Both are server-rendered SVG with an accessible table or list of the same data."""

from django import forms
from django.shortcuts import get_object_or_404

from archive import network as networks
from archive import payloads
from archive import timeline as timelines
from archive.forms import errors_text, slug_value
from archive.views.common import bad_request, respond
from corpus.models import Actor, Article, Organization

TYPES = {
    "both": {networks.ACTOR, networks.ORGANIZATION},
    "actors": {networks.ACTOR},
    "organizations": {networks.ORGANIZATION},
}


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

    # Two shared articles by default: with one, every name in an article joins every
    # other, and the seeds alone draw 458 lines among 40 names, too dense to read.
    DEFAULTS = {"min": 2, "type": "both", "limit": 40}

    def settings(self) -> dict:
        return {
            name: self.cleaned_data[name] if self.cleaned_data[name] not in (None, "") else default
            for name, default in self.DEFAULTS.items()
        }


def network(request):
    form = NetworkForm(request.GET)
    if not form.is_valid():
        return bad_request(request, errors_text(form))
    params = form.settings()
    context = {
        "form": form,
        "params": params,
        "network": networks.network(TYPES[params["type"]], params["min"], params["limit"]),
    }
    return respond(
        request, "network/network.html", context, lambda c: payloads.network_payload(c, request)
    )


class TimelineForm(forms.Form):
    actor = forms.CharField(required=False, max_length=200, validators=[slug_value])
    organization = forms.CharField(required=False, max_length=200, validators=[slug_value])


def timeline(request):
    form = TimelineForm(request.GET)
    if not form.is_valid():
        return bad_request(request, errors_text(form))
    highlight = [
        get_object_or_404(model, slug=form.cleaned_data[name])
        for name, model in (("actor", Actor), ("organization", Organization))
        if form.cleaned_data[name]
    ]
    articles = Article.objects.published().for_listing().order_by("date_start", "date_end", "title")
    highlighted = set()
    if highlight:
        # Highlighted: the articles that name every entity asked for (AND, as the facets).
        named = Article.objects.published()
        for entity in highlight:
            named = getattr(named, f"mentioning_{entity._meta.model_name}")(entity.slug)
        highlighted = set(named.values_list("pk", flat=True))
    context = {"highlight": highlight, "timeline": timelines.timeline(list(articles), highlighted)}
    return respond(
        request, "timeline/timeline.html", context, lambda c: payloads.timeline_payload(c, request)
    )
