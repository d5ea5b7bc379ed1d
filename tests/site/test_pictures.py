"""The network of who is named with whom, and the timeline of the articles:
server-rendered SVG, their accessible twins, parameters and JSON."""

import math
import re
import xml.etree.ElementTree as ET
from collections import defaultdict
from itertools import combinations

import pytest
from django.urls import resolve, reverse

from archive.pictures import network as networks
from archive.pictures import spacing
from corpus.models import Actor, Article, Mention, Organization, Status
from tests.factories import ActorFactory, ArticleFactory, OrganizationFactory

pytestmark = pytest.mark.django_db

NETWORK = reverse("network")
TIMELINE = reverse("timeline")
SVG = "{http://www.w3.org/2000/svg}"


def get_json(client, url, **params):
    response = client.get(url, {"format": "json", **params})
    assert response.status_code == 200, response.content[:300]
    return response.json()


def svg_of(response) -> ET.Element:
    """The page's inline SVG, parsed as XML (it must be well-formed)."""
    match = re.search(
        r"<svg class=\"(network|timeline)-svg.*?</svg>", response.content.decode(), re.S
    )
    assert match, "no picture on the page"
    return ET.fromstring(match.group(0))


def links_in(svg: ET.Element) -> list[str]:
    return [a.get("href") for a in svg.iter(f"{SVG}a")]


def named_together():
    """(entity id, entity id) -> shared published articles, and entity id -> articles, in Python."""
    articles = defaultdict(set)
    for m in Mention.objects.filter(article__status=Status.PUBLISHED, anchor="anchored"):
        key = f"actor:{m.actor.slug}" if m.actor_id else f"organization:{m.organization.slug}"
        articles[key].add(m.article_id)
    return articles


# --- Network ---------------------------------------------------------------


def test_network_defaults_to_the_most_named_and_a_threshold_chosen_from_the_data(client):
    payload = get_json(client, NETWORK)
    assert payload["params"]["type"] == "both" and payload["params"]["limit"] == 40
    chosen = payload["params"]["min"]
    ids = [n["id"] for n in payload["nodes"]]
    assert "organization:csto" in ids and networks.MIN_DRAWN <= len(ids) <= 40
    assert all(edge["weight"] >= chosen for edge in payload["edges"])
    # The smallest threshold that draws at most two lines per name asked for.
    readable = networks.READABLE_LINKS_PER_NAME * 40
    assert len(payload["edges"]) <= readable
    assert chosen > 1 and len(get_json(client, NETWORK, min=chosen - 1)["edges"]) > readable
    # What was drawn is what asking for that threshold draws.
    assert get_json(client, NETWORK, min=chosen)["edges"] == payload["edges"]
    page = client.get(NETWORK).content.decode()
    assert "the smallest number that keeps the picture readable" in page
    assert (
        f'name="min" type="number" inputmode="numeric" min="1" max="100" value="{chosen}"' in page
    )


@pytest.mark.parametrize(
    "weights, names, chosen",
    [
        ([], 40, 1),
        ([1, 1, 2], 2, 1),  # few enough lines already
        ([1, 1, 1, 2, 2, 3], 1, 3),  # 6 lines at 1, 3 at 2, 1 at 3; two allowed
        ([5, 5, 5, 5], 1, 5),  # every threshold draws too many: the strongest alone
    ],
)
def test_the_readable_threshold_rule(weights, names, chosen):
    assert networks.readable_min(weights, names) == chosen


def test_people_only_draws_people_without_a_threshold(client):
    response = client.get(NETWORK, {"type": "actors"})
    network = response.context["network"]
    assert network.drawable and len(network.nodes) >= 3
    assert "<svg" in response.content.decode()


def test_a_lone_pair_is_named_not_drawn_in_an_empty_frame(client):
    response = client.get(NETWORK, {"type": "actors", "min": 2})
    network = response.context["network"]
    assert len(network.nodes) == 2 and not network.drawable
    page = response.content.decode()
    assert 'class="network-svg"' not in page and "<figure" not in page
    first, second = network.edges[0].source, network.edges[0].target
    assert "Nothing to draw: only" in page
    assert (
        f'<a href="{first.url}">{first.name}</a> and <a href="{second.url}">{second.name}</a>'
        in page
    )
    assert 'href="/network/?type=actors"' in page


