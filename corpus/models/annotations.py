"""Passages of an article: mentions of people and organizations, and the passages
editors annotate with notes, tags, entities and claims, each anchored by W3C Web
Annotation selectors (its position, and its quote with context)."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, OuterRef, Q
from simple_history.models import HistoricalRecords
from taggit.managers import TaggableManager
from taggit.models import TaggedItemBase

from corpus.models.articles import Article
from corpus.models.choices import ANCHORED, PUBLISHED, Anchor, Status
from corpus.models.entities import Actor, Organization
from corpus.models.expressions import (
    EXACTLY_ONE_ENTITY,
    STAND_IN_IS_AN_ORGANIZATION,
    prefetch_rows,
    rows_of,
)

# Characters of context kept either side of a quoted passage (TextQuoteSelector).
CONTEXT_CHARS = 32


class MentionQuerySet(models.QuerySet):
    def placed(self):
        """Mentions anchored in the body; an orphan lost its place in an edit."""
        return self.filter(anchor=ANCHORED)

    def stand_ins(self):
        """Mentions where the text uses a place or building for a body (“Moscow” for Russia)."""
        return self.filter(stand_in=True)


class AnnotationQuerySet(models.QuerySet):
    def published(self):
        """Public: published, on a published article, and still anchored to its
        passage (an orphan waits in the review queue until an editor places it)."""
        return self.filter(status=PUBLISHED, article__status=PUBLISHED).placed()

    def placed(self):
        """Annotations anchored to their passage; an orphan's position is stale."""
        return self.filter(anchor=ANCHORED)

    def with_names(self):
        """Each annotation with its tags (oldest first), people and organizations (by name) read
        in the same query, as JSON rows; read_names() makes them its prefetched
        relations: one query where prefetch_related makes four."""
        tagged = TaggedAnnotation._meta.get_field("tag").related_query_name()
        tags = self.model._meta.get_field("tags").related_model.objects
        here = OuterRef("pk")
        return self.annotate(
            tag_rows=rows_of(tags.filter(**{f"{tagged}__content_object": here}).order_by("pk")),
            actor_rows=rows_of(Actor.objects.filter(annotations=here).order_by("name")),
            organization_rows=rows_of(
                Organization.objects.filter(annotations=here).order_by("name")
            ),
        )


def read_names(annotations) -> list:
    """The annotations of with_names(), listed, with their tags, people and organizations
    as prefetched relations (`annotation.actors.all()` and the rest read no database)."""
    annotations = list(annotations)
    for relation in ("tags", "actors", "organizations"):
        prefetch_rows(annotations, relation, f"{relation[:-1]}_rows")
    return annotations


class TaggedAnnotation(TaggedItemBase):
    content_object = models.ForeignKey("Annotation", on_delete=models.CASCADE)


class Span(models.Model):
    """A run of characters in an article body, as [start, end) code-point offsets.

    An orphaned span lost its passage when the body was edited (corpus/anchoring/):
    it keeps its last position, unchecked, until an editor places or deletes it."""

    Anchor = Anchor

    article = models.ForeignKey(Article, on_delete=models.CASCADE)
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    anchor = models.CharField(max_length=10, choices=Anchor.choices, default=Anchor.ANCHORED)

    class Meta:
        abstract = True

    def text(self, body: str | None = None) -> str:
        body = self.article.body if body is None else body
        return body[self.start : self.end]


