"""The annotator on the Article change page: the JSON it starts from, and the
endpoints under the admin it saves through (wrapped by ArticleAdmin.get_urls in
admin_view: staff only, CSRF checked). The work is done in service.py beside this.
"""

import json

from django.db.models import Prefetch
from django.http import JsonResponse
from django.urls import reverse
from django.views.decorators.http import require_POST

from corpus.editing.annotator.service import (
    Refused,
    create_annotation,
    delete_annotation,
    update_annotation,
)
from corpus.editing.annotator.tags import known_tag_names
from corpus.editing.versioning import StaleEdit
from corpus.models import Annotation, Article, Claim, Status

# A placeholder the browser replaces with an annotation's uuid to build its URLs.
UUID_PLACEHOLDER = "00000000-0000-0000-0000-000000000000"


def for_editing(annotations):
    return annotations.prefetch_related(
        "tags",
        "actors",
        "organizations",
        Prefetch(
            "claims",
            queryset=Claim.objects.select_related(
                "claimant_actor", "claimant_organization"
            ).order_by("pk"),
        ),
    ).order_by("start", "-end")


def entity_ref(entity) -> dict:
    return {"id": entity.pk, "name": str(entity)}


def claim_payload(claim: Claim) -> dict:
    claimant = claim.claimant
    return {
        "id": claim.pk,
        "text": claim.text,
        "form": claim.form,
        "kind": claim.kind,
        "status": claim.status,
        "version": claim.version,
        "claimant": {"type": "actor" if claim.claimant_actor_id else "organization"}
        | entity_ref(claimant),
        "admin_url": reverse("admin:corpus_claim_change", args=[claim.pk]),
    }


def annotation_payload(annotation: Annotation) -> dict:
    return {
        "uuid": str(annotation.uuid),
        "start": annotation.start,
        "end": annotation.end,
        "exact": annotation.exact,
        "anchor": annotation.anchor,
        "kind": annotation.kind,
        "status": annotation.status,
        "note": annotation.note,
        "tags": sorted((tag.name for tag in annotation.tags.all()), key=str.casefold),
        "actors": [entity_ref(actor) for actor in annotation.actors.all()],
        "organizations": [entity_ref(org) for org in annotation.organizations.all()],
        "claims": [claim_payload(claim) for claim in annotation.claims.all()],
        "version": annotation.version,
        "admin_url": reverse("admin:corpus_annotation_change", args=[annotation.pk]),
    }


def saved_payload(annotation: Annotation) -> dict:
    return annotation_payload(for_editing(Annotation.objects.filter(pk=annotation.pk)).get())


def editor_payload(request, article: Article) -> dict:
    """Everything the annotator on the change page needs, in one JSON script."""
    user = request.user
    mentions = article.mentions.select_related("actor", "organization").order_by("start")
    return {
        "body": article.body,
        "annotations": [
            annotation_payload(a) for a in for_editing(Annotation.objects.filter(article=article))
        ],
        "mentions": [
            {
                "start": m.start,
                "end": m.end,
                "type": "actor" if m.actor_id else "organization",
                **entity_ref(m.entity),
            }
            for m in mentions
        ],
        "urls": {
            "create": reverse("admin:corpus_article_annotations", args=[article.pk]),
            "update": reverse(
                "admin:corpus_article_annotation", args=[article.pk, UUID_PLACEHOLDER]
            ),
            "delete": reverse(
                "admin:corpus_article_annotation_delete", args=[article.pk, UUID_PLACEHOLDER]
            ),
            "autocomplete": reverse("admin:autocomplete"),
        },
        "placeholder": UUID_PLACEHOLDER,
        "tags": known_tag_names(),
        "perms": {
            name: user.has_perm(f"corpus.{name}")
            for name in (
                "add_annotation",
                "change_annotation",
                "delete_annotation",
                "add_claim",
                "change_claim",
                "delete_claim",
                "publish_annotation",
                "publish_claim",
            )
        },
        "choices": {
            "kind": Annotation.Kind.choices,
            "status": Status.choices,
            "claim_form": Claim.Form.choices,
            "claim_kind": Claim.Kind.choices,
        },
    }


# --- Views ---------------------------------------------------------------------


def read_json(request) -> dict:
    try:
        data = json.loads(request.body or b"")
    except (ValueError, UnicodeDecodeError):
        raise Refused("The request body is not valid JSON.") from None
    if not isinstance(data, dict):
        raise Refused("The request body must be a JSON object.")
    for name in ("tags", "new_tags"):
        if isinstance(data.get(name), list):
            # Tags may come as a list as well as a comma-separated string.
            data[name] = ", ".join(tag for tag in data[name] if isinstance(tag, str))
    return data


def answer(action, status=200):
    try:
        result = action()
    except Refused as refused:
        return refused.response()
    except StaleEdit as stale:
        return JsonResponse({"error": str(stale), "errors": {}}, status=409)
    if isinstance(result, Annotation):
        result = saved_payload(result)
    return JsonResponse(result, status=status, json_dumps_params={"ensure_ascii": False})


def article_or_none(article_id):
    return Article.objects.filter(pk=article_id).only("pk", "body").first()


def not_found() -> JsonResponse:
    return JsonResponse({"error": "No such article.", "errors": {}}, status=404)


@require_POST
def create_view(request, article_id):
    article = article_or_none(article_id)
    if article is None:
        return not_found()
    return answer(lambda: create_annotation(request.user, article, read_json(request)), status=201)


@require_POST
def update_view(request, article_id, uuid):
    article = article_or_none(article_id)
    if article is None:
        return not_found()
    return answer(lambda: update_annotation(request.user, article, uuid, read_json(request)))


@require_POST
def delete_view(request, article_id, uuid):
    article = article_or_none(article_id)
    if article is None:
        return not_found()
    return answer(lambda: delete_annotation(request.user, article, uuid, read_json(request)))
