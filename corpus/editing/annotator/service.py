"""Select-to-annotate: the checks an editor's request must pass, and the services
that create, edit and delete annotations (fields.py beside this says what the
browser may send; views.py holds the admin endpoints that call these).

Offsets are Unicode code points (Python str indices), as stored; the browser
counts UTF-16 code units and converts before it sends. Every write happens in
one transaction: the annotation, its tags and entities, and its claim, or
nothing. Every update carries the version it was based on (save_if_current).
"""

from django.contrib.admin.models import ADDITION, CHANGE, DELETION, LogEntry
from django.db import transaction

from corpus.editing.annotator.fields import (
    AnnotationFields,
    ClaimFields,
    PassageFields,
    Refused,
    VersionField,
    reason_for,
    validated,
)
from corpus.editing.versioning import StaleEdit, save_if_current
from corpus.editing.workflow import (
    may_change_status,
    may_edit,
    publish_permission,
    why_not_publishable,
)
from corpus.models import Annotation, Article, Claim, Status

PUBLISHED = Status.PUBLISHED
# What a reader sees of an annotation: changing any of it once published needs a reviewer.
CONTENT_KEYS = {"kind", "note", "tags", "actors", "organizations", "claim", "attach_claim"}


# --- Checks -----------------------------------------------------------------------


def check_passage(body: str, start: int, end: int, exact: str) -> None:
    if end == start:
        raise Refused("The selection is empty: select at least one character of the text.")
    if end < start:
        raise Refused(f"The selection ends (at {end}) before it starts (at {start}).")
    if end > len(body):
        raise Refused(
            f"The selection (characters {start}–{end}) runs past the end of the text, "
            f"which has {len(body)} characters."
        )
    if body[start:end] != exact:
        raise Refused(
            f"The selected text does not match the article at characters {start}–{end}. "
            "The text may have changed since this page was loaded: reload it and select again."
        )
    if not exact.strip():
        raise Refused("The selection holds only spaces: select some words.")


def check_no_overlap(article: Article, start: int, end: int) -> None:
    """Annotations may not overlap (mentions do not count; orphans have no place)."""
    overlapped = (
        Annotation.objects.filter(article=article, start__lt=end, end__gt=start)
        .exclude(anchor=Annotation.Anchor.ORPHANED)
        .order_by("start")
        .first()
    )
    if overlapped:
        quote = overlapped.exact if len(overlapped.exact) <= 80 else overlapped.exact[:79] + "…"
        raise Refused(
            f"The selection overlaps the annotated passage “{quote}” "
            f"(characters {overlapped.start}–{overlapped.end}). Select text outside it, "
            "or open that annotation to edit it."
        )


def require(user, *perms: str) -> None:
    for perm in perms:
        if not user.has_perm(perm):
            raise Refused(PERMISSION_MESSAGES.get(perm, f"You lack the {perm} permission."), 403)


PERMISSION_MESSAGES = {
    "corpus.add_annotation": "You may not add annotations.",
    "corpus.change_annotation": "You may not change annotations.",
    "corpus.delete_annotation": "You may not delete annotations.",
    "corpus.add_claim": "You may not add claims.",
    "corpus.change_claim": "You may not change claims.",
    "corpus.delete_claim": "You may not delete claims.",
    "corpus.publish_annotation": "Only a reviewer may delete a published annotation.",
    "corpus.publish_claim": "Only a reviewer may delete a published claim.",
}


def require_status_change(user, model, old: str | None, new: str) -> None:
    """Publishing and unpublishing are a reviewer's call (corpus/editing/workflow.py)."""
    if not may_change_status(user, model, old, new):
        raise Refused(
            f"Only a reviewer may publish or unpublish {model._meta.verbose_name_plural}; "
            "submit it for review instead.",
            status=403,
        )


# --- Services ---------------------------------------------------------------------


def create_annotation(user, article: Article, data: dict) -> Annotation:
    passage = validated(PassageFields, data)
    fields = validated(AnnotationFields, data)
    claim_data = claim_fields(data)
    reason, logged_as = reason_for(data, "Annotated on the article page")
    status = fields["status"] or Status.DRAFT
    require(user, "corpus.add_annotation")
    require_status_change(user, Annotation, None, status)
    if claim_data is not None:
        require(user, "corpus.add_claim")
        require_status_change(user, Claim, None, status)
    with transaction.atomic():
        # Locking the article serializes creates on it, so two overlapping ones cannot both pass.
        article = Article.objects.select_for_update().only("pk", "body").get(pk=article.pk)
        check_passage(article.body, passage["start"], passage["end"], passage["exact"])
        check_no_overlap(article, passage["start"], passage["end"])
        annotation = Annotation(article=article, author=user, status=status, note=fields["note"])
        annotation.kind = fields["kind"] or (
            Annotation.Kind.CLAIM if claim_data is not None else Annotation.Kind.NOTE
        )
        annotation.place(passage["start"], passage["end"], body=article.body)
        annotation._change_reason = reason
        annotation.save()
        annotation.tags.set(fields["tags"])
        annotation.actors.set(fields["actors"])
        annotation.organizations.set(fields["organizations"])
        if claim_data is not None:
            add_claim(annotation, claim_data)
        if attach_claim(user, annotation, data):
            follow_status(user, annotation)
        logged(user, annotation, ADDITION, logged_as)
    return annotation


