"""An article's annotations in the W3C Web Annotation Data Model (JSON-LD),
https://www.w3.org/TR/annotation-model/, so other tools can read them.

Each annotation targets the article's reading page with both selectors the
archive stores (TextPositionSelector and TextQuoteSelector). The note is a
TextualBody; tags, people and organizations are SpecificResources pointing
at their pages; a claim is a TextualBody saying who said it. Editors are
not named: `creator` is left out.
"""

from django.urls import reverse

from corpus.models.notes import sanitize_note

CONTEXT = "http://www.w3.org/ns/anno.jsonld"
CONTENT_TYPE = f'application/ld+json; profile="{CONTEXT}"'
# The W3C motivation for each kind of annotation.
MOTIVATION = {
    "note": "commenting",
    "claim": "describing",
    "context": "describing",
    "entity": "identifying",
}


def _iso(moment) -> str:
    return moment.isoformat(timespec="seconds")


def claim_text(claim) -> str:
    form = claim.get_form_display().lower()
    return f"{claim.claimant.name} ({form}, {claim.get_kind_display().lower()}): {claim.text}"


def annotation(annotation, claims, article_url: str, absolute) -> dict:
    """One Annotation. `absolute` turns a path into an absolute URL."""
    bodies = []
    if annotation.note:
        bodies.append(
            {
                "type": "TextualBody",
                # A note is a small HTML fragment (corpus.models.notes).
                "value": sanitize_note(annotation.note),
                "format": "text/html",
                "purpose": "commenting",
            }
        )
    bodies += [
        {
            "type": "TextualBody",
            "value": claim_text(claim),
            "format": "text/plain",
            "purpose": "describing",
        }
        for claim in claims
    ]
    bodies += [
        {
            "type": "SpecificResource",
            "purpose": "tagging",
            "source": absolute(reverse("tag_detail", args=[tag.slug])),
        }
        for tag in annotation.tags.all()
    ]
    entities = [*annotation.actors.all(), *annotation.organizations.all()]
    bodies += [
        {
            "type": "SpecificResource",
            "purpose": "identifying",
            "source": absolute(entity.get_absolute_url()),
        }
        for entity in entities
    ]
    item = {
        "id": absolute(reverse("annotation_detail", args=[annotation.uuid])),
        "type": "Annotation",
        "motivation": MOTIVATION.get(annotation.kind, "commenting") if bodies else "highlighting",
        "created": _iso(annotation.created),
        "modified": _iso(annotation.modified),
        "target": {
            "source": article_url,
            "selector": annotation.selectors,
        },
    }
    if bodies:
        item["body"] = bodies
    return item


def collection(article, entries, request) -> dict:
    """An AnnotationCollection holding every published annotation in one embedded page."""
    absolute = request.build_absolute_uri
    collection_id = absolute(reverse("article_annotations", args=[article.slug]))
    article_url = absolute(article.get_absolute_url())
    items = [annotation(e.annotation, e.claims, article_url, absolute) for e in entries]
    return {
        "@context": CONTEXT,
        "id": collection_id,
        "type": "AnnotationCollection",
        "label": f"Annotations on {article.display_title}",
        "total": len(items),
        "first": {
            "id": f"{collection_id}#page-1",
            "type": "AnnotationPage",
            "partOf": collection_id,
            "startIndex": 0,
            "items": items,
        },
    }
