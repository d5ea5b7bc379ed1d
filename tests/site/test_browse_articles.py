"""The faceted article list: counts, AND filters, chips, search, sort, pages,
empty states and bad input, as a reader meets them."""

import re
from urllib.parse import parse_qs, urlparse

import pytest
from django.urls import reverse

from corpus.models import Article, Authorship, Mention, Status
from tests.factories import ArticleFactory
from tests.site.facet_clicks import assert_counts_are_promises, clicked

pytestmark = pytest.mark.django_db

URL = reverse("article_list")
MOSCOW = "russia-moscow-strives-to-clarify-vision-for-central-asian-alliance"
LUKASHENKO, MAKAROV = "alexander-lukashenko", "nikolai-makarov"


def get(client, **params):
    response = client.get(URL, params)
    assert response.status_code == 200, response.content[:300]
    return response


def listed(client, **params):
    return [a.slug for a in get(client, **params).context["articles"]]


def query_of(href):
    return parse_qs(urlparse(href.replace("&amp;", "&")).query)


STATES = [
    {},
    {"publication": ["eurasianet"]},
    {"actor": [LUKASHENKO]},
    {"actor": [LUKASHENKO, MAKAROV], "year": [2011]},
    {"q": "CSTO", "tag": ["csto"]},
]


# The domain verbs join through mentions, bylines and tags: an oracle independent of
# the ArticleFacets rows the page counts from.
VERBS = {
    "actor": "mentioning_actor",
    "organization": "mentioning_organization",
    "publication": "in_publication",
    "author": "by_author",
    "year": "in_year",
    "tag": "tagged",
}


def brute_force_count(selected: dict, q: str) -> int:
    rows = Article.objects.published()
    if q:
        rows = rows.matching(q)
    for name, values in selected.items():
        for value in values:
            rows = getattr(rows, VERBS[name])(value)
    return rows.distinct().count()


STATES = [*STATES, {"actor": [LUKASHENKO, MAKAROV]}, {"year": [2011], "tag": ["csto"]}]


@pytest.mark.parametrize("state", STATES, ids=lambda s: "&".join(f"{k}={v}" for k, v in s.items()))
def test_facet_counts_match_filtered_results(client, state):
    """Every unselected value's count is the size of the list a click on it
    gives, never zero; every selected value shows the current count."""
    q = state.get("q", "")
    selected = {k: v for k, v in state.items() if k != "q"}
    response = get(client, **state)
    assert_counts_are_promises(
        response.context["facets"],
        response.context["page"].paginator.count,
        lambda column, value: brute_force_count(clicked(selected, column, value), q),
        at_least=3,
    )


def test_with_lukashenko_and_makarov_no_person_promises_articles_a_click_cannot_give(client):
    response = get(client, actor=[LUKASHENKO, MAKAROV])
    people = next(c for c in response.context["facets"] if c.name == "actor")
    for value in people.values:
        assert value.count == 1, value
    assert "emomali-rahmon" not in {v.value for v in people.values}


def test_facet_counts_agree_with_the_list_a_click_gives(client):
    for state in ({"publication": "eurasianet"}, {"actor": LUKASHENKO}):
        page = get(client, **state)
        for column in page.context["facets"]:
            for value in column.shown[:3]:
                if value.selected:
                    continue
                params = {k: [v] for k, v in state.items()}
                params = clicked(params, column, value)
                assert get(client, **params).context["page"].paginator.count == value.count


def test_each_facet_says_how_its_values_combine_and_a_single_valued_one_replaces(client):
    html = get(client, year=2011).content.decode()
    assert "Choosing several finds articles with all of them." in html
    assert "Each article has one; choosing another replaces your choice." in html
    # Another year's link replaces 2011 rather than asking for both (which finds none).
    years = re.findall(r'href="\?year=(\d+)"', html)
    assert years and "2011" not in years
    assert "year=2011&amp;year=" not in html


def test_filters_combine_with_and(client):
    lukashenko = set(listed(client, actor=LUKASHENKO))
    makarov = set(listed(client, actor=MAKAROV))
    both = listed(client, actor=[LUKASHENKO, MAKAROV])
    assert both == [MOSCOW]
    assert set(both) == lukashenko & makarov and lukashenko != makarov
    across = set(listed(client, actor=LUKASHENKO, author="joshua-kucera"))
    assert across == lukashenko & set(listed(client, author="joshua-kucera"))


def test_selected_values_come_first_and_marked_selected(client):
    response = get(client, actor=[MAKAROV])
    people = next(c for c in response.context["facets"] if c.name == "actor")
    assert people.values[0].value == MAKAROV and people.values[0].selected
    assert not any(v.selected for v in people.values[1:])
    html = response.content.decode()
    assert 'aria-current="true"' in html
    count = people.values[0].count
    assert f'aria-label="Nikolai Makarov, {count} articles, selected (remove filter)"' in html


