"""The faceted, searchable article list, with its JSON and CSV twins."""

from django.db.models import F

from archive import exports, payloads
from archive.facets import ARTICLES, chips, facets_payload
from archive.forms import ArticleFilterForm, errors_text
from archive.snippets import with_snippets
from archive.views.common import bad_request, paginate, respond

# Unknown dates sort last either way; ties by title keep pages stable.
DATE_ORDER = {
    "date": (F("date_start").desc(nulls_last=True), "title", "pk"),
    "-date": (F("date_start").asc(nulls_last=True), "title", "pk"),
}


def article_list(request):
    form = ArticleFilterForm(request.GET)
    if not form.is_valid():
        return bad_request(request, errors_text(form))
    q, sort, selected = form.cleaned_data["q"], form.sort_order(), form.selected()
    articles = ARTICLES.filtered(selected, q).for_listing()
    articles = articles.ranked(q) if sort == "relevance" else articles.order_by(*DATE_ORDER[sort])
    page = paginate(request, articles)
    facets = ARTICLES.counts(selected, q)
    context = {
        "page": page,
        "articles": with_snippets(list(page.object_list), q),
        "q": q,
        "sort": sort,
        "sorts": ArticleFilterForm.SORTS,
        "facets": facets,
        "chips": chips(facets),
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
        },
        to_csv=lambda c: exports.articles_csv(c["page"].paginator.object_list, request),
    )


def _snippet(article) -> dict:
    return {"snippet": str(article.snippet)} if hasattr(article, "snippet") else {}
