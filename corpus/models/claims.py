"""Claims: statements attributed to a person or an organization, each anchored to
the passage that reports it; and the verbs that list and search them."""

from django.contrib.postgres.search import SearchRank, SearchVector
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords
from taggit.managers import TaggableManager
from taggit.models import TaggedItemBase

from corpus.models.annotations import Annotation
from corpus.models.articles import ARTICLE_TEXT_FIELDS
from corpus.models.choices import ANCHORED, PUBLISHED, ClaimKind, Status
from corpus.models.entities import Actor, Organization
from corpus.models.expressions import SEARCH_CONFIG, websearch


class ClaimQuerySet(models.QuerySet):
    def published(self):
        """Public: published, and reported by a public annotation."""
        return self.filter(
            status=PUBLISHED,
            annotation__status=PUBLISHED,
            annotation__anchor=ANCHORED,
            annotation__article__status=PUBLISHED,
        )

    def matching(self, q: str):
        """Claims whose text matches q (websearch syntax, English stemming)."""
        return self.alias(text_vector=self._text_vector()).filter(text_vector=websearch(q))

    def ranked(self, q: str):
        """Order by relevance of the claim's text to q."""
        rank = SearchRank(self._text_vector(), websearch(q))
        return self.alias(rank=rank).order_by("-rank", "pk")

    @staticmethod
    def _text_vector():
        return SearchVector("text", config=SEARCH_CONFIG)

    def by_claimant(self, slug: str):
        return self.filter(Q(claimant_actor__slug=slug) | Q(claimant_organization__slug=slug))

    def about(self, entity):
        """Public statements by others that concern `entity`: the passage reporting the
        statement names it (a placed mention lies inside the passage), or an editor
        linked the passage's annotation to it. The entity's own statements are left out.
        ClaimFacets keeps who each public passage names, so this is one GIN lookup."""
        field = entity._meta.model_name
        # Both tests on the facet row, so the planner reads only the rows the GIN index finds.
        return self.filter(**{f"facets__named_{field}_ids__contains": [entity.pk]}).exclude(
            **{f"facets__claimant_{field}_id": entity.pk}
        )

    def for_listing(self):
        return self.select_related(
            "claimant_actor", "claimant_organization", "annotation__article"
        ).defer(*(f"annotation__article__{field}" for field in ARTICLE_TEXT_FIELDS))


class TaggedClaim(TaggedItemBase):
    content_object = models.ForeignKey("Claim", on_delete=models.CASCADE)


class Claim(models.Model):
    """A statement by an actor or an organization, anchored to the passage that reports it."""

    class Form(models.TextChoices):
        QUOTE = "quote", "Direct quote"
        PARAPHRASE = "paraphrase", "Paraphrase"

    Kind = ClaimKind

    # NULL, not "", for claims made in the admin: the unique key applies only to seeded ones.
    key = models.SlugField(  # noqa: DJ001
        max_length=120,
        null=True,
        blank=True,
        db_index=False,
        help_text="Curation key for seeded claims.",
    )
    claimant_actor = models.ForeignKey(
        Actor, null=True, blank=True, on_delete=models.PROTECT, related_name="claims"
    )
    claimant_organization = models.ForeignKey(
        Organization, null=True, blank=True, on_delete=models.PROTECT, related_name="claims"
    )
    form = models.CharField(max_length=10, choices=Form.choices, default=Form.QUOTE)
    kind = models.CharField(max_length=12, choices=Kind.choices, default=Kind.ASSESSMENT)
    text = models.TextField(help_text="The quoted words, or a faithful paraphrase.")
    annotation = models.ForeignKey(Annotation, on_delete=models.PROTECT, related_name="claims")
    same_statement_as = models.ManyToManyField(
        "self", blank=True, help_text="The same statement as reported in other articles."
    )
    tags = TaggableManager(through=TaggedClaim, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    # Optimistic locking: a save based on an older version is refused, not last-write-wins.
    version = models.PositiveIntegerField(default=1, editable=False)
    created = models.DateTimeField(auto_now_add=True)
    modified = models.DateTimeField(auto_now=True)

    objects = ClaimQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["annotation__article", "annotation__start"]
        permissions = [("publish_claim", "Can publish and unpublish claims")]
        constraints = [
            # Invariant: exactly one claimant.
            models.CheckConstraint(
                condition=Q(claimant_actor__isnull=False, claimant_organization__isnull=True)
                | Q(claimant_actor__isnull=True, claimant_organization__isnull=False),
                name="claim_exactly_one_claimant",
            ),
            # Invariant: curation keys are unique.
            models.UniqueConstraint(fields=["key"], name="claim_key_unique"),
        ]

    def __str__(self):
        return f"{self.claimant}: {self.text[:60]}"

    @property
    def claimant(self):
        return self.claimant_actor or self.claimant_organization

    @property
    def article(self):
        return self.annotation.article
