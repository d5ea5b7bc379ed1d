"""Select-to-annotate: the admin endpoints behind the Article change page."""

import json

import pytest
from django.contrib.auth.models import Group, Permission
from django.test import Client
from django.urls import reverse

from corpus.models import Annotation, Claim, Status
from tests.factories import (
    ActorFactory,
    AnnotationFactory,
    ArticleFactory,
    ClaimFactory,
    OrganizationFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

BODY = "The Collective Security Treaty Organization met in Dushanbe. Observers were sceptical."
MET = (BODY.index("met in Dushanbe"), BODY.index("met in Dushanbe") + len("met in Dushanbe"))


def in_group(name, username):
    user = UserFactory(username=username, is_staff=True)
    user.groups.add(Group.objects.get(name=name))
    return user


@pytest.fixture
def group_editor():
    """An editor as the Editors group makes one: may annotate, may not publish."""
    return in_group("Editors", "annotating-editor")


@pytest.fixture
def group_reviewer():
    return in_group("Reviewers", "annotating-reviewer")


@pytest.fixture
def as_editor(client, group_editor):
    client.force_login(group_editor)
    return client


@pytest.fixture
def as_reviewer(client, group_reviewer):
    client.force_login(group_reviewer)
    return client


@pytest.fixture
def article():
    return ArticleFactory(body=BODY)


def create_url(article):
    return reverse("admin:corpus_article_annotations", args=[article.pk])


def update_url(annotation):
    return reverse("admin:corpus_article_annotation", args=[annotation.article_id, annotation.uuid])


def delete_url(annotation):
    return reverse(
        "admin:corpus_article_annotation_delete", args=[annotation.article_id, annotation.uuid]
    )


def post(client, url, payload, **extra):
    body = payload if isinstance(payload, str) else json.dumps(payload)
    return client.post(url, body, content_type="application/json", **extra)


def passage(start, end, body=BODY, **fields):
    return {"start": start, "end": end, "exact": body[start:end], **fields}


def nothing_written(article):
    return not Annotation.objects.filter(article=article).exists()


# --- Creating --------------------------------------------------------------------------


def test_an_editor_annotates_a_passage_and_gets_it_back_as_saved(as_editor, article):
    actor, org = ActorFactory(), OrganizationFactory()
    payload = passage(
        *MET,
        kind="context",
        note="Held in <em>Dushanbe</em>.",
        tags="summits, Tajikistan",
        new_tags="summits, Tajikistan",
        actors=[actor.pk],
        organizations=[org.pk],
    )
    response = post(as_editor, create_url(article), payload)

    assert response.status_code == 201
    saved = response.json()
    assert saved["exact"] == "met in Dushanbe"
    assert (saved["start"], saved["end"]) == MET
    assert saved["kind"] == "context" and saved["status"] == "draft" and saved["version"] == 1
    assert saved["note"] == "Held in <em>Dushanbe</em>."
    assert saved["tags"] == ["summits", "Tajikistan"]
    assert saved["actors"] == [{"id": actor.pk, "name": actor.name}]
    assert saved["organizations"] == [{"id": org.pk, "name": str(org)}]
    annotation = Annotation.objects.get(uuid=saved["uuid"])
    assert annotation.prefix == "The Collective Security Treaty Organization "[-32:]
    assert annotation.suffix == ". Observers were sceptical."
    assert annotation.author.username == "annotating-editor"


def test_a_claimant_makes_a_claim_whose_text_defaults_to_the_passage(as_editor, article):
    claimant = ActorFactory(name="Yevgeny Buzhinsky")
    response = post(
        as_editor, create_url(article), passage(*MET, claim={"claimant_actor": claimant.pk})
    )

    assert response.status_code == 201
    saved = response.json()
    assert saved["kind"] == "claim"
    [claim] = saved["claims"]
    assert claim["text"] == "met in Dushanbe"
    assert claim["claimant"] == {"type": "actor", "id": claimant.pk, "name": "Yevgeny Buzhinsky"}
    assert (claim["form"], claim["kind"], claim["status"]) == ("quote", "assessment", "draft")


def test_an_organization_can_be_the_claimant(as_editor, article):
    org = OrganizationFactory()
    claim = {"claimant_organization": org.pk, "form": "paraphrase", "kind": "position"}
    response = post(as_editor, create_url(article), passage(*MET, claim=claim))
    assert response.json()["claims"][0]["claimant"]["type"] == "organization"
    assert Claim.objects.get(claimant_organization=org).form == "paraphrase"


def test_an_existing_claim_of_the_article_can_be_attached_to_a_new_passage(as_editor, article):
    old = AnnotationFactory(article=article, start=0, end=3, status=Status.DRAFT)
    claim = ClaimFactory(annotation=old, status=Status.DRAFT)
    response = post(as_editor, create_url(article), passage(*MET, attach_claim=claim.pk))

    assert response.status_code == 201
    assert [c["id"] for c in response.json()["claims"]] == [claim.pk]
    claim.refresh_from_db()
    assert str(claim.annotation.uuid) == response.json()["uuid"]


def test_a_claim_of_another_article_cannot_be_attached(as_editor, article):
    elsewhere = ClaimFactory()
    response = post(as_editor, create_url(article), passage(*MET, attach_claim=elsewhere.pk))
    assert response.status_code == 400
    assert "is not a claim of this article" in response.json()["error"]
    assert nothing_written(article)


def test_a_passage_may_overlap_a_mention(as_editor, article):
    article.mentions.create(organization=OrganizationFactory(), start=4, end=43)
    response = post(as_editor, create_url(article), passage(0, 43))
    assert response.status_code == 201


def test_offsets_count_code_points_outside_the_basic_plane(as_editor):
    body = "𝔄 fraktur and 🛡️ shield: the CSTO 😀 met."
    article = ArticleFactory(body=body)
    start = body.index("the CSTO")  # a Python str index is a code point
    response = post(as_editor, create_url(article), passage(start, start + 8, body=body))

    assert response.status_code == 201
    assert response.json()["exact"] == "the CSTO"
    annotation = Annotation.objects.get(uuid=response.json()["uuid"])
    assert annotation.prefix == "𝔄 fraktur and 🛡️ shield: "
    assert annotation.suffix == " 😀 met."
    # UTF-16 offsets, as a browser counts, would point elsewhere and be refused.
    utf16 = len(body[:start].encode("utf-16-le")) // 2
    response = post(
        as_editor,
        create_url(article),
        {"start": utf16, "end": utf16 + 8, "exact": "the CSTO"},
    )
    assert response.status_code == 400


def test_notes_are_sanitized(as_editor, article):
    note = 'Read <script>alert("x")</script><a href="javascript:x()" onclick="y()">this</a>.'
    response = post(as_editor, create_url(article), passage(*MET, note=note))
    assert response.json()["note"] == 'Read <a rel="noopener nofollow">this</a>.'


# --- Bad input: a clear 400 and nothing written ----------------------------------------------


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        (passage(10, 10), "The selection is empty"),
        ({"start": 20, "end": 10, "exact": ""}, "ends (at 10) before it starts (at 20)"),
        ({"start": 80, "end": 500, "exact": "x"}, "runs past the end of the text"),
        ({"start": -1, "end": 4, "exact": "The "}, "start: Ensure this value is greater"),
        ({"start": 0, "end": 3, "exact": "She"}, "does not match the article"),
        ({"end": 3, "exact": "The"}, "start: This field is required."),
        ({"start": "one", "end": 3, "exact": "The"}, "start: Enter a whole number."),
        (passage(60, 61), "only spaces"),
        (passage(*MET, actors=[999999]), "actors: No person has the id 999999."),
        (passage(*MET, organizations=[999999]), "No organization has the id 999999."),
        (passage(*MET, actors="Putin"), "actors: Enter a list of values."),
        (passage(*MET, actors=["Putin"]), "actors: No person has the id Putin."),
        (passage(*MET, claim={"claimant_organization": "x"}), "No organization has the id x."),
        (passage(*MET, kind="rumour"), "kind: Select a valid choice."),
        (passage(*MET, claim={"form": "quote"}), "A claim needs a claimant"),
        (passage(*MET, claim="Buzhinsky"), "claim: send an object"),
        (passage(*MET, claim={"claimant_actor": 999999}), "claim.claimant_actor: No person"),
        ("this is not json", "The request body is not valid JSON."),
        ("[1, 2]", "The request body must be a JSON object."),
    ],
    ids=lambda value: value if isinstance(value, str) else None,
)
def test_bad_input_gets_a_clear_400_and_writes_nothing(as_editor, article, payload, message):
    response = post(as_editor, create_url(article), payload)
    assert response.status_code == 400
    assert message in response.json()["error"]
    assert nothing_written(article)


