"""Statements about a person or an organization (ClaimQuerySet.about) read who each
public passage names off ClaimFacets; the rows follow every edit that changes it:
mentions placed, moved, orphaned or deleted, an editor's links, and the status of
the claim, its passage and its article. Each state is compared with the definition
worked out from the records themselves."""

from collections import Counter, defaultdict

import pytest
from django.db import connection

from corpus.models import (
    Actor,
    Annotation,
    Article,
    Claim,
    ClaimFacets,
    ClaimFacetTotal,
    Mention,
    Organization,
    Status,
)
from tests.factories import ActorFactory, ArticleFactory, ClaimFactory, OrganizationFactory

pytestmark = pytest.mark.django_db

# ArticleFactory's body: the passage 4-43 is "Collective Security Treaty Organization";
# "Dushanbe" (51-59) and "Observers" (61-70) lie outside it.
INSIDE, OUTSIDE = (4, 43), (61, 70)


def named_by_definition() -> dict:
    """Every public claim's (actors, organizations) its passage names: a placed
    mention inside the passage, or an editor's link on its annotation."""
    mentions = defaultdict(list)
    for m in Mention.objects.placed():
        mentions[m.article_id].append(m)
    links = {"actor": defaultdict(set), "organization": defaultdict(set)}
    for annotation_id, actor_id in Annotation.actors.through.objects.values_list(
        "annotation_id", "actor_id"
    ):
        links["actor"][annotation_id].add(actor_id)
    for annotation_id, organization_id in Annotation.organizations.through.objects.values_list(
        "annotation_id", "organization_id"
    ):
        links["organization"][annotation_id].add(organization_id)
    named = {}
    for claim in Claim.objects.published().select_related("annotation"):
        passage = claim.annotation
        inside = [
            m
            for m in mentions[passage.article_id]
            if m.start >= passage.start and m.end <= passage.end
        ]
        named[claim.pk] = tuple(
            sorted({getattr(m, f"{field}_id") for m in inside} - {None} | links[field][passage.pk])
            for field in ("actor", "organization")
        )
    return named


def stored_named() -> dict:
    return {
        row.claim_id: (sorted(row.named_actor_ids), sorted(row.named_organization_ids))
        for row in ClaimFacets.objects.all()
    }


def about_by_definition(entity) -> list:
    """Others' public statements whose passage names `entity`, newest first."""
    field = entity._meta.model_name
    named = named_by_definition()
    index = 0 if field == "actor" else 1
    claims = Claim.objects.published().filter(
        pk__in=[pk for pk, n in named.items() if entity.pk in n[index]]
    )
    return list(
        claims.exclude(**{f"claimant_{field}": entity})
        .order_by("-annotation__article__date_start", "annotation__start", "pk")
        .values_list("pk", flat=True)
    )


def about(entity) -> list:
    return list(
        Claim.objects.about(entity)
        .order_by("-facets__date_start", "facets__start", "pk")
        .values_list("pk", flat=True)
    )


def named_totals() -> dict:
    """The running totals of the claim list's About facet: claims naming each entity."""
    kept = ClaimFacetTotal.objects.filter(
        facet__in=["named_actor", "named_organization"], count__gt=0
    )
    return {(t.facet, t.value): t.count for t in kept}


def totals_by_definition() -> dict:
    totals = Counter()
    for actors, organizations in named_by_definition().values():
        totals.update(("named_actor", str(pk)) for pk in actors)
        totals.update(("named_organization", str(pk)) for pk in organizations)
    return dict(totals)


def assert_in_step(*entities):
    assert stored_named() == named_by_definition()
    assert named_totals() == totals_by_definition()
    for entity in entities:
        assert about(entity) == about_by_definition(entity)


@pytest.fixture
def subject():
    return OrganizationFactory(name="Subject Organization", slug="subject-organization")


@pytest.fixture
def claim():
    return ClaimFactory(text="Observers were sceptical of the alliance.")


def place(claim, entity, span=INSIDE):
    field = entity._meta.model_name
    start, end = span
    return Mention.objects.create(
        article_id=claim.annotation.article_id, start=start, end=end, **{field: entity}
    )


def test_the_seeds_statements_about_follow_the_definition():
    csto, lukashenko = (
        Organization.objects.get(slug="csto"),
        Actor.objects.get(slug="alexander-lukashenko"),
    )
    assert about(csto), "the seeds have statements about the CSTO"
    assert_in_step(csto, lukashenko)


def test_a_placed_mention_inside_the_passage_makes_it_about_the_entity(claim, subject):
    assert about(subject) == []
    mention = place(claim, subject)
    assert about(subject) == [claim.pk]
    assert_in_step(subject)
    mention.delete()
    assert about(subject) == []
    assert_in_step(subject)


