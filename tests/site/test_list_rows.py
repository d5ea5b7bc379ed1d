"""The article and claim lists print rows read with values() (archive/formats/rows.py):
the same HTML and JSON, byte for byte, as the model instances they replace, for every
kind of article and claim the seeds and a synthetic corpus hold."""

import io

import pytest
from django.core.management import call_command
from django.template.loader import render_to_string
from django.test import RequestFactory

from archive.formats import payloads
from archive.formats.rows import article_rows, claim_rows
from archive.reading.snippets import headline, highlighted
from corpus.models import Article, Claim
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def corpus():
    """The seeds, 200 synthetic articles, and articles without a date, a publication or
    an author, or whose title the archive supplied."""
    call_command("synthesize", "--articles", "200", "--seed", "3", stdout=io.StringIO())
    ArticleFactory(title="Untitled <note>", title_supplied=True, date_edtf="", publication=None)
    ArticleFactory(title="Circa & more", date_edtf="2011-05~")


def pages(ids: list[int], size: int = 20):
    return [ids[n : n + size] for n in range(0, len(ids), size)]


def with_snippets(articles: list, q) -> list:
    """The snippets as the list read them before its rows carried them: one more query
    for the page's articles, each given a highlighted `snippet` (the reference here)."""
    headlines = dict(
        Article.objects.filter(pk__in=[a.pk for a in articles])
        .annotate(headline=headline(q))
        .values_list("pk", "headline")
    )
    for article in articles:
        article.snippet = highlighted(headlines.get(article.pk, ""))
    return articles


# (model, rows, page size, queries, template, its list's name, item JSON, path)
LISTS = [
    (Article, article_rows, 20, 1, "includes/article_items.html", "articles",
     payloads.article_summary, "/articles/"),
    (Claim, claim_rows, 50, 1, "includes/claim_items.html", "claims",
     payloads.claim_payload, "/claims/"),
]  # fmt: skip


@pytest.mark.parametrize("model, read, size, queries, template, name, payload, path", LISTS)
def test_listed_rows_print_as_their_instances_did(
    corpus, django_assert_max_num_queries, model, read, size, queries, template, name, payload, path
):
    """Every published article and claim, page by page: the list's HTML and each item's JSON."""
    request = RequestFactory().get(path)
    ids = list(model.objects.published().order_by("pk").values_list("pk", flat=True))
    assert len(ids) > 200
    for page in pages(ids, size):
        shown = model.objects.for_listing().in_bulk(page)
        instances = [shown[pk] for pk in page]
        with django_assert_max_num_queries(queries):
            rows = read(page)
        assert render_to_string(template, {name: rows}) == render_to_string(
            template, {name: instances}
        )
        assert [payload(r, request) for r in rows] == [payload(i, request) for i in instances]


def test_claims_of_people_and_of_organizations_are_both_listed(corpus):
    assert Claim.objects.published().filter(claimant_organization__isnull=False).exists()
    assert Claim.objects.published().filter(claimant_actor__isnull=False).exists()


def test_searched_rows_carry_the_same_snippets(corpus):
    page = list(Article.objects.published().matching("security").values_list("pk", flat=True)[:20])
    instances = Article.objects.for_listing().in_bulk(page)
    rows = with_snippets(article_rows(page), "security")
    expected = with_snippets([instances[pk] for pk in page], "security")
    html = render_to_string("includes/article_items.html", {"articles": rows})
    assert html == render_to_string("includes/article_items.html", {"articles": expected})
    assert "<mark>" in html


def test_rows_read_with_their_snippets_in_the_same_query_print_the_same(
    corpus, django_assert_max_num_queries
):
    """The article list reads a search's snippets, and the bylines, with its rows: one query."""
    for q in ("security", "Rahmonov", '"collective security" -NATO'):
        page = list(Article.objects.published().matching(q).values_list("pk", flat=True)[:20])
        instances = Article.objects.for_listing().in_bulk(page)
        with django_assert_max_num_queries(1):
            rows = article_rows(page, q)
        expected = with_snippets([instances[pk] for pk in page], q)
        html = render_to_string("includes/article_items.html", {"articles": rows})
        assert html == render_to_string("includes/article_items.html", {"articles": expected})
        request = RequestFactory().get("/articles/")
        assert [
            {**payloads.article_summary(r, request), "snippet": str(r.snippet)} for r in rows
        ] == [{**payloads.article_summary(i, request), "snippet": str(i.snippet)} for i in expected]


def test_rows_keep_the_order_asked_for_and_skip_unknown_ids(corpus):
    ids = list(Article.objects.published().values_list("pk", flat=True)[:5])
    assert [r.pk for r in article_rows([*reversed(ids), 0])] == list(reversed(ids))
