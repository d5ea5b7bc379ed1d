"""Each article as TEI P5: a header describing the source faithfully, the body
verbatim (its text content is exactly the article's body), names linked, and the
published annotations as notes."""

import pytest
from django.urls import reverse
from lxml import etree

from corpus.models import Actor, Annotation, Article, Status
from tests.factories import AnnotationFactory

pytestmark = pytest.mark.django_db

TEI = "{http://www.tei-c.org/ns/1.0}"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
VISION = "russia-moscow-strives-to-clarify-vision-for-central-asian-alliance"


def tei(client, slug) -> etree._Element:
    response = client.get(reverse("article_tei", args=[slug]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/tei+xml; charset=utf-8"
    assert response.content.startswith(b"<?xml version='1.0' encoding='UTF-8'?>")
    return etree.fromstring(response.content)  # raises unless well-formed


def test_every_seeds_tei_body_is_the_article_body_exactly(client):
    articles = Article.objects.published()
    assert articles.count() == 5
    for article in articles:
        body = tei(client, article.slug).find(f"{TEI}text/{TEI}body")
        assert "".join(body.itertext()) == article.body, article.slug
        paragraphs = body.findall(f"{TEI}p")
        assert len(paragraphs) > 3 and all(p.text or len(p) for p in paragraphs)


def test_the_header_describes_the_source_as_it_is(client):
    article = Article.objects.get(slug=VISION)
    root = tei(client, VISION)
    header = root.find(f"{TEI}teiHeader/{TEI}fileDesc")
    assert header.findtext(f"{TEI}titleStmt/{TEI}title") == article.title
    assert header.findtext(f"{TEI}titleStmt/{TEI}author/{TEI}persName") == "Joshua Kucera"
    bibl = header.find(f"{TEI}sourceDesc/{TEI}bibl")
    assert bibl.findtext(f"{TEI}publisher/{TEI}orgName") == "Eurasianet"
    date = bibl.find(f"{TEI}date")
    assert date.get("notBefore") == "2011-09-27" and date.get("notAfter") == "2011-10-02"
    assert date.get("cert") == "medium" and date.get("when") is None
    assert "wrapped up on September 27" in bibl.findtext(f"{TEI}note[@type='dateEvidence']")
    assert bibl.findtext(f"{TEI}idno[@type='sha256']") == article.raw_sha256
    assert bibl.findtext(f"{TEI}idno[@type='filename']") == article.source_file


def test_a_stated_date_is_certain_and_an_unknown_one_is_left_out(client):
    golts = tei(client, "russia-needs-the-west-in-central-asia")
    date = golts.find(f".//{TEI}sourceDesc/{TEI}bibl/{TEI}date")
    assert date.get("when") == "2011-09-05" and date.get("cert") == "high"
    edm = Article.objects.get(source_file__startswith="002")
    uncertain = tei(client, edm.slug).find(f".//{TEI}sourceDesc/{TEI}bibl/{TEI}date")
    assert uncertain.get("when") == "2007-10" and uncertain.get("cert") == "low"
    assert tei(client, edm.slug).find(f".//{TEI}titleStmt/{TEI}author") is None, (
        "no author invented"
    )
    Article.objects.filter(pk=edm.pk).update(date_edtf="", date_start=None, date_end=None)
    assert tei(client, edm.slug).find(f".//{TEI}sourceDesc/{TEI}bibl/{TEI}date") is None


def test_a_supplied_title_is_marked_supplied(client):
    supplied = Article.objects.filter(title_supplied=True).first()
    assert supplied, "the seeds have an untitled source"
    title = tei(client, supplied.slug).find(f".//{TEI}titleStmt/{TEI}title")
    assert title.findtext(f"{TEI}supplied") == supplied.title
    assert not (title.text or "").strip(), "nothing but the supplied title"


def test_names_link_to_their_pages_and_authority_records(client):
    Actor.objects.filter(slug="yevgeny-buzhinsky").update(
        authority_url="https://www.wikidata.org/wiki/Q4170340"
    )
    body = tei(client, VISION).find(f"{TEI}text/{TEI}body")
    buzhinsky = [p for p in body.iter(f"{TEI}persName") if "yevgeny-buzhinsky" in p.get("ref")]
    assert buzhinsky[0].get("ref").split() == [
        "http://testserver/actors/yevgeny-buzhinsky/",
        "https://www.wikidata.org/wiki/Q4170340",
    ]
    csto = [o for o in body.iter(f"{TEI}orgName") if o.get("ref").endswith("/csto/")]
    assert csto and "".join(csto[0].itertext()) in (
        "CSTO",
        "Collective Security Treaty Organization",
    )


def test_published_annotations_are_notes_on_anchored_passages(client):
    article = Article.objects.get(slug=VISION)
    draft = AnnotationFactory(article=article, start=0, end=7, status=Status.DRAFT, note="Secret")
    root = tei(client, VISION)
    notes = root.findall(f"{TEI}text/{TEI}back/{TEI}div/{TEI}note")
    published = Annotation.objects.published().filter(article=article)
    assert len(notes) == published.count()
    assert f"note-{draft.uuid}" not in {n.get(XML_ID) for n in notes}
    anchors = {a.get(XML_ID): a for a in root.iter(f"{TEI}anchor")}
    for note in notes:
        start, end = note.get("target")[1:], note.get("targetEnd")[1:]
        assert start in anchors and end in anchors


def test_claims_are_said_by_their_claimant_quotes_in_quote(client):
    root = tei(client, VISION)
    said = [s for s in root.iter(f"{TEI}said") if "yevgeny-buzhinsky" in s.get("who")]
    assert said and said[0].get("direct") == "true"
    assert said[0].findtext(f"{TEI}quote").startswith("For a long time, Russia")


def test_a_passage_between_its_anchors_is_the_annotations_quote(client):
    article = Article.objects.get(slug=VISION)
    annotation = Annotation.objects.published().filter(article=article).first()
    body = tei(client, VISION).find(f"{TEI}text/{TEI}body")
    text, inside = [], False
    for event, node in etree.iterwalk(body, events=("start", "end")):
        if event == "start" and node.get(XML_ID) == f"a-{annotation.uuid}-start":
            inside = True
        elif event == "start" and node.get(XML_ID) == f"a-{annotation.uuid}-end":
            break
        if inside:
            text.append((node.text or "") if event == "start" else (node.tail or ""))
    assert "".join(text) == annotation.exact


def test_unpublished_articles_have_no_tei(client):
    Article.objects.filter(slug=VISION).update(status=Status.DRAFT)
    assert client.get(reverse("article_tei", args=[VISION])).status_code == 404


def test_tei_costs_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    article = Article.objects.get(slug=VISION)
    AnnotationFactory.create_batch(5, article=article, start=0, end=7)
    with django_assert_max_num_queries(10):
        tei(client, VISION)


def test_a_stand_in_is_typed_so_it_is_never_read_as_a_place(client):
    body = tei(client, VISION).find(f"{TEI}text/{TEI}body")
    moscow = [o for o in body.iter(f"{TEI}orgName") if "".join(o.itertext()) == "Moscow"]
    assert moscow and all(o.get("type") == "stand-in" for o in moscow)
    assert moscow[0].get("ref").endswith("/organizations/russia/")
    plain = [o for o in body.iter(f"{TEI}orgName") if "".join(o.itertext()) == "CSTO"]
    assert plain and all(o.get("type") is None for o in plain)
