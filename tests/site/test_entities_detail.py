"""The page of a person or an organization: names, articles with mention counts,
statements by and about, and who it is named with, in HTML and JSON."""

from collections import defaultdict

import pytest
from django.urls import reverse

from corpus.models import CO_MENTION_LIMIT, Actor, Article, Claim, Mention, Organization, Status
from tests.factories import ActorFactory, ArticleFactory, ClaimFactory, OrganizationFactory

pytestmark = pytest.mark.django_db

BUZHINSKY = "yevgeny-buzhinsky"


def actor_url(slug):
    return reverse("actor_detail", args=[slug])


def organization_url(slug):
    return reverse("organization_detail", args=[slug])


def get_json(client, url, **params):
    response = client.get(url, {"format": "json", **params})
    assert response.status_code == 200, response.content[:300]
    return response.json()


def articles_naming():
    """entity key -> ids of the published articles that name it, computed in Python."""
    named = defaultdict(set)
    for mention in Mention.objects.filter(article__status=Status.PUBLISHED, anchor="anchored"):
        key = ("actor", mention.actor_id) if mention.actor_id else ("org", mention.organization_id)
        named[key].add(mention.article_id)
    return named


def mention_in(article, entity, start=0, end=3):
    field = entity._meta.model_name
    return Mention.objects.create(article=article, start=start, end=end, **{field: entity})


def test_actor_page_shows_every_spelling_and_the_description(client):
    response = client.get(actor_url("emomali-rahmon"))
    html = response.content.decode()
    assert "Also written" in html and "Imomali Rakhmonov" in html
    actor = Actor.objects.get(slug="emomali-rahmon")
    assert response.context["entity"] == actor
    assert actor.description[:40] in html
    assert f"<title>{actor.name} ·" in html
    assert '<meta name="description" content="Emomali Rahmon' in html


def test_articles_are_newest_first_with_how_often_each_names_the_entity(client):
    csto = Organization.objects.get(slug="csto")
    articles = list(client.get(organization_url("csto")).context["articles"])
    assert len(articles) == 5
    starts = [a.date_start for a in articles]
    assert starts == sorted(starts, reverse=True)
    for article in articles:
        expected = Mention.objects.filter(article=article.pk, organization=csto).count()
        assert article.mention_count == expected > 0
    payload = get_json(client, organization_url("csto"))
    assert [(a["slug"], a["mentions"]) for a in payload["articles"]] == [
        (a.slug, a.mention_count) for a in articles
    ]


def test_actor_page_lists_the_articles_they_wrote(client):
    response = client.get(actor_url("alexander-golts"))
    assert [a.slug for a in response.context["authored"]] == [
        "russia-needs-the-west-in-central-asia"
    ]
    assert "Articles by Alexander Golts" in response.content.decode()


def test_buzhinsky_statements_quote_him_and_link_each_quote_to_its_passage(client):
    response = client.get(actor_url(BUZHINSKY))
    html = response.content.decode()
    claims = list(response.context["claims"])
    expected = Claim.objects.published().filter(claimant_actor__slug=BUZHINSKY)
    assert {c.pk for c in claims} == set(expected.values_list("pk", flat=True))
    assert len(claims) == 3
    for claim in claims:
        passage = reverse("annotation_detail", args=[claim.annotation.uuid])
        assert f'href="{passage}"' in html
        assert claim.text[:50] in html
        assert claim.annotation.article.get_absolute_url() in html


def test_statements_about_an_entity_follow_the_documented_definition(client):
    """Others' statements whose passage names the entity, or that an editor linked to it."""
    csto = Organization.objects.get(slug="csto")
    expected = set()
    for claim in Claim.objects.published().select_related("annotation"):
        if claim.claimant_organization_id == csto.pk:
            continue
        annotation = claim.annotation
        named = Mention.objects.filter(
            article=annotation.article_id,
            organization=csto,
            start__gte=annotation.start,
            end__lte=annotation.end,
        ).exists()
        if named or annotation.organizations.filter(pk=csto.pk).exists():
            expected.add(claim.pk)
    about = {c.pk for c in client.get(organization_url("csto")).context["claims_about"]}
    assert about == expected and len(about) >= 10
    page = client.get(organization_url("csto")).content.decode()
    assert "whose reported passage names Collective Security Treaty Organization" in page


