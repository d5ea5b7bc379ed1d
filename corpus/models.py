"""The archive's records: articles and their sources, the people and
organizations they name, and the passages editors annotate."""

import hashlib
import uuid

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import F, Q
from django.urls import reverse
from simple_history.models import HistoricalRecords
from taggit.managers import TaggableManager
from taggit.models import TaggedItemBase

from corpus.dates import bounds
from corpus.querysets import (
    ActorQuerySet,
    AnnotationQuerySet,
    ArticleQuerySet,
    ClaimQuerySet,
    MentionQuerySet,
    OrganizationQuerySet,
)

# Characters of context kept either side of a quoted passage (TextQuoteSelector).
CONTEXT_CHARS = 32


class Status(models.TextChoices):
    DRAFT = "draft", "Draft"
    REVIEW = "review", "In review"
    PUBLISHED = "published", "Published"


class Entity(models.Model):
    """What actors and organizations share: a name, every spelling met, a slug."""

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, db_index=False)
    aliases = ArrayField(
        models.CharField(max_length=200),
        default=list,
        blank=True,
        help_text="Every other spelling or transliteration met in the sources.",
    )
    description = models.TextField(blank=True)
    authority_url = models.URLField(
        blank=True, help_text="An authority record (e.g. Wikidata), only once verified."
    )
    former_slugs = ArrayField(
        models.SlugField(max_length=200),
        default=list,
        blank=True,
        help_text="Slugs of records merged into this one; their URLs redirect here.",
    )
    created = models.DateTimeField(auto_now_add=True)
    modified = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True

    def __str__(self):
        return self.name

    def clean(self):
        """A slug leads to one record: no record's former slug is in use as a
        current slug or as another record's former slug (of the same model)."""
        others = type(self)._default_manager.exclude(pk=self.pk)
        if holder := others.filter(former_slugs__contains=[self.slug]).first():
            raise ValidationError(
                {"slug": f"“{self.slug}” is a former slug of {holder}: its URL redirects there."}
            )
        if self.slug in self.former_slugs:
            raise ValidationError({"former_slugs": "A former slug cannot be the current slug."})
        if self.former_slugs:
            if taken := others.filter(slug__in=self.former_slugs).first():
                raise ValidationError(
                    {"former_slugs": f"“{taken.slug}” is the current slug of {taken}."}
                )
            if shared := others.filter(former_slugs__overlap=self.former_slugs).first():
                raise ValidationError(
                    {"former_slugs": f"{shared} already has one of these former slugs."}
                )

    @property
    def names(self) -> list[str]:
        return [self.name, *self.aliases]


class Actor(Entity):
    """A person."""

    objects = ActorQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        constraints = [
            # Invariant: one URL per actor.
            models.UniqueConstraint(fields=["slug"], name="actor_slug_unique"),
        ]
        indexes = [
            # Serves alias lookups when importing and matching (aliases @> ARRAY[name]).
            GinIndex(fields=["aliases"], name="actor_aliases_gin"),
            # Serves redirects from merged records' URLs (former_slugs @> ARRAY[slug]).
            GinIndex(fields=["former_slugs"], name="actor_former_slugs_gin"),
        ]

    def get_absolute_url(self):
        return reverse("actor_detail", args=[self.slug])


class Organization(Entity):
    class Kind(models.TextChoices):
        INTERGOVERNMENTAL = "intergovernmental", "Intergovernmental organization"
        STATE = "state", "State"
        GOVERNMENT_BODY = "government_body", "Government body"
        MILITARY_UNIT = "military_unit", "Military unit"
        MEDIA = "media", "Media"
        THINK_TANK = "think_tank", "Think tank"
        ACADEMIC = "academic", "Academic institution"
        ARMED_GROUP = "armed_group", "Armed group"
        COMPANY = "company", "Company"
        OTHER = "other", "Other"

    acronym = models.CharField(max_length=40, blank=True)
    kind = models.CharField(max_length=30, choices=Kind.choices, default=Kind.OTHER)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="children"
    )
    members = models.ManyToManyField(
        "self", blank=True, symmetrical=False, related_name="memberships"
    )

    objects = OrganizationQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        constraints = [
            # Invariant: one URL per organization.
            models.UniqueConstraint(fields=["slug"], name="organization_slug_unique"),
            # Invariant: an organization is not its own parent.
            models.CheckConstraint(
                condition=~Q(parent=F("pk")), name="organization_not_own_parent"
            ),
        ]
        indexes = [
            # Serves alias lookups when importing and matching.
            GinIndex(fields=["aliases"], name="organization_aliases_gin"),
            # Serves redirects from merged records' URLs (former_slugs @> ARRAY[slug]).
            GinIndex(fields=["former_slugs"], name="organization_former_slugs_gin"),
            # Serves acronym lookups (glossary, import linking).
            models.Index(fields=["acronym"], name="organization_acronym_idx"),
        ]

    def __str__(self):
        return f"{self.name} ({self.acronym})" if self.acronym else self.name

    def get_absolute_url(self):
        return reverse("organization_detail", args=[self.slug])

    @property
    def names(self) -> list[str]:
        return [self.name, *([self.acronym] if self.acronym else []), *self.aliases]


