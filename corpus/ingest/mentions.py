"""The alias matcher's mentions of an article: made exactly what the matcher finds
in its text now, leaving editors' own mentions, and the curation's, alone, and never
making again a mention an editor rejected or deleted. What the matcher is not sure of
becomes a proposal for an editor (MentionProposal), never a mention; so does each
occurrence of a stand-in name ("Moscow"), once for each body it may stand for."""

from django.db import transaction
from simple_history.utils import bulk_create_with_history

from corpus.ingest.matching import UNCERTAIN, EntityMatcher, Match
from corpus.models import Article, Mention, MentionProposal, SeedState


def _key(match: Match) -> tuple:
    return (
        match.start,
        match.end,
        match.entity_id if match.kind == "actor" else None,
        match.entity_id if match.kind == "organization" else None,
    )


def _decided(match: Match, decisions, body: str) -> bool:
    """Whether an editor already decided this passage and entity."""
    _, _, actor, organization = _key(match)
    return any(
        (d.actor_id, d.organization_id) == (actor, organization)
        and d.holds(body, match.start, match.end)
        for d in decisions
    )


def sync_mentions(article: Article, matcher: EntityMatcher) -> tuple[int, int]:
    """Make the matcher's mentions of an article exactly what the matcher finds
    now, less what editors rejected; editors' own mentions, and the seed curation's,
    are left alone, and uncertain finds and stand-in names are kept as proposals.
    Returns (added, removed)."""
    body = article.body
    finds = matcher.find(body)
    decisions = list(article.proposals.exclude(verdict=MentionProposal.Verdict.PENDING))
    rejected = [d for d in decisions if d.verdict == MentionProposal.Verdict.REJECTED]
    wanted = {_key(m) for m in finds if m.linked and not _decided(m, rejected, body)}
    anchored = article.mentions.filter(anchor=Mention.Anchor.ANCHORED)
    existing = {
        (m.start, m.end, m.actor_id, m.organization_id): m.pk
        for m in anchored.filter(source=Mention.Source.MATCHER)
    }
    stale = [pk for key, pk in existing.items() if key not in wanted]
    # An editor's (or the curation's) mention of the same passage and entity already says
    # what the matcher would.
    taken = existing.keys() | {
        (m.start, m.end, m.actor_id, m.organization_id)
        for m in anchored.exclude(source=Mention.Source.MATCHER)
    }
    new = sorted(wanted - taken, key=lambda k: k[:2])
    # Deleted one by one (signals) and created with history, so the history shows the change.
    Mention.objects.filter(pk__in=stale).delete()
    bulk_create_with_history(
        [
            Mention(article=article, start=start, end=end, actor_id=actor, organization_id=org)
            for start, end, actor, org in new
        ],
        Mention,
        default_change_reason="Alias matching",
    )
    uncertain = [m for m in finds if not m.linked] + _open_stand_ins(article, matcher)
    _sync_proposals(article, [m for m in uncertain if not _decided(m, decisions, body)])
    return len(new), len(stale)


def stand_in_proposals(matcher: EntityMatcher, text: str) -> list[Match]:
    """Each occurrence of a stand-in name, proposed as a stand-in for each body it may
    name; never linked: an editor decides."""
    return [
        Match(
            found.start,
            found.end,
            "organization",
            pk,
            found.text,
            UNCERTAIN,
            f"“{found.text}” may be the place, or stand for {matcher.label('organization', pk)}",
            stand_in=True,
        )
        for found in matcher.stand_ins(text)
        for pk in found.organization_ids
    ]


def _open_stand_ins(article: Article, matcher: EntityMatcher) -> list[Match]:
    """The stand-in proposals still open: none where a mention already links the
    passage (the occurrence is decided), nor in a seed article, whose curation
    classifies every occurrence as a stand-in or the place."""
    if SeedState.objects.classifies_stand_ins(article):
        return []
    linked = {(m.start, m.end) for m in article.mentions.placed()}
    return [m for m in stand_in_proposals(matcher, article.body) if (m.start, m.end) not in linked]


def _sync_proposals(article: Article, uncertain: list[Match]) -> None:
    """The open proposals of an article are exactly the matcher's uncertain finds and
    open stand-ins."""
    wanted = {_key(m): m for m in uncertain}
    pending = {
        (p.start, p.end, p.actor_id, p.organization_id): p.pk for p in article.proposals.pending()
    }
    article.proposals.pending().filter(
        pk__in=[pk for key, pk in pending.items() if key not in wanted]
    ).delete()
    proposals = []
    for key, match in sorted(wanted.items(), key=lambda item: item[0][:2]):
        if key in pending:
            continue
        proposal = MentionProposal(
            article=article,
            actor_id=key[2],
            organization_id=key[3],
            reason=match.reason[:300],
            stand_in=match.stand_in,
        )
        proposal.quote(article.body, match.start, match.end)
        proposals.append(proposal)
    MentionProposal.objects.bulk_create(proposals)


def rematch_articles(articles) -> list[tuple[Article, int, int]]:
    """Run the alias matcher again over each article: (article, added, removed)."""
    with transaction.atomic():
        matcher = EntityMatcher.from_database()
        return [(article, *sync_mentions(article, matcher)) for article in articles]
