"""Who gets what from the admin: anonymous visitors, readers (no staff status),
editors, reviewers and superusers, against every admin URL of the archive's
models, its custom views and its bulk actions."""

import io
import subprocess
import sys

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.core.management.sql import emit_post_migrate_signal
from django.urls import reverse

from corpus.models import (
    Actor,
    Annotation,
    Article,
    Claim,
    Comment,
    Mention,
    Organization,
    SeedState,
    Status,
)
from tests.factories import AnnotationFactory, ClaimFactory

pytestmark = pytest.mark.django_db
User = get_user_model()

ROLES = ["anonymous", "reader", "editor", "reviewer", "admin_user"]
LOGIN = "login"  # sent to the login page
OK, FORBIDDEN = 200, 403
CONTENT = [Article, Actor, Organization, Mention, Annotation, Claim, Comment]

# Expected answer per role, in ROLES order.
STAFF_ONLY = (LOGIN, LOGIN, OK, OK, OK)
JSON = {"content_type": "application/json"}
SUPERUSER_ONLY = (LOGIN, LOGIN, FORBIDDEN, FORBIDDEN, OK)
REVIEWERS = (LOGIN, LOGIN, FORBIDDEN, OK, OK)


@pytest.fixture
def as_role(request, client):
    def login(role):
        if role != "anonymous":
            client.force_login(request.getfixturevalue(role))
        return client

    return login


def answer(response):
    if response.status_code == 302 and "/admin/login/" in response["Location"]:
        return LOGIN
    return response.status_code


def draft_of(model):
    """A draft record of `model` (editors may delete drafts, not published ones)."""
    if model is Annotation:
        return AnnotationFactory(status=Status.DRAFT)
    if model is Claim:
        return ClaimFactory(status=Status.DRAFT)
    if model is Article:
        return AnnotationFactory(status=Status.DRAFT, article__status=Status.DRAFT).article
    return model.objects.first()


def model_urls(model):
    obj = draft_of(model)
    name = f"admin:corpus_{model._meta.model_name}"
    record = obj.history.first()
    return {
        "changelist": reverse(f"{name}_changelist"),
        "add": reverse(f"{name}_add"),
        "change": reverse(f"{name}_change", args=[obj.pk]),
        "delete": reverse(f"{name}_delete", args=[obj.pk]),
        "history": reverse(f"{name}_history", args=[obj.pk]),
        "revert form": reverse(f"{name}_simple_history", args=[obj.pk, record.history_id]),
    }


@pytest.mark.parametrize("model", CONTENT, ids=lambda m: m.__name__)
@pytest.mark.parametrize("role", ROLES)
def test_every_content_page_is_for_staff_only(as_role, role, model):
    client = as_role(role)
    expected = STAFF_ONLY[ROLES.index(role)]
    answers = {page: answer(client.get(url)) for page, url in model_urls(model).items()}
    assert answers == dict.fromkeys(answers, expected)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (lambda: reverse("admin:index"), STAFF_ONLY),
        (lambda: reverse("admin:app_list", args=["corpus"]), STAFF_ONLY),
        (lambda: reverse("admin:corpus_annotation_orphans"), STAFF_ONLY),
        (lambda: reverse("admin:taggit_tag_changelist"), STAFF_ONLY),
        (lambda: reverse("admin:auth_user_changelist"), SUPERUSER_ONLY),
        (lambda: reverse("admin:auth_user_add"), SUPERUSER_ONLY),
        (lambda: reverse("admin:auth_group_changelist"), SUPERUSER_ONLY),
        (lambda: reverse("admin:corpus_seedstate_changelist"), SUPERUSER_ONLY),
        (lambda: reverse("admin:app_list", args=["auth"]), (LOGIN, LOGIN, 404, 404, OK)),
    ],
    ids=[
        "index",
        "corpus app",
        "orphan queue",
        "tags",
        "users",
        "add user",
        "groups",
        "seed state",
        "auth app",
    ],
)
@pytest.mark.parametrize("role", ROLES)
def test_site_pages_answer_each_role(as_role, role, url, expected):
    assert answer(as_role(role).get(url())) == expected[ROLES.index(role)]


@pytest.mark.parametrize("role", ROLES)
def test_placing_an_orphan_is_for_staff_only(as_role, role):
    annotation = AnnotationFactory(status=Status.DRAFT)
    Annotation.objects.filter(pk=annotation.pk).update(anchor="orphaned")
    mention = Mention.objects.first()
    Mention.objects.filter(pk=mention.pk).update(
        anchor="orphaned", exact=mention.text(), source="editor"
    )
    client = as_role(role)
    expected = STAFF_ONLY[ROLES.index(role)]
    assert answer(client.get(reverse("admin:corpus_annotation_place", args=[annotation.pk]))) == (
        expected
    )
    assert answer(client.get(reverse("admin:corpus_mention_place", args=[mention.pk]))) == expected