def test_facet_values_are_labelled_with_their_counts_for_screen_readers(client):
    html = get(client).content.decode()
    assert 'aria-label="Alexander Lukashenko, 2 articles"' in html
    assert 'aria-label="2007, 1 article"' in html


def test_chips_show_names_and_removing_one_keeps_the_rest(client):
    response = get(client, actor=[LUKASHENKO, MAKAROV], year="2011", q="CSTO")
    chips = [(column.name, value.label) for column, value in response.context["chips"]]
    assert chips == [
        ("actor", "Alexander Lukashenko"),
        ("actor", "Nikolai Makarov"),
        ("year", "2011"),
    ]
    html = response.content.decode()
    marker = 'aria-label="Remove filter People: Alexander Lukashenko"'
    assert marker in html
    href = html.split(marker)[0].rsplit('href="', 1)[1].split('"')[0]
    assert query_of(href) == {"actor": [MAKAROV], "year": ["2011"], "q": ["CSTO"]}
    assert 'aria-label="Remove search “CSTO”"' in html


def test_chips_keep_their_names_when_nothing_matches(client):
    response = get(client, actor=LUKASHENKO, year="2007")
    assert response.context["page"].paginator.count == 0
    labels = [value.label for _, value in response.context["chips"]]
    assert labels == ["Alexander Lukashenko", "2007"]


def test_a_long_facet_folds_the_rest_away_without_javascript(client):
    html = get(client).content.decode()
    people = next(c for c in get(client).context["facets"] if c.name == "actor")
    assert len(people.shown) == 8 and people.folded
    assert f"{len(people.folded)} more" in html
    assert '<details class="facet-more">' in html


def test_facet_links_drop_the_page_number(client, settings):
    settings.ARCHIVE_PAGE_SIZE = 2
    html = get(client, page=2).content.decode()
    assert 'href="?actor=alexander-lukashenko"' in html
    assert "page=2&amp;actor" not in html and "actor=alexander-lukashenko&amp;page" not in html


def test_search_ranks_the_best_match_first(client):
    assert listed(client, q="peacekeeping")[0] == "csto-safe-choice-in-central-asia"
    assert listed(client, q='"paper tiger"') == ["csto-safe-choice-in-central-asia"]
    assert "russia-needs-the-west-in-central-asia" not in listed(client, q="CSTO -Lukashenko")


def test_search_shows_highlighted_snippets_for_the_page(client):
    response = get(client, q="peacekeeping")
    snippet = response.context["articles"][0].snippet
    assert "<mark>peacekeeping</mark>" in snippet.lower()
    assert "<mark>" in response.content.decode()
    assert get(client, q="peacekeeping", format="json").json()["results"][0]["snippet"] == snippet


def test_snippets_escape_the_article_text_but_keep_the_marks(client):
    ArticleFactory(
        slug="hostile",
        body='Peacekeepers <script>alert("x")</script> met <img src=x onerror=alert(1)> '
        "in Dushanbe to discuss peacekeeping & more.",
    )
    response = get(client, q="peacekeeping Dushanbe")
    article = next(a for a in response.context["articles"] if a.slug == "hostile")
    # ts_headline drops tag-like tokens such as <script>; whatever markup is left is escaped.
    assert "<script" not in article.snippet and "<img" not in article.snippet
    assert "&lt;img src=x" in article.snippet and "&amp;" in article.snippet
    assert "<mark>" in article.snippet
    html = response.content.decode()
    assert '<script>alert("x")</script>' not in html and "<img src=x" not in html


def test_no_snippets_without_a_search(client):
    assert not any(hasattr(a, "snippet") for a in get(client).context["articles"])


@pytest.mark.parametrize(
    "params, sort, years",
    [
        ({}, "date", [2011, 2011, 2011, 2007, 2004]),
        ({"sort": "date"}, "date", [2011, 2011, 2011, 2007, 2004]),
        ({"sort": "-date"}, "-date", [2004, 2007, 2011, 2011, 2011]),
        ({"sort": "relevance"}, "date", [2011, 2011, 2011, 2007, 2004]),
    ],
)
def test_sort_by_date_either_way(client, params, sort, years):
    response = get(client, **params)
    assert response.context["sort"] == sort
    assert [a.year for a in response.context["articles"]] == years


def test_articles_of_unknown_date_sort_last_both_ways(client):
    ArticleFactory(slug="undated", date_edtf="")
    assert listed(client)[-1] == "undated"
    assert listed(client, sort="-date")[-1] == "undated"