def test_network_counts_match_a_direct_computation(client):
    articles = named_together()
    payload = get_json(client, NETWORK, min=1, limit=150)
    for node in payload["nodes"]:
        assert node["article_count"] == len(articles[node["id"]]), node["id"]
    expected = {
        frozenset((a, b)): len(articles[a] & articles[b])
        for a, b in combinations(articles, 2)
        if articles[a] & articles[b]
    }
    drawn = {frozenset((e["source"], e["target"])): e["weight"] for e in payload["edges"]}
    assert drawn == expected


def test_network_nodes_are_the_top_n_by_article_count(client):
    articles = named_together()
    payload = get_json(client, NETWORK, min=1, limit=10)
    drawn = {n["id"] for n in payload["nodes"]} | {n["id"] for n in payload["unlinked"]}
    assert len(drawn) == 10
    counts = sorted((len(ids) for ids in articles.values()), reverse=True)
    assert min(len(articles[i]) for i in drawn) == counts[9]


@pytest.mark.parametrize("kind, prefix", [("actors", "actor:"), ("organizations", "organization:")])
def test_network_type_shows_only_people_or_only_organizations(client, kind, prefix):
    payload = get_json(client, NETWORK, type=kind, min=1)
    assert payload["nodes"] and all(n["id"].startswith(prefix) for n in payload["nodes"])
    ids = {n["id"] for n in payload["nodes"]}
    assert all(e["source"] in ids and e["target"] in ids for e in payload["edges"])


def test_network_svg_is_well_formed_and_every_node_links_to_an_entity_page(client):
    response = client.get(NETWORK)
    svg = svg_of(response)
    assert svg.get("viewBox") == f"0 0 {networks.NETWORK_WIDTH} {networks.NETWORK_HEIGHT}"
    hrefs = links_in(svg)
    assert len(hrefs) == len(response.context["network"].nodes) > 0
    for href in hrefs:
        match = resolve(href)
        model = Actor if match.url_name == "actor_detail" else Organization
        assert match.url_name in ("actor_detail", "organization_detail")
        assert model.objects.filter(slug=match.kwargs["slug"]).exists(), href
    for a in svg.iter(f"{SVG}a"):
        assert a.find(f"{SVG}title").text  # a name for every link, also a tooltip
        assert a.find(f"{SVG}circle") is not None or a.find(f"{SVG}rect") is not None
    assert client.get(hrefs[0]).status_code == 200


def test_people_and_organizations_differ_by_shape_not_only_colour(client):
    svg = svg_of(client.get(NETWORK))
    for a in svg.iter(f"{SVG}a"):
        shape = "circle" if "actor" in a.get("class") else "rect"
        assert a.find(f"{SVG}{shape}") is not None


def test_network_table_lists_the_same_links(client):
    response = client.get(NETWORK)
    html = response.content.decode()
    network = response.context["network"]
    assert "<table" in html
    for edge in network.edges:
        assert f"{reverse('article_list')}?{edge.articles_query.replace('&', '&amp;')}" in html
    rows = re.findall(r"<tr>\s*<td>", html)
    assert len(rows) == len(network.edges)


def test_network_edge_links_to_exactly_the_shared_articles(client):
    edge = client.get(NETWORK).context["network"].edges[0]
    listed = client.get(f"{reverse('article_list')}?{edge.articles_query}&format=json").json()
    assert listed["count"] == edge.weight


def test_network_layout_is_deterministic_and_inside_the_box(client):
    first = get_json(client, NETWORK)
    networks.force_layout.cache_clear()
    second = get_json(client, NETWORK)
    assert first["nodes"] == second["nodes"]
    for node in first["nodes"]:
        assert node["r"] <= node["x"] <= networks.NETWORK_WIDTH - node["r"]
        assert 0 <= node["y"] <= networks.NETWORK_HEIGHT


def test_layout_keeps_marks_and_labels_apart(client):
    network = client.get(NETWORK).context["network"]
    boxes = [
        spacing.label_box(n.x, n.y, n.r, len(n.label) * spacing.LABEL_CHAR_WIDTH, network.width)
        for n in network.nodes
    ]
    for (l1, r1, t1, b1), (l2, r2, t2, b2) in combinations(boxes, 2):
        assert min(r1, r2) - max(l1, l2) <= 1 or min(b1, b2) - max(t1, t2) <= 1


