"""The reading page of one article, its citations, its annotations as W3C Web
Annotations, and permanent links to annotated passages."""

from django.conf import settings
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.cache import patch_vary_headers

from archive.formats import citations, humane_dates, payloads, tei, web_annotation
from archive.reading import glossary, layers, snippets
from archive.views.common import (
    JSON_OPTIONS,
    BadParameters,
    bad_request,
    described_by,
    link,
    linked_data,
    paginate,
    respond,
    wants_json,
)
from archive.views.reader_cache import cached_for_readers
from corpus.models import (
    Annotation,
    Article,
    Claim,
    in_byline_order,
    read_names,
    read_parts,
)

RELATED_LIMIT = 5
# As the lists' search box: a longer ?q= is cut, never an error.
SEARCH_MAX_LENGTH = 200


def _published_article(slug, *related):
    return get_object_or_404(
        Article.objects.published().select_related("publication").prefetch_related(*related),
        slug=slug,
    )


def _entries(article) -> list[layers.Entry]:
    """The article's published, anchored annotations in reading order, with their
    claims: two queries (the annotations carry their tags, people and organizations)."""
    annotations = read_names(Annotation.objects.published().filter(article=article).with_names())
    claims = Claim.objects.published().filter(annotation__article=article).for_listing()
    return layers.entries(annotations, claims)


@cached_for_readers
def article_detail(request, slug):
    # Seven queries: the article with its byline, tags and comments; its annotations;
    # their claims; its mentions (which give the who's who); the acronyms; related articles.
    article = read_parts(get_object_or_404(Article.objects.published().with_parts(), slug=slug))
    entries = _entries(article)
    mentions = list(article.mentions.placed().select_related("actor", "organization"))
    abbreviated = glossary.organizations_abbreviated_in(article.body)
    acronyms = glossary.first_occurrences(article.body, abbreviated)
    page_url = request.build_absolute_uri(article.get_absolute_url())
    context = {
        "article": article,
        "date_text": humane_dates.describe(article.date_edtf, article.date_certainty),
        "body_html": layers.render_body(article.body, entries, mentions, acronyms),
        "entries": entries,
        "annotations": [entry.annotation for entry in entries],
        "claims": [claim for entry in entries for claim in entry.claims],
        "mentions": mentions,
        "actors": layers.named(mentions, "actor"),
        "organizations": layers.with_stand_in_names(
            layers.named(mentions, "organization"), article.body, mentions
        ),
        "glossary": abbreviated,
        "related": Article.objects.published()
        .only("slug", "title", "title_supplied", "date_edtf", "date_start")
        .related_to(article, RELATED_LIMIT)[:RELATED_LIMIT],
        "page_url": page_url,
        "citation": citations.chicago(article, page_url, html=True),
        "citation_styles": CITATION_STYLES,
        "highwire": citations.highwire(article, page_url),
        "layers": [("mentions", "Mentions"), ("claims", "Claims"), ("notes", "Notes")],
        **_search_terms(request, article),
    }
    return respond(
        request,
        "articles/detail.html",
        context,
        lambda c: payloads.reading_page(c, request),
    )


def _search_terms(request, article) -> dict:
    """Arriving from a search (?q=), the words of the text it matched, to mark."""
    q = request.GET.get("q", "").strip()[:SEARCH_MAX_LENGTH]
    if not q:
        return {}
    return {"search_q": q, "search_words": snippets.matched_words(article.body, q)}


# style: (label, content type, function of article and URL returning text)
CITATION_STYLES = {
    "txt": ("Chicago (plain text)", "text/plain; charset=utf-8", citations.chicago),
    "bib": ("BibTeX", "application/x-bibtex; charset=utf-8", citations.bibtex),
    "ris": ("RIS", "application/x-research-info-systems; charset=utf-8", citations.ris),
    "json": ("CSL-JSON", "application/vnd.citationstyles.csl+json", citations.csl_json_text),
}


def article_citation(request, slug, style):
    if style not in CITATION_STYLES:
        raise Http404(f"No citation style “{style}”")
    article = _published_article(slug, in_byline_order())
    _, content_type, cite = CITATION_STYLES[style]
    text = cite(article, request.build_absolute_uri(article.get_absolute_url()))
    response = HttpResponse(text, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{article.slug}.{style}"'
    return response


def article_tei(request, slug):
    """The article as TEI P5: its header, its body verbatim, its annotations as notes."""
    article = _published_article(slug, "authors", "tags")
    mentions = article.mentions.placed().select_related("actor", "organization")
    document = tei.document(
        article, mentions, _entries(article), request.build_absolute_uri, settings.ARCHIVE_NAME
    )
    return HttpResponse(document, content_type="application/tei+xml; charset=utf-8")


# Web Annotation Protocol: an annotation is an LDP resource, a collection a container.
LDP_RESOURCE = "http://www.w3.org/ns/ldp#Resource"
LDP_CONTAINER = "http://www.w3.org/ns/ldp#BasicContainer"
CONSTRAINED_BY = {
    "http://www.w3.org/ns/ldp#constrainedBy": "http://www.w3.org/TR/annotation-protocol/"
}
LINKED_DATA_TYPES = [
    "text/html",
    web_annotation.CONTENT_TYPE,
    "application/ld+json",
    "application/json",
]


def article_annotations(request, slug):
    """The article's published annotations as a paged W3C AnnotationCollection;
    `?page=N` answers page N as an AnnotationPage."""
    article = _published_article(slug)
    annotations = (
        Annotation.objects.published()
        .filter(article=article)
        .prefetch_related("tags", "actors", "organizations")
    )
    page = paginate(request, annotations, per_page=settings.WEB_ANNOTATION_PAGE_SIZE)
    claims = Claim.objects.published().filter(annotation__in=page.object_list).for_listing()
    entries = layers.entries(page.object_list, claims)
    absolute = request.build_absolute_uri
    build = web_annotation.page_document if "page" in request.GET else web_annotation.collection
    return linked_data(
        request,
        build(article, page, entries, absolute),
        web_annotation.CONTENT_TYPE,
        targets={**web_annotation.links(article, page, absolute), **CONSTRAINED_BY},
        types=[LDP_CONTAINER],
        vary=False,
    )


def annotation_permalink(request, uuid):
    """A passage's permanent address: the reading page, scrolled to the passage; asked
    for JSON-LD (Accept), the W3C annotation; `?format=json`, its JSON twin."""
    annotation = get_object_or_404(
        Annotation.objects.published()
        .select_related("article")
        .prefetch_related("tags", "actors", "organizations"),
        uuid=uuid,
    )
    try:
        as_json = wants_json(request)
    except BadParameters as error:
        return bad_request(request, str(error))
    claims = Claim.objects.published().filter(annotation=annotation).for_listing()
    if as_json:
        payload = payloads.annotation_permalink(annotation, claims, request)
        return link(JsonResponse(payload, **JSON_OPTIONS), described_by(request))
    if "format" not in request.GET and request.get_preferred_type(LINKED_DATA_TYPES) not in (
        None,
        "text/html",
    ):
        entry = layers.entries([annotation], claims)[0]
        return linked_data(
            request,
            web_annotation.single(entry, request.build_absolute_uri),
            web_annotation.CONTENT_TYPE,
            types=[LDP_RESOURCE],
        )
    response = redirect(f"{annotation.article.get_absolute_url()}#annotation-{annotation.uuid}")
    patch_vary_headers(response, ["Accept"])
    return response
