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

Groups (created by migration 0006; `manage.py create_editor NAME [--reviewer]`):
    "Editors"   view/add/change/delete on the archive's content and tags;
                no publishing, no user or group administration;
    "Reviewers" the Editors' permissions plus the three publish permissions.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction

from corpus.models import Status

EDITORS = "Editors"
REVIEWERS = "Reviewers"
PUBLISHED = Status.PUBLISHED


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
