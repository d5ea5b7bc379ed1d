"""ClaimFacets: one row per public claim and running totals, kept by database
triggers however the claim, its tags, its passage or its article change."""

import io
from collections import Counter
from datetime import date

import pytest
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

from corpus.facets import claim_search
from corpus.facets.claim_search import ClaimSearch
from corpus.models import (
    Annotation,
    Article,
    Claim,
    ClaimFacets,
    ClaimFacetTotal,
    Organization,
    Status,
    websearch,
)
from tests.factories import ActorFactory, ClaimFactory

pytestmark = pytest.mark.django_db


def expected_rows() -> dict:
    """What the rows should say, from the claims through the ORM."""
    claims = Claim.objects.published().select_related("annotation__article")
    tags = Counter()
    rows = {}
    for claim in claims.prefetch_related("tags"):
        tag_ids = sorted(tag.pk for tag in claim.tags.all())
        tags.update(tag_ids)
        rows[claim.pk] = (
            claim.claimant_actor_id,
            claim.claimant_organization_id,
            claim.kind,
            claim.annotation.article_id,
            tag_ids,
            claim.annotation.article.date_start,
            claim.annotation.start,
        )
    return rows


def stored_rows() -> dict:
    return {
        row.claim_id: (
            row.claimant_actor_id,
            row.claimant_organization_id,
            row.kind,
            row.article_id,
            sorted(row.tag_ids),
            row.date_start,
            row.start,
        )
        for row in ClaimFacets.objects.all()
    }


def expected_totals(rows: dict) -> dict:
    totals = Counter()
    for actor, organization, kind, article, tag_ids, _, _ in rows.values():
        if actor:
            totals["actor", str(actor)] += 1
        if organization:
            totals["organization", str(organization)] += 1
        totals["kind", kind] += 1
        totals["article", str(article)] += 1
        totals.update(("tag", str(tag)) for tag in tag_ids)
    # Whom each passage names: the rows' own ids (tests/facets/test_claims_about.py
    # holds them to their definition); each is one claim about that person or body.
    for actors, organizations in ClaimFacets.objects.values_list(
        "named_actor_ids", "named_organization_ids"
    ):
        totals.update(("named_actor", str(pk)) for pk in actors)
        totals.update(("named_organization", str(pk)) for pk in organizations)
    return dict(totals)


def stored_totals() -> dict:
    return {(t.facet, t.value): t.count for t in ClaimFacetTotal.objects.filter(count__gt=0)}


def assert_in_step():
    rows = expected_rows()
    assert stored_rows() == rows
    assert stored_totals() == expected_totals(rows)


def test_the_seeds_public_claims_have_rows_and_totals():
    assert ClaimFacets.objects.count() == Claim.objects.published().count() > 0
    assert_in_step()


def test_a_claim_leaves_and_rejoins_as_its_status_changes():
    claim = Claim.objects.published().first()
    Claim.objects.filter(pk=claim.pk).update(status=Status.REVIEW)
    assert not ClaimFacets.objects.filter(claim=claim).exists()
    assert_in_step()
    Claim.objects.filter(pk=claim.pk).update(status=Status.PUBLISHED)
    assert ClaimFacets.objects.filter(claim=claim).exists()
    assert_in_step()


def test_a_new_claim_counts_and_a_deleted_one_no_longer():
    claim = ClaimFactory(text="A brand new statement")
    assert ClaimFacets.objects.filter(claim=claim).exists()
    assert_in_step()
    claim.delete()
    assert_in_step()


def test_a_draft_or_orphaned_passage_hides_its_claims():
    annotation = Annotation.objects.filter(claims__in=Claim.objects.published()).first()
    annotation.status = Status.DRAFT
    annotation.save()
    assert not ClaimFacets.objects.filter(claim__annotation=annotation).exists()
    assert_in_step()
    Annotation.objects.filter(pk=annotation.pk).update(
        status=Status.PUBLISHED, anchor=Annotation.Anchor.ORPHANED
    )
    assert not ClaimFacets.objects.filter(claim__annotation=annotation).exists()
    Annotation.objects.filter(pk=annotation.pk).update(anchor=Annotation.Anchor.ANCHORED)
    assert ClaimFacets.objects.filter(claim__annotation=annotation).exists()
    assert_in_step()


def test_an_unpublished_article_hides_its_claims_and_a_new_date_reorders_them():
    article = Article.objects.filter(annotations__claims__isnull=False).distinct().first()
    Article.objects.filter(pk=article.pk).update(status=Status.DRAFT)
    assert not ClaimFacets.objects.filter(article_id=article.pk).exists()
    assert_in_step()
    Article.objects.filter(pk=article.pk).update(
        status=Status.PUBLISHED, date_start=date(1999, 1, 1)
    )
    assert set(
        ClaimFacets.objects.filter(article_id=article.pk).values_list("date_start", flat=True)
    ) == {date(1999, 1, 1)}
    assert_in_step()


