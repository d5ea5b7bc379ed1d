"""The front page: what the archive holds and where to start."""

from django.db.models import Max, Min, Sum
from django.db.models.functions import Coalesce

from archive.formats import payloads
from archive.views.common import respond
from archive.views.reader_cache import cached_for_readers
from corpus.models import Actor, Article, ClaimFacetTotal, Organization

TOP_ENTITIES = 8


@cached_for_readers
def home(request):
    articles = Article.objects.published()
    context = {
        "article_count": articles.count(),
        "years": articles.aggregate(first=Min("year"), last=Max("year")),
        # Every public claim has one kind: the kinds' running totals add up to them all.
        "claim_count": ClaimFacetTotal.objects.filter(facet=ClaimFacetTotal.Facet.KIND).aggregate(
            n=Coalesce(Sum("count"), 0)
        )["n"],
        # As many as the People and Organizations pages list, authors named nowhere included.
        "people_count": Actor.objects.count(),
        "organization_count": Organization.objects.count(),
        "recent": articles.for_listing()[:5],
        "people": Actor.objects.most_named(TOP_ENTITIES),
        "organizations": Organization.objects.most_named(TOP_ENTITIES),
    }
    return respond(
        request,
        "home.html",
        context,
        lambda c: {
            "article_count": c["article_count"],
            "claim_count": c["claim_count"],
            "people_count": c["people_count"],
            "organization_count": c["organization_count"],
            "years": c["years"],
            "recent": [payloads.article_summary(a, request) for a in c["recent"]],
            "people": [payloads.entity_summary(e, request) for e in c["people"]],
            "organizations": [payloads.entity_summary(e, request) for e in c["organizations"]],
        },
    )