@pytest.mark.parametrize("role", ROLES)
def test_the_merge_confirmation_is_for_staff_only(as_role, role):
    actors = Actor.objects.order_by("pk")[:2]
    response = as_role(role).post(
        reverse("admin:corpus_actor_changelist"),
        {"action": "merge_selected", "_selected_action": [a.pk for a in actors]},
    )
    expected = STAFF_ONLY[ROLES.index(role)]
    assert answer(response) == expected
    if expected == OK:
        assert response.templates[0].name == "admin/corpus/merge_confirmation.html"
    assert Actor.objects.filter(pk__in=[a.pk for a in actors]).count() == 2


@pytest.mark.parametrize("model", [Article, Annotation, Claim], ids=lambda m: m.__name__)
@pytest.mark.parametrize("role", ROLES)
def test_only_reviewers_can_run_the_publish_action(as_role, role, model):
    obj = draft_of(model)
    client = as_role(role)
    changelist = reverse(f"admin:corpus_{model._meta.model_name}_changelist")
    if role in ("editor", "reviewer", "admin_user"):
        actions = client.get(changelist).context["action_form"].fields["action"].choices
        offered = {name for name, _ in actions}
        assert ("publish" in offered) == (role != "editor")
        assert {"submit_for_review", "return_to_draft"} <= offered
    response = client.post(changelist, {"action": "publish", "_selected_action": [obj.pk]})
    obj.refresh_from_db()
    published = obj.status == Status.PUBLISHED
    assert published == (REVIEWERS[ROLES.index(role)] == OK)
    assert answer(response) in (LOGIN, 302)


@pytest.mark.parametrize("model", [Article, Annotation, Claim], ids=lambda m: m.__name__)
@pytest.mark.parametrize("role", ROLES)
def test_everyone_on_the_staff_can_submit_for_review(as_role, role, model):
    obj = draft_of(model)
    changelist = reverse(f"admin:corpus_{model._meta.model_name}_changelist")
    as_role(role).post(changelist, {"action": "submit_for_review", "_selected_action": [obj.pk]})
    obj.refresh_from_db()
    assert (obj.status == Status.REVIEW) == (STAFF_ONLY[ROLES.index(role)] == OK)


def test_editors_have_exactly_the_content_permissions_and_no_user_administration():
    editors = Group.objects.get(name="Editors")
    reviewers = Group.objects.get(name="Reviewers")
    editing = {
        f"{p.content_type.app_label}.{p.codename}" for p in editors.permissions.select_related()
    }
    publishing = {
        "corpus.publish_article",
        "corpus.publish_annotation",
        "corpus.publish_claim",
    }
    assert not {p for p in editing if p.startswith("auth.")}
    assert not editing & publishing
    for model in ["article", "actor", "organization", "mention", "annotation", "claim", "comment"]:
        assert {f"corpus.{action}_{model}" for action in ("view", "add", "change", "delete")} <= (
            editing
        )
    assert "taggit.add_tag" in editing
    assert "corpus.view_seedstate" not in editing
    reviewing = {
        f"{p.content_type.app_label}.{p.codename}" for p in reviewers.permissions.select_related()
    }
    assert reviewing == editing | publishing


def test_seed_state_is_read_only_even_for_superusers(admin_client):
    state = SeedState.objects.first()
    change = reverse("admin:corpus_seedstate_change", args=[state.pk])
    response = admin_client.get(change)
    assert response.status_code == 200 and not response.context["has_change_permission"]
    assert admin_client.get(reverse("admin:corpus_seedstate_add")).status_code == 403