@pytest.mark.parametrize(
    "params",
    [{}, {"type": "actors"}, {"type": "organizations"}, {"min": 2}, {"min": 1, "limit": 60}],
)
def test_no_line_runs_through_another_names_mark_or_label(client, params):
    """Every drawn piece of every line, walked in half-unit steps, stays out of the
    box (mark and label) of every node but its own two."""
    network = client.get(NETWORK, params).context["network"]
    boxes = {
        n.key: spacing.label_box(n.x, n.y, n.r, len(n.label) * spacing.LABEL_CHAR_WIDTH, 960)
        for n in network.nodes
    }
    assert network.edges
    for edge in network.edges:
        others = [b for k, b in boxes.items() if k not in (edge.source.key, edge.target.key)]
        for x1, y1, x2, y2 in edge.pieces:
            steps = max(1, int(2 * math.hypot(x2 - x1, y2 - y1)))
            for i in range(steps + 1):
                x, y = x1 + (x2 - x1) * i / steps, y1 + (y2 - y1) * i / steps
                for left, right, top, bottom in others:
                    inside = left + 0.5 < x < right - 0.5 and top + 0.5 < y < bottom - 0.5
                    assert not inside, (edge.source.name, edge.target.name, (x, y))
    # A link wholly under other names is said to be in the table only; the readable
    # settings have none.
    hidden = [e for e in network.edges if not e.pieces]
    assert network.hidden_links == len(hidden)
    assert not hidden or "min" in params
    # The pieces are the line: they start and end at the two nodes when nothing is in between.
    whole = [e for e in network.edges if len(e.pieces) == 1]
    assert any(e.pieces[0] == (e.source.x, e.source.y, e.target.x, e.target.y) for e in whole)


def test_a_line_is_broken_under_a_name_it_would_cross():
    box = (40.0, 60.0, -5.0, 5.0)  # a label across the middle of the line
    pieces = spacing.visible_pieces(0.0, 0.0, 100.0, 0.0, [box])
    assert pieces == [(0.0, 0.0, 38.0, 0.0), (62.0, 0.0, 100.0, 0.0)]
    assert spacing.visible_pieces(0.0, 20.0, 100.0, 20.0, [box]) == [(0.0, 20.0, 100.0, 20.0)]


def test_a_threshold_nobody_meets_gives_a_helpful_empty_state(client):
    response = client.get(NETWORK, {"min": 99})
    assert response.status_code == 200
    assert "No two names share 99 articles" in response.content.decode()
    assert get_json(client, NETWORK, min=99)["nodes"] == []


@pytest.mark.parametrize(
    "params",
    [
        {"min": "abc"},
        {"min": "0"},
        {"type": "bogus"},
        {"limit": "-1"},
        {"limit": "100000"},
        {"limit": "1.5"},
    ],
)
def test_network_bad_parameters_give_400_and_say_why(client, params):
    response = client.get(NETWORK, params)
    assert response.status_code == 400
    assert list(params)[0] in response.content.decode()
    json_response = client.get(NETWORK, {**params, "format": "json"})
    assert json_response.status_code == 400
    assert json_response.json()["error"].startswith(list(params)[0])


def test_network_unknown_format_gives_400(client):
    assert client.get(NETWORK, {"format": "svg"}).status_code == 400


def test_draft_articles_stay_out_of_the_pictures(client):
    hidden = [ActorFactory(name=f"Draft Person {n}") for n in range(2)]
    for n in range(6):  # named together more often than anyone in the seeds
        draft = ArticleFactory(status=Status.DRAFT, title=f"A draft article {n}")
        for n, actor in enumerate(hidden):
            Mention.objects.create(article=draft, actor=actor, start=n * 4, end=n * 4 + 3)
    payload = get_json(client, NETWORK, min=1, limit=150)
    ids = {n["id"] for n in payload["nodes"]} | {n["id"] for n in payload["unlinked"]}
    assert not ids & {f"actor:{a.slug}" for a in hidden}
    timeline = get_json(client, TIMELINE)
    titles = [a["title"] for a in timeline["articles"] + timeline["undated"]]
    assert not [title for title in titles if title.startswith("A draft article")]


