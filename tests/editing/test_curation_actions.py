"""Curation actions in the admin: merging duplicate people or organizations,
and re-running alias matching on chosen articles."""

import pytest
from django.urls import reverse

from corpus.models import Actor, Annotation, Article, Authorship, Claim, Mention, Organization
from tests.factories import (
    ActorFactory,
    AnnotationFactory,
    ArticleFactory,
    ClaimFactory,
    OrganizationFactory,
)

pytestmark = pytest.mark.django_db


def merge(client, model, survivor, *others, confirm=True):
    changelist = reverse(f"admin:corpus_{model._meta.model_name}_changelist")
    selected = {
        "action": "merge_selected",
        "_selected_action": [survivor.pk, *(o.pk for o in others)],
    }
    page = client.post(changelist, selected)
    if not confirm:
        return page
    return client.post(changelist, {**selected, "post": "yes", "survivor": survivor.pk})


def rematch(client, article):
    """The articles list's "Re-run alias matching" action on one article."""
    return client.post(
        reverse("admin:corpus_article_changelist"),
        {"action": "rematch_mentions", "_selected_action": [article.pk]},
        follow=True,
    )


def mention(article, text, entity, occurrence=1, source="editor"):
    start = -1
    for _ in range(occurrence):
        start = article.body.index(text, start + 1)
    field = "actor" if isinstance(entity, Actor) else "organization"
    return Mention.objects.create(
        article=article, start=start, end=start + len(text), source=source, **{field: entity}
    )


def test_merging_people_moves_everything_and_keeps_every_name(client, editor):
    survivor = ActorFactory(name="Emil Survivor", aliases=["E. Survivor"])
    duplicate = ActorFactory(name="Emil Dupe", aliases=["E. Dupe"], description="A duplicate.")
    article = ArticleFactory(body="Emil Dupe met Emil Survivor. Emil Dupe left early.")
    kept = mention(article, "Emil Dupe", duplicate)
    doubled = mention(article, "Emil Survivor", duplicate)  # wrongly linked to the duplicate
    mention(article, "Emil Survivor", survivor)
    claim = ClaimFactory(claimant_actor=duplicate)
    linked = AnnotationFactory()
    linked.actors.set([duplicate])
    both = AnnotationFactory()
    both.actors.set([duplicate, survivor])
    Authorship.objects.create(article=article, actor=duplicate)
    shared = ArticleFactory()
    Authorship.objects.create(article=shared, actor=duplicate)
    Authorship.objects.create(article=shared, actor=survivor, position=1)

    client.force_login(editor)
    page = merge(client, Actor, survivor, duplicate, confirm=False)
    assert page.status_code == 200
    counts = {
        e.name: (e.mention_count, e.claim_count, e.annotation_count, e.article_count)
        for e in page.context["entities"]
    }
    assert counts == {"Emil Survivor": (1, 0, 1, 1), "Emil Dupe": (2, 1, 2, 2)}

    response = merge(client, Actor, survivor, duplicate)
    assert response.status_code == 302
    assert not Actor.objects.filter(pk=duplicate.pk).exists()
    survivor.refresh_from_db()
    assert survivor.aliases == ["E. Survivor", "Emil Dupe", "E. Dupe"]
    assert survivor.description == "A duplicate."
    assert Mention.objects.get(pk=kept.pk).actor == survivor
    assert not Mention.objects.filter(pk=doubled.pk).exists()
    assert Claim.objects.get(pk=claim.pk).claimant_actor == survivor
    assert list(Annotation.objects.get(pk=linked.pk).actors.all()) == [survivor]
    assert list(Annotation.objects.get(pk=both.pk).actors.all()) == [survivor]
    assert sorted(
        Authorship.objects.filter(actor=survivor).values_list("article", flat=True)
    ) == sorted([article.pk, shared.pk])
    reason = "Merged “Emil Dupe” into “Emil Survivor”"
    assert survivor.history.first().history_change_reason == reason
    assert survivor.history.first().history_user == editor
    assert Claim.objects.get(pk=claim.pk).history.first().history_change_reason == reason
    assert (
        Actor.history.filter(id=duplicate.pk, history_type="-").get().history_change_reason
        == reason
    )