class TaggedArticle(TaggedItemBase):
    content_object = models.ForeignKey("Article", on_delete=models.CASCADE)


class TaggedAnnotation(TaggedItemBase):
    content_object = models.ForeignKey("Annotation", on_delete=models.CASCADE)


class TaggedClaim(TaggedItemBase):
    content_object = models.ForeignKey("Claim", on_delete=models.CASCADE)


class Article(models.Model):
    class DateCertainty(models.TextChoices):
        STATED = "stated", "Stated in the source"
        INFERRED = "inferred", "Inferred from evidence"
        UNKNOWN = "unknown", "Unknown"

    title = models.CharField(max_length=500)
    title_supplied = models.BooleanField(
        default=False,
        help_text="The source has no title; an editor devised this one. Shown in [brackets].",
    )
    slug = models.SlugField(max_length=200, db_index=False)
    authors = models.ManyToManyField(
        Actor, through="Authorship", related_name="authored_articles", blank=True
    )
    publication = models.ForeignKey(
        Organization,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="published_articles",
    )
    publication_evidence = models.TextField(blank=True)

    # The date as the source gives it or as evidence shows, in EDTF; blank when unknown.
    date_edtf = models.CharField("date (EDTF)", max_length=60, blank=True)
    date_start = models.DateField(null=True, blank=True, editable=False)
    date_end = models.DateField(null=True, blank=True, editable=False)
    year = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)
    date_certainty = models.CharField(
        max_length=10, choices=DateCertainty.choices, default=DateCertainty.UNKNOWN
    )
    date_evidence = models.TextField(blank=True)

    volume = models.CharField(max_length=20, blank=True)
    issue = models.CharField(max_length=20, blank=True)
    source_url = models.URLField(max_length=500, blank=True)
    source_file = models.CharField(max_length=255)
    raw_source = models.TextField(help_text="The original file, verbatim.")
    raw_sha256 = models.CharField(max_length=64, editable=False)
    body = models.TextField(help_text="The article text only, in the source's own words.")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PUBLISHED)

    tags = TaggableManager(through=TaggedArticle, blank=True)
    search_vector = models.GeneratedField(
        expression=SearchVector("title", weight="A", config="english")
        + SearchVector("body", weight="B", config="english"),
        output_field=SearchVectorField(),
        db_persist=True,
    )
    created = models.DateTimeField(auto_now_add=True)
    modified = models.DateTimeField(auto_now=True)

    objects = ArticleQuerySet.as_manager()
    # The search vector is derived from title and body; history keeps its sources.
    history = HistoricalRecords(excluded_fields=["search_vector"])

    class Meta:
        ordering = ["-date_start", "title"]
        permissions = [("publish_article", "Can publish and unpublish articles")]
        constraints = [
            # Invariant: one URL per article.
            models.UniqueConstraint(fields=["slug"], name="article_slug_unique"),
            # Invariant: a source file is stored once; import is idempotent on its hash.
            models.UniqueConstraint(fields=["raw_sha256"], name="article_raw_sha256_unique"),
            # Invariant: a date range never ends before it starts.
            models.CheckConstraint(
                condition=Q(date_start__isnull=True)
                | Q(date_end__isnull=True)
                | Q(date_start__lte=F("date_end")),
                name="article_date_range_ordered",
            ),
            # Invariant: an unknown date has no bounds, and a known one has both.
            models.CheckConstraint(
                condition=(Q(date_edtf="") & Q(date_start__isnull=True) & Q(date_end__isnull=True))
                | (~Q(date_edtf="") & Q(date_start__isnull=False) & Q(date_end__isnull=False)),
                name="article_date_bounds_match_edtf",
            ),
        ]
        indexes = [
            # Serves full-text search: search_vector @@ websearch_to_tsquery(...).
            GinIndex(fields=["search_vector"], name="article_search_gin"),
            # Serves the year facet and year filter.
            models.Index(fields=["year"], name="article_year_idx"),
            # Serves the default list order (newest first) over published articles.
            models.Index(fields=["status", "-date_start"], name="article_status_date_idx"),
            # Serves the admin's article list, newest first (date_start DESC, id DESC).
            models.Index(F("date_start").desc(), F("id").desc(), name="article_date_idx"),
        ]

    def __str__(self):
        return self.display_title

    def save(self, *args, **kwargs):
        """Save, and when the body changed, re-anchor the article's annotations and
        mentions in the same transaction; what that did is left in `self.reanchoring`."""
        self.derive_fields()
        update_fields = kwargs.get("update_fields")
        old_body = None
        if (
            self.pk
            and not self._state.adding
            and (update_fields is None or "body" in update_fields)
        ):
            old_body = Article.objects.filter(pk=self.pk).values_list("body", flat=True).first()
        if old_body is None or old_body == self.body:
            super().save(*args, **kwargs)
            return
        from corpus.anchoring import reanchor_article

        with transaction.atomic():
            super().save(*args, **kwargs)
            self.reanchoring = reanchor_article(self, old_body)

    def get_absolute_url(self):
        return reverse("article_detail", args=[self.slug])

    def clean(self):
        try:
            self.derive_fields()
        except ValueError as error:
            raise ValidationError({"date_edtf": str(error)}) from None
        if self.date_certainty == self.DateCertainty.INFERRED and not self.date_evidence.strip():
            raise ValidationError({"date_evidence": "An inferred date must record its evidence."})

    def derive_fields(self):
        """Set the sortable date bounds, year and checksum from their sources of
        truth: the EDTF date and the raw file. Raises ValueError for a bad date."""
        date_range = bounds(self.date_edtf)
        self.date_start = date_range.start if date_range else None
        self.date_end = date_range.end if date_range else None
        self.year = date_range.year if date_range else None
        if not date_range:
            self.date_certainty = self.DateCertainty.UNKNOWN
        elif self.date_certainty == self.DateCertainty.UNKNOWN:
            self.date_certainty = self.DateCertainty.INFERRED
        self.raw_sha256 = hashlib.sha256(self.raw_source.encode("utf-8")).hexdigest()

    @property
    def display_title(self) -> str:
        return f"[{self.title}]" if self.title_supplied else self.title


