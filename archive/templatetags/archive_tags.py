"""Links that add or remove one query argument and drop `page`, so every
state of a list is a shareable URL (after simonwillisonblog's add_qsarg)."""

from django import template

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
