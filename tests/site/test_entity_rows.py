"""The person, organization and tag pages print their lists as rows (archive/formats/rows.py):
listed_articles and listed_claims read a page's queryset with values(), and every row's
links come from its route reversed once (RouteLinks), never a reverse() per row."""

import uuid
from unittest import mock

import pytest
from django.db.models import Count, F, Window
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import NoReverseMatch, get_script_prefix, reverse, set_script_prefix
from django.urls.converters import UUIDConverter
from django.urls.resolvers import URLResolver

from archive.formats import payloads
from archive.formats.rows import RouteLinks, co_mention_rows, listed_articles, listed_claims
from archive.views.entities import NEWEST_FIRST
from corpus.models import Actor, Article, Authorship, Claim, Organization
from tests import factories
from tests.site.test_entities_detail import BUZHINSKY, add_thirty_articles_naming, mention_in

pytestmark = pytest.mark.django_db

SLUG_ROUTES = ["article_detail", "actor_detail", "organization_detail", "tag_detail"]
# Slugs <slug:> accepts, and others it refuses: spaces, slashes, escapes, accents, markup.
SLUGS = [
    "csto",
    "a_b-C9",
    "-",
    "0",
    "__init__",
    "a b",
    "a/b",
    "a%2Fb",
    "é",
    "безопасность",
    "<script>",
    "a.b",
    "a?b=c",
    "a\n",
    "",
]


def reversed_or_refused(link, *args):
    try:
        return link(*args)
    except NoReverseMatch:
        return NoReverseMatch


@pytest.mark.parametrize("route", SLUG_ROUTES)
@pytest.mark.parametrize("slug", SLUGS)
def test_route_links_write_what_reverse_writes_for_any_slug(route, slug):
    """The same URL for every slug the route accepts; the same refusal for any other."""
    expected = reversed_or_refused(lambda s: reverse(route, args=[s]), slug)
    assert reversed_or_refused(RouteLinks(route), slug) == expected


def test_route_links_write_what_reverse_writes_for_a_passages_uuid():
    permalink = RouteLinks("annotation_detail", UUIDConverter)
    for value in (uuid.uuid4(), uuid.UUID(int=0), str(uuid.uuid4())):
        assert permalink(value) == reverse("annotation_detail", args=[value])
    for refused in ("not-a-uuid", str(uuid.uuid4()).upper()):
        assert reversed_or_refused(permalink, refused) is NoReverseMatch
        assert reversed_or_refused(lambda v: reverse("annotation_detail", args=[v]), refused) is (
            NoReverseMatch
        )


def test_route_links_keep_the_script_prefix_the_site_is_served_under():
    before = get_script_prefix()
    set_script_prefix("/the archive/")
    try:
        links = RouteLinks("actor_detail")
        assert links("a_b-C9") == reverse("actor_detail", args=["a_b-C9"])
        assert links("a_b-C9") == "/the%20archive/actors/a_b-C9/"
    finally:
        set_script_prefix(before)


def instances_naming(entity):
    """What an entity page listed before its rows: model instances, as for_listing() reads."""
    return list(
        Article.objects.published()
        .for_listing()
        .mentioning_entity(entity)
        .order_by(*NEWEST_FIRST)[:50]
    )


@pytest.fixture
def odd_slugs():
    """A person with an unusual (routable) slug, named in an article with an author and a
    publication whose slugs are unusual too."""
    person = factories.ActorFactory(slug="o_D-9__x", name="Odd <Person> & co")
    article = factories.ArticleFactory(
        slug="A_b--C", publication=factories.OrganizationFactory(slug="P_q-1"), date_edtf="2011-09?"
    )
    article.authors.add(factories.ActorFactory(slug="X_y"))
    mention_in(article, person)
    return person


@pytest.mark.parametrize("slug", [BUZHINSKY, "o_D-9__x"])
def test_listed_articles_print_as_the_instances_they_replace(
    odd_slugs, django_assert_max_num_queries, slug
):
    """The articles naming a person, with how often each names them: the same HTML and
    JSON, in one query (the articles, each with its byline)."""
    person = Actor.objects.get(slug=slug)
    request = RequestFactory().get(person.get_absolute_url())
    with django_assert_max_num_queries(1):
        rows = listed_articles(
            Article.objects.published().mentioning_entity(person).order_by(*NEWEST_FIRST)[:50],
            "mention_count",
        )
    instances = instances_naming(person)
    assert [(r.pk, r.mention_count) for r in rows] == [(i.pk, i.mention_count) for i in instances]
    context = {"show_mentions": True}
    assert render_to_string("includes/entity_articles.html", {**context, "articles": rows}) == (
        render_to_string("includes/entity_articles.html", {**context, "articles": instances})
    )
    assert [payloads.article_summary(r, request) for r in rows] == [
        payloads.article_summary(i, request) for i in instances
    ]


def test_listed_articles_keep_the_querysets_order_and_slice():
    ordered = Article.objects.published().order_by("-title")
    rows = listed_articles(ordered[2:7])
    assert [r.pk for r in rows] == list(ordered.values_list("pk", flat=True)[2:7])
    assert listed_articles(Article.objects.none()) == []