class Authorship(models.Model):
    """An actor in an article's byline, in byline order."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE)
    actor = models.ForeignKey(Actor, on_delete=models.PROTECT, related_name="authorships")
    position = models.PositiveSmallIntegerField(default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["article", "position"]
        constraints = [
            # Invariant: an actor appears once in a byline.
            models.UniqueConstraint(fields=["article", "actor"], name="authorship_unique"),
        ]

    def __str__(self):
        return f"{self.actor} in {self.article}"


class Comment(models.Model):
    """A reader comment that was on the source page; never part of the body."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="comments")
    position = models.PositiveSmallIntegerField(default=0)
    author = models.CharField(
        max_length=200, blank=True, help_text="Blank when the source omits it."
    )
    posted = models.CharField(
        max_length=100, blank=True, help_text="The date as the page printed it."
    )
    posted_on = models.DateField(null=True, blank=True)
    text = models.TextField()

    history = HistoricalRecords()

    class Meta:
        ordering = ["article", "position"]
        constraints = [
            # Invariant: comments keep the page's order.
            models.UniqueConstraint(fields=["article", "position"], name="comment_position_unique"),
        ]

    def __str__(self):
        return f"Comment by {self.author or 'an unnamed reader'} on {self.article}"


class Span(models.Model):
    """A run of characters in an article body, as [start, end) code-point offsets.

    An orphaned span lost its passage when the body was edited (corpus.anchoring):
    it keeps its last position, unchecked, until an editor places or deletes it."""

    class Anchor(models.TextChoices):
        ANCHORED = "anchored", "Anchored"
        ORPHANED = "orphaned", "Orphaned"

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
    """An actor or organization occurring in an article."""

    class Source(models.TextChoices):
        MATCHER = "matcher", "Alias matcher"
        EDITOR = "editor", "Editor"

    actor = models.ForeignKey(
        Actor, null=True, blank=True, on_delete=models.CASCADE, related_name="mentions"
    )
    organization = models.ForeignKey(
        Organization, null=True, blank=True, on_delete=models.CASCADE, related_name="mentions"
    )
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.MATCHER)
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
                condition=Q(actor__isnull=False, organization__isnull=True)
                | Q(actor__isnull=True, organization__isnull=False),
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