def test_tags_claimants_and_kinds_follow_edits():
    claim = Claim.objects.published().first()
    claim.tags.add("brand-new-tag", "another-new-tag")
    assert_in_step()
    claim.tags.remove("brand-new-tag")
    assert_in_step()
    claim.claimant_actor, claim.claimant_organization = None, Organization.objects.first()
    claim.kind = Claim.Kind.PREDICTION
    claim.save()
    assert_in_step()
    Claim.objects.filter(pk=claim.pk).update(
        claimant_actor=ActorFactory(), claimant_organization=None
    )
    assert_in_step()


def test_the_stored_search_vector_matches_the_claim_text():
    claim = ClaimFactory(text="Peacekeepers guarded the Fergana border")
    assert (
        ClaimFacets.objects.filter(search_vector=websearch("fergana peacekeeper"))
        .filter(claim=claim)
        .exists()
    )
    Claim.objects.filter(pk=claim.pk).update(text="Nothing about valleys")
    assert not ClaimFacets.objects.filter(search_vector=websearch("fergana")).exists()


def test_bulk_loads_defer_the_refresh_and_rebuild_once():
    call_command("synthesize", "--articles", "30", "--seed", "4", stdout=io.StringIO())
    assert ClaimFacets.objects.count() == Claim.objects.published().count()
    assert_in_step()


def test_the_deferred_setting_skips_the_refresh_until_the_rebuild():
    claim = Claim.objects.published().first()
    with connection.cursor() as cursor:
        cursor.execute("SELECT corpus_defer_facets()")
        Claim.objects.filter(pk=claim.pk).update(status=Status.DRAFT)
        assert ClaimFacets.objects.filter(claim=claim).exists(), "the refresh waited"
        cursor.execute("SET LOCAL corpus.defer_facets = 'off'")
        cursor.execute("SELECT corpus_rebuild_claim_facets()")
    assert_in_step()


def test_a_chosen_value_without_matches_keeps_its_name_and_the_count_is_zero(client):
    claimant = ActorFactory(name="Quiet Person", slug="quiet-person")
    ClaimFactory(claimant_actor=claimant, kind=Claim.Kind.PREDICTION)
    response = client.get(reverse("claim_list"), {"claimant": "quiet-person", "kind": "accusation"})
    assert response.context["page"].paginator.count == 0
    chips = {column.name: value for column, value in response.context["chips"]}
    assert (chips["claimant"].label, chips["claimant"].count) == ("Quiet Person", 0)
    assert (chips["kind"].label, chips["kind"].count) == ("Accusation", 0)


def test_the_count_read_off_the_kind_facet_is_the_number_of_matching_rows(client):
    states = [
        {},
        {"q": "CSTO"},
        {"tag": ["csto"]},
        {"kind": ["assessment"]},
        {"kind": ["assessment", "position"]},
    ]
    for params in states:
        response = client.get(reverse("claim_list"), params)
        search = ClaimSearch({k: v for k, v in params.items() if k != "q"}, params.get("q", ""))
        assert response.context["page"].paginator.count == search.rows().count(), params


def test_the_unfiltered_list_reads_every_facet_from_its_running_totals():
    sql, _ = ClaimSearch({})._count_sql()
    assert "corpus_claimfacets" not in sql  # no facet counted over every public claim
    assert "'named_actor'" in sql and "'named_organization'" in sql


@pytest.mark.parametrize("narrowed", [False, True], ids=["running totals", "counted rows"])
def test_claimants_tied_at_the_facet_limit_are_cut_by_id(narrowed, monkeypatch):
    """The same page shows the same values: of claimants with as many claims, the
    limit keeps the lower id, whichever order the database happened to read them in."""
    monkeypatch.setattr(claim_search, "CLAIM_FACET_LIMIT", 1)
    first, second = ActorFactory(name="First Claimant"), ActorFactory(name="Second Claimant")
    totals = ClaimFacetTotal.objects.filter(facet__in=["actor", "organization"])
    most = max(totals.values_list("count", flat=True))
    # The second's total is written first and the first's last (one claim too many,
    # then withdrawn), so a plan reading them in storage order meets the second first.
    ClaimFactory.create_batch(most + 1, claimant_actor=second, text="Tied statement.")
    extra, *_ = ClaimFactory.create_batch(most + 2, claimant_actor=first, text="Tied statement.")
    extra.delete()
    search = ClaimSearch({}, "tied" if narrowed else "")
    claimants = next(column for column in search.counts()[1] if column.name == "claimant")
    assert [v.value for v in claimants.values] == [first.slug]
