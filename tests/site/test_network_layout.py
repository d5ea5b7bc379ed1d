"""The network's costly parts: the layout, kept under its graph in the (shared) cache,
and its lines and table rows, written directly but exactly as the templates did."""

from unittest import mock

import pytest
from django.core.cache import cache
from django.template import Context, Template
from django.urls import reverse

from archive.pictures import network as networks

pytestmark = pytest.mark.django_db

EDGES = ((0, 1, 3), (1, 2, 1), (0, 2, 2))
SIZES = ((6.0, 35.0), (9.5, 70.0), (20.0, 21.0))


def test_a_layout_is_kept_under_its_graph_for_every_process():
    cache.clear()
    first = networks.kept_layout(EDGES, SIZES)
    networks.force_layout.cache_clear()  # another process: nothing of its own
    with mock.patch.object(networks, "force_layout") as laid_out:
        assert networks.kept_layout(EDGES, SIZES) == first
    laid_out.assert_not_called()


def test_another_graph_gets_its_own_layout():
    cache.clear()
    networks.kept_layout(EDGES, SIZES)
    with mock.patch.object(networks, "force_layout", return_value=((1, 1),) * 3) as laid_out:
        networks.kept_layout(EDGES[:2], SIZES)
    laid_out.assert_called_once()


def test_a_failing_cache_costs_the_layout_not_the_page():
    with mock.patch.object(networks.cache, "get", side_effect=ConnectionError("down")):
        assert len(networks.kept_layout(EDGES, SIZES)) == 3


# What the templates wrote for each link, before the tags wrote it.
LINES_TEMPLATE = (
    '{% for edge in edges %}<path class="edge" d="{{ edge.path }}" '
    'stroke-width="{{ edge.width }}" data-source="{{ edge.source.id }}" '
    'data-target="{{ edge.target.id }}"><title>{{ edge.source.name }} and '
    "{{ edge.target.name }}: {{ edge.weight }} shared article{{ edge.weight|pluralize }}"
    "</title></path>\n    {% endfor %}"
)
ROWS_TEMPLATE = """{% for edge in edges %}
        <tr>
          <td><a href="{{ edge.source.url }}">{{ edge.source.name }}</a></td>
          <td><a href="{{ edge.target.url }}">{{ edge.target.name }}</a></td>
          <td class="number"><a href="{{ article_list }}?{{ edge.articles_query }}" \
aria-label="{{ edge.weight }} article{{ edge.weight|pluralize }} naming both \
{{ edge.source.name }} and {{ edge.target.name }}">{{ edge.weight }}</a></td>
        </tr>
      {% endfor %}"""


def test_the_lines_and_rows_are_byte_for_byte_what_the_templates_wrote(client):
    edges = client.get(reverse("network"), {"min": 1, "limit": 150}).context["network"].edges
    quoted = networks.NetworkNode(-1, "o-brien", "O'Brien & <Sons>", "", article_count=1)
    edges = [*edges, networks.NetworkEdge(edges[0].source, quoted, 1, width=1.0)]
    context = Context({"edges": edges, "article_list": reverse("article_list")})
    for before, after in [
        ("{% load l10n %}{% localize off %}" + LINES_TEMPLATE + "{% endlocalize %}",
         "{% load l10n picture_tags %}{% localize off %}{% network_lines edges %}{% endlocalize %}"),
        (ROWS_TEMPLATE, "{% load picture_tags %}{% network_rows edges article_list %}"),
    ]:  # fmt: skip
        assert Template(after).render(context) == Template(before).render(context)