def update_annotation(user, article: Article, uuid, data: dict) -> Annotation:
    """Change what `data` names (kind, status, note, tags, actors, organizations),
    add or attach a claim; the passage itself stays where it is."""
    version = validated(VersionField, data)["version"]
    fields = validated(AnnotationFields, data)
    claim_data = claim_fields(data)
    reason, logged_as = reason_for(data, "Edited on the article page")
    require(user, "corpus.change_annotation")
    if claim_data is not None:
        require(user, "corpus.add_claim")
    with transaction.atomic():
        annotation = current_annotation(article, uuid)
        if CONTENT_KEYS & data.keys() and not may_edit(user, annotation):
            raise Refused(
                "This annotation is published: a change to it is public at once, so only a "
                "reviewer (who may publish) can make it. Ask one, or have it unpublished first.",
                status=403,
            )
        status_changes = bool(fields["status"]) and fields["status"] != annotation.status
        if status_changes:
            require_status_change(user, Annotation, annotation.status, fields["status"])
            if fields["status"] == PUBLISHED and (why := why_not_publishable(annotation)):
                raise Refused(f"This cannot be published: {why}.")
            annotation.status = fields["status"]
        if fields["kind"]:
            annotation.kind = fields["kind"]
        if "note" in data:
            annotation.note = fields["note"]
        annotation._change_reason = reason
        save_if_current(annotation, version)
        for name in ("tags", "actors", "organizations"):
            if name in data:
                getattr(annotation, name).set(fields[name])
        if claim_data is not None:
            require_status_change(user, Claim, None, annotation.status)
            add_claim(annotation, claim_data)
        if attach_claim(user, annotation, data) or status_changes:
            follow_status(user, annotation)
        logged(user, annotation, CHANGE, logged_as)
    return annotation


def delete_annotation(user, article: Article, uuid, data: dict) -> dict:
    version = validated(VersionField, data)["version"]
    reason, logged_as = reason_for(data, "Deleted on the article page")
    require(user, "corpus.delete_annotation")
    with transaction.atomic():
        annotation = current_annotation(article, uuid, lock=True)
        if annotation.version != version:
            raise StaleEdit(
                "This annotation was changed by someone else since you opened it "
                f"(your version {version}, now version {annotation.version}). "
                "Reload the page to see their change before you delete it."
            )
        if annotation.status == PUBLISHED:
            require(user, publish_permission(Annotation))
        claims = list(annotation.claims.select_for_update().order_by("pk"))
        if claims and data.get("delete_claims") is not True:
            quotes = "; ".join(f"“{claim.text[:60]}”" for claim in claims)
            raise Refused(
                f"This annotation carries {len(claims)} claim(s): {quotes}. Delete the claims "
                "with it (tick “Also delete its claims”), or move them to another passage first.",
                status=409,
            )
        if claims:
            require(user, "corpus.delete_claim")
            if any(claim.status == PUBLISHED for claim in claims):
                require(user, publish_permission(Claim))
            Claim.objects.filter(pk__in=[claim.pk for claim in claims]).delete()
        deleted = str(annotation.uuid)
        logged(user, annotation, DELETION, logged_as)
        annotation._change_reason = reason
        annotation.delete()
    return {"deleted": deleted, "claims_deleted": [claim.pk for claim in claims]}


def claim_fields(data: dict) -> dict | None:
    """The new claim the request asks for, validated, or None."""
    claim = data.get("claim")
    if claim in (None, False):
        return None
    if not isinstance(claim, dict):
        raise Refused("claim: send an object with the claimant, form, kind and text.")
    return validated(ClaimFields, claim, prefix="claim.")


def logged(user, annotation: Annotation, flag: int, message: str) -> None:
    """Record an annotator save in the admin's recent actions, as an admin form's would be."""
    LogEntry.objects.log_actions(user.pk, [annotation], flag, message, single_object=True)


def add_claim(annotation: Annotation, fields: dict) -> Claim:
    claim = Claim(
        annotation=annotation,
        claimant_actor=fields["claimant_actor"],
        claimant_organization=fields["claimant_organization"],
        form=fields["form"] or Claim.Form.QUOTE,
        kind=fields["kind"] or Claim.Kind.ASSESSMENT,
        text=fields["text"] or annotation.exact,
        status=annotation.status,
    )
    claim._change_reason = "Claimed on the article page"
    claim.save()
    # The claimant is named by the passage: linked with it, without asking the editor twice.
    if claim.claimant_actor_id:
        annotation.actors.add(claim.claimant_actor)
    else:
        annotation.organizations.add(claim.claimant_organization)
    return claim


def attach_claim(user, annotation: Annotation, data: dict) -> bool:
    """Move an existing claim of the same article onto this passage, if asked."""
    claim_id = data.get("attach_claim")
    if claim_id in (None, ""):
        return False
    require(user, "corpus.change_claim")
    try:
        claim = (
            Claim.objects.select_for_update()
            .filter(annotation__article_id=annotation.article_id)
            .get(pk=int(claim_id))
        )
    except (Claim.DoesNotExist, TypeError, ValueError):
        raise Refused(f"attach_claim: {claim_id} is not a claim of this article.") from None
    claim.annotation = annotation
    claim._change_reason = "Moved to another passage on the article page"
    save_if_current(claim, claim.version)
    return True


def follow_status(user, annotation: Annotation) -> None:
    """The claims on a passage take its status: publishing one publishes both."""
    for claim in annotation.claims.select_for_update().exclude(status=annotation.status):
        require(user, "corpus.change_claim")
        require_status_change(user, Claim, claim.status, annotation.status)
        claim.status = annotation.status
        claim._change_reason = "Status follows its passage on the article page"
        save_if_current(claim, claim.version)


def current_annotation(article: Article, uuid, lock: bool = False) -> Annotation:
    annotations = Annotation.objects.select_for_update() if lock else Annotation.objects
    try:
        return annotations.get(article=article, uuid=uuid)
    except Annotation.DoesNotExist:
        raise Refused("This annotation was deleted by someone else.", status=409) from None


# --- What the browser gets back ---------------------------------------------------