def add_thirty_articles():
    csto = Organization.objects.get(slug="csto")
    for n in range(30):
        article = ArticleFactory(date_edtf=f"{2005 + n % 6}-0{1 + n % 9}")
        Mention.objects.create(article=article, organization=csto, start=4, end=10)
        Mention.objects.create(article=article, actor=ActorFactory(), start=11, end=20)
        Mention.objects.create(
            article=article, organization=OrganizationFactory(), start=21, end=30
        )


@pytest.mark.parametrize(
    "url, params, limit",
    [
        (NETWORK, {}, 3),  # years, nodes, edges
        (NETWORK, {"min": 1, "limit": 150}, 3),
        (NETWORK, {"year": 2011}, 3),
        (TIMELINE, {}, 4),  # years, count, articles, their authors
        (TIMELINE, {"year": 2011}, 3),  # the year's count is known
        (TIMELINE, {"actor": "yevgeny-buzhinsky", "organization": "csto"}, 7),  # + 2 lookups, ids
    ],
)
def test_query_count_is_pinned_and_does_not_grow_with_the_data(
    client, django_assert_max_num_queries, url, params, limit
):
    add_thirty_articles()
    for fmt in ("html", "json"):
        with django_assert_max_num_queries(limit):
            assert client.get(url, {**params, "format": fmt}).status_code == 200


# --- Timeline --------------------------------------------------------------


def test_timeline_axis_spans_the_years_of_the_data(client):
    response = client.get(TIMELINE)
    timeline = response.context["timeline"]
    assert (timeline.first_year, timeline.last_year) == (2004, 2011)
    assert [t.year for t in timeline.ticks] == list(range(2004, 2012))
    svg = svg_of(response)
    years = [t.text for t in svg.iter(f"{SVG}text") if t.text and t.text.isdigit()]
    assert years == [str(y) for y in range(2004, 2012)]
    ArticleFactory(date_edtf="1999-05-01", date_certainty="stated")
    assert client.get(TIMELINE).context["timeline"].first_year == 1999


def test_timeline_draws_each_date_only_as_precisely_as_its_evidence(client):
    marks = {m.article.date_edtf: m for m in client.get(TIMELINE).context["timeline"].marks}
    assert marks["2011-09-05"].style == "stated"
    assert marks["2011-09-27/2011-10-02"].style == "inferred"
    assert marks["2011?"].style == marks["2007-10?"].style == "uncertain"
    year, month = marks["2011?"], marks["2007-10?"]
    assert year.width > 8 * month.width  # the whole year, not a guessed day
    svg = svg_of(client.get(TIMELINE))
    uncertain = [a for a in svg.iter(f"{SVG}a") if "uncertain" in a.get("class")]
    assert len(uncertain) == 2
    for a in uncertain:
        assert "?" in [t.text for t in a.iter(f"{SVG}text")]


def test_timeline_links_every_mark_to_its_article_and_lists_them_by_date(client):
    response = client.get(TIMELINE)
    marks = response.context["timeline"].marks
    assert len(marks) == Article.objects.published().count() == 5
    hrefs = links_in(svg_of(response))
    assert hrefs == [m.article.get_absolute_url() for m in marks]
    starts = [m.article.date_start for m in marks]
    assert starts == sorted(starts)
    html = response.content.decode()
    listed = re.findall(r'<ol class="timeline-list">(.*?)</ol>', html, re.S)[0]
    assert [a for a in re.findall(r'href="([^"]+)"', listed)] == hrefs


def test_undated_articles_are_listed_apart_not_placed(client):
    undated = ArticleFactory(title="An article nobody dated", date_edtf="")
    response = client.get(TIMELINE)
    timeline = response.context["timeline"]
    assert undated in timeline.undated
    assert undated not in [m.article for m in timeline.marks]
    assert "Date unknown" in response.content.decode()
    assert [a["slug"] for a in get_json(client, TIMELINE)["undated"]] == [undated.slug]