@pytest.mark.parametrize("role", ROLES)
def test_the_annotating_endpoints_answer_each_role(as_role, role):
    """Create, edit and delete a draft passage through the change page's endpoints."""
    client = as_role(role)
    article = Article.objects.get(slug="russia-needs-the-west-in-central-asia")
    taken = article.annotations.values_list("start", "end")
    start = next(
        at
        for at in range(len(article.body) - 6)
        if article.body[at : at + 6] == "Russia" and all(e <= at or at + 6 <= s for s, e in taken)
    )
    passage = {"start": start, "end": start + 6, "exact": "Russia", "kind": "note"}
    create = reverse("admin:corpus_article_annotations", args=[article.pk])
    created = client.post(create, passage, **JSON)
    annotation = Annotation.objects.filter(article=article, exact="Russia").first()
    staff = STAFF_ONLY[ROLES.index(role)] == OK
    assert answer(created) == (201 if staff else LOGIN)
    assert (annotation is not None) == staff

    annotation = annotation or AnnotationFactory(article=article, status=Status.DRAFT)
    args = [article.pk, annotation.uuid]
    edit = reverse("admin:corpus_article_annotation", args=args)
    delete = reverse("admin:corpus_article_annotation_delete", args=args)
    edited = client.post(edit, {"version": annotation.version, "note": "Edited."}, **JSON)
    assert answer(edited) == (OK if staff else LOGIN)
    annotation.refresh_from_db()
    deleted = client.post(delete, {"version": annotation.version}, **JSON)
    assert answer(deleted) == (OK if staff else LOGIN)
    assert Annotation.objects.filter(pk=annotation.pk).exists() == (not staff)


# -- create_editor ---------------------------------------------------------------


def create_editor(*args, stdin=None):
    out = io.StringIO()
    call_command("create_editor", *args, stdout=out, stdin=stdin)
    return out.getvalue()


def test_create_editor_makes_a_staff_editor_who_cannot_publish():
    output = create_editor("aigerim", "--email", "aigerim@example.org")
    user = User.objects.get(username="aigerim")
    assert user.is_staff and not user.is_superuser and user.email == "aigerim@example.org"
    assert [g.name for g in user.groups.all()] == ["Editors"]
    assert user.has_perm("corpus.change_annotation")
    assert not user.has_perm("corpus.publish_annotation")
    password = output.split("Password (shown only now): ")[1].strip()
    assert user.check_password(password) and len(password) >= 16


def test_create_editor_with_reviewer_may_publish_and_reads_the_password_from_stdin():
    output = create_editor(
        "timur", "--reviewer", "--password-from-stdin", stdin=io.StringIO("a long passphrase 42\n")
    )
    user = User.objects.get(username="timur")
    assert sorted(g.name for g in user.groups.all()) == ["Editors", "Reviewers"]
    assert user.has_perm("corpus.publish_claim")
    assert user.check_password("a long passphrase 42")
    assert "Password" not in output


@pytest.mark.parametrize(
    ("args", "stdin", "message"),
    [
        (["editor-1"], None, "A user named “editor-1” already exists."),
        (["EDITOR-1"], None, "A user named “EDITOR-1” already exists."),
        (["no spaces please"], None, "is not a valid login name"),
        (["valid", "--email", "not-an-address"], None, "is not a valid e-mail address"),
        (["valid", "--password-from-stdin"], "", "No password on standard input."),
        (["valid", "--password-from-stdin"], "123\n", "The password is refused"),
    ],
)
def test_create_editor_refuses_bad_input_in_one_line(editor, args, stdin, message):
    with pytest.raises(CommandError, match=message) as refused:
        create_editor(*args, stdin=io.StringIO(stdin) if stdin is not None else None)
    assert "\n" not in str(refused.value)
    assert not User.objects.filter(username="valid").exists()


def test_create_editor_exits_non_zero_from_the_shell():
    result = subprocess.run(
        [sys.executable, "manage.py", "create_editor", "bad name"],
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
    )
    assert result.returncode == 1
    assert result.stderr.strip().count("\n") == 0 and "not a valid login name" in result.stderr


def test_the_demo_editor_is_an_editor_and_a_reviewer(settings):
    settings.DEBUG = True
    out = io.StringIO()
    call_command("ensure_demo_editor", "--site", "http://127.0.0.1:8123/", stdout=out)
    assert "Editor login: http://127.0.0.1:8123/admin/  user “editor”" in out.getvalue()
    user = User.objects.get(username="editor")
    assert sorted(g.name for g in user.groups.all()) == ["Editors", "Reviewers"]
    assert not user.user_permissions.exists()


def test_the_groups_come_back_after_a_flush():
    expected = {
        group.name: set(group.permissions.values_list("pk", flat=True))
        for group in Group.objects.filter(name__in=["Editors", "Reviewers"])
    }
    Group.objects.all().delete()
    # What `flush` does after emptying the tables.
    emit_post_migrate_signal(verbosity=0, interactive=False, db="default")
    restored = {
        group.name: set(group.permissions.values_list("pk", flat=True))
        for group in Group.objects.filter(name__in=["Editors", "Reviewers"])
    }
    assert restored == expected