def test_an_editor_link_makes_a_statement_about_someone_the_passage_does_not_name(client):
    subject = ActorFactory(name="Named Nowhere", slug="named-nowhere")
    claim = ClaimFactory(text="A statement about someone unnamed")
    claim.annotation.actors.add(subject)
    payload = get_json(client, actor_url(subject.slug))
    assert [c["text"] for c in payload["claims_about"]] == [claim.text]
    # The claimant's own page does not list it as about them.
    claimant = get_json(client, actor_url(claim.claimant_actor.slug))
    assert claimant["claims_about"] == [] and len(claimant["claims"]) == 1


def test_co_mentions_and_their_counts_match_a_direct_computation(client):
    """The CO_MENTION_LIMIT sharing the most articles, most first, ties by name
    (the seeds' CSTO is named with 50 organizations: the list stops at the limit)."""
    named = articles_naming()
    names = {
        **{("actor", pk): name for pk, name in Actor.objects.values_list("pk", "name")},
        **{("org", pk): name for pk, name in Organization.objects.values_list("pk", "name")},
    }
    for model, slug in ((Actor, BUZHINSKY), (Organization, "csto"), (Actor, "nikolai-makarov")):
        entity = model.objects.get(slug=slug)
        own_key = ("actor" if model is Actor else "org", entity.pk)
        own = named[own_key]
        url = actor_url(slug) if model is Actor else organization_url(slug)
        context = client.get(url).context
        for key, listed in (("actor", context["co_actors"]), ("org", context["co_organizations"])):
            expected = sorted(
                (
                    (pk, len(own & ids))
                    for (kind, pk), ids in named.items()
                    if kind == key and own & ids and (kind, pk) != own_key
                ),
                key=lambda row: (-row[1], names[(key, row[0])]),
            )[:CO_MENTION_LIMIT]
            assert [(e.pk, e.shared_articles) for e in listed] == expected, (slug, key)
    csto = client.get(organization_url("csto")).context
    assert len(csto["co_organizations"]) == CO_MENTION_LIMIT


def test_co_mentions_link_to_their_pages_and_to_the_shared_articles(client):
    html = client.get(actor_url(BUZHINSKY)).content.decode()
    assert f'href="{actor_url("nikolai-makarov")}"' in html
    both = f"{reverse('article_list')}?actor={BUZHINSKY}&amp;organization=csto"
    assert both in html
    payload = get_json(client, actor_url(BUZHINSKY))
    csto = next(o for o in payload["co_mentioned"]["organizations"] if o["slug"] == "csto")
    assert csto["shared_articles"] == 2
    shared = client.get(reverse("article_list"), {"actor": BUZHINSKY, "organization": "csto"})
    assert len(shared.context["page"].object_list) == 2


def test_organization_page_shows_acronym_kind_parent_and_members(client):
    response = client.get(organization_url("csto"))
    html = response.content.decode()
    assert "Intergovernmental organization" in html
    assert ">CSTO</abbr>" in html
    assert "Part of" in html and organization_url("cis") in html
    assert len(response.context["members"]) == 7
    for member in response.context["members"]:
        assert member.get_absolute_url() in html
    payload = get_json(client, organization_url("csto"))
    assert payload["type"] == "organization" and payload["children"] == []


