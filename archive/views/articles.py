"""The faceted, searchable article list, with its JSON and CSV twins."""

from django.db.models import F

from archive.formats import csv_downloads, payloads
from archive.formats.rows import article_rows
from archive.views.common import bad_request, paginate, respond
from archive.views.forms import ArticleFilterForm, errors_text
from archive.views.reader_cache import cached_for_readers
from corpus.facets.article_search import RANK_LIMIT, ArticleSearch
from corpus.facets.counts import chips, facets_payload
from corpus.facets.suggestions import FEW_RESULTS, close_names

# Unknown dates sort last either way; ties by id keep pages stable (as the list's index does).
DATE_ORDER = {
    "date": (F("date_start").desc(nulls_last=True), "pk"),
    "-date": (F("date_start").asc(nulls_last=True), "pk"),
}


@cached_for_readers
def article_list(request):
    form = ArticleFilterForm(request.GET)
    if not form.is_valid():
        return bad_request(request, errors_text(form))
    q, sort, selected = form.cleaned_data["q"], form.sort_order(), form.selected()
    search = ArticleSearch(selected, q, sort)
    with search.planned():
        count = search.count()
        page = paginate(request, search.ordered_ids(count), count=count)
        facets = search.counts()
        articles = article_rows(page.object_list, search.query)
        # A search alone that found little suggests the names it may have meant (one query).
        suggestions = (
            close_names(q, thresholds_set=True)
            if q and not selected and count < FEW_RESULTS
            else []
        )
    context = {
        "page": page,
        "articles": articles,
        "q": q,
        "sort": sort,
        "ranked": search.ranked,
        "rank_limit": RANK_LIMIT,
        "sorts": ArticleFilterForm.SORTS,
        "facets": facets,
        "chips": chips(facets),
        "suggestions": suggestions,
    }
    return respond(
        request,
        "articles/list.html",
        context,
        lambda c: {
            **payloads.page_payload(
                c["page"],
                request,
                [{**payloads.article_summary(a, request), **_snippet(a)} for a in c["articles"]],
            ),
            "facets": facets_payload(c["facets"]),
            "order": "relevance" if c["ranked"] else sort.replace("relevance", "date"),
        },
        to_csv=lambda c: csv_downloads.articles_csv(_in_list_order(search, sort), request),
    )


def _snippet(article) -> dict:
    return {"snippet": str(article.snippet)} if hasattr(article, "snippet") else {}


def _in_list_order(search, sort):
    """Every matching article, in the order the pages list them (for the CSV)."""
    articles = search.articles().for_listing()
    if search.ranked:
        return articles.ranked(search.query)
    return articles.order_by(*DATE_ORDER["-date" if sort == "-date" else "date"])
