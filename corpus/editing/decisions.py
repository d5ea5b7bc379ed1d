"""What editors decide about links and names, remembered so no machine undoes it:
- a deleted or changed automatic mention is remembered as rejected, and neither
  re-matching nor load_seeds makes it again;
- a proposed link is accepted (an editor's mention; a stand-in name's, a stand-in
  mention, which settles the passage's other proposals) or rejected (remembered);
- an unknown name becomes a new record (the spelling kept as an alias), an alias of
  an existing record, or is dismissed; the articles it was seen in are matched again.
"""

from django.db import transaction

from corpus.ingest.importing import unique_slug
from corpus.ingest.mentions import rematch_articles
from corpus.models import Actor, Mention, MentionProposal, NameCandidate, Organization

DELETED = "An editor removed this automatic mention"


def reject_mention(mention: Mention, user, reason: str = DELETED) -> MentionProposal | None:
    """Remember that an automatic mention is wrong, so the matcher never makes it again.
    An editor's own mention needs no memory: the matcher never touches it."""
    if mention.source != Mention.Source.MATCHER:
        return None
    proposal = MentionProposal(
        article=mention.article,
        actor_id=mention.actor_id,
        organization_id=mention.organization_id,
        reason=reason,
        verdict=MentionProposal.Verdict.REJECTED,
    )
    proposal.decided(user)
    proposal.quote(mention.article.body, mention.start, mention.end)
    proposal.save()
    return proposal


def delete_mentions(mentions, user) -> int:
    """Delete mentions as an editor: automatic ones are remembered as rejected."""
    with transaction.atomic():
        count = 0
        for mention in mentions:
            reject_mention(mention, user)
            mention.delete()
            count += 1
        return count


def accept_proposal(proposal: MentionProposal, user) -> Mention:
    """The link is right: it becomes an editor's mention, which no matcher removes. A
    stand-in name's becomes a stand-in mention, and the passage is settled: what else
    it was proposed to stand for is no longer asked."""
    with transaction.atomic():
        mention, _ = Mention.objects.get_or_create(
            article=proposal.article,
            start=proposal.start,
            end=proposal.end,
            actor=proposal.actor,
            organization=proposal.organization,
            anchor=Mention.Anchor.ANCHORED,
            defaults={"source": Mention.Source.EDITOR, "stand_in": proposal.stand_in},
        )
        _decide(proposal, MentionProposal.Verdict.ACCEPTED, user)
        if proposal.stand_in:
            proposal.article.proposals.pending().filter(
                start=proposal.start, end=proposal.end, stand_in=True
            ).delete()
        return mention


def reject_proposal(proposal: MentionProposal, user) -> None:
    _decide(proposal, MentionProposal.Verdict.REJECTED, user)


def _decide(proposal: MentionProposal, verdict: str, user) -> None:
    proposal.verdict = verdict
    proposal.decided(user)
    proposal.save(update_fields=["verdict", "decided_by", "decided_at"])


def create_record(candidate: NameCandidate, user, name: str = "", kind: str = ""):
    """A new person or organization for an unknown name, named `name` (the spelling
    by default) with every other spelling met as an alias."""
    kind = kind or candidate.kind
    name = (name or candidate.name).strip()
    model = Actor if kind == NameCandidate.Kind.ACTOR else Organization
    with transaction.atomic():
        record = model(name=name, slug=unique_slug(model, name))
        record.aliases = [spelling for spelling in candidate.spellings if spelling != name]
        if model is Organization and candidate.acronym:
            record.acronym = candidate.acronym
        record.full_clean()
        record.save()
        _settle(candidate, NameCandidate.Decision.CREATED, user, record)
    return record


def add_alias(candidate: NameCandidate, user, record):
    """The unknown name is another spelling of `record`: it becomes its alias, in every
    capitals it was met in."""
    with transaction.atomic():
        if new := [spelling for spelling in candidate.spellings if spelling not in record.names]:
            record.aliases = [*record.aliases, *new]
            record._change_reason = f"Alias “{candidate.name}” added from the unknown names"
            record.save()
        _settle(candidate, NameCandidate.Decision.ALIASED, user, record)
    return record


def dismiss(candidate: NameCandidate, user) -> None:
    _settle(candidate, NameCandidate.Decision.DISMISSED, user, None)


def _settle(candidate: NameCandidate, decision: str, user, record) -> None:
    candidate.decision = decision
    candidate.decided(user)
    candidate.actor = record if isinstance(record, Actor) else None
    candidate.organization = record if isinstance(record, Organization) else None
    candidate.save()
    if record is not None:
        # The articles that name it link it now.
        rematch_articles(candidate.articles.all())
