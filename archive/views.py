"""The public archive. Each view builds one context; the template renders it
and `?format=json` serializes the same context (see payloads.py)."""

from django.conf import settings
from django.core.paginator import InvalidPage, Paginator
from django.db.models import Count
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, render

from archive import payloads
from archive.facets import FACET_LABELS, facet_counts, filtered
from archive.forms import ArticleFilterForm, ClaimFilterForm, errors_text
from corpus.models import Actor, Annotation, Article, Claim, Organization

JSON_OPTIONS = {"json_dumps_params": {"ensure_ascii": False, "indent": 2}}


def wants_json(request) -> bool:
    fmt = request.GET.get("format", "html")
    if fmt not in ("html", "json"):
        raise BadParameters(f"format: “{fmt[:20]}” is not html or json.")
    return fmt == "json"


class BadParameters(Exception):
    pass


def respond(request, template, context, to_json):
    try:
        as_json = wants_json(request)
    except BadParameters as error:
        return bad_request(request, str(error))
    if as_json:
        return JsonResponse(to_json(context), **JSON_OPTIONS)
    return render(request, template, context)


def bad_request(request, message):
    if request.GET.get("format") == "json":
        return JsonResponse({"error": message}, status=400)
    return render(request, "400.html", {"message": message}, status=400)


def paginate(request, queryset, per_page=None):
    paginator = Paginator(queryset, per_page or settings.ARCHIVE_PAGE_SIZE)
    try:
        return paginator.page(request.GET.get("page", 1))
    except InvalidPage:
        raise Http404("No such page") from None


def home(request):
    context = {
        "article_count": Article.objects.published().count(),
        "recent": Article.objects.published().for_listing()[:5],
    }
    return render(request, "home.html", context)


def article_list(request):
    form = ArticleFilterForm(request.GET)
    if not form.is_valid():
        return bad_request(request, errors_text(form))
    q = form.cleaned_data["q"]
    selected = {f: form.cleaned_data[f] for f in ArticleFilterForm.FACETS if form.cleaned_data[f]}
    articles = filtered(selected, q).for_listing()
    sort = form.cleaned_data["sort"] or ("relevance" if q else "date")
    if sort == "relevance" and q:
        articles = articles.ranked(q)
    else:
        articles = articles.order_by("-date_start" if sort != "-date" else "date_start", "title")
    page = paginate(request, articles)
    context = {
        "page": page,
        "articles": page.object_list,
        "q": q,
        "sort": sort,
        "selected": selected,
        "facets": facet_counts(selected, q),
        "facet_labels": FACET_LABELS,
    }
    return respond(
        request,
        "articles/list.html",
        context,
        lambda c: {
            **payloads.page_payload(
                c["page"], request, [payloads.article_summary(a, request) for a in c["articles"]]
            ),
            "facets": {name: [v.as_dict() for v in values] for name, values in c["facets"].items()},
        },
    )


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


def claim_list(request):
    form = ClaimFilterForm(request.GET)
    if not form.is_valid():
        return bad_request(request, errors_text(form))
    claims = Claim.objects.published().for_listing()
    for slug in form.cleaned_data["claimant"]:
        claims = claims.by_claimant(slug)
    page = paginate(
        request,
        claims.order_by("annotation__article__date_start", "annotation__start"),
        per_page=50,
    )
    context = {"page": page, "claims": page.object_list, "claimants": form.cleaned_data["claimant"]}
    return respond(
        request,
        "claims/list.html",
        context,
        lambda c: payloads.page_payload(
            c["page"], request, [payloads.claim_payload(claim, request) for claim in c["claims"]]
        ),
    )
