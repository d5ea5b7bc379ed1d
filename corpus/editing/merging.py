"""Merging duplicate people or organizations into one: every mention, claim, link,
byline and publication moves to the survivor, which keeps their names as aliases
and their slugs as former slugs (the old URLs redirect)."""

from collections import Counter
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Q
from simple_history.utils import bulk_update_with_history

from corpus.models import (
    Actor,
    Annotation,
    Article,
    Authorship,
    Claim,
    Mention,
    MentionProposal,
    NameCandidate,
    Organization,
)


@dataclass
class MergeResult:
    survivor: Actor | Organization
    merged: list[str]
    moved: Counter = field(default_factory=Counter)


# django-simple-history keeps a change reason of at most 100 characters.
REASON_LENGTH = 100


def merge_reason(survivor, duplicates) -> str:
    names = ", ".join(f"“{d.name}”" for d in duplicates)
    reason = f"Merged {names} into “{survivor.name}”"
    if len(reason) <= REASON_LENGTH:
        return reason
    return f"Merged {len(duplicates)} records into “{survivor.name}”"[: REASON_LENGTH - 1] + "…"


def merge_entities(survivor, duplicates) -> MergeResult:
    """Fold `duplicates` into `survivor`, in one transaction: their mentions,
    claims, annotation links, bylines (people), publications, parent and
    members (organizations) move to the survivor; their names and aliases
    become the survivor's aliases and their slugs its former slugs (so their
    URLs redirect to it); then they are deleted. Every changed record
    gets a history entry saying so."""
    model = type(survivor)
    duplicates = [d for d in duplicates if d.pk != survivor.pk]
    if not duplicates:
        raise ValueError("Choose at least one record to merge into the one that stays.")
    if any(type(d) is not model for d in duplicates):
        raise ValueError("Only records of the same kind can be merged.")
    role = "actor" if model is Actor else "organization"
    ids = [d.pk for d in duplicates]
    reason = merge_reason(survivor, duplicates)
    result = MergeResult(survivor, [d.name for d in duplicates])
    with transaction.atomic():
        list(model.objects.select_for_update().filter(pk__in=[survivor.pk, *ids]))
        result.moved["mentions"] = _move_mentions(survivor, ids, role, reason)
        result.moved["claims"] = _move_claims(survivor, ids, role, reason)
        result.moved["annotations"] = _move_annotation_links(survivor, ids, role, reason)
        result.moved["decisions"] = _move_decisions(survivor, ids, role)
        if model is Actor:
            result.moved["bylines"] = _move_bylines(survivor, ids, reason)
        else:
            result.moved.update(_move_organization_links(survivor, duplicates, reason))
        _keep_names(survivor, duplicates)
        _keep_slugs(survivor, duplicates)
        survivor._change_reason = reason
        survivor.save()
        for duplicate in duplicates:
            duplicate._change_reason = reason
            duplicate.delete()
    return result


def _move_mentions(survivor, ids, role: str, reason: str) -> int:
    taken = set(
        Mention.objects.filter(**{role: survivor}, anchor=Mention.Anchor.ANCHORED).values_list(
            "article_id", "start", "end"
        )
    )
    moved, duplicate_spans = [], []
    for mention in Mention.objects.filter(**{f"{role}__in": ids}).order_by("pk"):
        span = (mention.article_id, mention.start, mention.end)
        if mention.anchor == Mention.Anchor.ANCHORED:
            if span in taken:
                # The survivor is already mentioned there: one mention of it is enough.
                duplicate_spans.append(mention.pk)
                continue
            taken.add(span)
        setattr(mention, f"{role}_id", survivor.pk)
        moved.append(mention)
    Mention.objects.filter(pk__in=duplicate_spans).delete()
    bulk_update_with_history(moved, Mention, [role], default_change_reason=reason)
    return len(moved)


def _move_claims(survivor, ids, role: str, reason: str) -> int:
    claims = list(Claim.objects.filter(**{f"claimant_{role}__in": ids}))
    for claim in claims:
        setattr(claim, f"claimant_{role}_id", survivor.pk)
        claim.version += 1
    bulk_update_with_history(
        claims, Claim, [f"claimant_{role}", "version"], default_change_reason=reason
    )
    return len(claims)


def _move_annotation_links(survivor, ids, role: str, reason: str) -> int:
    through = getattr(Annotation, f"{role}s").through
    linked = set(
        through.objects.filter(**{f"{role}_id__in": ids}).values_list("annotation_id", flat=True)
    )
    already = set(
        through.objects.filter(**{f"{role}_id": survivor.pk}, annotation_id__in=linked).values_list(
            "annotation_id", flat=True
        )
    )
    through.objects.filter(**{f"{role}_id__in": ids}).delete()
    through.objects.bulk_create(
        through(annotation_id=annotation_id, **{f"{role}_id": survivor.pk})
        for annotation_id in sorted(linked - already)
    )
    # One history entry per annotation, with its links as they are now.
    for annotation in Annotation.objects.filter(pk__in=linked):
        annotation.version += 1
        annotation._change_reason = reason
        annotation.save()
    return len(linked)


