"""Authors keep their byline order wherever an article is shown or cited: the reading
page, the article list, their JSON twins and CSV, and every citation format. The
bylines here run against both the alphabet and the order the records were made in,
and one author stands first in one byline and second in another."""

import csv
import io
import json
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils.text import slugify

from corpus.ingest.importing import import_files
from corpus.models import Actor, Article, Status
from tests.factories import ActorFactory

pytestmark = pytest.mark.django_db
UNSEEN = Path(__file__).parents[1] / "data" / "unseen"
# ph_two_authors_comments.txt: "By Timur Sample and Aigerim Example";
# md_no_title_numeric_date.txt: "By Maria Example, Timur Sample and Aigerim Example".
TWO = ["Timur Sample", "Aigerim Example"]
THREE = ["Maria Example", "Timur Sample", "Aigerim Example"]


@pytest.fixture
def bylines():
    # Made in alphabetical order first, so that neither name nor id order is the byline's.
    for name in sorted({*TWO, *THREE}):
        ActorFactory(name=name, slug=slugify(name))
    two, three = (
        result.article
        for result in import_files(
            [UNSEEN / "ph_two_authors_comments.txt", UNSEEN / "md_no_title_numeric_date.txt"],
            Status.PUBLISHED,
        )
    )
    assert [a.name for a in Actor.objects.filter(name__in=TWO)] == sorted(TWO)
    return two, three


def cite(client, article: Article, style: str) -> str:
    url = reverse("article_citation", args=[article.slug, style])
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def in_order(text: str, names: list[str]) -> bool:
    positions = [text.find(name) for name in names]
    return -1 not in positions and positions == sorted(positions)


def test_the_reading_page_names_the_authors_in_byline_order(client, bylines):
    two, three = bylines
    for article, names in ((two, TWO), (three, THREE)):
        response = client.get(article.get_absolute_url())
        assert [a.name for a in response.context["article"].authors.all()] == names
        metadata = response.content.decode().split("<dt>Authors</dt>")[1].split("</dd>")[0]
        assert in_order(metadata, names)
        payload = client.get(article.get_absolute_url(), {"format": "json"}).json()
        assert [author["name"] for author in payload["authors"]] == names


def test_the_article_list_and_its_twins_keep_every_byline_in_order(client, bylines):
    two, three = bylines
    response = client.get(reverse("article_list"), {"author": "timur-sample"})
    shown = {a.slug: [x.name for x in a.authors.all()] for a in response.context["articles"]}
    assert shown == {two.slug: TWO, three.slug: THREE}
    payload = client.get(reverse("article_list"), {"author": "timur-sample", "format": "json"})
    listed = {row["slug"]: [a["name"] for a in row["authors"]] for row in payload.json()["results"]}
    assert listed == {two.slug: TWO, three.slug: THREE}
    rows = client.get(reverse("article_list"), {"author": "timur-sample", "format": "csv"})
    table = csv.DictReader(io.StringIO(b"".join(rows.streaming_content).decode("utf-8-sig")))
    authors = {row["title"]: row["authors"] for row in table}
    assert in_order(authors[two.title], TWO) and in_order(authors[three.title], THREE)


def test_every_citation_format_keeps_the_byline_order(client, bylines):
    two, _ = bylines
    assert cite(client, two, "txt").startswith("Sample, Timur, and Aigerim Example.")
    bibtex = cite(client, two, "bib")
    assert "author = {Timur Sample and Aigerim Example}" in bibtex
    assert bibtex.startswith("@article{sample2011")
    ris = [line for line in cite(client, two, "ris").split("\r\n") if line.startswith("AU  - ")]
    assert ris == ["AU  - Sample, Timur", "AU  - Example, Aigerim"]
    csl = json.loads(cite(client, two, "json"))
    item = csl[0] if isinstance(csl, list) else csl
    assert item["author"] == [
        {"family": "Sample", "given": "Timur"},
        {"family": "Example", "given": "Aigerim"},
    ]
