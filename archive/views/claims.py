"""Statements attributed to people and organizations, faceted; and tags."""

from django.shortcuts import get_object_or_404

from archive import exports, payloads
from archive.claim_facets import ClaimSearch
from archive.facets import chips, facets_payload, tags_in_use
from archive.forms import ClaimFilterForm, errors_text
from archive.views.articles import DATE_ORDER
from archive.views.common import bad_request, paginate, respond
from corpus.models import Annotation, Article, Claim

CLAIMS_PER_PAGE = 50
# How many of each kind of record a tag page lists; the rest are a faceted list away.
TAG_PAGE_LIMIT = 100


def claim_list(request):
    form = ClaimFilterForm(request.GET)
    if not form.is_valid():
        return bad_request(request, errors_text(form))
    search = ClaimSearch(form.selected(), form.cleaned_data["q"])

    def download(context=None):
        return exports.claims_csv(search.claims(), request)

    if request.GET.get("format") == "csv":  # every matching claim: no page, no facets
        return download()
    count, facets = search.counts()
    page = paginate(request, search.ordered_ids(), per_page=CLAIMS_PER_PAGE, count=count)
    shown = Claim.objects.for_listing().in_bulk(page.object_list)
    context = {
        "page": page,
        "claims": [shown[pk] for pk in page.object_list],
        "q": search.q,
        "facets": facets,
        "chips": chips(facets),
    }
    return respond(
        request,
        "claims/list.html",
        context,
        lambda c: {
            **payloads.page_payload(
                c["page"],
                request,
                [payloads.claim_payload(claim, request) for claim in c["claims"]],
            ),
            "facets": facets_payload(c["facets"]),
        },
        to_csv=download,
    )


def tag_list(request):
    page = paginate(request, tags_in_use().order_by("name"), per_page=500)
    context = {"page": page, "tags": page.object_list}
    return respond(
        request,
        "tags/list.html",
        context,
        lambda c: payloads.page_payload(
            c["page"], request, [payloads.tag_summary(tag, request) for tag in c["tags"]]
        ),
    )


def tag_detail(request, slug):
    tag = get_object_or_404(tags_in_use(), slug=slug)
    context = {
        "tag": tag,
        "articles": Article.objects.published()
        .tagged(slug)
        .for_listing()
        .order_by(*DATE_ORDER["date"])[:TAG_PAGE_LIMIT],
        "annotations": Annotation.objects.published()
        .filter(tags=tag)
        .select_related("article")
        .prefetch_related("tags", "actors", "organizations")
        .order_by("article__date_start", "article", "start")[:TAG_PAGE_LIMIT],
        "claims": Claim.objects.published()
        .filter(tags=tag)
        .for_listing()
        .order_by("annotation__article__date_start", "annotation__start", "pk")[:TAG_PAGE_LIMIT],
    }
    return respond(
        request,
        "tags/detail.html",
        context,
        lambda c: payloads.tag_detail(c["tag"], c, request),
    )
