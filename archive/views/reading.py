"""The reading page of one article."""

from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404

from archive import payloads
from archive.views.common import respond
from corpus.models import Actor, Annotation, Article, Claim, Organization


def article_detail(request, slug):
    article = get_object_or_404(
        Article.objects.published()
        .select_related("publication")
        .prefetch_related("authors", "tags", "comments"),
        slug=slug,
    )
    annotations = (
        Annotation.objects.published()
        .filter(article=article)
        .prefetch_related("tags", "actors", "organizations")
    )
    claims = Claim.objects.published().filter(annotation__article=article).for_listing()
    context = {
        "article": article,
        "actors": Actor.objects.filter(mentions__article=article)
        .annotate(mention_count=Count("mentions"))
        .order_by("-mention_count", "name"),
        "organizations": Organization.objects.filter(mentions__article=article)
        .annotate(mention_count=Count("mentions"))
        .order_by("-mention_count", "name"),
        "mentions": article.mentions.select_related("actor", "organization"),
        "annotations": annotations,
        "claims": claims,
    }
    return respond(
        request,
        "articles/detail.html",
        context,
        lambda c: payloads.article_detail(c["article"], c, request),
    )


def article_citation(request, slug, style):
    raise Http404("Not built yet")  # TODO(issue 3): Chicago, BibTeX, RIS, CSL-JSON


def article_annotations(request, slug):
    raise Http404("Not built yet")  # TODO(issue 3): W3C Web Annotation JSON-LD


def annotation_permalink(request, uuid):
    raise Http404("Not built yet")  # TODO(issue 3): redirect to the passage