def test_a_claim_with_two_claimants_is_refused(as_editor, article):
    claim = {"claimant_actor": ActorFactory().pk, "claimant_organization": OrganizationFactory().pk}
    response = post(as_editor, create_url(article), passage(*MET, claim=claim))
    assert response.status_code == 400
    assert "not both" in response.json()["error"]
    assert nothing_written(article)


def test_an_overlapping_selection_is_refused_naming_the_annotated_passage(as_editor, article):
    AnnotationFactory(article=article, start=4, end=43)  # “Collective Security Treaty Organization”
    response = post(as_editor, create_url(article), passage(30, 50))

    assert response.status_code == 400
    error = response.json()["error"]
    assert "overlaps the annotated passage “Collective Security Treaty Organization”" in error
    assert "(characters 4–43)" in error
    assert Annotation.objects.filter(article=article).count() == 1


def test_an_orphaned_annotation_does_not_block_the_passage(as_editor, article):
    AnnotationFactory(article=article, start=4, end=43, anchor=Annotation.Anchor.ORPHANED)
    assert post(as_editor, create_url(article), passage(30, 50)).status_code == 201


def test_a_failing_claim_rolls_back_the_whole_annotation(as_editor, article):
    # The claim passes validation but its claimant vanishes before the write.
    claimant = ActorFactory()
    payload = passage(*MET, tags="x", new_tags="x", claim={"claimant_actor": claimant.pk})
    from corpus.editing.annotator import service as annotating

    original = annotating.add_claim

    def failing(annotation, fields):
        raise annotating.Refused("The claim could not be saved.")

    annotating.add_claim = failing
    try:
        response = post(as_editor, create_url(article), payload)
    finally:
        annotating.add_claim = original
    assert response.status_code == 400
    assert nothing_written(article)


