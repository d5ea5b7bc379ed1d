"""Links that add or remove one query argument and drop `page`, so every
state of a list is a shareable URL (after simonwillisonblog's add_qsarg)."""

from django import template

from archive import humane_dates

register = template.Library()


def _query(request, change):
    query = request.GET.copy()
    query.pop("page", None)
    query.pop("format", None)
    change(query)
    encoded = query.urlencode()
    return f"?{encoded}" if encoded else request.path


@register.simple_tag(takes_context=True)
def toggle_qsarg(context, name, value):
    """The URL with name=value added, or removed if it is already there."""
    value = str(value)

    def change(query):
        values = query.getlist(name)
        query.setlist(
            name, [v for v in values if v != value] if value in values else [*values, value]
        )

    return _query(context["request"], change)


@register.simple_tag(takes_context=True)
def set_qsarg(context, name, value):
    def change(query):
        query[name] = value

    return _query(context["request"], change)


@register.simple_tag(takes_context=True)
def remove_qsarg(context, name):
    return _query(context["request"], lambda query: query.pop(name, None))


@register.simple_tag(takes_context=True)
def page_url(context, number):
    """The URL of one page of the current list; page 1 has no `page` argument."""

    def change(query):
        if int(number) > 1:
            query["page"] = number

    return _query(context["request"], change)


@register.simple_tag
def elided_pages(page):
    """Page numbers around the current one, with … for the gaps."""
    return page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)


@register.filter
def date_words(article):
    """An article's date in words, as certain as the evidence allows."""
    return humane_dates.describe(article.date_edtf, article.date_certainty) or "date unknown"
