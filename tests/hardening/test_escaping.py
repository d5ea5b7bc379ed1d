"""What a source or an editor wrote is data in every format, never markup or syntax:
BibTeX fields cannot be closed from inside, notes are sanitized in the JSON twin as on
the page, and only http(s) URLs become links."""

import pytest
from django.urls import reverse

from corpus.models import Status
from tests.factories import AnnotationFactory, ArticleFactory, OrganizationFactory


@pytest.mark.django_db
def test_a_source_url_cannot_inject_a_bibtex_field(anonymous):
    article = ArticleFactory(source_url="http://example.org/a},note={Injected}, x={")
    bib = anonymous.get(reverse("article_citation", args=[article.slug, "bib"])).content.decode()
    assert "note={Injected}" not in bib
    url_line = next(line for line in bib.splitlines() if line.strip().startswith("url"))
    assert url_line == "  url = {http://example.org/a%7D,note=%7BInjected%7D,%20x=%7B},"
    assert sum(line.count("{") - line.count("}") for line in bib.splitlines()) == 0


@pytest.mark.django_db
def test_notes_are_sanitized_in_the_json_twin_as_on_the_page(anonymous):
    annotation = AnnotationFactory(
        note='<b>Kept</b><script>alert("x")</script><img src=x onerror=alert(1)>'
        '<a href="javascript:alert(2)">link</a>',
        status=Status.PUBLISHED,
    )
    url = annotation.article.get_absolute_url()
    [twin] = anonymous.get(url, {"format": "json"}).json()["annotations"]
    page = anonymous.get(url).content.decode()
    assert twin["note"] == 'Kept<a rel="noopener nofollow">link</a>'
    assert twin["note"] in page
    for text in (twin["note"], page):
        assert "alert(" not in text and "onerror" not in text and "javascript:" not in text


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    ["javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html,<script>", " javascript:x"],
)
def test_only_http_urls_become_links(anonymous, url):
    article = ArticleFactory(source_url=url)
    page = anonymous.get(article.get_absolute_url()).content.decode()
    assert 'href="javascript' not in page.lower() and 'href="data:' not in page
    assert 'href=" javascript' not in page.lower()
    organization = OrganizationFactory(authority_url=url)
    page = anonymous.get(organization.get_absolute_url()).content.decode()
    assert "Authority record" not in page


@pytest.mark.django_db
def test_a_web_url_still_becomes_a_link(anonymous):
    article = ArticleFactory(source_url="https://jamestown.org/program/csto/")
    page = anonymous.get(article.get_absolute_url()).content.decode()
    assert 'href="https://jamestown.org/program/csto/"' in page