class Claim(models.Model):
    """A statement by an actor or an organization, anchored to the passage that reports it."""

    class Form(models.TextChoices):
        QUOTE = "quote", "Direct quote"
        PARAPHRASE = "paraphrase", "Paraphrase"

    class Kind(models.TextChoices):
        ASSESSMENT = "assessment", "Assessment"
        PREDICTION = "prediction", "Prediction"
        PROPOSAL = "proposal", "Proposal"
        COMMITMENT = "commitment", "Commitment"
        ACCUSATION = "accusation", "Accusation"
        POSITION = "position", "Position"

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


class SeedState(models.Model):
    """What load_seeds last wrote for one curated record, so a re-run can tell
    an editor's change (kept) from a curation change (applied)."""

    kind = models.CharField(max_length=40)
    key = models.CharField(max_length=200)
    fingerprint = models.CharField(max_length=64)

    class Meta:
        ordering = ["kind", "key"]
        constraints = [
            # Invariant: one record of state per curated record.
            models.UniqueConstraint(fields=["kind", "key"], name="seedstate_kind_key_unique"),
        ]

    def __str__(self):
        return f"{self.kind}:{self.key}"


class ArticleFacets(models.Model):
    """What the article list filters, searches, sorts and counts, one row per article.

    Kept by database triggers (migrations 0009 and 0016) from the article, its
    placed mentions, byline and tags, whichever way they change (ORM, COPY, raw
    SQL); the application only reads it. Counting a facet is an `unnest` over these
    arrays instead of joins through 1M mentions."""

    article = models.OneToOneField(
        Article, primary_key=True, on_delete=models.DO_NOTHING, related_name="facets"
    )
    published = models.BooleanField()
    date_start = models.DateField(null=True)
    year = models.PositiveSmallIntegerField(null=True)
    publication_id = models.BigIntegerField(null=True)
    actor_ids = ArrayField(models.BigIntegerField(), default=list)
    organization_ids = ArrayField(models.BigIntegerField(), default=list)
    author_ids = ArrayField(models.BigIntegerField(), default=list)
    tag_ids = ArrayField(models.IntegerField(), default=list)
    # The article's own search_vector, copied: the list's search finds its facet rows
    # through facets_search_gin without visiting the articles (null only before 0016).
    search_vector = SearchVectorField(null=True)

    class Meta:
        indexes = [
            # Serves the article list's search: search_vector @@ websearch_to_tsquery(...)
            # gives the matching facet rows, which its facets then count.
            GinIndex(fields=["search_vector"], name="facets_search_gin"),
            # Serve the people, organization, author and tag filters (ids @> ARRAY[id]).
            GinIndex(fields=["actor_ids"], name="facets_actor_ids_gin"),
            GinIndex(fields=["organization_ids"], name="facets_organization_ids_gin"),
            GinIndex(fields=["author_ids"], name="facets_author_ids_gin"),
            GinIndex(fields=["tag_ids"], name="facets_tag_ids_gin"),
            # Serves the list's default order over published articles, newest first.
            models.Index(
                F("date_start").desc(nulls_last=True),
                "article",
                condition=Q(published=True),
                name="facets_published_date_idx",
            ),
            # Serve the year and publication filters.
            models.Index(fields=["year"], name="facets_year_idx"),
            models.Index(fields=["publication_id"], name="facets_publication_idx"),
        ]

    def __str__(self):
        return f"Facets of article {self.article_id}"


class FacetTotal(models.Model):
    """How many published articles carry each facet value: the unfiltered list's
    counts, and every entity's article count; and, as ('all', 0), how many are
    published. Kept by a trigger on ArticleFacets."""

    class Facet(models.TextChoices):
        ALL = "all", "Every published article"
        ACTOR = "actor", "Person"
        ORGANIZATION = "organization", "Organization"
        AUTHOR = "author", "Author"
        PUBLICATION = "publication", "Publication"
        TAG = "tag", "Tag"
        YEAR = "year", "Year"

    facet = models.CharField(max_length=12, choices=Facet.choices)
    value = models.BigIntegerField()
    count = models.IntegerField(default=0)

    class Meta:
        constraints = [
            # Invariant: one total per facet value (the trigger upserts on it).
            models.UniqueConstraint(fields=["facet", "value"], name="facettotal_unique"),
        ]
        indexes = [
            # Serves the unfiltered facets: a facet's values, most used first.
            models.Index(fields=["facet", "-count"], name="facettotal_facet_count_idx"),
        ]

    def __str__(self):
        return f"{self.facet} {self.value}: {self.count}"