def test_draft_articles_and_claims_stay_off_entity_pages(client):
    buzhinsky = Actor.objects.get(slug=BUZHINSKY)
    hidden = ActorFactory(name="Draft Only Person", slug="draft-only-person")
    draft = ArticleFactory(status=Status.DRAFT, title="A draft naming Buzhinsky")
    mention_in(draft, buzhinsky)
    mention_in(draft, hidden, 4, 10)
    mt = Article.objects.get(source_file__startswith="003")
    draft_claim = ClaimFactory(
        claimant_actor=buzhinsky,
        annotation__article=mt,
        annotation__start=0,
        annotation__end=8,
        status=Status.DRAFT,
        text="A draft claim by Buzhinsky",
    )
    in_draft_article = ClaimFactory(
        claimant_actor=buzhinsky, annotation__article=draft, text="Claim in a draft article"
    )
    response = client.get(actor_url(BUZHINSKY))
    html = response.content.decode()
    assert response.context["entity"].article_count == 2
    assert draft.title not in html
    assert draft_claim.text not in html and in_draft_article.text not in html
    assert hidden not in response.context["co_actors"]
    assert get_json(client, actor_url(hidden.slug))["articles"] == []


@pytest.mark.parametrize(
    "url, params, status",
    [
        (actor_url("no-such-person"), {}, 404),
        (organization_url("no-such-body"), {}, 404),
        (actor_url(BUZHINSKY), {"format": "xml"}, 400),
    ],
)
def test_bad_requests_give_400_or_404(client, url, params, status):
    assert client.get(url, params).status_code == status


def test_json_twin_carries_the_page_context(client):
    response = client.get(actor_url(BUZHINSKY))
    payload = get_json(client, actor_url(BUZHINSKY))
    context = response.context
    assert payload["type"] == "actor" and payload["slug"] == BUZHINSKY
    assert [a["slug"] for a in payload["articles"]] == [a.slug for a in context["articles"]]
    assert [c["id"] for c in payload["claims"]] == [c.pk for c in context["claims"]]
    assert [c["id"] for c in payload["claims_about"]] == [c.pk for c in context["claims_about"]]
    assert [a["slug"] for a in payload["co_mentioned"]["actors"]] == [
        a.slug for a in context["co_actors"]
    ]
    assert payload["claims"][0]["annotation"] == str(context["claims"][0].annotation.uuid)


def add_thirty_articles_naming(entity):
    """Thirty published articles naming `entity` and others, each with statements by and about it."""
    field = entity._meta.model_name
    for n in range(30):
        article = ArticleFactory()
        mention_in(article, entity)
        mention_in(article, ActorFactory(), 4, 14)
        mention_in(article, OrganizationFactory(), 15, 25)
        claimant = (
            {"claimant_actor": entity}
            if field == "actor"
            else {
                "claimant_actor": None,
                "claimant_organization": entity,
            }
        )
        ClaimFactory(annotation__article=article, **claimant)
        about = ClaimFactory(annotation__article=article, annotation__start=0, annotation__end=40)
        if n % 2:
            getattr(about.annotation, f"{field}s").add(entity)
        if field == "actor":
            article.authors.add(entity)


# The actor page: entity with its counts, articles, authored (each with its authors
# in the same query), statements by, statements about (with their count), co-mentioned
# people and organizations (each counted, then fetched).
ACTOR_QUERIES = 9
# The organization page: entity with its counts and parent, members, member of,
# subdivisions, articles (with their authors), statements by and about, co-mentioned
# people and organizations (each counted, then fetched).
ORGANIZATION_QUERIES = 11


@pytest.mark.parametrize(
    "model, slug, limit",
    [(Actor, BUZHINSKY, ACTOR_QUERIES), (Organization, "csto", ORGANIZATION_QUERIES)],
)
def test_query_count_is_pinned_and_does_not_grow_with_the_data(
    client, django_assert_max_num_queries, model, slug, limit
):
    entity = model.objects.get(slug=slug)
    url = entity.get_absolute_url()
    add_thirty_articles_naming(entity)
    for fmt in ("html", "json"):
        with django_assert_max_num_queries(limit):
            response = client.get(url, {"format": fmt})
        assert response.status_code == 200
    context = client.get(url).context
    assert len(context["articles"]) >= 30 and len(context["claims"]) >= 30
    assert len(context["claims_about"]) >= 30 and len(context["co_actors"]) >= 30