def test_get_is_not_allowed(as_editor, article):
    assert as_editor.get(create_url(article)).status_code == 405


def test_an_unknown_article_is_a_404(as_editor):
    response = post(
        as_editor, reverse("admin:corpus_article_annotations", args=[999999]), passage(*MET)
    )
    assert response.status_code == 404
    assert response.json()["error"] == "No such article."


# --- CSRF and permissions -----------------------------------------------------------------


def test_csrf_is_enforced(group_editor, article):
    client = Client(enforce_csrf_checks=True)
    client.force_login(group_editor)
    assert post(client, create_url(article), passage(*MET)).status_code == 403
    assert nothing_written(article)

    page = client.get(reverse("admin:corpus_article_change", args=[article.pk]))
    token = page.cookies["csrftoken"].value
    response = post(client, create_url(article), passage(*MET), HTTP_X_CSRFTOKEN=token)
    assert response.status_code == 201


def test_anonymous_users_are_sent_to_the_login_page(client, article):
    response = post(client, create_url(article), passage(*MET))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    assert nothing_written(article)


def test_users_without_staff_status_get_nothing(client, reader, article):
    client.force_login(reader)
    response = post(client, create_url(article), passage(*MET))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    assert nothing_written(article)


def test_staff_without_the_add_permission_are_refused(client, article):
    user = UserFactory(username="viewer", is_staff=True)
    user.user_permissions.set(Permission.objects.filter(codename__startswith="view_"))
    client.force_login(user)
    response = post(client, create_url(article), passage(*MET))
    assert response.status_code == 403
    assert response.json()["error"] == "You may not add annotations."
    assert nothing_written(article)


def test_an_editor_may_not_publish(as_editor, article):
    response = post(as_editor, create_url(article), passage(*MET, status="published"))
    assert response.status_code == 403
    assert "Only a reviewer may publish" in response.json()["error"]
    assert nothing_written(article)


def test_a_reviewer_publishes_a_passage_with_its_claim(as_reviewer, article, client):
    claim = {"claimant_actor": ActorFactory().pk}
    response = post(
        as_reviewer, create_url(article), passage(*MET, status="published", claim=claim)
    )
    assert response.status_code == 201
    assert response.json()["status"] == "published"
    assert response.json()["claims"][0]["status"] == "published"

    client.logout()
    public = client.get(article.get_absolute_url(), {"format": "json"}).json()
    assert "met in Dushanbe" in [a["exact"] for a in public["annotations"]]


def test_an_editor_may_not_publish_an_existing_annotation_but_a_reviewer_may(
    client, group_editor, group_reviewer, article
):
    annotation = AnnotationFactory(article=article, status=Status.REVIEW)
    claim = ClaimFactory(annotation=annotation, status=Status.REVIEW)
    client.force_login(group_editor)
    refused = post(client, update_url(annotation), {"version": 1, "status": "published"})
    assert refused.status_code == 403

    client.force_login(group_reviewer)
    response = post(client, update_url(annotation), {"version": 1, "status": "published"})
    assert response.status_code == 200
    assert response.json()["status"] == "published" and response.json()["version"] == 2
    claim.refresh_from_db()
    assert claim.status == Status.PUBLISHED


