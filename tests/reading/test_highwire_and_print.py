"""Reference managers read every article page's citation_* meta tags (Highwire
Press); a printed page carries its address and its Chicago citation."""

import re

import pytest

from corpus.models import Article
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def metas(html: str) -> list[tuple[str, str]]:
    return re.findall(r'<meta name="(citation_\w+)" content="([^"]*)">', html)


def test_every_article_page_has_its_citation_meta_tags(client):
    for article in Article.objects.published():
        tags = metas(client.get(article.get_absolute_url()).content.decode())
        names = [name for name, _ in tags]
        assert ("citation_title", article.display_title) in tags
        authors = [value for name, value in tags if name == "citation_author"]
        assert authors == [author.name for author in article.authors.all()]
        assert names.count("citation_public_url") == 1
        if article.publication:
            assert ("citation_journal_title", article.publication.name) in tags


def test_the_date_is_as_precise_as_the_record_and_absent_when_unknown(client):
    golts = Article.objects.get(slug="russia-needs-the-west-in-central-asia")
    tags = dict(metas(client.get(golts.get_absolute_url()).content.decode()))
    assert tags["citation_publication_date"] == "2011/09/05"
    assert tags["citation_fulltext_html_url"] == golts.source_url
    undated = ArticleFactory(date_edtf="")
    assert "citation_publication_date" not in dict(
        metas(client.get(undated.get_absolute_url()).content.decode())
    )


def test_a_printed_page_carries_its_address_and_chicago_citation(client):
    article = Article.objects.get(slug="russia-needs-the-west-in-central-asia")
    response = client.get(article.get_absolute_url(), {"q": "NATO"})
    html = response.content.decode()
    footer = re.search(r'<footer class="print-only print-citation">(.*?)</footer>', html, re.S)
    assert footer, "no print footer"
    assert f"Printed from http://testserver{article.get_absolute_url()}</p>" in footer.group(1)
    assert "Golts, Alexander. “Russia Needs the West in Central Asia.”" in footer.group(1)
