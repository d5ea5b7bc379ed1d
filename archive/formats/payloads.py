"""The public JSON shapes. Views build one context; HTML renders it and
`?format=json` serializes it with these functions, so the two cannot drift."""

from django.urls import reverse

from corpus.models.notes import sanitize_note


def entity_ref(entity) -> dict:
    return {"slug": entity.slug, "name": entity.name}


def article_summary(article, request) -> dict:
    return {
        "slug": article.slug,
        "title": article.title,
        "title_supplied": article.title_supplied,
        "url": request.build_absolute_uri(article.get_absolute_url()),
        "source_file": article.source_file,
        "publication": entity_ref(article.publication) if article.publication else None,
        "authors": [entity_ref(author) for author in article.authors.all()],
        "date": article.date_edtf or None,
        "year": article.year,
    }


def article_detail(article, context, request) -> dict:
    return {
        **article_summary(article, request),
        "display_title": article.display_title,
        "publication_evidence": article.publication_evidence,
        "date_detail": {
            "edtf": article.date_edtf or None,
            "start": article.date_start,
            "end": article.date_end,
            "certainty": article.date_certainty,
            "evidence": article.date_evidence,
        },
        "volume": article.volume,
        "issue": article.issue,
        "source_url": article.source_url,
        "raw_sha256": article.raw_sha256,
        "raw_source": article.raw_source,
        "body": article.body,
        "tags": [tag.slug for tag in article.tags.all()],
        "comments": [
            {
                "author": c.author or None,
                "posted": c.posted,
                "posted_on": c.posted_on,
                "text": c.text,
            }
            for c in article.comments.all()
        ],
        "actors": [entity_count(actor) for actor in context["actors"]],
        "organizations": [
            {
                **entity_count(org),
                "stand_in_mentions": org.stand_in_count,
                "stand_in_names": org.stand_in_names,
            }
            for org in context["organizations"]
        ],
        "mentions": [
            {
                "type": "actor" if m.actor_id else "organization",
                "slug": m.entity.slug,
                "start": m.start,
                "end": m.end,
                # The text uses a place or building here for the body ("Moscow" for Russia).
                "stand_in": m.stand_in,
            }
            for m in context["mentions"]
        ],
        "annotations": [annotation_payload(a) for a in context["annotations"]],
        "claims": [claim_payload(c, request) for c in context["claims"]],
    }


def entity_count(entity) -> dict:
    return {**entity_ref(entity), "mentions": entity.mention_count}


def annotation_payload(annotation) -> dict:
    return {
        "id": str(annotation.uuid),
        "kind": annotation.kind,
        # Sanitized as on the page and in the JSON-LD: a note is HTML a client may insert.
        "note": sanitize_note(annotation.note),
        "start": annotation.start,
        "end": annotation.end,
        "exact": annotation.exact,
        "selectors": annotation.selectors,
        "tags": [tag.slug for tag in annotation.tags.all()],
        "actors": [entity_ref(a) for a in annotation.actors.all()],
        "organizations": [entity_ref(o) for o in annotation.organizations.all()],
        "created": annotation.created,
        "modified": annotation.modified,
    }


def claimant_ref(claim) -> dict:
    kind = "actor" if claim.claimant_actor_id else "organization"
    return {"type": kind, **entity_ref(claim.claimant)}


def claim_payload(claim, request) -> dict:
    article = claim.annotation.article
    return {
        "id": claim.pk,
        "text": claim.text,
        "form": claim.form,
        "kind": claim.kind,
        "claimant": claimant_ref(claim),
        "article": {
            "slug": article.slug,
            "source_file": article.source_file,
            "url": request.build_absolute_uri(article.get_absolute_url()),
        },
        "annotation": str(claim.annotation.uuid),
        "quote": claim.annotation.exact,
        "start": claim.annotation.start,
        "end": claim.annotation.end,
    }


def entity_summary(entity, request) -> dict:
    return {
        "slug": entity.slug,
        "name": entity.name,
        "aliases": entity.aliases,
        "article_count": entity.article_count,
        "url": request.build_absolute_uri(entity.get_absolute_url()),
    }


def entity_detail(entity, context, request) -> dict:
    payload = {
        "type": context["entity_type"],
        **entity_summary(entity, request),
        "description": entity.description,
        "authority_url": entity.authority_url or None,
        "articles": [
            {**article_summary(a, request), "mentions": a.mention_count}
            for a in context["articles"]
        ],
        "claims": [claim_payload(c, request) for c in context["claims"]],
        "claims_about": [claim_payload(c, request) for c in context["claims_about"]],
        "co_mentioned": {
            "actors": [co_mention(e, request) for e in context["co_actors"]],
            "organizations": [co_mention(e, request) for e in context["co_organizations"]],
        },
    }
    if "authored" in context:
        payload["authored"] = [article_summary(a, request) for a in context["authored"]]
    if "published" in context:
        payload["published_count"] = entity.published_count
        payload["published"] = [article_summary(a, request) for a in context["published"]]
    if "parent" in context:
        payload.update(
            acronym=entity.acronym,
            stand_ins=entity.stand_ins,
            kind=entity.kind,
            parent=entity_ref(entity.parent) if entity.parent else None,
            members=[entity_ref(m) for m in context["members"]],
            member_of=[entity_ref(m) for m in context["member_of"]],
            children=[entity_ref(m) for m in context["children"]],
        )
    return payload


def co_mention(entity, request) -> dict:
    return {
        **entity_ref(entity),
        "shared_articles": entity.shared_articles,
        "url": request.build_absolute_uri(entity.get_absolute_url()),
    }


