"""A search's tsquery is worked out once per request (corpus.models.resolved_search)
and written into every later statement as a constant: the article list's pages,
HTML, JSON and CSV, are byte for byte what widening the search inside each
statement gave, and the planner now sees how common a word is."""

import io

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connections

from corpus.facets import article_search
from corpus.facets.article_search import ArticleSearch
from corpus.models import Article, websearch

pytestmark = pytest.mark.django_db

SEARCHES = [
    {"q": "Rahmonov"},
    {"q": "North Atlantic Treaty Organization"},
    {"q": "security"},
    {"q": "said", "page": "2"},
    {"q": "CSTO -Russia"},
    {"q": '"collective security"'},
    {"q": "Lukshenko"},
    {"q": "the"},
    {"q": "security", "sort": "-date"},
    {"q": "security", "year": "2011"},
    {"q": "Rahmonov", "format": "json"},
    {"q": "security", "format": "csv"},
]


@pytest.fixture
def corpus():
    call_command("synthesize", "--articles", "200", "--seed", "3", stdout=io.StringIO())
    with connections["default"].cursor() as cursor:
        # Statistics, so the planner sees common words (counted by complement) every run.
        cursor.execute("ANALYZE corpus_article")


def widened_in_each_statement(q, alias, *settings):
    """The path before: the settings alone, and the search widened by every statement."""
    sets = ", ".join("set_config(%s, %s, true)" for _ in settings)
    with connections[alias].cursor() as cursor:
        cursor.execute(f"SELECT {sets}", [v for pair in settings for v in pair])
    return websearch(q)


def served(client, params):
    cache.clear()  # each a first rendering, not the readers' kept page
    response = client.get("/articles/", params)
    assert response.status_code == 200
    return b"".join(response) if response.streaming else response.content


@pytest.mark.parametrize(
    "params", SEARCHES, ids=lambda p: "&".join(f"{k}={v}" for k, v in p.items())
)
def test_a_search_resolved_once_serves_the_same_bytes(corpus, client, monkeypatch, params):
    once = served(client, params)
    monkeypatch.setattr(article_search, "resolved_search", widened_in_each_statement)
    assert once == served(client, params)


def test_the_planner_sees_a_word_in_most_articles_and_counts_it_by_complement(corpus):
    q = "said"
    assert (
        Article.objects.published().matching(q).count() > 0.5 * Article.objects.published().count()
    )
    search = ArticleSearch({}, q)
    with search.planned():
        assert search.count() == Article.objects.published().matching(q).count()
    assert search.by_complement
    rare = ArticleSearch({}, "Lukshenko")
    with rare.planned():
        rare.count()
    assert not rare.by_complement


def test_a_word_counted_by_complement_gives_numbers_in_json(corpus, client):
    """Counts by complement are sums: they came back as decimals, and JSON wrote them
    as strings ("count": "110")."""
    page = client.get("/articles/", {"q": "said", "format": "json"}).json()
    assert isinstance(page["count"], int) and page["count"] > 100
    counts = [value["count"] for values in page["facets"].values() for value in values]
    assert counts and all(isinstance(count, int) for count in counts)


def explained(query) -> list[int]:
    """The planner's (matches, articles) as the list's own EXPLAIN asked for them before."""
    matches = Article.objects.matching(query).order_by().values("pk").query.sql_with_params()
    every = Article.objects.order_by().values("pk").query.sql_with_params()[0]
    with connections["default"].cursor() as cursor:
        cursor.execute(f"EXPLAIN (FORMAT JSON) ({matches[0]}) UNION ALL ({every})", matches[1])
        plan = cursor.fetchone()[0]
    return [branch["Plan Rows"] for branch in plan[0]["Plan"]["Plans"]]


@pytest.mark.parametrize("q", ["said", "security", "Lukshenko", '"collective security"', "the"])
def test_the_resolving_statement_gives_the_planners_estimate_and_no_explain_follows(
    corpus, q, django_assert_num_queries
):
    search = ArticleSearch({}, q)
    with search.planned():
        assert list(search.query.estimate) == explained(search.query)
        with django_assert_num_queries(1) as statements:
            search.count()
    assert not any(s["sql"].startswith("EXPLAIN") for s in statements.captured_queries)


def test_names_are_read_by_index_whoever_widens_a_search_first(corpus):
    """corpus_search_query's plan is kept per connection from its first call: planned
    by a caller that allows seq scans (a count, a CSV download), it read the whole
    skeleton table for every later search on that connection. Its lookups are
    planned by index whatever the caller's settings: this transaction's scans of the
    table (pg_stat_xact_user_tables) are all index scans."""
    with connections["default"].cursor() as cursor:
        # More calls than the plan cache's five custom plans, as a long-lived connection makes.
        for q in ["Rahmonov", "security", "Lukshenko", "CSTO", "Putin", "NATO", "the", "Almaty"]:
            cursor.execute("SELECT corpus_search_query(%s)::text", [q])
        cursor.execute(
            "SELECT seq_scan, idx_scan FROM pg_stat_xact_user_tables "
            "WHERE relname = 'corpus_nameskeleton'"
        )
        seq_scans, index_scans = cursor.fetchone()
    assert (seq_scans, index_scans > 0) == (0, True)