class ClaimFacets(models.Model):
    """What the claim list filters, sorts, searches and counts: one narrow row per
    public claim (published, reported by a published, anchored passage of a
    published article), and none for the others.

    Kept by database triggers (migrations 0010 and 0013, corpus/claim_facet_sql.py)
    from the claim, its tags, its passage, its article and the mentions and editor's
    links that name people and organizations in the passage, whichever way they change; the
    application only reads it. No foreign key constraints: bulk loads delete and
    write claims with the refresh deferred, then rebuild these rows at once."""

    claim = models.OneToOneField(
        Claim,
        primary_key=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="facets",
    )
    claimant_actor_id = models.BigIntegerField(null=True)
    claimant_organization_id = models.BigIntegerField(null=True)
    kind = models.CharField(max_length=12, choices=Claim.Kind.choices)
    article_id = models.BigIntegerField()
    tag_ids = ArrayField(models.IntegerField(), default=list)
    # The list's order: the article's date, then the passage's place in it.
    date_start = models.DateField(null=True)
    start = models.PositiveIntegerField()
    search_vector = SearchVectorField()
    # Who the reporting passage names: a placed mention inside it, or an editor's link.
    named_actor_ids = ArrayField(models.BigIntegerField(), default=list)
    named_organization_ids = ArrayField(models.BigIntegerField(), default=list)

    class Meta:
        indexes = [
            # Serves the list's order (oldest article first, passages in text order).
            models.Index(fields=["date_start", "start", "claim"], name="claimfacets_order_idx"),
            # Serve the claimant, article and kind filters.
            models.Index(fields=["claimant_actor_id"], name="claimfacets_actor_idx"),
            models.Index(fields=["claimant_organization_id"], name="claimfacets_organization_idx"),
            models.Index(fields=["article_id"], name="claimfacets_article_idx"),
            models.Index(fields=["kind"], name="claimfacets_kind_idx"),
            # Serves the tag filter (tag_ids && ARRAY[id]).
            GinIndex(fields=["tag_ids"], name="claimfacets_tag_ids_gin"),
            # Serves claim search: search_vector @@ websearch_to_tsquery(...).
            GinIndex(fields=["search_vector"], name="claimfacets_search_gin"),
            # Serve "statements about" a person (ClaimQuerySet.about: named_actor_ids @> [id]).
            GinIndex(fields=["named_actor_ids"], name="claimfacets_named_actors_gin"),
            # Serve "statements about" an organization (named_organization_ids @> [id]).
            GinIndex(fields=["named_organization_ids"], name="claimfacets_named_orgs_gin"),
        ]

    def __str__(self):
        return f"Facets of claim {self.claim_id}"


class ClaimFacetTotal(models.Model):
    """How many public claims carry each facet value: the unfiltered claim list's
    counts. Kept by a trigger on ClaimFacets."""

    class Facet(models.TextChoices):
        ACTOR = "actor", "Claimant (person)"
        ORGANIZATION = "organization", "Claimant (organization)"
        KIND = "kind", "Kind"
        TAG = "tag", "Tag"
        ARTICLE = "article", "Article"

    facet = models.CharField(max_length=12, choices=Facet.choices)
    # A record's id, or a kind of claim.
    value = models.CharField(max_length=20)
    count = models.IntegerField(default=0)

    class Meta:
        constraints = [
            # Invariant: one total per facet value (the trigger upserts on it).
            models.UniqueConstraint(fields=["facet", "value"], name="claimfacettotal_unique"),
        ]
        indexes = [
            # Serves the unfiltered facets: a facet's values, most used first.
            models.Index(fields=["facet", "-count"], name="claimfacettotal_count_idx"),
        ]

    def __str__(self):
        return f"{self.facet} {self.value}: {self.count}"


class PassageTags(models.Model):
    """The tags of one public passage (a published, anchored annotation of a
    published article) that has any; none for the others.

    Kept by database triggers (migration 0015, corpus/passage_tag_sql.py) from the
    annotation's tags, its status and anchor, and its article's status; the
    application only reads PassageTagTotal, which a trigger on these rows keeps."""

    annotation = models.OneToOneField(
        Annotation,
        primary_key=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="passage_tags",
    )
    tag_ids = ArrayField(models.IntegerField(), default=list)

    def __str__(self):
        return f"Tags of passage {self.annotation_id}"


class PassageTagTotal(models.Model):
    """How many public passages carry each tag: the tag list's passage counts.
    Kept by a trigger on PassageTags."""

    # taggit's Tag id; no foreign key, so a deleted tag's last total can go to zero.
    tag_id = models.IntegerField(primary_key=True)
    count = models.IntegerField(default=0)

    def __str__(self):
        return f"tag {self.tag_id}: {self.count} passages"