def test_an_editor_may_not_unpublish(as_editor, article):
    annotation = AnnotationFactory(article=article, status=Status.PUBLISHED)
    response = post(as_editor, update_url(annotation), {"version": 1, "status": "draft"})
    assert response.status_code == 403
    annotation.refresh_from_db()
    assert annotation.status == Status.PUBLISHED


@pytest.mark.parametrize(
    "change",
    [
        {"note": "Changed, unreviewed."},
        {"kind": "context"},
        # A new tag, confirmed (an unconfirmed one is refused before anything else).
        {"tags": "new", "new_tags": "new"},
        {"actors": []},
    ],
)
def test_a_published_annotation_is_changed_only_by_a_reviewer(
    client, group_editor, group_reviewer, article, change
):
    """Its change would be public at once: an editor is refused, a reviewer may."""
    annotation = AnnotationFactory(article=article, status=Status.PUBLISHED, note="Reviewed.")
    client.force_login(group_editor)
    refused = post(client, update_url(annotation), {"version": 1, **change})
    assert refused.status_code == 403 and "reviewer" in refused.json()["error"]
    annotation.refresh_from_db()
    assert (annotation.note, annotation.version) == ("Reviewed.", 1)
    client.force_login(group_reviewer)
    if "note" in change:
        assert post(client, update_url(annotation), {"version": 1, **change}).status_code == 200
        annotation.refresh_from_db()
        assert annotation.note == "Changed, unreviewed."


def test_an_editor_still_edits_a_draft_note(as_editor, article):
    annotation = AnnotationFactory(article=article, status=Status.DRAFT, note="First.")
    assert (
        post(as_editor, update_url(annotation), {"version": 1, "note": "Second."}).status_code
        == 200
    )
    annotation.refresh_from_db()
    assert annotation.note == "Second."


def test_an_orphaned_annotation_cannot_be_published(as_reviewer, article):
    annotation = AnnotationFactory(
        article=article, status=Status.REVIEW, anchor=Annotation.Anchor.ORPHANED
    )
    response = post(as_reviewer, update_url(annotation), {"version": 1, "status": "published"})
    assert response.status_code == 400
    assert "orphaned" in response.json()["error"]


def test_the_history_says_who_annotated_and_where(as_editor, article):
    claim = {"claimant_actor": ActorFactory().pk}
    uuid = post(as_editor, create_url(article), passage(*MET, claim=claim)).json()["uuid"]
    # The claimant joining the passage's people is part of the same annotating.
    for record in Annotation.objects.get(uuid=uuid).history.all():
        assert record.history_user.username == "annotating-editor"
        assert record.history_change_reason == "Annotated on the article page"
    assert Claim.objects.get(annotation__uuid=uuid).history.get().history_change_reason == (
        "Claimed on the article page"
    )


def test_an_editor_may_not_delete_a_published_annotation(as_editor, article):
    annotation = AnnotationFactory(article=article, status=Status.PUBLISHED)
    response = post(as_editor, delete_url(annotation), {"version": 1})
    assert response.status_code == 403
    assert Annotation.objects.filter(pk=annotation.pk).exists()


# --- Editing and deleting ---------------------------------------------------------------


def test_an_edit_changes_what_it_names_and_bumps_the_version(as_editor, article):
    annotation = AnnotationFactory(article=article, status=Status.DRAFT, note="Old.")
    annotation.tags.add("old")
    actor = ActorFactory()
    response = post(
        as_editor,
        update_url(annotation),
        {
            "version": 1,
            "note": "New.",
            "tags": "new, newer",
            "new_tags": ["new", "newer"],
            "actors": [actor.pk],
        },
    )

    assert response.status_code == 200
    saved = response.json()
    assert (saved["note"], saved["tags"], saved["version"]) == ("New.", ["new", "newer"], 2)
    assert saved["actors"] == [{"id": actor.pk, "name": actor.name}]
    assert (saved["start"], saved["end"]) == (annotation.start, annotation.end)


def test_an_edit_can_add_a_claim_to_an_annotation(as_editor, article):
    annotation = AnnotationFactory(article=article, status=Status.DRAFT)
    claimant = ActorFactory()
    response = post(
        as_editor,
        update_url(annotation),
        {"version": 1, "claim": {"claimant_actor": claimant.pk, "text": "They met."}},
    )
    assert [c["text"] for c in response.json()["claims"]] == ["They met."]


