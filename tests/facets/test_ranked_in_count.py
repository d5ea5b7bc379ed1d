"""A search listed by relevance has its matches ranked in the statement that counts
them and their facets, when they are few enough to rank: one statement fewer, and
the same ids in the same order as by_relevance gives them."""

import pytest

from corpus.facets import article_search as article_facets
from corpus.facets.article_search import RANK_LIMIT, ArticleSearch
from corpus.models import Article, ResolvedQuery, by_relevance
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

WORD = "Zhanaozen"


@pytest.fixture
def ties():
    """Matches whose ranks tie, on the same date, on none, and on others; one saying
    the word twice, which ranks first."""
    dates = ["2011-05-01", "2011-05-01", "", "", "2009", "2012-01-02", "2011-05-01", ""]
    for date in dates:
        ArticleFactory(body=f"Workers in {WORD} met.", date_edtf=date)
    ArticleFactory(body=f"{WORD} workers met in {WORD}.", date_edtf="2001")
    ArticleFactory(body="Nothing to find here.")


def by_separate_query(search) -> list[int]:
    return list(by_relevance(search.rows(), search.query).values_list("article_id", flat=True))


def estimated(search, matches: int) -> None:
    """Tell the search the planner expected `matches` (of many articles)."""
    search.query = ResolvedQuery(search.q, search.query.text, (matches, 10**7))


@pytest.mark.parametrize("selected", [{}, {"year": [2011]}], ids=["search", "filtered"])
def test_the_ranked_page_comes_from_the_facet_statement(ties, selected, django_assert_num_queries):
    search = ArticleSearch(selected, WORD, "relevance")
    with search.planned():
        with django_assert_num_queries(1):  # the facet statement, no ranking query
            count = search.count()
            ids = search.ordered_ids(count)
        assert ids == by_separate_query(search)
    assert search.ranked and len(ids) == count == (9 if not selected else 3)


def test_ties_go_newest_first_unknown_dates_before_known_then_by_id(ties):
    """by_relevance's "-date_start" is PostgreSQL's DESC: NULLs first."""
    search = ArticleSearch({}, WORD, "relevance")
    with search.planned():
        ids = search.ordered_ids(search.count())
    dates = dict(Article.objects.values_list("pk", "date_start"))
    tied = ids[1:]
    assert [dates[pk] for pk in tied[:3]] == [None, None, None]
    assert tied[:3] == sorted(tied[:3])
    assert [dates[pk] for pk in tied[3:]] == sorted((dates[pk] for pk in tied[3:]), reverse=True)


def test_a_search_whose_matches_exceed_rank_limit_still_lists_by_date(ties, monkeypatch):
    """Even when the planner expected few: the statement ranks nothing beyond the limit."""
    monkeypatch.setattr(article_facets, "RANK_LIMIT", 4)
    search = ArticleSearch({}, WORD, "relevance")
    with search.planned():
        estimated(search, 1)
        count = search.count()
        ids = list(search.ordered_ids(count))
        by_date = list(
            search.rows()
            .order_by(article_facets.F("date_start").desc(nulls_last=True), "article_id")
            .values_list("article_id", flat=True)
        )
    assert not search.ranked and count == 9
    assert ids == by_date


def test_whatever_the_planner_expects_the_shared_rows_stay_narrow(ties, django_assert_num_queries):
    """The matches' vectors are read by key for ranking, never copied into the rows
    every facet reads: a planner expecting many matches changes nothing."""
    search = ArticleSearch({}, WORD, "relevance")
    with search.planned():
        estimated(search, RANK_LIMIT + 1)
        with django_assert_num_queries(1):
            count = search.count()
            ids = list(search.ordered_ids(count))
        shared = search._count_sql()[0].split("rows_all AS MATERIALIZED (", 1)[1]
        assert "search_vector" not in shared.split(" FROM ", 1)[0]  # its columns
        assert ids == by_separate_query(search)
    assert search.ranked


def test_a_list_by_date_ranks_nothing(ties, django_assert_num_queries):
    search = ArticleSearch({}, WORD, "-date")
    with search.planned():
        assert "array_agg" not in search._count_sql()[0]
        with django_assert_num_queries(2):
            ids = list(search.ordered_ids(search.count()))
    assert not search.ranked and len(ids) == 9