def test_an_odd_slugs_links_are_reverses_own(client, odd_slugs):
    response = client.get(odd_slugs.get_absolute_url())
    [row] = response.context["articles"]
    assert row.get_absolute_url() == reverse("article_detail", args=["A_b--C"])
    assert f'href="{reverse("article_detail", args=["A_b--C"])}"' in response.content.decode()
    assert row.publication.get_absolute_url() == reverse("organization_detail", args=["P_q-1"])
    assert [a.get_absolute_url() for a in row.authors.all()] == [
        reverse("actor_detail", args=["X_y"])
    ]


@pytest.mark.parametrize("model, slug", [(Actor, BUZHINSKY), (Organization, "csto")])
def test_listed_claims_print_as_the_instances_they_replace(
    django_assert_max_num_queries, model, slug
):
    """Statements about an entity with their window total: the same HTML and JSON as
    for_listing()'s instances, in one query."""
    entity = model.objects.get(slug=slug)
    add_thirty_articles_naming(entity)
    about = (
        Claim.objects.filter(facets__isnull=False)
        .about(entity)
        .annotate(total=Window(Count("pk")))
        .order_by(F("facets__date_start").desc(nulls_last=True), "facets__start", "pk")
    )
    with django_assert_max_num_queries(1):
        rows = listed_claims(about[:50], "total")
    instances = list(about.for_listing()[:50])
    assert rows and [(r.pk, r.total) for r in rows] == [(i.pk, i.total) for i in instances]
    context = {"show_claimant": True}
    assert render_to_string("includes/entity_claims.html", {**context, "claims": rows}) == (
        render_to_string("includes/entity_claims.html", {**context, "claims": instances})
    )
    request = RequestFactory().get("/")
    assert [payloads.claim_payload(r, request) for r in rows] == [
        payloads.claim_payload(i, request) for i in instances
    ]


@pytest.mark.parametrize("model", [Actor, Organization])
def test_co_mentions_print_as_the_instances_they_replace(model):
    csto = Organization.objects.get(slug="csto")
    instances = model.objects.co_mentioned_with(csto)
    rows = co_mention_rows(instances)
    context = {
        "entity": csto,
        "entity_type": "organization",
        "heading": "People",
        "param": model._meta.model_name,
        "article_list": reverse("article_list"),
    }
    assert rows and render_to_string(
        "includes/entity_comentions.html", {**context, "entities": rows}
    ) == render_to_string("includes/entity_comentions.html", {**context, "entities": instances})
    request = RequestFactory().get("/")
    assert [payloads.co_mention(r, request) for r in rows] == [
        payloads.co_mention(i, request) for i in instances
    ]


def reverses(client, url) -> int:
    """How many times rendering `url` reversed a route."""
    with mock.patch.object(
        URLResolver,
        "_reverse_with_prefix",
        autospec=True,
        side_effect=URLResolver._reverse_with_prefix,
    ) as calls:
        assert client.get(url).status_code == 200
    return calls.call_count


@pytest.mark.parametrize("model, slug", [(Actor, BUZHINSKY), (Organization, "csto")])
def test_an_entity_page_reverses_its_routes_as_often_however_long_its_lists(client, model, slug):
    entity = model.objects.get(slug=slug)
    add_thirty_articles_naming(entity)
    before = reverses(client, entity.get_absolute_url())
    add_thirty_articles_naming(entity)
    context = client.get(entity.get_absolute_url()).context
    assert len(context["articles"]) == len(context["claims_about"]) == 50
    assert reverses(client, entity.get_absolute_url()) == before


def tag_thirty_articles_passages_and_statements(slug):
    for _ in range(30):
        article = factories.ArticleFactory()
        article.tags.add(slug)
        passage = factories.AnnotationFactory(article=article, start=0, end=10)
        passage.tags.add(slug)
        factories.ClaimFactory(annotation=passage).tags.add(slug)


def test_the_tag_page_reverses_its_routes_as_often_however_long_its_lists(client):
    tag_thirty_articles_passages_and_statements("csto")
    before = reverses(client, reverse("tag_detail", args=["csto"]))
    tag_thirty_articles_passages_and_statements("csto")
    context = client.get(reverse("tag_detail", args=["csto"])).context
    assert len(context["articles"]) >= 60 and len(context["annotations"]) >= 60
    assert len(context["claims"]) >= 60
    assert reverses(client, reverse("tag_detail", args=["csto"])) == before


def test_listed_bylines_keep_their_positions_in_the_articles_one_query(
    django_assert_num_queries,
):
    first, second, third = (factories.ActorFactory() for _ in range(3))
    article = factories.ArticleFactory()
    for position, author in ((2, first), (0, third), (1, second)):
        Authorship.objects.create(article=article, actor=author, position=position)
    unsigned = factories.ArticleFactory()
    with django_assert_num_queries(1):
        rows = listed_articles(Article.objects.filter(pk__in=[article.pk, unsigned.pk]))
    bylines = {row.pk: [str(a) for a in row.authors.all()] for row in rows}
    assert bylines == {article.pk: [third.name, second.name, first.name], unsigned.pk: []}
    signed = next(row for row in rows if row.pk == article.pk)
    assert signed.authors.all()[0].get_absolute_url() == third.get_absolute_url()
