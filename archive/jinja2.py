"""The Jinja2 environment of the public pages (settings.TEMPLATES; the admin stays on
Django's templates). Every tag and filter is the Python function the Django templates
used, registered again, and every value is escaped and localized by Django's own
functions, so a page reads byte for byte as it did (tests/site/test_rendering_unchanged.py)."""

import html

from django.template import defaultfilters
from django.templatetags.static import static
from django.urls import reverse
from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString
from django.utils.timezone import template_localtime

from archive.templatetags import archive_tags, picture_tags
from jinja2 import ChainableUndefined, Environment, pass_context, pass_eval_context

# Django's filters the templates use: Jinja2's namesakes differ (`default` only replaces
# undefined values, `truncate` counts differently), so Django's own are used throughout.
DJANGO_FILTERS = [
    "add",
    "default",
    "join",
    "linebreaksbr",
    "lower",
    "pluralize",
    "truncatechars",
    "truncatewords",
    "urlencode",
]
# The archive's tags that read the request from the template's context.
CONTEXT_TAGS = [
    archive_tags.toggle_qsarg,
    archive_tags.facet_values,
    archive_tags.set_qsarg,
    archive_tags.remove_qsarg,
    archive_tags.page_url,
]
TAGS = [
    archive_tags.elided_pages,
    archive_tags.linked_titles,
    archive_tags.route_links,
    picture_tags.network_lines,
    picture_tags.network_rows,
]
FILTERS = [archive_tags.date_words, archive_tags.web_url]


def url(name, *args, **kwargs):
    """Django's {% url %}: the path of a named route."""
    return reverse(name, args=args, kwargs=kwargs)


def rendered(value):
    """A value as Django's templates print it: local time, localized, escaped unless safe
    (django.template.base.render_value_in_context); Jinja2 then leaves it as it is."""
    if value.__class__ is str:
        # Most values: what django.utils.html.escape does, without its lazy-text wrapper.
        return SafeString(html.escape(value))
    return conditional_escape(localize(template_localtime(value)))


def _autoescaping(function):
    """A Django filter that asks whether autoescaping is on, told by Jinja2's."""

    @pass_eval_context
    def adapted(eval_ctx, value, *args):
        return function(value, *args, autoescape=eval_ctx.autoescape)

    return adapted


def environment(**options):
    # Missing values print as nothing, as in Django's templates, at any depth.
    options["undefined"] = ChainableUndefined
    # Django's templates keep a file's last newline; so must an included one here.
    env = Environment(keep_trailing_newline=True, finalize=rendered, **options)
    env.globals.update(url=url, static=static)
    env.globals.update({tag.__name__: pass_context(tag) for tag in CONTEXT_TAGS})
    env.globals.update({tag.__name__: tag for tag in TAGS})
    for name in DJANGO_FILTERS:
        function = getattr(defaultfilters, name)
        env.filters[name] = (
            _autoescaping(function) if getattr(function, "needs_autoescape", False) else function
        )
    env.filters.update({f.__name__: f for f in FILTERS})
    return env
