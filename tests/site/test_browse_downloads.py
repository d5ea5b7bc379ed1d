"""CSV downloads of the current article and claim lists."""

import csv
import io
import re

import pytest
from django.urls import reverse

from archive.formats.csv_downloads import cell
from corpus.models import Article, Claim
from tests.factories import ArticleFactory, ClaimFactory

pytestmark = pytest.mark.django_db


def download(client, name, **params):
    response = client.get(reverse(name), {**params, "format": "csv"})
    assert response.status_code == 200, response
    body = b"".join(response.streaming_content).decode("utf-8")
    return response, list(csv.DictReader(io.StringIO(body)))


def test_article_csv_has_every_matching_row_not_just_the_page(client, settings):
    settings.ARCHIVE_PAGE_SIZE = 2
    response, rows = download(client, "article_list")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="csto-archive-articles.csv"'
    assert len(rows) == 5
    moscow = next(r for r in rows if r["slug"].startswith("russia-moscow"))
    assert moscow["publication"] == "Eurasianet" and moscow["authors"] == "Joshua Kucera"
    assert moscow["date"] == "2011-09-27/2011-10-02" and moscow["year"] == "2011"
    assert moscow["url"].startswith("http://testserver/articles/")


def test_article_csv_follows_the_filters_and_the_order(client):
    _, rows = download(client, "article_list", actor="alexander-lukashenko", sort="-date")
    assert len(rows) == 2
    assert [r["date"] for r in rows] == sorted(r["date"] for r in rows)
    _, searched = download(client, "article_list", q="peacekeeping")
    assert searched[0]["slug"] == "csto-safe-choice-in-central-asia"


def test_claim_csv_follows_the_filters(client):
    response, rows = download(client, "claim_list", claimant="yevgeny-buzhinsky")
    assert response["Content-Disposition"] == (
        'attachment; filename="csto-archive-claims-claimant-yevgeny-buzhinsky.csv"'
    )
    expected = Claim.objects.published().by_claimant("yevgeny-buzhinsky")
    assert {int(r["id"]) for r in rows} == set(expected.values_list("pk", flat=True))
    row = rows[0]
    assert row["claimant"] == "Yevgeny Buzhinsky" and row["claimant_type"] == "actor"
    assert "/annotations/" in row["passage_url"] and row["quote"]


@pytest.mark.parametrize(
    "value, expected",
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+1+1", "'+1+1"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("plain words", "plain words"),
        ("a = b", "a = b"),
        (2011, "2011"),
        (None, ""),
    ],
)
def test_cells_that_a_spreadsheet_would_run_are_made_text(value, expected):
    assert cell(value) == expected


def test_downloads_are_safe_from_csv_injection(client):
    ArticleFactory(slug="formula", title='=HYPERLINK("http://evil.example","click")')
    ClaimFactory(text="@SUM(1+1)*cmd|' /C calc'!A0")
    _, articles = download(client, "article_list")
    assert next(r for r in articles if r["slug"] == "formula")["title"].startswith("'=")
    _, claims = download(client, "claim_list")
    assert any(r["text"].startswith("'@SUM") for r in claims)
    assert not any(
        v.startswith(("=", "+", "-", "@")) for r in claims + articles for v in r.values()
    )


def test_lists_link_their_downloads(client):
    html = client.get(reverse("article_list"), {"actor": "alexander-lukashenko", "page": 1}).content
    assert b'href="?actor=alexander-lukashenko&amp;format=csv"' in html
    assert b'href="?actor=alexander-lukashenko&amp;format=json"' in html
    claims = client.get(reverse("claim_list")).content
    assert b'href="?format=csv"' in claims and b'href="?format=json"' in claims


def test_an_article_csv_is_named_after_its_filters_and_carries_source_url_people_and_organizations(
    client,
):
    response, rows = download(
        client, "article_list", actor="alexander-lukashenko", year="2011", q="CSTO", sort="-date"
    )
    assert response["Content-Disposition"] == (
        'attachment; filename="csto-archive-articles-actor-alexander-lukashenko-year-2011-q-csto.csv"'
    )
    assert rows
    for row in rows:
        article = Article.objects.get(slug=row["slug"])
        assert row["source_url"] == article.source_url
        assert "Alexander Lukashenko" in row["people"].split("; ")
        named = article.mentions.placed().exclude(organization=None)
        names = set(named.values_list("organization__name", flat=True))
        assert set(row["organizations"].split("; ")) == names


def test_a_download_name_stays_a_safe_file_name(client):
    response, _ = download(client, "article_list", q='"a/b" \\ ..; rm -rf' + "x" * 150)
    name = response["Content-Disposition"].split('filename="')[1].rstrip('"')
    assert name.startswith("csto-archive-articles-q-") and name.endswith(".csv")
    assert len(name) <= 124 and re.fullmatch(r"[a-z0-9-]+\.csv", name)
