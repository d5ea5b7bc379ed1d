"""The faceted, searchable article list."""

from archive import payloads
from archive.facets import FACET_LABELS, facet_counts, filtered
from archive.forms import ArticleFilterForm, errors_text
from archive.views.common import bad_request, paginate, respond


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
