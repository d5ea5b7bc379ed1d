"""Links an editor decides: a mention the matcher is not sure of (proposed, never
public until accepted), a stand-in name ("Moscow") as a body it may stand for, and
a mention an editor rejected or deleted, which the matcher remembers and never makes
again (corpus/ingest/mentions.py)."""

from django.db import models
from django.db.models import F, Q

from corpus.models.articles import Article
from corpus.models.entities import Actor, Organization
from corpus.models.expressions import EXACTLY_ONE_ENTITY, STAND_IN_IS_AN_ORGANIZATION
from corpus.models.review.decided import Decided

# Characters of context kept either side, to know the passage again after an edit.
CONTEXT = 32


class MentionProposalQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(verdict=MentionProposal.Verdict.PENDING)

    def rejected(self):
        return self.filter(verdict=MentionProposal.Verdict.REJECTED)


class MentionProposal(Decided):
    """A link of a passage to a person or organization that an editor decides."""

    class Verdict(models.TextChoices):
        PENDING = "pending", "Proposed"
        ACCEPTED = "accepted", "Accepted"
        REJECTED = "rejected", "Rejected"

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="proposals")
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    exact = models.CharField(max_length=200)
    prefix = models.CharField(max_length=CONTEXT, blank=True)
    suffix = models.CharField(max_length=CONTEXT, blank=True)
    actor = models.ForeignKey(
        Actor, null=True, blank=True, on_delete=models.CASCADE, related_name="proposals"
    )
    organization = models.ForeignKey(
        Organization, null=True, blank=True, on_delete=models.CASCADE, related_name="proposals"
    )
    reason = models.CharField(max_length=300, help_text="Why the matcher was not sure.")
    stand_in = models.BooleanField(
        default=False,
        help_text="A stand-in name (“Moscow”) proposed as the body it may stand for: "
        "accepted, it is a stand-in mention.",
    )
    verdict = models.CharField(max_length=10, choices=Verdict.choices, default=Verdict.PENDING)

    objects = MentionProposalQuerySet.as_manager()

    class Meta:
        ordering = ["article", "start"]
        verbose_name = "proposed link"
        constraints = [
            # Invariant: a proposal names exactly one entity.
            models.CheckConstraint(
                condition=EXACTLY_ONE_ENTITY,
                name="proposal_exactly_one_entity",
            ),
            # Invariant: what a place or building stands for is an organization, as for Mention.
            models.CheckConstraint(
                condition=STAND_IN_IS_AN_ORGANIZATION,
                name="proposal_stand_in_is_an_organization",
            ),
            # Invariant: a passage is non-empty.
            models.CheckConstraint(condition=Q(end__gt=F("start")), name="proposal_span_nonempty"),
            # Invariant: one open question per passage and entity.
            models.UniqueConstraint(
                fields=["article", "start", "end", "actor", "organization"],
                condition=Q(verdict="pending"),
                nulls_distinct=False,
                name="proposal_pending_unique",
            ),
        ]
        indexes = [
            # Serves the matcher's look-up of an article's decided and open proposals.
            models.Index(fields=["article", "verdict"], name="proposal_article_verdict_idx"),
            # Serves the queue of proposals waiting for an editor, and its count.
            models.Index(
                fields=["id"], condition=Q(verdict="pending"), name="proposal_pending_idx"
            ),
        ]

    def __str__(self):
        role = "as a stand-in for" if self.stand_in else "as"
        return f"“{self.exact}” {role} {self.entity} ({self.get_verdict_display().lower()})"

    @property
    def entity(self):
        return self.actor or self.organization

    def quote(self, body: str, start: int, end: int) -> None:
        """Keep the passage body[start:end] with its context."""
        self.start, self.end, self.exact = start, end, body[start:end]
        self.prefix = body[max(0, start - CONTEXT) : start]
        self.suffix = body[end : end + CONTEXT]

    def holds(self, body: str, start: int, end: int) -> bool:
        """Whether body[start:end] is this proposal's passage: the same words, at the
        same place or between the same context (the text may have moved since)."""
        if body[start:end] != self.exact:
            return False
        if start == self.start:
            return True
        return (
            body[max(0, start - len(self.prefix)) : start] == self.prefix
            and body[end : end + len(self.suffix)] == self.suffix
        )
