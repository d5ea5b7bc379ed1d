"""Being found: a sitemap (Django's sitemaps) and robots.txt pointing to it, Atom
feeds of newly published articles and passages (Django's syndication), Link headers
on paged JSON, and CORS for reading from other sites, never for the admin. Only
published material is listed anywhere."""

import pytest
from django.urls import reverse
from lxml import etree

from corpus.editing.workflow import change_status
from corpus.models import Annotation, Article, Status
from tests.factories import AnnotationFactory, ArticleFactory

pytestmark = pytest.mark.django_db

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
ATOM = "{http://www.w3.org/2005/Atom}"
VISION = "russia-moscow-strives-to-clarify-vision-for-central-asian-alliance"


def xml(client, url) -> etree._Element:
    response = client.get(url)
    assert response.status_code == 200, url
    return etree.fromstring(response.content)  # raises unless well-formed


def sitemap_urls(client) -> set[str]:
    index = xml(client, reverse("sitemap"))
    assert index.tag == f"{SITEMAP}sitemapindex"
    found = set()
    for section in index.iter(f"{SITEMAP}loc"):
        page = xml(client, section.text.removeprefix("http://testserver"))
        assert page.tag == f"{SITEMAP}urlset"
        found |= {loc.text for loc in page.iter(f"{SITEMAP}loc")}
    return found


def test_the_sitemap_lists_the_public_pages_and_only_published_articles(client):
    draft = ArticleFactory(status=Status.DRAFT)
    urls = sitemap_urls(client)
    for article in Article.objects.published():
        assert f"http://testserver{article.get_absolute_url()}" in urls
    assert f"http://testserver{draft.get_absolute_url()}" not in urls
    assert "http://testserver/actors/yevgeny-buzhinsky/" in urls
    assert "http://testserver/organizations/csto/" in urls
    assert "http://testserver/tags/csto/" in urls
    assert {
        "http://testserver/",
        "http://testserver/articles/",
        "http://testserver/timeline/",
    } <= urls


def test_robots_txt_points_to_the_sitemap_and_keeps_crawlers_out_of_the_admin(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    assert "Disallow: /admin/" in lines


def entries(client, name) -> list:
    feed = xml(client, reverse(name))
    assert feed.tag == f"{ATOM}feed"
    for required in ("id", "title", "updated"):
        assert feed.findtext(f"{ATOM}{required}")
    found = feed.findall(f"{ATOM}entry")
    for entry in found:
        for required in ("id", "title", "updated"):
            assert entry.findtext(f"{ATOM}{required}"), required
        assert entry.find(f"{ATOM}link").get("href").startswith("http://testserver/")
    return found


def test_the_articles_feed_lists_newly_published_articles_newest_first(client, reviewer):
    draft = ArticleFactory(status=Status.DRAFT, title="Not yet")
    found = entries(client, "feed_articles")
    assert len(found) == 5
    assert "Not yet" not in {e.findtext(f"{ATOM}title") for e in found}
    change_status([draft], Status.PUBLISHED, reviewer, "Published")
    newest = entries(client, "feed_articles")[0]
    assert newest.findtext(f"{ATOM}title") == "Not yet"
    assert newest.find(f"{ATOM}link").get("href") == f"http://testserver{draft.get_absolute_url()}"
    golts = next(
        e
        for e in newest.getparent()
        if e.findtext(f"{ATOM}title") == "Russia Needs the West in Central Asia"
    )
    assert golts.findtext(f"{ATOM}author/{ATOM}name") == "Alexander Golts"


def test_the_passages_feed_lists_only_public_passages(client, reviewer):
    article = Article.objects.get(slug=VISION)
    hidden = AnnotationFactory(article=article, status=Status.DRAFT, start=0, end=7, note="Draft")
    found = entries(client, "feed_passages")
    links = {e.find(f"{ATOM}link").get("href") for e in found}
    assert len(found) == min(30, Annotation.objects.published().count())
    assert f"http://testserver/annotations/{hidden.uuid}/" not in links
    change_status([hidden], Status.PUBLISHED, reviewer, "Published")
    newest = entries(client, "feed_passages")[0]
    assert newest.find(f"{ATOM}link").get("href") == f"http://testserver/annotations/{hidden.uuid}/"
    Article.objects.filter(pk=article.pk).update(status=Status.DRAFT)
    links = {e.find(f"{ATOM}link").get("href") for e in entries(client, "feed_passages")}
    assert not any(str(a.uuid) in link for a in article.annotations.all() for link in links)


def test_paged_json_carries_next_and_prev_links(client, settings):
    settings.ARCHIVE_PAGE_SIZE = 2
    first = client.get(reverse("article_list"), {"format": "json"})
    assert 'page=2>; rel="next"' in first["Link"] and 'rel="prev"' not in first["Link"]
    middle = client.get(reverse("article_list"), {"format": "json", "page": 2})
    assert 'page=3>; rel="next"' in middle["Link"] and 'page=1>; rel="prev"' in middle["Link"]
    assert middle.json()["next"] in middle["Link"]


@pytest.mark.parametrize(
    "url",
    [
        "/articles/?format=json",
        f"/articles/{VISION}/?format=json",
        f"/articles/{VISION}/annotations.jsonld",
        f"/articles/{VISION}/tei.xml",
        f"/articles/{VISION}/cite.bib",
        "/feeds/articles.atom",
        "/oai/?verb=Identify",
        "/sitemap.xml",
        "/api/schema/article.json",
    ],
)
def test_other_sites_may_read_with_get(client, url):
    response = client.get(url, HTTP_ORIGIN="https://reader.example.org")
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in response
    preflight = client.options(
        url, HTTP_ORIGIN="https://reader.example.org", HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET"
    )
    assert "GET" in preflight["Access-Control-Allow-Methods"]
    assert "POST" not in preflight["Access-Control-Allow-Methods"]


def test_the_admin_never_answers_other_sites(client, admin_user):
    client.force_login(admin_user)
    for url in ("/admin/", "/admin/login/", "/admin/corpus/annotation/"):
        response = client.get(url, HTTP_ORIGIN="https://evil.example.org")
        assert "Access-Control-Allow-Origin" not in response, url


def test_discovery_pages_cost_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    ArticleFactory.create_batch(10)
    for url, limit in [
        ("/sitemap.xml", 10),
        ("/sitemap-articles.xml", 2),
        ("/sitemap-tags.xml", 2),
        ("/feeds/articles.atom", 4),
        ("/feeds/passages.atom", 3),
    ]:
        with django_assert_max_num_queries(limit):
            assert client.get(url).status_code == 200, url
