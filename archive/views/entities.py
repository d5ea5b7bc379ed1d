"""People and organizations."""

from django.shortcuts import get_object_or_404

from archive import payloads
from archive.views.common import paginate, respond
from corpus.models import Actor, Article, Claim, Organization


def _entity_list(request, queryset, template):
    entities = queryset.with_article_count().order_by("-article_count", "name")
    page = paginate(request, entities, per_page=100)
    context = {"page": page, "entities": page.object_list}
    return respond(
        request,
        template,
        context,
        lambda c: payloads.page_payload(
            c["page"], request, [payloads.entity_summary(e, request) for e in c["entities"]]
        ),
    )


def actor_list(request):
    return _entity_list(request, Actor.objects.all(), "actors/list.html")


def organization_list(request):
    return _entity_list(request, Organization.objects.all(), "organizations/list.html")


def _published_articles():
    return Article.objects.published().for_listing()


def actor_detail(request, slug):
    actor = get_object_or_404(Actor.objects.with_article_count(), slug=slug)
    context = {
        "entity": actor,
        "articles": _published_articles().mentioning_actor(slug),
        "authored": _published_articles().by_author(slug),
        "claims": Claim.objects.published().filter(claimant_actor=actor).for_listing(),
    }
    return respond(
        request,
        "actors/detail.html",
        context,
        lambda c: payloads.entity_detail(c["entity"], c, request),
    )


def organization_detail(request, slug):
    organization = get_object_or_404(
        Organization.objects.with_article_count().select_related("parent"), slug=slug
    )
    context = {
        "entity": organization,
        "parent": organization.parent,
        "members": organization.members.all(),
        "member_of": organization.memberships.all(),
        "children": organization.children.all(),
        "articles": _published_articles().mentioning_organization(slug),
        "claims": Claim.objects.published()
        .filter(claimant_organization=organization)
        .for_listing(),
    }
    return respond(
        request,
        "organizations/detail.html",
        context,
        lambda c: payloads.entity_detail(c["entity"], c, request),
    )
