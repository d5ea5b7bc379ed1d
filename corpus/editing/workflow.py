"""The editorial workflow: who may move a record between statuses.

Statuses (corpus.models.Status) for articles, annotations and claims:

    draft  --submit-->  review  --publish-->  published
      ^                   |                       |
      +----return---------+                       |
      +--------------------unpublish--------------+

- submit for review (draft -> review) and return to draft (review -> draft):
  anyone who may change the record;
- publish (draft or review -> published) and unpublish (published -> draft):
  only users with the model's publish permission. There is no separate
  "withdrawn" state: an unpublished record goes back to draft, and its history
  shows when and by whom it was published and withdrawn.

Only published material is public (the querysets' published() verbs).

Permissions (the contract with the admin and its endpoints):
    corpus.publish_article, corpus.publish_annotation, corpus.publish_claim

Groups (created by migration 0006, and again after `flush` by ensure_groups;
`manage.py create_editor NAME [--reviewer]` makes a member):
    "Editors"   view/add/change/delete on the archive's content and tags;
                no publishing, no user or group administration;
    "Reviewers" the Editors' permissions plus the three publish permissions.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import transaction

from corpus.models import Status

EDITORS = "Editors"
REVIEWERS = "Reviewers"
PUBLISHED = Status.PUBLISHED
# What the Editors group may view, add, change and delete.
CONTENT_MODELS = {
    "corpus": [
        "article",
        "actor",
        "organization",
        "authorship",
        "comment",
        "mention",
        "annotation",
        "claim",
        "taggedarticle",
        "taggedannotation",
        "taggedclaim",
        "importbatch",
        "importfile",
        "mentionproposal",
        "namecandidate",
    ],
    "taggit": ["tag"],
}
ACTIONS = ["view", "add", "change", "delete"]
PUBLISH_PERMISSIONS = ["publish_article", "publish_annotation", "publish_claim"]


def ensure_groups(**kwargs) -> None:
    """Create the Editors and Reviewers groups if they are missing (migration
    0006 creates them; `flush` empties them away). Existing groups are left as
    an administrator may have changed them. Runs after every migrate and flush."""
    from django.contrib.auth.models import Group, Permission
    from django.db.models import Q

    if Group.objects.filter(name__in=[EDITORS, REVIEWERS]).count() == 2:
        return
    editing = Q(pk__in=[])
    for app_label, models in CONTENT_MODELS.items():
        codenames = [f"{action}_{model}" for model in models for action in ACTIONS]
        editing |= Q(content_type__app_label=app_label, codename__in=codenames)
    publishing = Q(content_type__app_label="corpus", codename__in=PUBLISH_PERMISSIONS)
    editors, created = Group.objects.get_or_create(name=EDITORS)
    if created:
        editors.permissions.set(Permission.objects.filter(editing))
    reviewers, created = Group.objects.get_or_create(name=REVIEWERS)
    if created:
        reviewers.permissions.set(Permission.objects.filter(editing | publishing))


def publish_permission(model) -> str:
    """The permission needed to publish or unpublish records of `model`."""
    return f"{model._meta.app_label}.publish_{model._meta.model_name}"


def can_publish(user, model) -> bool:
    return user.has_perm(publish_permission(model))


def may_change_status(user, model, old: str | None, new: str) -> bool:
    """Whether `user` may move a record of `model` from status `old` to `new`
    (old is None for a new record)."""
    if old == new or PUBLISHED not in (old, new):
        return True
    return can_publish(user, model)


def may_edit(user, obj) -> bool:
    """A published record's public content changes only with the publish permission:
    an editor's change to a published note or claim would otherwise be public at once,
    unreviewed (README "Editorial workflow"). Drafts and records in review: anyone who
    may change them."""
    return obj.status != PUBLISHED or can_publish(user, type(obj))


def why_not_publishable(obj) -> str:
    """Why `obj` cannot be published as it is, or "" when it can."""
    if getattr(obj, "anchor", "anchored") != "anchored":
        return "its passage is orphaned: place it in the text first"
    return ""


def change_status(objects, new: str, user, reason: str) -> tuple[list, list[tuple]]:
    """Move each record to status `new`, one save each so that the history
    records who did it and why; records carrying a version have it bumped.
    Returns (changed, refused) where refused holds (record, why) pairs.
    Raises PermissionDenied if the user may not make this change at all."""
    changed, refused = [], []
    with transaction.atomic():
        for obj in objects:
            if obj.status == new:
                continue
            if not may_change_status(user, type(obj), obj.status, new):
                raise PermissionDenied(f"You may not {reason.lower()} {obj._meta.verbose_name}.")
            if new == PUBLISHED and (why := why_not_publishable(obj)):
                refused.append((obj, why))
                continue
            obj.status = new
            if hasattr(obj, "version"):
                obj.version += 1
            obj._change_reason = reason
            obj.save()
            changed.append(obj)
    return changed, refused


# -- in the admin ----------------------------------------------------------------


class WorkflowForm(forms.ModelForm):
    """Refuses a status change the editor may not make, whatever the path (change
    form, revert from history): publishing needs the publish permission."""

    editor = None  # set by WorkflowAdminMixin.get_form

    def clean(self):
        cleaned = super().clean()
        model = self._meta.model
        new = cleaned.get("status", self.instance.status)
        old = (
            model.objects.filter(pk=self.instance.pk).values_list("status", flat=True).first()
            if self.instance.pk
            else None
        )
        if self.editor is not None and not may_change_status(self.editor, model, old, new):
            raise forms.ValidationError(
                f"Only a reviewer may publish or unpublish {model._meta.verbose_name_plural}; "
                "submit it for review instead.",
                code="publish_permission",
            )
        if new == PUBLISHED and old != PUBLISHED and (why := why_not_publishable(self.instance)):
            raise forms.ValidationError(f"This cannot be published: {why}.", code="unpublishable")
        return cleaned


class WorkflowAdminMixin:
    """Bulk status actions and status guards for a ModelAdmin whose model has a
    `status` and a `publish_<model>` permission; its form must be a WorkflowForm."""

    actions = ["submit_for_review", "return_to_draft", "publish", "unpublish"]
    # Whether a published record is read-only to those who may not publish (may_edit).
    published_needs_publisher = False

    def has_publish_permission(self, request) -> bool:
        return can_publish(request.user, self.model)

    def has_change_permission(self, request, obj=None):
        if self.published_needs_publisher and obj is not None and not may_edit(request.user, obj):
            return False  # shown read-only: a reviewer changes what the public reads
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        # Deleting published material withdraws it from the public: a reviewer's call.
        if obj is not None and obj.status == PUBLISHED and not can_publish(request.user, type(obj)):
            return False
        return super().has_delete_permission(request, obj)

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        return type(form.__name__, (form,), {"editor": request.user})

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if obj is not None and obj.status == PUBLISHED and not self.has_publish_permission(request):
            readonly.append("status")
        return readonly

    def formfield_for_choice_field(self, db_field, request, **kwargs):
        if db_field.name == "status" and not self.has_publish_permission(request):
            kwargs["choices"] = [(v, label) for v, label in Status.choices if v != PUBLISHED]
        return super().formfield_for_choice_field(db_field, request, **kwargs)

    def _change_status(self, request, queryset, new: str, verb: str):
        changed, refused = change_status(queryset, new, request.user, verb)
        names = self.model._meta.verbose_name_plural
        self.message_user(request, f"{verb}: {len(changed)} {names}.", messages.SUCCESS)
        for obj, why in refused:
            self.message_user(request, f"Not published, “{obj}”: {why}.", messages.WARNING)

    @admin.action(description="Submit selected for review")
    def submit_for_review(self, request, queryset):
        self._change_status(
            request, queryset.filter(status=Status.DRAFT), Status.REVIEW, "Submitted for review"
        )

    @admin.action(description="Return selected to draft")
    def return_to_draft(self, request, queryset):
        self._change_status(
            request, queryset.filter(status=Status.REVIEW), Status.DRAFT, "Returned to draft"
        )

    @admin.action(description="Publish selected", permissions=["publish"])
    def publish(self, request, queryset):
        self._change_status(request, queryset, PUBLISHED, "Published")

    @admin.action(description="Unpublish selected (back to draft)", permissions=["publish"])
    def unpublish(self, request, queryset):
        self._change_status(request, queryset.filter(status=PUBLISHED), Status.DRAFT, "Unpublished")