def test_entity_pages_give_dates_in_words_as_certain_as_the_evidence(client):
    html = client.get("/actors/yevgeny-buzhinsky/").content.decode()
    assert "between 27 September and 2 October 2011 (inferred)" in html
    assert "2011 (uncertain)" in html
    assert "2011-09-27/2011-10-02" not in html


def test_an_organization_page_names_its_stand_ins_apart_from_its_spellings(client):
    html = client.get(organization_url("russia")).content.decode()
    assert 'Named in the texts by a stand-in: <span class="alias">Moscow</span>' in html
    assert "Also written" not in html  # Russia has no other spelling
    payload = get_json(client, organization_url("russian-leadership"))
    assert (payload["name"], payload["stand_ins"]) == ("Russian leadership", ["Kremlin"])
    assert [c["claimant"]["slug"] for c in payload["claims"]] == ["russian-leadership"]


# -- publishers ---------------------------------------------------------------------

EDM = "eurasia-daily-monitor"


def publication_facet_count(client, slug) -> int:
    """What the article list's publication facet says about `slug`, unfiltered."""
    facets = get_json(client, reverse("article_list"))["facets"]["publication"]
    return next(value["count"] for value in facets if value["value"] == slug)


@pytest.mark.parametrize("slug", [EDM, "eurasianet", "the-moscow-times"])
def test_a_publishers_page_lists_its_articles_with_the_publication_facets_count(client, slug):
    response = client.get(organization_url(slug))
    published = list(response.context["published"])
    expected = Article.objects.published().filter(publication__slug=slug)
    assert {a.pk for a in published} == set(expected.values_list("pk", flat=True))
    total = publication_facet_count(client, slug)
    assert response.context["entity"].published_count == total == len(published) > 0
    filtered = get_json(client, reverse("article_list"), publication=slug)
    assert filtered["count"] == total
    html = response.content.decode()
    assert f"Articles published by {response.context['entity'].name}" in html
    assert f'href="{reverse("article_list")}?publication={slug}"' in html
    for article in published:
        assert article.get_absolute_url() in html
    payload = get_json(client, organization_url(slug))
    assert payload["published_count"] == total
    assert [a["slug"] for a in payload["published"]] == [a.slug for a in published]


def test_the_eurasia_daily_monitor_page_lists_its_two_issues_newest_first(client):
    published = list(client.get(organization_url(EDM)).context["published"])
    assert [a.source_file[:3] for a in published] == ["002", "004"]


def test_an_organization_that_publishes_nothing_shows_no_publisher_section(client):
    response = client.get(organization_url("csto"))
    assert response.context["entity"].published_count == 0
    assert "Articles published by" not in response.content.decode()
    assert get_json(client, organization_url("csto"))["published"] == []


def test_a_publishers_draft_articles_stay_off_its_page(client):
    edm = Organization.objects.get(slug=EDM)
    draft = ArticleFactory(status=Status.DRAFT, publication=edm, title="A draft EDM issue")
    response = client.get(organization_url(EDM))
    assert response.context["entity"].published_count == 2
    assert draft.title not in response.content.decode()


# The publisher's page: the organization page's queries, and its newest articles
# with their bylines (one more).
PUBLISHER_QUERIES = ORGANIZATION_QUERIES + 1


def test_a_publishers_query_count_is_pinned_and_does_not_grow(
    client, django_assert_max_num_queries
):
    edm = Organization.objects.get(slug=EDM)
    for _ in range(30):
        article = ArticleFactory(publication=edm)
        article.authors.add(ActorFactory())
    for fmt in ("html", "json"):
        with django_assert_max_num_queries(PUBLISHER_QUERIES):
            response = client.get(edm.get_absolute_url(), {"format": fmt})
        assert response.status_code == 200
    context = client.get(edm.get_absolute_url()).context
    assert context["entity"].published_count == 32 and len(context["published"]) == 32
