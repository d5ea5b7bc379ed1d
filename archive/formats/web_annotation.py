"""Annotations in the W3C Web Annotation Data Model (JSON-LD),
https://www.w3.org/TR/annotation-model/, so other tools can read them.

Each annotation targets the article's reading page. Its passage is counted in
characters of the article's text, which the page holds in `#article-body` (its text
content is the body exactly), so each selector is refined from that CSS selector:
the position, and the quote with its context. A bare TextQuoteSelector follows for
clients that do not refine selectors (Hypothesis anchors on it anywhere in the page).
The note is a TextualBody; tags, people and organizations are SpecificResources
pointing at their pages, people and organizations with their authority record as
`sameAs` (schema.org) where an editor set one; a claim is a TextualBody saying who
said it. Editors are not named: `creator` is left out.

An article's annotations are a paged AnnotationCollection; `?page=N` is its page N.
"""

from django.urls import reverse

from corpus.models.notes import sanitize_note

CONTEXT = "http://www.w3.org/ns/anno.jsonld"
# Where an identifying body's authority record (Wikidata, VIAF) goes: schema:sameAs.
SAME_AS = {"schema": "http://schema.org/", "sameAs": {"@id": "schema:sameAs", "@type": "@id"}}
CONTEXTS = [CONTEXT, SAME_AS]
CONTENT_TYPE = f'application/ld+json; profile="{CONTEXT}"'
# The reading page's element whose text content is the article's body.
BODY_SELECTOR = "#article-body"
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


def target(annotation, article_url: str) -> dict:
    position, quote = annotation.selectors
    return {
        "type": "SpecificResource",
        "source": article_url,
        "selector": [
            {"type": "CssSelector", "value": BODY_SELECTOR, "refinedBy": position},
            {"type": "CssSelector", "value": BODY_SELECTOR, "refinedBy": quote},
            quote,
        ],
    }


def _entity_body(entity, absolute) -> dict:
    body = {
        "type": "SpecificResource",
        "purpose": "identifying",
        "source": absolute(entity.get_absolute_url()),
    }
    if entity.authority_url:
        body["sameAs"] = entity.authority_url
    return body


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
    bodies += [_entity_body(entity, absolute) for entity in entities]
    item = {
        "id": absolute(reverse("annotation_detail", args=[annotation.uuid])),
        "type": "Annotation",
        "motivation": MOTIVATION.get(annotation.kind, "commenting") if bodies else "highlighting",
        "created": _iso(annotation.created),
        "modified": _iso(annotation.modified),
        "target": target(annotation, article_url),
    }
    if bodies:
        item["body"] = bodies
    return item


def single(entry, absolute) -> dict:
    """One annotation as a document of its own (its permanent link, as JSON-LD)."""
    url = absolute(entry.annotation.article.get_absolute_url())
    return {"@context": CONTEXTS, **annotation(entry.annotation, entry.claims, url, absolute)}


def _collection_id(article, absolute) -> str:
    return absolute(reverse("article_annotations", args=[article.slug]))


def _collection(article, page, absolute) -> dict:
    """The collection's own description: what a page says it is part of."""
    return {
        "id": _collection_id(article, absolute),
        "type": "AnnotationCollection",
        "label": f"Annotations on {article.display_title}",
        "total": page.paginator.count,
    }


def links(article, page, absolute) -> dict[str, str]:
    """Page `page`'s first, last, next and prev pages (rel -> URL), as its Link header
    and its `next` and `prev` name them."""
    collection_id = _collection_id(article, absolute)
    numbers = {"first": 1, "last": page.paginator.num_pages}
    if page.has_next():
        numbers["next"] = page.next_page_number()
    if page.has_previous():
        numbers["prev"] = page.previous_page_number()
    return {rel: f"{collection_id}?page={number}" for rel, number in numbers.items()}


def _page(article, page, entries, absolute) -> dict:
    article_url = absolute(article.get_absolute_url())
    neighbours = links(article, page, absolute)
    return {
        "id": f"{_collection_id(article, absolute)}?page={page.number}",
        "type": "AnnotationPage",
        "partOf": _collection_id(article, absolute),
        "startIndex": page.start_index() - 1 if page.paginator.count else 0,
        **{rel: neighbours[rel] for rel in ("next", "prev") if rel in neighbours},
        "items": [annotation(e.annotation, e.claims, article_url, absolute) for e in entries],
    }


def collection(article, page, entries, absolute) -> dict:
    """The AnnotationCollection, its first page embedded (`page` is page 1)."""
    document = {"@context": CONTEXTS, **_collection(article, page, absolute)}
    if page.paginator.count:
        document["first"] = _page(article, page, entries, absolute)
        document["last"] = links(article, page, absolute)["last"]
    return document


def page_document(article, page, entries, absolute) -> dict:
    """Page N of the collection, as a document of its own."""
    document = {"@context": CONTEXTS, **_page(article, page, entries, absolute)}
    document["partOf"] = _collection(article, page, absolute)
    return document