def _move_decisions(survivor, ids, role: str) -> int:
    """Editors' decisions about the duplicates hold for the survivor: a rejected link
    stays rejected and a name stays settled. Open proposals are asked again by the
    next matching, so they are dropped rather than doubled."""
    MentionProposal.objects.pending().filter(**{f"{role}__in": ids}).delete()
    moved = MentionProposal.objects.filter(**{f"{role}__in": ids}).update(**{role: survivor})
    NameCandidate.objects.filter(**{f"{role}__in": ids}).update(**{role: survivor})
    return moved


def _move_bylines(survivor, ids, reason: str) -> int:
    articles = set(Authorship.objects.filter(actor=survivor).values_list("article_id", flat=True))
    moved, doubled = [], []
    for authorship in Authorship.objects.filter(actor_id__in=ids).order_by("pk"):
        if authorship.article_id in articles:
            doubled.append(authorship.pk)
            continue
        articles.add(authorship.article_id)
        authorship.actor_id = survivor.pk
        moved.append(authorship)
    Authorship.objects.filter(pk__in=doubled).delete()
    bulk_update_with_history(moved, Authorship, ["actor"], default_change_reason=reason)
    return len(moved)


def _move_organization_links(survivor, duplicates, reason: str) -> Counter:
    ids = {d.pk for d in duplicates}
    moved = Counter()
    articles = list(Article.objects.filter(publication_id__in=ids))
    for article in articles:
        article.publication_id = survivor.pk
    bulk_update_with_history(articles, Article, ["publication"], default_change_reason=reason)
    moved["publications"] = len(articles)

    children = list(Organization.objects.filter(parent_id__in=ids).exclude(pk=survivor.pk))
    for child in children:
        child.parent_id = survivor.pk
    bulk_update_with_history(children, Organization, ["parent"], default_change_reason=reason)
    moved["parts"] = len(children)
    if survivor.parent_id is None or survivor.parent_id in ids:
        survivor.parent_id = next(
            (d.parent_id for d in duplicates if d.parent_id not in ids | {survivor.pk, None}), None
        )

    through = Organization.members.through
    rows = through.objects.filter(
        Q(from_organization_id__in=ids) | Q(to_organization_id__in=ids)
    ).values_list("from_organization_id", "to_organization_id")
    existing = set(
        through.objects.filter(
            Q(from_organization_id=survivor.pk) | Q(to_organization_id=survivor.pk)
        ).values_list("from_organization_id", "to_organization_id")
    )
    wanted = set()
    for source, target in rows:
        pair = (survivor.pk if source in ids else source, survivor.pk if target in ids else target)
        if pair[0] != pair[1] and pair not in existing:
            wanted.add(pair)
    through.objects.filter(Q(from_organization_id__in=ids) | Q(to_organization_id__in=ids)).delete()
    through.objects.bulk_create(
        through(from_organization_id=source, to_organization_id=target)
        for source, target in sorted(wanted)
    )
    moved["members"] = len(wanted)
    return moved


def _keep_names(survivor, duplicates) -> None:
    """Every name the duplicates went by becomes an alias of the survivor, their
    stand-in names its stand-in names, and what the survivor lacks (description,
    authority, acronym) it takes from them."""
    for duplicate in duplicates:
        for attribute in ("description", "authority_url", "acronym"):
            if hasattr(survivor, attribute) and not getattr(survivor, attribute):
                setattr(survivor, attribute, getattr(duplicate, attribute))
    own = {survivor.name, getattr(survivor, "acronym", "")}
    aliases = list(survivor.aliases)
    for duplicate in duplicates:
        aliases += [name for name in duplicate.names if name not in own and name not in aliases]
    survivor.aliases = aliases
    if hasattr(survivor, "stand_ins"):
        # A duplicate's stand-in names stand in for the survivor, and stay stand-ins.
        stand_ins = list(survivor.stand_ins)
        for duplicate in duplicates:
            stand_ins += [name for name in duplicate.stand_ins if name not in stand_ins]
        survivor.stand_ins = [name for name in stand_ins if name not in survivor.names]


def _keep_slugs(survivor, duplicates) -> None:
    """Each duplicate's slug, and the slugs merged into it before, become former
    slugs of the survivor: every URL the duplicates had now leads to it."""
    slugs = list(survivor.former_slugs)
    for duplicate in duplicates:
        for slug in [duplicate.slug, *duplicate.former_slugs]:
            if slug != survivor.slug and slug not in slugs:
                slugs.append(slug)
    survivor.former_slugs = slugs
