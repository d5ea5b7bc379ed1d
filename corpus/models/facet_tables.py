"""The facet tables: narrow rows and running totals that database triggers keep
from the articles, claims and passages (the triggers' SQL is corpus/facets/triggers/),
so that lists filter and count by index instead of joining a million mentions.
The application only reads them.

They name the records they mirror by "corpus.Model" rather than by import: the
domain models' querysets read these tables, so this module sits below them.
"""

from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex, OpClass
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import F, Func, Q

from corpus.models.choices import ClaimKind


class ArticleFacets(models.Model):
    """What the article list filters, searches, sorts and counts, one row per article.

    Kept by database triggers (migrations 0009 and 0016) from the article, its
    placed mentions, byline and tags, whichever way they change (ORM, COPY, raw
    SQL); the application only reads it. Counting a facet is an `unnest` over these
    arrays instead of joins through 1M mentions."""

    article = models.OneToOneField(
        "corpus.Article", primary_key=True, on_delete=models.DO_NOTHING, related_name="facets"
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
            # Serves a phrase search's first narrowing: corpus_search_terms(search_vector)
            # @@ its pairs of adjacent words (corpus/facets/word_pairs.py, migration 0030).
            GinIndex(
                Func(F("search_vector"), function="corpus_search_terms"),
                name="facets_search_pairs_gin",
            ),
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

    Kept by database triggers (migrations 0010 and 0013, corpus/facets/triggers/claims.py)
    from the claim, its tags, its passage, its article and the mentions and editor's
    links that name people and organizations in the passage, whichever way they change; the
    application only reads it. No foreign key constraints: bulk loads delete and
    write claims with the refresh deferred, then rebuild these rows at once."""

    claim = models.OneToOneField(
        "corpus.Claim",
        primary_key=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="facets",
    )
    claimant_actor_id = models.BigIntegerField(null=True)
    claimant_organization_id = models.BigIntegerField(null=True)
    kind = models.CharField(max_length=12, choices=ClaimKind.choices)
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
        # Whom the claim's passage names: the claim list's "About" facet.
        NAMED_ACTOR = "named_actor", "About (person)"
        NAMED_ORGANIZATION = "named_organization", "About (organization)"

    facet = models.CharField(max_length=20, choices=Facet.choices)
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

    Kept by database triggers (migration 0015, corpus/facets/triggers/passage_tags.py) from the
    annotation's tags, its status and anchor, and its article's status; the
    application only reads PassageTagTotal, which a trigger on these rows keeps."""

    annotation = models.OneToOneField(
        "corpus.Annotation",
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


class NameSkeleton(models.Model):
    """Each person's and organization's names as the search's spelling rules reduce
    them (corpus_name_skeleton: "Rakhmonov" and "Rahmonov" alike), one row per
    distinct skeleton. Kept by database triggers on the entities (migration
    search_finds_names_by_stored_skeletons) so that a search looks its words up by
    index instead of reducing every name of every entity on each call."""

    kind = models.CharField(max_length=12)  # actor or organization
    entity_id = models.BigIntegerField()
    skeleton = models.TextField()

    class Meta:
        ordering = ["kind", "entity_id", "skeleton"]
        constraints = [
            # Invariant: a skeleton once per entity (the triggers insert on conflict, nothing).
            models.UniqueConstraint(
                fields=["kind", "entity_id", "skeleton"], name="nameskeleton_unique"
            ),
        ]
        indexes = [
            # Serves corpus_search_query: the entities with a name spelled like a search's word.
            models.Index(fields=["skeleton"], name="nameskeleton_skeleton_idx"),
        ]

    def __str__(self):
        return f"{self.kind} {self.entity_id}: {self.skeleton}"


class NameForm(models.Model):
    """Each person's and organization's names, aliases and acronym, and each tag's
    name, lower-cased and unaccented as the suggestions compare them, kept by
    triggers on the entities and tags (migrations 0029 and 0031) so that a search
    that found little finds the names close to it by a trigram index instead of
    folding every name."""

    kind = models.CharField(max_length=12)  # actor, organization or tag
    entity_id = models.BigIntegerField()
    folded = models.TextField()

    class Meta:
        ordering = ["kind", "entity_id", "folded"]
        constraints = [
            # Invariant: a form once per entity (the triggers insert on conflict, nothing).
            models.UniqueConstraint(fields=["kind", "entity_id", "folded"], name="nameform_unique"),
        ]
        indexes = [
            # Serves close_names: forms similar to a search (folded % q, q <% folded).
            GinIndex(OpClass("folded", name="gin_trgm_ops"), name="nameform_folded_trgm"),
        ]

    def __str__(self):
        return f"{self.kind} {self.entity_id}: {self.folded}"
