"""Names the archive does not know, found in imported texts: each waits for an
editor to create a record, add it as an alias, or dismiss it, and the decision is
remembered for every article after."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from corpus.models.articles import Article
from corpus.models.entities import Actor, Organization
from corpus.models.review.imports import ImportFile


class NameCandidateQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(decision=NameCandidate.Decision.PENDING)


class NameCandidate(models.Model):
    """A spelling met in the sources that names no known person or organization."""

    class Kind(models.TextChoices):
        ACTOR = "actor", "Person"
        ORGANIZATION = "organization", "Organization"

    class Decision(models.TextChoices):
        PENDING = "pending", "Waiting for an editor"
        CREATED = "created", "Record created"
        ALIASED = "aliased", "Alias of a record"
        DISMISSED = "dismissed", "Dismissed"

    name = models.CharField(max_length=200, help_text="The spelling as printed.")
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
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created = models.DateTimeField(auto_now_add=True)

    objects = NameCandidateQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = "unknown name"
        constraints = [
            # Invariant: one decision per spelling, remembered across articles.
            models.UniqueConstraint(fields=["name"], name="namecandidate_name_unique"),
        ]
        indexes = [
            # Serves the editors' queue of names waiting for a decision, and its count.
            models.Index(
                fields=["name"], condition=Q(decision="pending"), name="namecandidate_pending_idx"
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def record(self):
        return self.actor or self.organization
