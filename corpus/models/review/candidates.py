"""Names the archive does not know, found in imported texts: each waits for an
editor to create a record, add it as an alias, or dismiss it, and the decision is
remembered for every article after, whatever capitals the name is printed in
(spelling_key)."""

from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import Q

from corpus.models.articles import Article
from corpus.models.entities import Actor, Organization
from corpus.models.review.decided import Decided
from corpus.models.review.imports import ImportFile


def spelling_key(name: str) -> str:
    """What makes two spellings one unknown name: letter case does not ("INTERFAX-KAZAKHSTAN"
    is "Interfax-Kazakhstan"), except in an acronym of fewer than three letters, where
    capitals are the name ("US" is not "Us"). Migration 0020 keeps a frozen copy."""
    if name.isupper() and sum(ch.isalpha() for ch in name) < 3:
        return name
    return name.casefold()


class NameCandidateQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(decision=NameCandidate.Decision.PENDING)

    def spelled(self, names):
        """The candidates for these spellings, in any capitals (spelling_key)."""
        return self.filter(key__in={spelling_key(name) for name in names})


class NameCandidate(Decided):
    """A spelling met in the sources that names no known person or organization."""

    class Kind(models.TextChoices):
        ACTOR = "actor", "Person"
        ORGANIZATION = "organization", "Organization"

    class Decision(models.TextChoices):
        PENDING = "pending", "Waiting for an editor"
        CREATED = "created", "Record created"
        ALIASED = "aliased", "Alias of a record"
        DISMISSED = "dismissed", "Dismissed"

    name = models.CharField(max_length=200, help_text="The spelling as first printed.")
    # The name whatever its capitals (spelling_key): one candidate, and one decision, each.
    key = models.CharField(max_length=200, editable=False)
    spellings = ArrayField(
        models.CharField(max_length=200),
        default=list,
        blank=True,
        help_text="Every spelling met, in its capitals; each becomes an alias of the record.",
    )
    kind = models.CharField(max_length=12, choices=Kind.choices)
    acronym = models.CharField(max_length=40, blank=True)
    evidence = models.CharField(max_length=300, help_text="Where the text shows the name.")
    decision = models.CharField(max_length=10, choices=Decision.choices, default=Decision.PENDING)
    actor = models.ForeignKey(
        Actor, null=True, blank=True, on_delete=models.SET_NULL, related_name="candidates"
    )
    organization = models.ForeignKey(
        Organization, null=True, blank=True, on_delete=models.SET_NULL, related_name="candidates"
    )
    articles = models.ManyToManyField(Article, blank=True, related_name="name_candidates")
    import_files = models.ManyToManyField(ImportFile, blank=True, related_name="name_candidates")

    objects = NameCandidateQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = "unknown name"
        constraints = [
            # Invariant: one decision per spelling, remembered across articles.
            models.UniqueConstraint(fields=["name"], name="namecandidate_name_unique"),
            # Invariant: one decision per name in any capitals; serves look-ups by spelling.
            models.UniqueConstraint(fields=["key"], name="namecandidate_key_unique"),
        ]
        indexes = [
            # Serves the editors' queue of names waiting for a decision, and its count.
            models.Index(
                fields=["name"], condition=Q(decision="pending"), name="namecandidate_pending_idx"
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.key = spelling_key(self.name)
        if self.name not in self.spellings:
            self.spellings = [self.name, *self.spellings]
        super().save(*args, **kwargs)

    @property
    def record(self):
        return self.actor or self.organization