def entity_list_payload(context, request) -> dict:
    def row(entity):
        summary = entity_summary(entity, request)
        if "kinds" in context:
            summary.update(acronym=entity.acronym, kind=entity.kind)
        return summary

    payload = page_payload(context["page"], request, [row(e) for e in context["entities"]])
    payload["q"] = context["q"]
    if "kinds" in context:
        payload["facets"] = {"kind": context["kinds"]}
    return payload


def page_payload(page, request, results) -> dict:
    def link(number):
        query = request.GET.copy()
        query["page"] = number
        return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")

    return {
        "count": page.paginator.count,
        "next": link(page.next_page_number()) if page.has_next() else None,
        "previous": link(page.previous_page_number()) if page.has_previous() else None,
        "results": results,
    }


def network_payload(context, request) -> dict:
    """The co-mention network: positioned nodes and weighted edges, as drawn."""
    network = context["network"]

    def node(n):
        return {
            "id": n.id,
            "type": n.type,
            "slug": n.slug,
            "name": n.name,
            "label": n.label,
            "article_count": n.article_count,
            "url": request.build_absolute_uri(n.url),
            "x": n.x,
            "y": n.y,
            "r": n.r,
        }

    return {
        "params": context["params"],
        **year_scope(context),
        "nodes": [node(n) for n in network.nodes],
        "edges": [
            {"source": e.source.id, "target": e.target.id, "weight": e.weight}
            for e in network.edges
        ],
        "unlinked": [node(n) for n in network.unlinked],
    }


def year_scope(context) -> dict:
    """Which year a picture counts (None: every year) and the years it could show."""
    return {
        "year": context["year"],
        "years": [{"year": y["year"], "count": y["count"]} for y in context["years"]],
    }


def timeline_payload(context, request) -> dict:
    timeline = context["timeline"]
    page = page_payload(context["page"], request, [])
    return {
        **year_scope(context),
        "count": page["count"],
        "next": page["next"],
        "previous": page["previous"],
        "first_year": timeline.first_year,
        "last_year": timeline.last_year,
        "highlight": [{"type": e._meta.model_name, **entity_ref(e)} for e in context["highlight"]],
        "articles": [
            {
                **article_summary(mark.article, request),
                "start": mark.article.date_start,
                "end": mark.article.date_end,
                "certainty": mark.article.date_certainty,
                "style": mark.style,
                "highlighted": mark.highlighted,
            }
            for mark in timeline.marks
        ],
        "undated": [article_summary(a, request) for a in timeline.undated],
    }


def tag_summary(tag, request) -> dict:
    return {
        "slug": tag.slug,
        "name": tag.name,
        "article_count": tag.article_count,
        "annotation_count": tag.annotation_count,
        "claim_count": tag.claim_count,
        "url": request.build_absolute_uri(reverse("tag_detail", args=[tag.slug])),
    }


def tag_detail(tag, context, request) -> dict:
    return {
        **tag_summary(tag, request),
        # Always false now that passages have running totals (PassageTagTotal); it
        # said the count was capped, and stays so that clients reading it keep working.
        "annotation_count_is_lower_bound": False,
        "articles": [article_summary(a, request) for a in context["articles"]],
        "annotations": [
            {**annotation_payload(a), "article": a.article.slug} for a in context["annotations"]
        ],
        "claims": [claim_payload(c, request) for c in context["claims"]],
    }


def reading_page(context, request) -> dict:
    """The reading page: the article's detail plus what the page sets around the text
    (numbered annotations with permanent links, acronyms, related articles, citations)."""
    from archive.formats import citations

    article = context["article"]
    absolute = request.build_absolute_uri
    payload = article_detail(article, context, request)
    entries = {entry.uuid: entry for entry in context["entries"]}
    payload["annotations"] = [
        {
            **row,
            "number": entries[row["id"]].number,
            "permalink": absolute(entries[row["id"]].permalink),
        }
        for row in payload["annotations"]
    ]
    payload.update(
        date_text=context["date_text"] or None,
        glossary=[
            {**entity_ref(o), "acronym": o.acronym, "url": absolute(o.get_absolute_url())}
            for o in context["glossary"]
        ],
        related=[
            {
                "slug": a.slug,
                "title": a.display_title,
                "url": absolute(a.get_absolute_url()),
                "date": a.date_edtf or None,
                "shared_count": a.shared_count,
                "shared_actors": a.shared_actors,
                "shared_organizations": a.shared_organizations,
            }
            for a in context["related"]
        ],
        citation={
            "chicago": citations.chicago(article, absolute(article.get_absolute_url())),
            **{
                style: absolute(reverse("article_citation", args=[article.slug, style]))
                for style in context["citation_styles"]
            },
        },
        web_annotations=absolute(reverse("article_annotations", args=[article.slug])),
        tei=absolute(reverse("article_tei", args=[article.slug])),
    )
    return payload


def annotation_permalink(annotation, claims, request) -> dict:
    """A passage's permanent link as JSON: the annotation, its article and claims."""
    article = annotation.article
    absolute = request.build_absolute_uri
    return {
        **annotation_payload(annotation),
        "permalink": absolute(reverse("annotation_detail", args=[annotation.uuid])),
        "passage_url": absolute(f"{article.get_absolute_url()}#annotation-{annotation.uuid}"),
        "article": {
            "slug": article.slug,
            "title": article.display_title,
            "url": absolute(article.get_absolute_url()),
        },
        "claims": [claim_payload(c, request) for c in claims],
    }
