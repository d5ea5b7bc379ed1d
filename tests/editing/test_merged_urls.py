"""A merged duplicate's address stays alive: it redirects permanently to the
record it was merged into, so citations and links keep working."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from corpus.editing.merging import merge_entities
from corpus.models import Actor, Organization
from tests.editing.test_curation_actions import merge
from tests.factories import ActorFactory, OrganizationFactory
from tests.site.test_entities_detail import ACTOR_QUERIES, BUZHINSKY, add_thirty_articles_naming

pytestmark = pytest.mark.django_db

KINDS = [(Actor, ActorFactory), (Organization, OrganizationFactory)]


def detail_url(model, slug):
    return reverse(f"{model._meta.model_name}_detail", args=[slug])


@pytest.mark.parametrize("model, factory", KINDS)
def test_a_merged_records_url_redirects_permanently_to_the_survivor(client, editor, model, factory):
    survivor = factory(slug="the-survivor")
    duplicate = factory(slug="the-duplicate")
    client.force_login(editor)
    assert merge(client, model, survivor, duplicate).status_code == 302
    client.logout()

    response = client.get(detail_url(model, "the-duplicate"))
    assert response.status_code == 301
    assert response["Location"] == survivor.get_absolute_url()
    assert client.get(response["Location"]).context["entity"] == survivor


@pytest.mark.parametrize("model, factory", KINDS)
def test_the_json_twin_redirects_and_keeps_its_query_string(client, model, factory):
    survivor = factory(slug="the-survivor")
    merge_entities(survivor, [factory(slug="the-duplicate")])

    response = client.get(detail_url(model, "the-duplicate"), {"format": "json"})
    assert response.status_code == 301
    assert response["Location"] == f"{survivor.get_absolute_url()}?format=json"
    assert client.get(response["Location"]).json()["slug"] == "the-survivor"


def test_a_chain_of_merges_leads_every_old_url_to_the_last_survivor(client):
    first, second, last = ActorFactory(slug="a"), ActorFactory(slug="b"), ActorFactory(slug="c")
    merge_entities(second, [first])
    merge_entities(last, [second])

    last.refresh_from_db()
    assert last.former_slugs == ["b", "a"]
    for slug in ("a", "b"):
        response = client.get(detail_url(Actor, slug))
        assert (response.status_code, response["Location"]) == (301, last.get_absolute_url())


def test_merging_adds_each_former_slug_once_and_never_the_survivors_own():
    survivor = ActorFactory(slug="kept", former_slugs=["older"])
    one = ActorFactory(slug="one", former_slugs=["older", "kept", "earlier"])
    two = ActorFactory(slug="two", former_slugs=["earlier"])
    merge_entities(survivor, [one, two])

    survivor.refresh_from_db()
    assert survivor.former_slugs == ["older", "one", "earlier", "two"]
    assert survivor.history.first().former_slugs == survivor.former_slugs


@pytest.mark.parametrize("model", [Actor, Organization])
@pytest.mark.parametrize("params", [{}, {"format": "json"}])
def test_a_slug_nobody_has_or_had_is_still_404(client, model, params):
    ActorFactory(slug="someone", former_slugs=["someone-else"])
    assert client.get(detail_url(model, "nobody-at-all"), params).status_code == 404


def test_a_former_slug_redirects_only_within_its_own_kind(client):
    OrganizationFactory(slug="an-organization", former_slugs=["merged-body"])
    assert client.get(detail_url(Actor, "merged-body")).status_code == 404


def test_the_admin_refuses_a_new_actor_whose_slug_is_a_former_slug(client, editor):
    holder = ActorFactory(name="Sergei Holder", slug="holder", former_slugs=["taken"])
    client.force_login(editor)
    response = client.post(
        reverse("admin:corpus_actor_add"),
        {"name": "Somebody New", "slug": "taken", "aliases": "", "former_slugs": ""},
    )
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert errors["slug"] == [f"“taken” is a former slug of {holder}: its URL redirects there."]
    assert not Actor.objects.filter(name="Somebody New").exists()


def test_an_organization_may_use_a_slug_an_actor_had():
    ActorFactory(slug="holder", former_slugs=["shared-name"])
    OrganizationFactory.build(slug="shared-name").clean()


@pytest.mark.parametrize(
    "former_slugs, message",
    [
        (["mine"], "A former slug cannot be the current slug."),
        (["current"], "“current” is the current slug of Current Holder."),
        (["older"], "Former Holder already has one of these former slugs."),
    ],
)
def test_former_slugs_never_make_a_url_ambiguous(former_slugs, message):
    ActorFactory(name="Current Holder", slug="current")
    ActorFactory(name="Former Holder", slug="former", former_slugs=["older"])
    with pytest.raises(ValidationError) as refused:
        ActorFactory.build(slug="mine", former_slugs=former_slugs).clean()
    assert refused.value.message_dict == {"former_slugs": [message]}


def queries_to_show(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_former_slugs_cost_no_query_on_a_normal_hit_and_one_on_a_redirect(
    client, django_assert_num_queries
):
    survivor = Actor.objects.get(slug=BUZHINSKY)
    add_thirty_articles_naming(survivor)
    before = queries_to_show(client, survivor.get_absolute_url())
    merge_entities(survivor, [ActorFactory(slug=f"duplicate-{n}") for n in range(2)])
    assert queries_to_show(client, survivor.get_absolute_url()) == before <= ACTOR_QUERIES
    # The miss on the current slug, then the former slugs.
    with django_assert_num_queries(2):
        assert client.get(detail_url(Actor, "duplicate-1")).status_code == 301
