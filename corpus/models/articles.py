"""Articles and their sources: the raw file and its checksums, the text in the
source's own words; and the verbs that list, search and relate articles. Bylines
and reader comments are in article_parts."""

import hashlib

from django.contrib.postgres.expressions import ArraySubquery
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, Subquery, Value
from django.db.models.expressions import RawSQL
from django.dispatch import Signal
from django.urls import reverse
from simple_history.models import HistoricalRecords
from taggit.managers import TaggableManager
from taggit.models import TaggedItemBase

from corpus.models.choices import PUBLISHED, Status
from corpus.models.dates import bounds
from corpus.models.entities import Actor, Organization
from corpus.models.expressions import (
    IDS,
    Cardinality,
    InArray,
    Shared,
    Unnest,
    by_relevance,
    rows_of,
    websearch,
)
from corpus.models.facet_tables import ArticleFacets, FacetTotal
from corpus.models.texts import text_sha256

# An article's long columns: lists of articles, or of claims with their articles, leave
# them unread (the raw file and the body are kilobytes each, read out of TOAST).
ARTICLE_TEXT_FIELDS = ("body", "raw_source", "search_vector")

# Sent by Article.save, inside its transaction, when the body changed (article,
# old_body): corpus.anchoring places the article's spans again and returns its report.
body_changed = Signal()


def in_byline_order() -> Prefetch:
    """Prefetch an article's authors as its byline orders them: Actor's own order is by
    name, so a plain "authors" prefetch would sort two authors alphabetically."""
    return Prefetch("authors", queryset=Actor.objects.order_by("authorships__position"))


def _names_of(model, ids: str) -> ArraySubquery:
    """The names of the records whose ids the outer row holds in `ids`, alphabetical."""
    return ArraySubquery(
        model.objects.filter(InArray(F("pk"), OuterRef(ids))).order_by("name").values("name")
    )


# Related articles: how many candidates are scored, at most (see related_to).
RELATED_CANDIDATES = 2000
# The candidates (newest first) are the published articles naming any of the rarest
# names; the best-scored are kept, with ties at the last place, for the ORM to order.
RELATED_SQL = """
SELECT article_id FROM (
    SELECT article_id, date_start,
        cardinality(ARRAY(SELECT x FROM unnest(actor_ids) AS x WHERE x = ANY(%s::bigint[])))
        + cardinality(ARRAY(SELECT x FROM unnest(organization_ids) AS x WHERE x = ANY(%s::bigint[])))
        AS shared
    FROM corpus_articlefacets
    WHERE published AND article_id <> %s
        AND (actor_ids && %s::bigint[] OR organization_ids && %s::bigint[])
    ORDER BY date_start DESC NULLS LAST
    LIMIT %s
) AS candidates
ORDER BY shared DESC, date_start DESC NULLS LAST
FETCH FIRST %s ROWS WITH TIES
"""


class ArticleQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=PUBLISHED)

    def search(self, q: str):
        """Full-text search in websearch syntax, English stemming, best match first."""
        return self.matching(q).ranked(q)

    def matching(self, q: str):
        return self.filter(search_vector=websearch(q))

    def ranked(self, q: str):
        """Order by relevance to q, ties newest first."""
        return by_relevance(self, q)

    def _placed_mentions(self):
        """Mentions still on their passage. Mention points at Article and is reached
        through that relation: corpus.models.annotations builds on this module."""
        return self.model.mentions.rel.related_model.objects.placed()

    def mentioning_actor(self, slug: str):
        return self.filter(
            Exists(self._placed_mentions().filter(article=OuterRef("pk"), actor__slug=slug))
        )

    def mentioning_organization(self, slug: str):
        return self.filter(
            Exists(self._placed_mentions().filter(article=OuterRef("pk"), organization__slug=slug))
        )

    def mentioning_entity(self, entity):
        """Published articles that mention an actor or organization, each annotated
        with `mention_count`: how many times it names the entity. The filter reads the
        article's ArticleFacets row (placed mentions only; its `published` lets the
        newest-first order walk the partial date index); the count runs only for the
        rows fetched."""
        field = entity._meta.model_name
        times = (
            self._placed_mentions()
            .filter(article=OuterRef("pk"), **{field: entity})
            .order_by()
            .values("article")
            .annotate(n=Count("pk"))
            .values("n")
        )
        return self.filter(
            **{f"facets__{field}_ids__contains": [entity.pk]}, facets__published=True
        ).annotate(mention_count=Subquery(times, output_field=models.IntegerField()))

    def by_author(self, slug: str):
        return self.filter(authors__slug=slug)

    def in_publication(self, slug: str):
        return self.filter(publication__slug=slug)

    def published_by(self, organization):
        """Published articles an organization published, read from ArticleFacets (as the
        publication facet counts them; its `published` lets newest-first walk the
        partial date index)."""
        return self.filter(facets__publication_id=organization.pk, facets__published=True)

    def in_year(self, year: int):
        return self.filter(year=year)

    def tagged(self, slug: str):
        return self.filter(tags__slug=slug)

    def for_listing(self):
        """What a list of articles shows: titles, dates, publications and bylines;
        the long columns are left unread."""
        return (
            self.select_related("publication")
            .prefetch_related(in_byline_order())
            .defer(*ARTICLE_TEXT_FIELDS)
        )

    def with_names(self):
        """Annotate `people` and `organizations`: the names each article mentions, from
        its facet row, alphabetical (subqueries: no query per row)."""
        return self.annotate(
            people=_names_of(Actor, "facets__actor_ids"),
            organizations=_names_of(Organization, "facets__organization_ids"),
        )

    def with_parts(self):
        """Each article with its authors (in byline order), tags (in the order the archive first knew them, as prefetch_related gave them) and reader
        comments read in the same query, as JSON rows; read_parts() then makes them its
        prefetched relations: the reading page's article in one query instead of four."""
        tagged = TaggedArticle._meta.get_field("tag").related_query_name()
        tags = self.model._meta.get_field("tags").related_model.objects
        comments = self.model._meta.get_field("comments").related_model.objects
        return self.select_related("publication").annotate(
            author_rows=rows_of(
                Actor.objects.filter(authorships__article=OuterRef("pk")).order_by(
                    "authorships__position"
                )
            ),
            tag_rows=rows_of(
                tags.filter(**{f"{tagged}__content_object": OuterRef("pk")}).order_by("pk")
            ),
            comment_rows=rows_of(comments.filter(article=OuterRef("pk")).order_by("position")),
        )

    def related_to(self, article, limit: int = 5):
        """Other published articles naming the same people and organizations as
        `article`, most shared first, then newest, then by title: `limit` of them,
        more on a tie for the last place (slice the result). Each carries `shared_count` and the
        shared names, alphabetical, in `shared_actors` and `shared_organizations`.
        Two queries, whatever the corpus size.

        Scoring every article that shares a name would read half the corpus when the
        article names someone common, so the candidates are the articles naming its
        rarest names (by FacetTotal), about RELATED_CANDIDATES of them (the newest,
        when even the rarest name is that common); each candidate is scored on all
        the names. Exact when the article names someone rare; an article sharing
        only common names can be passed over."""
        mine = ArticleFacets.objects.filter(pk=article.pk)
        # The article's names that any published article carries, rarest first.
        totals = (
            FacetTotal.objects.filter(count__gt=0)
            .filter(
                Q(facet="actor", value__in=mine.values(id=Unnest("actor_ids")))
                | Q(facet="organization", value__in=mine.values(id=Unnest("organization_ids")))
            )
            .order_by("count", "facet", "value")
            .values_list("facet", "value", "count")
        )
        names: dict[str, list[int]] = {"actor": [], "organization": []}
        rare: dict[str, list[int]] = {"actor": [], "organization": []}
        reach = 0
        for facet, value, count in totals:
            names[facet].append(value)
            if not reach or reach + count <= RELATED_CANDIDATES:
                rare[facet].append(value)
                reach += count
        if not rare["actor"] and not rare["organization"]:
            return self.none()
        top = RawSQL(
            RELATED_SQL,
            [
                *(names["actor"], names["organization"]),
                article.pk,
                *(rare["actor"], rare["organization"]),
                RELATED_CANDIDATES,
                limit,
            ],
        )
        shared_actors = Shared(F("facets__actor_ids"), Value(names["actor"], output_field=IDS))
        shared_organizations = Shared(
            F("facets__organization_ids"), Value(names["organization"], output_field=IDS)
        )
        return (
            self.filter(pk__in=top)
            .alias(shared_actor_ids=shared_actors, shared_organization_ids=shared_organizations)
            .annotate(
                shared_count=Cardinality("shared_actor_ids")
                + Cardinality("shared_organization_ids"),
                shared_actors=_names_of(Actor, "shared_actor_ids"),
                shared_organizations=_names_of(Organization, "shared_organization_ids"),
            )
            .order_by("-shared_count", F("date_start").desc(nulls_last=True), "title")
        )


class TaggedArticle(TaggedItemBase):
    content_object = models.ForeignKey("Article", on_delete=models.CASCADE)


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
    # The file's text whatever its line endings or byte-order mark (corpus/models/texts.py).
    text_sha256 = models.CharField(max_length=64, editable=False)
    body = models.TextField(help_text="The article text only, in the source's own words.")
    # Nothing is public until a reviewer publishes it.
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)

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
            # Invariant: one article per text, however its file was encoded; serves duplicate checks.
            models.UniqueConstraint(fields=["text_sha256"], name="article_text_sha256_unique"),
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
            # Serves OAI-PMH harvests: published articles in datestamp order (modified, id).
            models.Index(
                fields=["modified", "id"],
                condition=Q(status=PUBLISHED),
                name="article_oai_datestamp_idx",
            ),
        ]

    def __str__(self):
        return self.display_title

    def save(self, *args, **kwargs):
        """Save, and when the body changed, have its annotations and mentions placed
        again in the same transaction (body_changed, which corpus.anchoring answers);
        what that did is left in `self.reanchoring`."""
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
        with transaction.atomic():
            super().save(*args, **kwargs)
            replies = body_changed.send(sender=Article, article=self, old_body=old_body)
            self.reanchoring = next((report for _, report in replies if report is not None), None)

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
        self.text_sha256 = text_sha256(self.raw_source)

    @property
    def display_title(self) -> str:
        return f"[{self.title}]" if self.title_supplied else self.title