class Mention(Span):
    """An actor or organization occurring in an article: by one of its names, or by a
    stand-in (a place or building the text uses for it: “Moscow” for Russia)."""

    class Source(models.TextChoices):
        MATCHER = "matcher", "Alias matcher"
        EDITOR = "editor", "Editor"
        CURATION = "curation", "Seed curation"

    actor = models.ForeignKey(
        Actor, null=True, blank=True, on_delete=models.CASCADE, related_name="mentions"
    )
    organization = models.ForeignKey(
        Organization, null=True, blank=True, on_delete=models.CASCADE, related_name="mentions"
    )
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.MATCHER)
    stand_in = models.BooleanField(
        default=False,
        help_text="The text uses a place or building here for the organization it names "
        "(“Moscow” for Russia), not the place itself.",
    )
    # The passage and its context as they were when the mention was orphaned; blank otherwise.
    exact = models.TextField(blank=True)
    prefix = models.CharField(max_length=64, blank=True)
    suffix = models.CharField(max_length=64, blank=True)

    objects = MentionQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["article", "start"]
        default_related_name = "mentions"
        constraints = [
            # Invariant: a mention names exactly one entity.
            models.CheckConstraint(
                condition=EXACTLY_ONE_ENTITY,
                name="mention_exactly_one_entity",
            ),
            # Invariant: a span is non-empty (the body bound is checked by a trigger).
            models.CheckConstraint(condition=Q(end__gt=F("start")), name="mention_span_nonempty"),
            # Invariant: the matcher finds each occurrence once (orphans keep stale positions).
            models.UniqueConstraint(
                fields=["article", "start", "end", "actor", "organization"],
                condition=Q(anchor="anchored"),
                nulls_distinct=False,
                name="mention_unique_span_entity",
            ),
            models.CheckConstraint(
                condition=Q(anchor__in=["anchored", "orphaned"]), name="mention_anchor_valid"
            ),
            # Invariant: what a place or building stands for is an organization (a government).
            models.CheckConstraint(
                condition=STAND_IN_IS_AN_ORGANIZATION,
                name="mention_stand_in_is_an_organization",
            ),
        ]
        indexes = [
            # Serves actor facets and "articles mentioning X" (actor -> article).
            models.Index(fields=["actor", "article"], name="mention_actor_article_idx"),
            # Serves organization facets and "articles mentioning X".
            models.Index(fields=["organization", "article"], name="mention_org_article_idx"),
            # Serves the orphan review queue and its count on the admin index.
            models.Index(
                fields=["article"], condition=Q(anchor="orphaned"), name="mention_orphan_idx"
            ),
        ]

    def __str__(self):
        return f"{self.actor or self.organization} at {self.start}-{self.end}"

    @property
    def entity(self):
        return self.actor or self.organization


class Annotation(Span):
    """A passage, anchored by W3C Web Annotation selectors, with an editor's note."""

    class Kind(models.TextChoices):
        NOTE = "note", "Note"
        CLAIM = "claim", "Claim"
        ENTITY = "entity", "Entity"
        CONTEXT = "context", "Context"

    uuid = models.UUIDField(default=uuid.uuid4, editable=False)
    # TextQuoteSelector: the passage and about 32 characters either side.
    exact = models.TextField()
    prefix = models.CharField(max_length=64, blank=True)
    suffix = models.CharField(max_length=64, blank=True)
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.NOTE)
    note = models.TextField(blank=True)
    tags = TaggableManager(through=TaggedAnnotation, blank=True)
    actors = models.ManyToManyField(Actor, blank=True, related_name="annotations")
    organizations = models.ManyToManyField(Organization, blank=True, related_name="annotations")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    # Optimistic locking: a save based on an older version is refused, not last-write-wins.
    version = models.PositiveIntegerField(default=1, editable=False)
    created = models.DateTimeField(auto_now_add=True)
    modified = models.DateTimeField(auto_now=True)

    objects = AnnotationQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=[actors, organizations])

    class Meta:
        ordering = ["article", "start", "-end"]
        default_related_name = "annotations"
        permissions = [("publish_annotation", "Can publish and unpublish annotations")]
        constraints = [
            # Invariant: permanent links (/annotations/<uuid>/) are unique.
            models.UniqueConstraint(fields=["uuid"], name="annotation_uuid_unique"),
            # Invariant: a passage is non-empty (the body bound is checked by a trigger).
            models.CheckConstraint(
                condition=Q(end__gt=F("start")), name="annotation_span_nonempty"
            ),
            models.CheckConstraint(
                condition=Q(anchor__in=["anchored", "orphaned"]), name="annotation_anchor_valid"
            ),
        ]
        indexes = [
            # Serves the reading page: an article's published annotations in order.
            models.Index(fields=["article", "status", "start"], name="annotation_article_idx"),
            # Serves the orphan review queue and its count on the admin index.
            models.Index(
                fields=["article"], condition=Q(anchor="orphaned"), name="annotation_orphan_idx"
            ),
        ]

    def __str__(self):
        return f"“{self.exact[:60]}” in {self.article}"

    def place(self, start: int, end: int, body: str | None = None) -> None:
        """Point the annotation at body[start:end], setting both W3C selectors:
        the position, and the quote with up to CONTEXT_CHARS of context either side."""
        body = self.article.body if body is None else body
        self.start, self.end, self.anchor = start, end, self.Anchor.ANCHORED
        self.exact = body[start:end]
        self.prefix = body[max(0, start - CONTEXT_CHARS) : start]
        self.suffix = body[end : end + CONTEXT_CHARS]

    @property
    def selectors(self) -> list[dict]:
        return [
            {"type": "TextPositionSelector", "start": self.start, "end": self.end},
            {
                "type": "TextQuoteSelector",
                "exact": self.exact,
                "prefix": self.prefix,
                "suffix": self.suffix,
            },
        ]
