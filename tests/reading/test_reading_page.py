"""The reading page: metadata as certain as the evidence, the annotated text,
acronyms, who's who, related articles, reader comments, and its JSON twin."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from corpus.models import Annotation, Article, Mention, Status
from tests.factories import (
    ActorFactory,
    AnnotationFactory,
    ArticleFactory,
    ClaimFactory,
    OrganizationFactory,
)
from tests.reading.test_reading_highlighting import check, strip_tags

pytestmark = pytest.mark.django_db

VISION = "russia-moscow-strives-to-clarify-vision-for-central-asian-alliance"
GROWING = "russias-growing-security-role-in-central-asia"


def seed(prefix: str) -> Article:
    return Article.objects.get(source_file__startswith=prefix)


def page(client, article, **params):
    response = client.get(article.get_absolute_url(), params)
    assert response.status_code == 200
    return response


def body_html(response) -> str:
    return str(response.context["body_html"])


@pytest.mark.parametrize(
    "prefix, date_text",
    [
        ("000", "5 September 2011"),
        ("001", "2011 (uncertain)"),
        ("002", "October 2007 (uncertain)"),
        ("003", "between 27 September and 2 October 2011 (inferred)"),
        ("004", "between 12 and 18 October 2004 (inferred)"),
    ],
)
def test_dates_read_as_certain_as_the_evidence_allows(client, prefix, date_text):
    response = page(client, seed(prefix))
    assert response.context["date_text"] == date_text
    assert f'<span class="date">{date_text}</span>' in response.content.decode()


def test_inferred_date_shows_its_evidence_in_a_disclosure(client):
    html = page(client, seed("003")).content.decode()
    evidence = re.search(
        r"<details class=\"evidence\"><summary>How this date was established", html
    )
    assert evidence
    assert "wrapped up on September 27" in html[evidence.start() :]


def test_supplied_title_is_bracketed_and_explained(client):
    html = page(client, seed("004")).content.decode()
    assert '<h1 id="article-title">[Russia’s Growing Security Role in Central Asia]</h1>' in html
    assert "supplied this one, so it is shown in [brackets]" in html


def test_unknown_author_stays_unknown_and_publication_shows_volume_and_issue(client):
    html = page(client, seed("002")).content.decode()
    assert "No author named in the source" in html
    assert "<cite>Eurasia Daily Monitor</cite></a>, vol. 4, no. 191" in html


def test_source_url_file_and_checksum_are_shown(client):
    article = seed("000")
    html = page(client, article).content.decode()
    assert f'href="{article.source_url}"' in html
    assert article.source_file in html and article.raw_sha256 in html


def test_cite_menu_offers_chicago_text_and_every_download(client):
    article = seed("000")
    html = page(client, article).content.decode()
    menu = html[
        html.index('<details class="cite"') : html.index(
            "</details>", html.index('<details class="cite"')
        )
    ]
    assert (
        "Golts, Alexander. “Russia Needs the West in Central Asia.” <i>The Moscow Times</i>" in menu
    )
    for style in ("bib", "ris", "json", "txt"):
        assert f'href="{reverse("article_citation", args=[article.slug, style])}" download' in menu
    assert reverse("article_annotations", args=[article.slug]) in menu


def test_published_annotations_are_marked_focusable_and_listed_with_permalinks(client):
    article = seed("003")
    response = page(client, article)
    html, body = response.content.decode(), body_html(response)
    published = Annotation.objects.published().filter(article=article)
    assert published.count() == len(response.context["entries"]) > 0
    for annotation in published:
        assert f'id="passage-{annotation.uuid}" tabindex="0"' in body
        assert (
            f'<li class="annotation kind-{annotation.kind}" id="annotation-{annotation.uuid}"'
            in html
        )
        assert f'href="{reverse("annotation_detail", args=[annotation.uuid])}"' in html
        assert f'href="#annotation-{annotation.uuid}"' in body
    # The text itself is untouched by the markup.
    assert [t for t in check(body).paragraph_texts] == [p for p in article.body.split("\n\n")]


def test_each_annotation_shows_its_claim_with_the_claimant(client):
    response = page(client, Article.objects.get(slug=VISION))
    entry = next(
        e
        for e in response.context["entries"]
        if any(c.claimant.slug == "yevgeny-buzhinsky" for c in e.claims)
    )
    html = response.content.decode()
    start = html.index(f'id="annotation-{entry.uuid}"')
    item = html[start : html.index("</div>\n</li>", start)]
    assert 'href="/actors/yevgeny-buzhinsky/">Yevgeny Buzhinsky</a>' in item
    assert "(direct quote, assessment)" in item
    assert entry.annotation.note[:40] in item


def test_notes_keep_safe_markup_and_plain_paragraphs_and_lose_scripts(client):
    article = ArticleFactory()
    AnnotationFactory(article=article, note="<em>Careful</em>: <script>alert(1)</script>see 000.")
    AnnotationFactory(article=article, start=50, end=60, note="First thought.\n\nSecond & last.")
    html = page(client, article).content.decode()
    assert '<div class="note"><p><em>Careful</em>: see 000.</p></div>' in html
    assert '<div class="note"><p>First thought.</p><p>Second &amp; last.</p></div>' in html
    assert "alert(1)" not in html


def test_overlapping_and_nested_passages_render_well_formed(client):
    body = (
        "Lavrov met Akayev in Bishkek. They spoke of the CSTO.\n\n"
        "Observers were sceptical. The summit ended early."
    )
    article = ArticleFactory(body=body)
    outer = AnnotationFactory(article=article, start=0, end=45, kind="context", note="Outer")
    inner = AnnotationFactory(article=article, start=11, end=17, kind="entity", note="Inner")
    crossing = AnnotationFactory(article=article, start=30, end=80, kind="note", note="Across")
    claim = ClaimFactory(annotation__article=article, annotation__start=55, annotation__end=80)
    response = page(client, article)
    html = body_html(response)
    checker = check(html)
    assert checker.paragraph_texts == body.split("\n\n")
    assert strip_tags(html) == body
    for annotation in (outer, inner, crossing, claim.annotation):
        # One focusable first fragment per passage; the rest carry only its uuid.
        assert html.count(f'id="passage-{annotation.uuid}"') == 1
    # The crossing note is split where the outer passage ends and at the paragraph break.
    assert html.count(f'data-annotation="{crossing.uuid}"') == 3
    assert re.search(
        rf'<mark class="hl hl-context"[^>]*{outer.uuid}[^>]*>Lavrov met <mark class="hl hl-entity"',
        html,
    )
    numbers = [e.number for e in response.context["entries"]]
    assert numbers == [1, 2, 3, 4]


def test_drafts_review_and_orphans_are_hidden_everywhere(client):
    article = seed("000")
    hidden = [
        AnnotationFactory(
            article=article, start=0, end=12, status=Status.DRAFT, note="Draft note xyzzy"
        ),
        AnnotationFactory(
            article=article, start=20, end=30, status=Status.REVIEW, note="Review note xyzzy"
        ),
        AnnotationFactory(
            article=article, start=40, end=50, anchor="orphaned", note="Orphan note xyzzy"
        ),
    ]
    html = page(client, article).content.decode()
    payload = client.get(article.get_absolute_url(), {"format": "json"}).json()
    jsonld = client.get(reverse("article_annotations", args=[article.slug])).content.decode()
    assert "xyzzy" not in html and "xyzzy" not in str(payload) and "xyzzy" not in jsonld
    for annotation in hidden:
        assert str(annotation.uuid) not in html
        assert str(annotation.uuid) not in str(payload) and str(annotation.uuid) not in jsonld
        assert client.get(reverse("annotation_detail", args=[annotation.uuid])).status_code == 404


def test_first_mention_of_each_entity_links_and_later_ones_do_not(client):
    response = page(client, Article.objects.get(slug=VISION))
    html = body_html(response)
    links = re.findall(
        r'<a class="mention mention-actor" data-layer="mentions" href="([^"]+)"', html
    )
    assert "/actors/yevgeny-buzhinsky/" in links
    assert len(links) == len(set(links))
    assert html.count('class="mention mention-actor"') > len(links)


DILEMMA = "central-asia-russia-grapples-with-security-dilemma"


def test_a_stand_in_says_what_it_stands_for_and_a_place_stays_plain(client):
    response = page(client, Article.objects.get(slug=DILEMMA))
    html = body_html(response)
    stand_in = (
        '<span class="mention mention-organization mention-stand-in" data-layer="mentions" '
        'title="Moscow, standing for Russia" data-stands-for="Russia">Moscow</span>'
    )
    assert stand_in in html
    # “Moscow’s Institute of World Economy…”: the city, not the government.
    assert "expert on Russia’s relations with the West at Moscow’s Institute" in strip_tags(html)
    assert re.search(r"at Moscow’s <a [^>]*>Institute of World Economy", html)
    pentagon = re.search(r'<a class="mention [^"]*mention-stand-in"[^>]*>Pentagon</a>', html)
    assert 'href="/organizations/us-department-of-defense/"' in pentagon[0]
    assert 'title="Pentagon, standing for United States Department of Defense"' in pentagon[0]
    check(html)


def test_whos_who_and_the_json_twin_tell_a_stand_in_from_a_name(client):
    article = Article.objects.get(slug=DILEMMA)
    response = page(client, article)
    russia = next(o for o in response.context["organizations"] if o.slug == "russia")
    moscow = Mention.objects.filter(article=article, organization=russia, stand_in=True)
    assert russia.stand_in_count == moscow.count() == 8 and russia.stand_in_names == ["Moscow"]
    aside = response.content.decode().split('<section class="whos-who"')[1]
    assert f"{russia.mention_count} mentions, 8 as “Moscow”, standing for it" in aside
    legend = response.content.decode().split('class="legend"')[1]
    assert "a capital or building the text uses for a government" in legend
    payload = page(client, article, format="json").json()
    entry = next(o for o in payload["organizations"] if o["slug"] == "russia")
    assert (entry["stand_in_mentions"], entry["stand_in_names"]) == (8, ["Moscow"])
    stand_ins = [m for m in payload["mentions"] if m["stand_in"]]
    assert {m["slug"] for m in stand_ins} == {
        "russia",
        "united-states",
        "russian-leadership",
        "us-department-of-defense",
    }
    assert all(
        article.body[m["start"] : m["end"]] in {"Moscow", "Washington", "Kremlin", "Pentagon"}
        for m in stand_ins
    )


def test_caco_is_spelled_out_from_the_organization_record(client):
    response = page(client, Article.objects.get(slug=GROWING))
    html = body_html(response)
    expected = (
        '<a class="term" href="/organizations/caco/" data-expansion="Central Asian Cooperation '
        'Organization" aria-describedby="term-caco"><abbr title="Central Asian Cooperation '
        'Organization">CACO</abbr></a>'
    )
    assert html.count(expected) == 1
    assert html.count("<abbr") == len(response.context["glossary"])
    assert {"CACO", "CSTO", "SCO"} <= {o.acronym for o in response.context["glossary"]}
    assert 'id="term-caco"' in response.content.decode()


def test_acronyms_come_from_the_records_not_a_list(client):
    OrganizationFactory(name="Dushanbe Experimental Quorum", acronym="DXQ", slug="dxq")
    article = ArticleFactory(body="The DXQ met. Then the DXQ adjourned.")
    html = body_html(page(client, article))
    assert html.count('<abbr title="Dushanbe Experimental Quorum">DXQ</abbr>') == 1


def test_whos_who_orders_people_and_organizations_by_mentions(client):
    article = Article.objects.get(slug=VISION)
    response = page(client, article)
    actors = list(response.context["actors"])
    counts = {a.slug: a.mention_count for a in actors}
    expected = Mention.objects.filter(article=article, actor__slug="yevgeny-buzhinsky").count()
    assert counts["yevgeny-buzhinsky"] == expected
    assert [a.mention_count for a in actors] == sorted(counts.values(), reverse=True)
    html = response.content.decode()
    aside = html[html.index('<section class="whos-who"') :]
    buzhinsky = actors[[a.slug for a in actors].index("yevgeny-buzhinsky")]
    assert buzhinsky.description[:30] in aside
    assert (
        '<abbr class="acronym" title="Collective Security Treaty Organization">CSTO</abbr>' in aside
    )
    assert "Intergovernmental organization" in aside


def test_related_articles_rank_by_shared_people_and_organizations(client):
    article = Article.objects.get(slug=VISION)
    related = list(page(client, article).context["related"])

    def entities(a):
        rows = Mention.objects.filter(article=a)
        return {m.actor.name if m.actor_id else m.organization.name for m in rows}

    mine = entities(article)
    assert 0 < len(related) <= 5 and article not in related
    for other in related:
        shared = mine & entities(other)
        assert other.shared_count == len(shared)
        assert set(other.shared_actors) | set(other.shared_organizations) == shared
    assert [o.shared_count for o in related] == sorted(
        (o.shared_count for o in related), reverse=True
    )


def test_related_articles_are_published_only(client):
    article = Article.objects.get(slug=VISION)
    other = Article.objects.get(slug=GROWING)
    Article.objects.filter(pk=other.pk).update(status=Status.DRAFT)
    assert other not in list(page(client, article).context["related"])


def test_reader_comments_are_shown_apart_from_the_body(client):
    article = seed("003")
    response = page(client, article)
    comment = article.comments.get()
    html = response.content.decode()
    assert comment.text[:30] not in body_html(response)
    section = html[html.index('<section class="comments"') :]
    assert "Reader comments on the original page" in section
    assert comment.text[:30] in section and "An unnamed reader" in section


def test_json_twin_keeps_the_contract_and_adds_reading_extras(client):
    article = Article.objects.get(slug=GROWING)
    payload = client.get(article.get_absolute_url(), {"format": "json"}).json()
    assert payload["body"] == article.body and payload["title_supplied"] is True
    caco = next(g for g in payload["glossary"] if g["acronym"] == "CACO")
    assert caco["name"] == "Central Asian Cooperation Organization"
    assert payload["citation"]["bib"].endswith(f"/articles/{article.slug}/cite.bib")
    assert payload["citation"]["chicago"].startswith("[Russia’s Growing Security Role")
    assert payload["web_annotations"].endswith("annotations.jsonld")
    annotation = payload["annotations"][0]
    assert annotation["number"] == 1 and annotation["permalink"].endswith(
        f"/annotations/{annotation['id']}/"
    )
    assert {"slug", "shared_count", "shared_actors", "shared_organizations"} <= set(
        payload["related"][0]
    )
    assert payload["date_text"] == "between 12 and 18 October 2004 (inferred)"


@pytest.mark.parametrize(
    "url, params, status",
    [
        (f"/articles/{VISION}/", {"format": "xml"}, 400),
        ("/articles/no-such-article/", {}, 404),
        ("/articles/no-such-article/", {"format": "json"}, 404),
        (f"/articles/{VISION}/cite.pdf", {}, 404),
        ("/articles/no-such-article/cite.bib", {}, 404),
        ("/articles/no-such-article/annotations.jsonld", {}, 404),
        ("/annotations/not-a-uuid/", {}, 404),
        ("/annotations/00000000-0000-0000-0000-000000000000/", {}, 404),
    ],
)
def test_bad_parameters_give_400_or_404_never_500(client, url, params, status):
    assert client.get(url, params).status_code == status


def count_queries(client, article, fmt) -> int:
    with CaptureQueriesContext(connection) as queries:
        page(client, article, format=fmt)
    return len(queries)


def test_reading_page_query_count_is_pinned_and_does_not_grow(client):
    article = Article.objects.get(slug=VISION)
    before = {fmt: count_queries(client, article, fmt) for fmt in ("html", "json")}
    assert before == {"html": 7, "json": 7}  # at most 8 (issue 18)
    # Twenty more annotations, each with a claim, a tag, a person and an organization,
    # and twenty more mentions.
    actor, organization = ActorFactory(), OrganizationFactory(acronym="TQX")
    for n in range(20):
        claim = ClaimFactory(
            annotation__article=article, annotation__start=n * 10, annotation__end=n * 10 + 25
        )
        claim.annotation.tags.add(f"extra-{n}")
        claim.annotation.actors.add(actor)
        claim.annotation.organizations.add(organization)
        Mention.objects.create(
            article=article, start=n * 10 + 2, end=n * 10 + 6, organization=organization
        )
    after = {fmt: count_queries(client, article, fmt) for fmt in ("html", "json")}
    assert after == before
    payload = client.get(article.get_absolute_url(), {"format": "json"}).json()
    assert (
        len(payload["annotations"])
        == Annotation.objects.published().filter(article=article).count()
    )
    assert len(payload["annotations"]) >= 20
