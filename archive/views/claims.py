"""Statements attributed to people and organizations, faceted; and tags."""

from django.db.models import F
from django.shortcuts import get_object_or_404

from archive.formats import csv_downloads, payloads
from archive.formats.rows import claim_rows, listed_articles, listed_claims
from archive.views.common import bad_request, paginate, respond
from archive.views.entities import NEWEST_FIRST
from archive.views.forms import ClaimFilterForm, errors_text
from archive.views.reader_cache import cached_for_readers
from corpus.facets.claim_search import ClaimSearch
from corpus.facets.counts import chips, facets_payload, tags_in_use
from corpus.facets.suggestions import FEW_RESULTS, close_names
from corpus.models import ARTICLE_TEXT_FIELDS, Annotation, Article, Claim, read_names

CLAIMS_PER_PAGE = 50
# How many of each kind of record a tag page lists; the rest are a faceted list away.
TAG_PAGE_LIMIT = 100


@cached_for_readers
def claim_list(request):
    form = ClaimFilterForm(request.GET)
    if not form.is_valid():
        return bad_request(request, errors_text(form))
    sort = form.sort_order()
    search = ClaimSearch(form.selected(), form.cleaned_data["q"])

    def download(context=None):
        return csv_downloads.claims_csv(search.claims(sort), request)

    if request.GET.get("format") == "csv":  # every matching claim: no page, no facets
        return download()
    count, facets = search.counts()
    page = paginate(request, search.ordered_ids(sort), per_page=CLAIMS_PER_PAGE, count=count)
    context = {
        "page": page,
        "claims": claim_rows(page.object_list, search.q),
        "q": search.q,
        "sort": sort,
        "sorts": ClaimFilterForm.SORTS,
        # A search alone that found little suggests the names it may have meant (one query).
        "suggestions": close_names(search.q, "claims")
        if search.q and not search.selected and count < FEW_RESULTS
        else [],
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


@cached_for_readers
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


@cached_for_readers
def tag_detail(request, slug):
    tag = get_object_or_404(tags_in_use(), slug=slug)
    # Newest first off the narrow facet rows' GIN indexes, as the entity pages list.
    articles = Article.objects.filter(
        facets__published=True, facets__tag_ids__contains=[tag.pk]
    ).order_by(*NEWEST_FIRST)
    claims = Claim.objects.filter(facets__tag_ids__contains=[tag.pk]).order_by(
        F("facets__date_start").desc(nulls_last=True), "facets__start", "pk"
    )
    context = {
        "tag": tag,
        "limit": TAG_PAGE_LIMIT,
        "articles": listed_articles(articles[:TAG_PAGE_LIMIT]),
        # Each with its tags, people and organizations in the same query (for the JSON).
        "annotations": read_names(
            Annotation.objects.published()
            .filter(tags=tag)
            .select_related("article")
            .defer(*(f"article__{field}" for field in ARTICLE_TEXT_FIELDS))
            .with_names()
            # The most recently annotated first: sorting a popular tag's passages by their
            # articles' dates would read every one of them.
            .order_by("-pk")[:TAG_PAGE_LIMIT]
        ),
        "claims": listed_claims(claims[:TAG_PAGE_LIMIT]),
    }
    return respond(
        request,
        "tags/detail.html",
        context,
        lambda c: payloads.tag_detail(c["tag"], c, request),
    )
