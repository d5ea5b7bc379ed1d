"""Links that add or remove one query argument and drop `page`, so every
state of a list is a shareable URL (after simonwillisonblog's add_qsarg)."""

from html import escape
from urllib.parse import quote_plus, urlencode, urlsplit

from django import template
from django.template.defaultfilters import pluralize
from django.urls.converters import SlugConverter, UUIDConverter
from django.utils.safestring import mark_safe

from archive.formats import humane_dates
from archive.formats.rows import RouteLinks
from archive.reading import references
from corpus.facets.counts import ONE

register = template.Library()


def _list_state(request):
    """A copy of the request's query without `page` and `format`: what a link keeps."""
    query = request.GET.copy()
    query.pop("page", None)
    query.pop("format", None)
    return query


def _query(request, change):
    query = _list_state(request)
    change(query)
    encoded = query.urlencode()
    return f"?{encoded}" if encoded else request.path


class _Toggler:
    """Toggle links for one argument of one request, sharing the encoding of
    the other arguments: a facet panel asks for ~180 of them, and copying and
    re-encoding the whole query for each one was a third of its rendering."""

    def __init__(self, request, name):
        query = _list_state(request)
        keys = list(query)
        at = keys.index(name) if name in keys else len(keys)
        # Django's QueryDict.urlencode, one argument at a time, so links read as before.
        self.before = [urlencode({k: v}) for k in keys[:at] for v in query.getlist(k)]
        self.after = [urlencode({k: v}) for k in keys[at + 1 :] for v in query.getlist(k)]
        self.values, self.path = query.getlist(name), request.path
        self.key = f"{quote_plus(name)}="

    def __call__(self, value, replace=False):
        """The link toggling `value`; with `replace`, choosing it drops the others
        (a facet of one value per record, where a second choice would find nothing)."""
        values = self.values
        if value in values:
            values = [v for v in values if v != value]
        else:
            values = [value] if replace else [*values, value]
        encoded = "&".join([*self.before, *(self.key + quote_plus(v) for v in values), *self.after])
        return f"?{encoded}" if encoded else self.path


def _toggler(request, name):
    togglers = request.__dict__.setdefault("_archive_togglers", {})
    if name not in togglers:
        togglers[name] = _Toggler(request, name)
    return togglers[name]


@register.simple_tag(takes_context=True)
def toggle_qsarg(context, name, value):
    """The URL with name=value added, or removed if it is already there."""
    return _toggler(context["request"], name)(str(value))


@register.simple_tag(takes_context=True)
def facet_values(context, column, values):
    """The `values` of a facet column, each a list item linking to the list with
    its filter toggled.

    Python rather than a template per value: a facet panel has up to 180 values,
    and rendering them node by node took most of a list page's time. Every text
    is escaped (html.escape, as Django's escape)."""
    toggle = _toggler(context["request"], column.name)
    replace = column.combine == ONE
    return mark_safe("".join(_facet_value(toggle, column.noun, value, replace) for value in values))


def _facet_value(toggle, noun, value, replace):
    label, count = escape(value.label), value.count
    described = f"{label}, {count} {escape(noun)}{pluralize(count)}"
    selected = current = ""
    if value.selected:
        selected, current = " selected", ' aria-current="true"'
        described = f"{described}, selected (remove filter)"
    return (
        f'<li><a class="facet-value{selected}" href="{escape(toggle(str(value.value), replace))}"'
        f'{current} aria-label="{described}"><span class="facet-check" aria-hidden="true">'
        f'</span><span class="facet-label">{label}</span> <span class="count">{count}</span>'
        "</a></li>"
    )


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


@register.simple_tag
def route_links(name, argument="slug"):
    """The links of one route for a list's rows, reversed once: `route_links('article_detail')`
    is a function of a slug, `route_links('annotation_detail', 'uuid')` of a uuid."""
    return RouteLinks(name, UUIDConverter if argument == "uuid" else SlugConverter)


@register.filter
def date_words(article):
    """An article's date in words, as certain as the evidence allows."""
    return humane_dates.describe(article.date_edtf, article.date_certainty) or "date unknown"


@register.filter
def web_url(value) -> str:
    """The URL if it is http(s), else "": only a web address may become an href
    (a javascript: or data: URL in a source or an authority record never does)."""
    url = str(value or "").strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return ""
    return url if parts.scheme.lower() in ("http", "https") and parts.netloc else ""


@register.simple_tag
def linked_titles(text, *article_lists):
    """An editor's `text` with its references to the page's articles (each argument a
    list of them, or nothing) linking to them; escaped."""
    articles = [a for listed in article_lists if listed for a in listed]
    return references.with_article_links(text, articles)
