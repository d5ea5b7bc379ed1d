"""The browsing pages' query counts are pinned and do not grow with the data."""

import pytest
from django.urls import reverse

from corpus.models import Actor, Authorship, Mention, Organization, Status
from tests.factories import AnnotationFactory, ArticleFactory, ClaimFactory

pytestmark = pytest.mark.django_db

THREE_FILTERS = {"actor": "alexander-lukashenko", "year": "2011", "tag": "csto"}
# name, args, params, at most this many queries (HTML and JSON alike)
PAGES = [
    # the page's ids, its articles with their authors (in the same query), and ONE
    # query for all six facets and the published total
    ("article_list", [], {}, 3),
    # filtered: one query per kind of record the filters name (people, tags); the
    # count comes with the facets
    ("article_list", [], THREE_FILTERS, 5),
    # searched: a savepoint (+ release) whose one statement SETs LOCAL the plan,
    # widens the search by names, once, and gives the planner's estimate, to count a
    # common word by complement; the facet statement ranks the few matches of a list
    # by relevance (no query for the ids); the snippets and authors come with the articles
    ("article_list", [], {"q": "CSTO"}, 5),
    ("article_list", [], {"q": "CSTO", "sort": "-date", **THREE_FILTERS}, 8),
    # a search that finds (almost) nothing: no articles to read, one for the names close to it
    ("article_list", [], {"q": "Lukshenko"}, 5),
    # count, page, one grouped query per facet (4)
    ("claim_list", [], {}, 6),
    ("claim_list", [], {"claimant": "yevgeny-buzhinsky", "kind": "assessment"}, 6),
    # count, tags with their article, passage and statement totals
    ("tag_list", [], {}, 2),
    # tag with its totals, articles (their authors in the same query), annotations (with
    # their tags, people and organizations in the same query), claims
    ("tag_detail", ["csto"], {}, 4),
]


@pytest.fixture
def thirty_more():
    """30 more published articles, each with an author, mentions, a tag, a
    tagged passage and a tagged claim, so per-row queries would show."""
    lukashenko = Actor.objects.get(slug="alexander-lukashenko")
    csto = Organization.objects.get(slug="csto")
    for n in range(30):
        article = ArticleFactory(
            date_edtf=f"2011-0{1 + n % 9}-1{n % 9}",
            body="Lukashenko spoke to the CSTO about the rapid reaction force in Dushanbe.",
        )
        article.tags.add("csto", f"extra-{n}")
        Authorship.objects.create(article=article, actor=lukashenko)
        Mention.objects.create(article=article, actor=lukashenko, start=0, end=10)
        Mention.objects.create(article=article, organization=csto, start=22, end=26)
        passage = AnnotationFactory(article=article, start=0, end=10)
        passage.tags.add("csto")
        claim = ClaimFactory(annotation=passage, claimant_actor=lukashenko, text="CSTO words")
        claim.tags.add("csto")
    ClaimFactory(status=Status.DRAFT).tags.add("csto")


def assert_pinned(client, assert_max, name, args, params, limit):
    for fmt in ("html", "json"):
        with assert_max(limit):
            response = client.get(reverse(name, args=args), {**params, "format": fmt})
            assert response.status_code == 200


@pytest.mark.parametrize("name, args, params, limit", PAGES)
def test_query_counts_are_pinned(client, django_assert_max_num_queries, name, args, params, limit):
    assert_pinned(client, django_assert_max_num_queries, name, args, params, limit)


def test_query_counts_do_not_grow_with_the_data(client, django_assert_max_num_queries, thirty_more):
    for name, args, params, limit in PAGES:
        assert_pinned(client, django_assert_max_num_queries, name, args, params, limit)


def test_a_long_page_of_snippets_still_costs_one_query(
    client, settings, django_assert_max_num_queries, thirty_more
):
    settings.ARCHIVE_PAGE_SIZE = 50
    with django_assert_max_num_queries(5):
        response = client.get(reverse("article_list"), {"q": "Lukashenko"})
    assert len(response.context["articles"]) == 32
    assert all("<mark>Lukashenko</mark>" in a.snippet for a in response.context["articles"])


def test_downloads_stream_in_a_constant_number_of_queries(
    client, django_assert_max_num_queries, thirty_more
):
    for name, limit in (("article_list", 12), ("claim_list", 8)):
        with django_assert_max_num_queries(limit):
            response = client.get(reverse(name), {"format": "csv"})
            rows = b"".join(response.streaming_content).decode().splitlines()
        assert len(rows) > 30


@pytest.fixture
def synthetic_corpus():
    """300 synthetic articles: ~3,000 annotations, mentions of hundreds of
    generated people and organizations, claims and tags (manage.py synthesize)."""
    import io

    from django.core.management import call_command

    call_command("synthesize", "--articles", "300", "--seed", "7", stdout=io.StringIO())


@pytest.mark.parametrize(
    "params",
    [params for name, _, params, _ in PAGES if name == "article_list"],
    ids=["plain", "three-filters", "search", "search-filtered", "search-finding-nothing"],
)
def test_the_article_list_costs_the_same_queries_at_sixty_times_the_corpus(
    client, django_assert_max_num_queries, synthetic_corpus, params
):
    limit = next(limit for name, _, p, limit in PAGES if name == "article_list" and p == params)
    assert_pinned(client, django_assert_max_num_queries, "article_list", [], params, limit)
    response = client.get(reverse("article_list"), params)
    assert len(response.context["articles"]) == min(20, response.context["page"].paginator.count)