def test_timeline_highlights_the_articles_naming_an_entity(client):
    payload = get_json(client, TIMELINE, actor="yevgeny-buzhinsky")
    highlighted = {a["slug"] for a in payload["articles"] if a["highlighted"]}
    expected = set(
        Article.objects.published()
        .mentioning_actor("yevgeny-buzhinsky")
        .values_list("slug", flat=True)
    )
    assert highlighted == expected and len(expected) == 2
    both = get_json(client, TIMELINE, actor="alexander-lukashenko", organization="caco")
    expected_both = set(
        Article.objects.published()
        .mentioning_actor("alexander-lukashenko")
        .mentioning_organization("caco")
        .values_list("slug", flat=True)
    )
    assert {a["slug"] for a in both["articles"] if a["highlighted"]} == expected_both
    assert [h["slug"] for h in both["highlight"]] == ["alexander-lukashenko", "caco"]
    html = client.get(TIMELINE, {"organization": "csto"}).content.decode()
    assert "Highlighted: the articles that name" in html


@pytest.mark.parametrize(
    "params, status",
    [
        ({"actor": "no-such-person"}, 404),
        ({"organization": "no-such-body"}, 404),
        ({"actor": "<script>"}, 400),
        ({"format": "png"}, 400),
    ],
)
def test_timeline_bad_parameters_give_400_or_404(client, params, status):
    assert client.get(TIMELINE, params).status_code == status


def test_pictures_have_titles_descriptions_and_their_stylesheet(client):
    for url in (NETWORK, TIMELINE):
        html = client.get(url).content.decode()
        assert re.search(r"<title>[^<]+ · ", html)
        assert '<meta name="description" content="' in html
        assert "archive/pictures" in html and "<figcaption>" in html


# --- One year at a time -------------------------------------------------------


def test_network_of_one_year_counts_only_that_years_articles(client):
    in_2011 = set(Article.objects.published().filter(year=2011).values_list("pk", flat=True))
    articles = {key: ids & in_2011 for key, ids in named_together().items() if ids & in_2011}
    payload = get_json(client, NETWORK, min=1, limit=150, year=2011)
    assert payload["year"] == 2011 and {"year": 2011, "count": 3} in payload["years"]
    for node in payload["nodes"] + payload["unlinked"]:
        assert node["article_count"] == len(articles[node["id"]]), node["id"]
    drawn = {frozenset((e["source"], e["target"])): e["weight"] for e in payload["edges"]}
    assert drawn == {
        frozenset((a, b)): len(articles[a] & articles[b])
        for a, b in combinations(articles, 2)
        if articles[a] & articles[b]
    }


def test_a_years_edge_links_to_exactly_its_shared_articles_of_that_year(client):
    edge = client.get(NETWORK, {"year": 2011, "min": 1}).context["network"].edges[0]
    assert "year=2011" in edge.articles_query
    listed = client.get(f"{reverse('article_list')}?{edge.articles_query}&format=json").json()
    assert listed["count"] == edge.weight


def test_a_large_archive_is_drawn_one_year_at_a_time_the_latest_first(client, monkeypatch):
    from archive.views import pictures

    monkeypatch.setattr(pictures, "NETWORK_WHOLE_ARCHIVE", 4)
    monkeypatch.setattr(pictures, "TIMELINE_PAGE_SIZE", 2)
    response = client.get(NETWORK)
    assert response.context["year"] == 2011
    html = response.content.decode()
    assert "All years" not in html and '<option value="2011" selected>' in html
    assert "drawn one year at a time" in html
    timeline = get_json(client, TIMELINE)
    assert timeline["year"] == 2011 and timeline["count"] == 3
    assert len(timeline["articles"]) == 2 and timeline["next"].endswith("page=2")
    second = get_json(client, TIMELINE, page=2)
    assert [a["slug"] for a in second["articles"]] not in ([], timeline["articles"])
    assert client.get(TIMELINE, {"page": 3}).status_code == 404


def test_a_small_archive_is_drawn_whole_and_offers_every_year(client):
    response = client.get(NETWORK)
    assert response.context["year"] is None
    html = response.content.decode()
    assert '<option value="" selected>All years</option>' in html
    assert '<option value="2004">2004 (1 article)</option>' in html
    assert get_json(client, TIMELINE)["year"] is None


@pytest.mark.parametrize("params", [{"year": "abc"}, {"year": "0"}, {"year": "10000"}])
def test_a_bad_year_gives_400(client, params):
    assert client.get(NETWORK, params).status_code == 400
    assert client.get(TIMELINE, params).status_code == 400