def test_relevance_is_the_default_and_only_offered_when_searching(client):
    searching = get(client, q="CSTO")
    assert searching.context["sort"] == "relevance"
    assert '<option value="relevance" selected>' in searching.content.decode()
    assert 'value="relevance"' not in get(client).content.decode()
    oldest = get(client, q="CSTO", sort="-date")
    assert [a.year for a in oldest.context["articles"]] == sorted(
        a.year for a in oldest.context["articles"]
    )


def test_the_sort_form_works_without_javascript_and_keeps_the_filters(client):
    html = get(client, actor=LUKASHENKO, q="CSTO").content.decode()
    form = html.split('<form class="sort"')[1].split("</form>")[0]
    assert '<input type="hidden" name="q" value="CSTO">' in form
    assert '<input type="hidden" name="actor" value="alexander-lukashenko">' in form
    assert '<select id="sort" name="sort">' in form and "<button" in form


def test_pages_are_numbered_links_with_the_current_one_marked(client, settings):
    settings.ARCHIVE_PAGE_SIZE = 2
    html = get(client, actor=[], page=2).content.decode()
    nav = html.split('<nav class="pagination" aria-label="Pages">')[1].split("</nav>")[0]
    assert 'aria-current="page"' in nav and ">2</a>" in nav
    assert 'href="/articles/" aria-label="Page 1"' in nav
    assert 'href="?page=3" aria-label="Page 3"' in nav
    assert 'rel="prev"' in nav and 'rel="next"' in nav


def test_an_empty_result_says_which_filters_and_offers_to_remove_each(client):
    html = get(client, actor=LUKASHENKO, year="2007", q="CSTO").content.decode()
    assert "No articles match the search “CSTO” together with all of the filters" in html
    assert "<strong>People: Alexander Lukashenko</strong>" in html
    assert "Remove Years: 2007" in html and "Remove People: Alexander Lukashenko" in html
    assert "Remove the search “CSTO”" in html
    assert "the other filters alone find articles" in html


def test_an_unknown_slug_is_an_empty_list_with_its_chip(client):
    response = get(client, actor="nobody-at-all")
    assert response.context["page"].paginator.count == 0
    assert [v.label for _, v in response.context["chips"]] == ["nobody-at-all"]


@pytest.mark.parametrize(
    "params, status",
    [
        ({"page": "0"}, 404),
        ({"page": "abc"}, 404),
        ({"page": "99"}, 404),
        ({"page": "-1"}, 404),
        ({"year": "abc"}, 400),
        ({"year": "0"}, 400),
        ({"actor": "../../x"}, 400),
        ({"tag": "a b"}, 400),
        ({"sort": "bogus"}, 400),
        ({"format": "xml"}, 400),
        ({"format": "csv", "page": "99"}, 404),
        ({"q": "x" * 1000}, 400),
        ({"actor": ["a"] * 50}, 400),
        ({"actor": [f"a{n}" for n in range(50)]}, 400),
        ({"q": "nul\x00byte"}, 400),
        ({"q": "&|!():*<>'\\"}, 200),
        ({"q": "-"}, 200),
        ({"q": '"'}, 200),
    ],
)
def test_bad_parameters_give_400_or_404_never_500(client, params, status):
    for fmt in ("html", "json"):
        response = client.get(URL, {**params, "format": params.get("format", fmt)})
        assert response.status_code == status, (params, fmt)


def test_a_bad_parameter_says_what_is_wrong(client):
    response = client.get(URL, {"sort": "bogus"})
    assert "sort" in response.content.decode()
    assert "format" in client.get(URL, {"format": "xml", "x": "1"}).content.decode()


def test_the_query_string_is_escaped_in_html(client):
    q = '"><script>alert(1)</script>'
    html = get(client, q=q).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_draft_articles_are_neither_listed_nor_counted(client):
    draft = ArticleFactory(slug="draft-one", status=Status.DRAFT)
    draft.tags.add("csto")
    Authorship.objects.create(
        article=draft, actor_id=Article.objects.get(slug=MOSCOW).authors.get().pk
    )
    Mention.objects.create(
        article=draft,
        actor=Mention.objects.filter(actor__slug=LUKASHENKO)[0].actor,
        start=4,
        end=14,
    )
    response = get(client)
    assert "draft-one" not in [a.slug for a in response.context["articles"]]
    assert response.context["page"].paginator.count == 5
    counts = {c.name: {v.value: v.count for v in c.values} for c in response.context["facets"]}
    assert counts["actor"][LUKASHENKO] == 2
    assert counts["tag"]["csto"] == 5
    assert counts["author"]["joshua-kucera"] == 2
    assert get(client, tag="csto").context["page"].paginator.count == 5
