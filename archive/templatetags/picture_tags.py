"""The network's lines and its table's rows, written directly: a dense network draws
1,200 links, and rendering each through the template engine took a third of the
page. The markup is byte-for-byte what the templates wrote (html.escape escapes as
Django's escape does)."""

from html import escape

from django import template
from django.template.defaultfilters import pluralize
from django.utils.safestring import mark_safe

register = template.Library()


@register.simple_tag
def network_lines(edges):
    """Each link's SVG path (its line, broken under other names), with its title
    (templates/network/_svg.html)."""
    return mark_safe(
        "".join(
            f'<path class="edge" d="{e.path}" stroke-width="{e.width}" '
            f'data-source="{escape(e.source.id)}" '
            f'data-target="{escape(e.target.id)}"><title>{escape(e.source.name)} and '
            f"{escape(e.target.name)}: {e.weight} shared article{pluralize(e.weight)}</title>"
            "</path>\n    "
            for e in edges
        )
    )


@register.simple_tag
def network_rows(edges, article_list):
    """Each link's row in the table (templates/network/_table.html)."""
    return mark_safe("".join(_row(e, escape(article_list)) for e in edges))


def _row(edge, article_list: str) -> str:
    source, target = escape(edge.source.name), escape(edge.target.name)
    articles = f"{edge.weight} article{pluralize(edge.weight)}"
    return (
        "\n        <tr>\n"
        f'          <td><a href="{escape(edge.source.url)}">{source}</a></td>\n'
        f'          <td><a href="{escape(edge.target.url)}">{target}</a></td>\n'
        f'          <td class="number"><a href="{article_list}?{escape(edge.articles_query)}" '
        f'aria-label="{articles} naming both {source} and {target}">{edge.weight}</a></td>\n'
        "        </tr>\n      "
    )