def test_a_stale_edit_is_refused_with_409_and_nothing_is_lost(client, group_editor, article):
    annotation = AnnotationFactory(article=article, status=Status.DRAFT, note="Theirs.")
    client.force_login(group_editor)
    assert (
        post(client, update_url(annotation), {"version": 1, "note": "Theirs, revised."}).status_code
        == 200
    )

    response = post(client, update_url(annotation), {"version": 1, "note": "Mine."})
    assert response.status_code == 409
    assert "changed by someone else" in response.json()["error"]
    annotation.refresh_from_db()
    assert (annotation.note, annotation.version) == ("Theirs, revised.", 2)


def test_an_edit_without_a_version_is_refused(as_editor, article):
    annotation = AnnotationFactory(article=article, status=Status.DRAFT)
    response = post(as_editor, update_url(annotation), {"note": "Mine."})
    assert response.status_code == 400
    assert "Send the version you edited" in response.json()["error"]


def test_an_edit_of_a_deleted_annotation_is_refused(as_editor, article):
    annotation = AnnotationFactory(article=article, status=Status.DRAFT)
    url = update_url(annotation)
    annotation.delete()
    response = post(as_editor, url, {"version": 1, "note": "Mine."})
    assert response.status_code == 409
    assert "deleted by someone else" in response.json()["error"]


def test_deleting_an_annotation(as_editor, article):
    annotation = AnnotationFactory(article=article, status=Status.DRAFT)
    response = post(as_editor, delete_url(annotation), {"version": 1})
    assert response.status_code == 200
    assert response.json() == {"deleted": str(annotation.uuid), "claims_deleted": []}
    assert not Annotation.objects.filter(pk=annotation.pk).exists()


def test_deleting_an_annotation_with_claims_asks_to_delete_them_too(as_editor, article):
    annotation = AnnotationFactory(article=article, status=Status.DRAFT)
    claim = ClaimFactory(annotation=annotation, status=Status.DRAFT, text="We agreed.")
    response = post(as_editor, delete_url(annotation), {"version": 1})
    assert response.status_code == 409
    assert "carries 1 claim(s): “We agreed.”" in response.json()["error"]
    assert Annotation.objects.filter(pk=annotation.pk).exists()

    response = post(as_editor, delete_url(annotation), {"version": 1, "delete_claims": True})
    assert response.json()["claims_deleted"] == [claim.pk]
    assert not Claim.objects.filter(pk=claim.pk).exists()
    assert not Annotation.objects.filter(pk=annotation.pk).exists()


def test_deleting_a_stale_annotation_is_refused(as_editor, article):
    annotation = AnnotationFactory(article=article, status=Status.DRAFT, version=3)
    response = post(as_editor, delete_url(annotation), {"version": 2})
    assert response.status_code == 409
    assert "changed by someone else" in response.json()["error"]
    assert Annotation.objects.filter(pk=annotation.pk).exists()


# --- The change page -----------------------------------------------------------------------


def change_page(client, article):
    return client.get(reverse("admin:corpus_article_change", args=[article.pk]))


def test_the_change_page_shows_the_body_and_every_annotation(as_editor, article):
    draft = AnnotationFactory(article=article, start=0, end=3, status=Status.DRAFT)
    published = AnnotationFactory(article=article, start=4, end=14, status=Status.PUBLISHED)
    response = change_page(as_editor, article)

    assert response.status_code == 200
    annotator = response.context["annotator"]
    assert annotator["body"] == BODY
    assert [a["uuid"] for a in annotator["annotations"]] == [str(draft.uuid), str(published.uuid)]
    assert annotator["perms"]["add_annotation"] and not annotator["perms"]["publish_annotation"]
    html = response.content.decode()
    assert 'id="annotator-text"' in html and "Observers were sceptical." in html
    assert 'id="annotator-dialog"' in html


def test_the_change_page_escapes_what_editors_wrote(as_editor, article):
    AnnotationFactory(article=article, note="</script><script>alert(1)</script>")
    html = change_page(as_editor, article).content.decode()
    assert "<script>alert(1)" not in html


def test_the_change_page_query_count_does_not_grow_with_annotations(
    as_editor, article, django_assert_max_num_queries
):
    def annotate(start, end):
        annotation = AnnotationFactory(article=article, start=start, end=end)
        annotation.tags.add(f"tag-{start}")
        annotation.actors.add(ActorFactory())
        annotation.organizations.add(OrganizationFactory())
        ClaimFactory(annotation=annotation)
        article.mentions.create(actor=ActorFactory(), start=start, end=end)

    annotate(0, 3)
    with django_assert_max_num_queries(20) as few:
        change_page(as_editor, article)
    for start in range(4, 40, 4):
        annotate(start, start + 3)
    with django_assert_max_num_queries(len(few.captured_queries)):
        change_page(as_editor, article)