def test_a_mention_outside_the_passage_does_not_count_and_moving_it_in_does(claim, subject):
    mention = place(claim, subject, OUTSIDE)
    assert about(subject) == []
    Mention.objects.filter(pk=mention.pk).update(start=INSIDE[0], end=INSIDE[1])
    assert about(subject) == [claim.pk]
    Mention.objects.filter(pk=mention.pk).update(start=OUTSIDE[0], end=OUTSIDE[1])
    assert about(subject) == []
    assert_in_step(subject)


def test_an_orphaned_mention_no_longer_names_the_entity_until_placed_again(claim, subject):
    mention = place(claim, subject)
    Mention.objects.filter(pk=mention.pk).update(anchor=Mention.Anchor.ORPHANED)
    assert about(subject) == []
    assert_in_step(subject)
    Mention.objects.filter(pk=mention.pk).update(anchor=Mention.Anchor.ANCHORED)
    assert about(subject) == [claim.pk]
    assert_in_step(subject)


def test_a_mention_moved_to_another_article_or_entity_moves_the_statement(claim, subject):
    other_claim = ClaimFactory(text="A second statement.")
    mention = place(claim, subject)
    Mention.objects.filter(pk=mention.pk).update(article=other_claim.annotation.article)
    assert about(subject) == [other_claim.pk]
    someone = ActorFactory()
    Mention.objects.filter(pk=mention.pk).update(organization=None, actor=someone)
    assert about(subject) == [] and about(someone) == [other_claim.pk]
    assert_in_step(subject, someone)


def test_a_wider_passage_takes_in_the_mentions_it_now_covers(claim, subject):
    place(claim, subject, OUTSIDE)
    body = claim.annotation.article.body
    Annotation.objects.filter(pk=claim.annotation_id).update(
        end=OUTSIDE[1], exact=body[INSIDE[0] : OUTSIDE[1]]
    )
    assert about(subject) == [claim.pk]
    assert_in_step(subject)


def test_an_editors_links_follow_adds_removals_and_clears(claim, subject):
    person = ActorFactory()
    claim.annotation.organizations.add(subject)
    claim.annotation.actors.add(person)
    assert about(subject) == [claim.pk] and about(person) == [claim.pk]
    assert_in_step(subject, person)
    claim.annotation.organizations.remove(subject)
    claim.annotation.actors.clear()
    assert about(subject) == [] and about(person) == []
    assert_in_step(subject, person)


def test_the_entitys_own_statements_are_not_about_it(subject):
    own = ClaimFactory(claimant_actor=None, claimant_organization=subject)
    place(own, subject)
    assert about(subject) == []
    assert_in_step(subject)


def test_only_public_statements_are_about_anyone(claim, subject):
    place(claim, subject)
    Claim.objects.filter(pk=claim.pk).update(status=Status.DRAFT)
    assert about(subject) == []
    Claim.objects.filter(pk=claim.pk).update(status=Status.PUBLISHED)
    Annotation.objects.filter(pk=claim.annotation_id).update(anchor=Annotation.Anchor.ORPHANED)
    assert about(subject) == []
    Annotation.objects.filter(pk=claim.annotation_id).update(anchor=Annotation.Anchor.ANCHORED)
    Article.objects.filter(pk=claim.annotation.article_id).update(status=Status.DRAFT)
    assert about(subject) == []
    assert_in_step(subject)
    Article.objects.filter(pk=claim.annotation.article_id).update(status=Status.PUBLISHED)
    assert about(subject) == [claim.pk]
    assert_in_step(subject)


def test_deferred_mentions_wait_for_the_rebuild(claim, subject):
    with connection.cursor() as cursor:
        cursor.execute("SELECT corpus_defer_facets()")
        place(claim, subject)
        assert about(subject) == [], "the refresh waited"
        cursor.execute("SET LOCAL corpus.defer_facets = 'off'")
        cursor.execute("SELECT corpus_rebuild_claim_facets()")
    assert about(subject) == [claim.pk]
    assert_in_step(subject)


def test_statements_about_an_entity_on_another_article_are_not_confused(subject):
    """Mentions name passages of their own article only, whatever the offsets."""
    here, there = ClaimFactory(), ClaimFactory(annotation__article=ArticleFactory())
    place(here, subject)
    assert about(subject) == [here.pk]
    assert there.pk not in about(subject)
    assert_in_step(subject)


def test_the_about_facet_counts_from_its_totals_what_each_click_gives(client, claim, subject):
    from corpus.facets.claim_search import ClaimSearch

    place(claim, subject)
    counts = {c.name: c for c in ClaimSearch({}).counts()[1]}["about"].values
    assert counts, "the seeds' and the new statement's passages name someone"
    for value in counts:
        clicked = ClaimSearch({"about": [value.value]}).rows().count()
        assert value.count == clicked, value.value