def test_merging_organizations_moves_publications_parts_and_members(client, editor):
    survivor = OrganizationFactory(name="Collective Security Treaty Organization", acronym="CSTO")
    duplicate = OrganizationFactory(name="ODKB", acronym="ОДКБ")
    part = OrganizationFactory(parent=duplicate)
    member = OrganizationFactory()
    duplicate.members.add(member)
    outer = OrganizationFactory()
    outer.members.add(duplicate)
    article = ArticleFactory(publication=duplicate)

    client.force_login(editor)
    assert merge(client, Organization, survivor, duplicate).status_code == 302
    survivor.refresh_from_db()
    assert survivor.aliases == ["ODKB", "ОДКБ"]
    assert survivor.acronym == "CSTO"
    part.refresh_from_db()
    article.refresh_from_db()
    assert part.parent == survivor and article.publication == survivor
    assert list(survivor.members.all()) == [member]
    assert list(outer.members.all()) == [survivor]


def test_merging_many_records_at_once_records_a_short_reason(client, editor):
    survivor = ActorFactory(name="Kept Person")
    duplicates = [ActorFactory(name=f"A Rather Long Duplicate Name Number {n}") for n in range(6)]
    client.force_login(editor)
    response = merge(client, Actor, survivor, *duplicates)
    assert response.status_code == 302
    assert not Actor.objects.filter(pk__in=[d.pk for d in duplicates]).exists()
    reason = survivor.history.latest().history_change_reason
    assert reason.startswith("Merged 6 records into “Kept Person”") and len(reason) <= 100


def test_merging_needs_two_records(client, editor):
    actor = ActorFactory()
    client.force_login(editor)
    changelist = reverse("admin:corpus_actor_changelist")
    response = client.post(
        changelist, {"action": "merge_selected", "_selected_action": [actor.pk]}, follow=True
    )
    assert "Select at least two records to merge." in [str(m) for m in response.context["messages"]]
    assert Actor.objects.filter(pk=actor.pk).exists()


def test_rematching_an_article_reports_what_changed(client, editor):
    article = ArticleFactory(body="Nikolai Bordyuzha spoke in Dushanbe.")
    assert not article.mentions.exists()
    client.force_login(editor)
    response = rematch(client, article)
    names = {str(m.entity) for m in article.mentions.select_related("actor", "organization")}
    assert "Nikolai Bordyuzha" in names
    assert [str(m) for m in response.context["messages"]] == [
        f"{article}: {len(names)} mentions added, 0 removed."
    ]
    response = rematch(client, article)
    assert [str(m) for m in response.context["messages"]] == [
        f"{article}: 0 mentions added, 0 removed (no change)."
    ]


def test_merging_keeps_stand_in_names_apart_from_names(client, editor):
    survivor = OrganizationFactory(name="Government of Tajikistan", stand_ins=["Dushanbe"])
    duplicate = OrganizationFactory(name="Tajik government", stand_ins=["Dushanbe", "Hisor"])
    article = ArticleFactory(body="Dushanbe said no.")
    stand_in = mention(article, "Dushanbe", duplicate)
    Mention.objects.filter(pk=stand_in.pk).update(stand_in=True)
    client.force_login(editor)
    assert merge(client, Organization, survivor, duplicate).status_code == 302
    survivor.refresh_from_db()
    assert (survivor.aliases, survivor.stand_ins) == (["Tajik government"], ["Dushanbe", "Hisor"])
    stand_in.refresh_from_db()
    assert (stand_in.organization, stand_in.stand_in) == (survivor, True)


def test_rematching_leaves_the_curations_stand_ins_alone(client, editor):
    article = Article.objects.get(source_file__startswith="000")
    stand_ins = set(article.mentions.stand_ins().values_list("pk", flat=True))
    assert stand_ins
    client.force_login(editor)
    response = rematch(client, article)
    assert [str(m) for m in response.context["messages"]] == [
        f"{article}: 0 mentions added, 0 removed (no change)."
    ]
    assert set(article.mentions.stand_ins().values_list("pk", flat=True)) == stand_ins
