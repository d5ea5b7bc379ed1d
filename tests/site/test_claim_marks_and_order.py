"""The claim list marks what a search matched in each statement, and sorts on request."""

import csv
import io
import re

import pytest
from django.urls import reverse
from django.utils.html import escape

from tests.factories import ActorFactory, AnnotationFactory, ArticleFactory, ClaimFactory

pytestmark = pytest.mark.django_db

URL = reverse("claim_list")
MARKED = re.compile(r"<mark>(.*?)</mark>")


def get(client, **params):
    response = client.get(URL, params)
    assert response.status_code == 200, response.content[:300]
    return response


def claims(client, **params):
    return list(get(client, **params).context["claims"])


def claim(text, claimant="Observer", date="2010-05-01"):
    article = ArticleFactory(date_edtf=date)
    passage = AnnotationFactory(article=article)
    return ClaimFactory(annotation=passage, claimant_actor=ActorFactory(name=claimant), text=text)


def test_a_search_marks_the_matched_words_in_each_statement(client):
    listed = claims(client, q="CSTO")
    assert listed
    for row in listed:
        assert "CSTO" in MARKED.findall(str(row.marked)), row.text
        # Only marks are added: the statement's own words, faithfully, around them.
        assert MARKED.sub(r"\1", str(row.marked)) == escape(row.text)
    page = get(client, q="CSTO").content.decode()
    assert "<mark>CSTO</mark>" in page


def test_a_search_by_an_organizations_full_name_marks_its_acronym(client):
    listed = claims(client, q="Collective Security Treaty Organization")
    assert any("CSTO" in MARKED.findall(str(row.marked)) for row in listed)


def test_marked_statements_are_escaped(client):
    claim('<img src=x onerror="alert(1)"> The CSTO & <b>friends</b> agreed.')
    page = get(client, q="friends").content.decode()
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in page
    assert "&lt;b&gt;<mark>friends</mark>&lt;/b&gt;" in page
    assert "<img src=x" not in page


def test_without_a_search_statements_are_unmarked(client):
    page = get(client).content.decode()
    assert all(row.marked is None for row in get(client).context["claims"])
    assert "<mark>" not in page


def dates(rows):
    return [row.annotation.article.date_start for row in rows]


def test_sorts_newest_and_oldest_article_first(client):
    for date in ("1999-01-01", "", "2020-06-01", "2005"):
        claim(f"Marmalade words of {date or 'no date'}.", date=date)
    newest = claims(client, q="marmalade", sort="date")
    oldest = claims(client, q="marmalade", sort="-date")
    assert [d.year if d else None for d in dates(newest)] == [2020, 2005, 1999, None]
    # Unknown dates come last either way.
    assert [d.year if d else None for d in dates(oldest)] == [1999, 2005, 2020, None]
    # Over the whole list too.
    known = [d for d in dates(claims(client, sort="date")) if d]
    assert known == sorted(known, reverse=True)


def test_the_default_order_is_oldest_first_and_relevance_when_searching(client):
    claim("Early words.", date="1999-01-01")
    assert [r.pk for r in claims(client)] == [r.pk for r in claims(client, sort="-date")]
    searched = get(client, q="CSTO")
    assert searched.context["sort"] == "relevance"
    # Relevance without a search has nothing to rank: the default order.
    assert get(client, sort="relevance").context["sort"] == "-date"


def test_sorts_by_claimant_name(client):
    claim("Aardvark words.", claimant="Aaron Aardvark")
    names = [row.claimant.name for row in claims(client, sort="claimant")]
    assert names[0] == "Aaron Aardvark"
    assert names == sorted(names)


def test_the_sort_control_keeps_the_search_and_filters(client):
    page = get(client, q="CSTO", kind="assessment").content.decode()
    form = page[
        page.index('<form class="sort"') : page.index("</form>", page.index('class="sort"'))
    ]
    assert 'name="q" value="CSTO"' in form
    assert 'name="kind" value="assessment"' in form
    assert '<option value="relevance" selected>' in form
    assert '<option value="claimant">' in form


def test_the_csv_follows_the_chosen_order(client):
    claim("Aardvark words.", claimant="Aaron Aardvark")
    response = client.get(URL, {"sort": "claimant", "format": "csv"})
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    names = [row["claimant"] for row in rows]
    assert names[0] == "Aaron Aardvark"
    assert names == sorted(names) and len(names) > 50


@pytest.mark.parametrize("sort", ["newest", "DATE", "claimant;drop", "x" * 300])
def test_an_unknown_sort_is_a_clear_400(client, sort):
    response = client.get(URL, {"sort": sort})
    assert response.status_code == 400
    assert b"sort" in response.content
