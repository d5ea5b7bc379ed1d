"""Querysets that carry the archive's domain verbs."""

from django.contrib.postgres.expressions import ArraySubquery
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connections, models
from django.db.models import (
    Count,
    Exists,
    F,
    Func,
    OuterRef,
    Q,
    Subquery,
    TextField,
    Value,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast, Coalesce, Greatest

PUBLISHED = "published"
# Only anchored mentions count: an orphaned one lost its passage when the body was edited.
ANCHORED = "anchored"
SEARCH_CONFIG = "english"
# An article's long columns: lists of articles, or of claims with their articles, leave
# them unread (the raw file and the body are kilobytes each, read out of TOAST).
ARTICLE_TEXT_FIELDS = ("body", "raw_source", "search_vector")


def websearch(q: str) -> SearchQuery:
    return SearchQuery(q, search_type="websearch", config=SEARCH_CONFIG)


def _array_text(field: str) -> Func:
    """A text array joined into one string, so text lookups can search every element."""
    return Func(F(field), Value(" | "), function="array_to_string", output_field=TextField())


# An array of record ids, as ArticleFacets keeps them.
IDS = ArrayField(models.BigIntegerField())


class Unnest(Func):
    function = "unnest"
    output_field = models.BigIntegerField()


class Cardinality(Func):
    function = "cardinality"
    output_field = models.IntegerField()


class InArray(Func):
    """`value = ANY(array)`: whether an array holds a value."""

    template = "(%(expressions)s))"
    arg_joiner = " = ANY("
    output_field = models.BooleanField()


class Shared(Func):
    """The ids of the first array that are also in the second, in the first one's order."""

    template = "ARRAY(SELECT x FROM unnest(%(expressions)s))"
    arg_joiner = ") AS x WHERE x = ANY("
    output_field = IDS


def _names_of(model_name: str, ids: str) -> ArraySubquery:
    """The names of the records whose ids the outer row holds in `ids`, alphabetical."""
    from django.apps import apps

    model = apps.get_model("corpus", model_name)
    return ArraySubquery(
        model.objects.filter(InArray(F("pk"), OuterRef(ids))).order_by("name").values("name")
    )


# Co-mentions listed on an entity's page, at most (the most shared).
CO_MENTION_LIMIT = 40
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
        return self.alias(rank=SearchRank(F("search_vector"), websearch(q))).order_by(
            "-rank", "-date_start", "pk"
        )

    def mentioning_actor(self, slug: str):
        from corpus.models import Mention

        return self.filter(
            Exists(Mention.objects.placed().filter(article=OuterRef("pk"), actor__slug=slug))
        )

    def mentioning_organization(self, slug: str):
        from corpus.models import Mention

        return self.filter(
            Exists(Mention.objects.placed().filter(article=OuterRef("pk"), organization__slug=slug))
        )

    def mentioning_entity(self, entity):
        """Published articles that mention an actor or organization, each annotated
        with `mention_count`: how many times it names the entity. The filter reads the
        article's ArticleFacets row (placed mentions only; its `published` lets the
        newest-first order walk the partial date index); the count runs only for the
        rows fetched."""
        from corpus.models import Mention

        field = entity._meta.model_name
        times = (
            Mention.objects.placed()
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

    def in_year(self, year: int):
        return self.filter(year=year)

    def tagged(self, slug: str):
        return self.filter(tags__slug=slug)

    def for_listing(self):
        """What a list of articles shows: titles, dates, publications and bylines;
        the long columns are left unread."""
        return (
            self.select_related("publication")
            .prefetch_related("authors")
            .defer(*ARTICLE_TEXT_FIELDS)
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
        from corpus.models import ArticleFacets, FacetTotal

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
                shared_actors=_names_of("Actor", "shared_actor_ids"),
                shared_organizations=_names_of("Organization", "shared_organization_ids"),
            )
            .order_by("-shared_count", F("date_start").desc(nulls_last=True), "title")
        )


class EntityQuerySet(models.QuerySet):
    def _totals(self):
        """This kind of entity's FacetTotal rows: how many published articles name each."""
        from corpus.models import FacetTotal

        return FacetTotal.objects.filter(facet=self.model._meta.model_name)

    def with_article_count(self):
        """Annotate how many published articles mention each entity, read from
        FacetTotal (kept by triggers) instead of counting mentions."""
        count = self._totals().filter(value=OuterRef("pk")).values("count")
        return self.annotate(
            article_count=Coalesce(Subquery(count, output_field=models.IntegerField()), 0)
        )

    def with_claim_count(self):
        """Annotate how many public statements each entity made (ClaimFacetTotal)."""
        from corpus.models import ClaimFacetTotal

        count = ClaimFacetTotal.objects.filter(
            facet=self.model._meta.model_name, value=Cast(OuterRef("pk"), models.CharField())
        ).values("count")
        return self.annotate(
            claim_count=Coalesce(Subquery(count, output_field=models.IntegerField()), 0)
        )

    def with_authored_count(self):
        """Annotate how many published articles each actor wrote (FacetTotal)."""
        from corpus.models import FacetTotal

        count = FacetTotal.objects.filter(facet="author", value=OuterRef("pk")).values("count")
        return self.annotate(
            authored_count=Coalesce(Subquery(count, output_field=models.IntegerField()), 0)
        )

    def mentioned(self):
        """Entities that at least one published article mentions."""
        return self.filter(Exists(self._totals().filter(value=OuterRef("pk"), count__gt=0)))

    def most_named(self, limit: int):
        """The `limit` entities named in the most published articles, most first, ties
        by name, with `article_count`. Reads FacetTotal by its count index: every
        entity named at least as often as the `limit`-th one, then orders those."""
        nth = self._totals().order_by("-count").values("count")[limit - 1 : limit]
        # GREATEST ignores NULL: with fewer than `limit` entities, every one named at all.
        floor = Greatest(Subquery(nth, output_field=models.IntegerField()), 1)
        top = self._totals().filter(count__gte=floor).values("value")
        return (
            self.filter(pk__in=top).with_article_count().order_by("-article_count", "name")[:limit]
        )

    def named_in(self, article):
        """Entities the article names, each with `mention_count` (how often), most named first."""
        # Filtering before annotating makes the count use the same join: this article's mentions.
        return (
            self.filter(mentions__article=article, mentions__anchor=ANCHORED)
            .annotate(mention_count=Count("mentions"))
            .order_by("-mention_count", "name")
        )

    def named(self, name: str):
        """Entities whose name or any alias is exactly `name`."""
        return self.filter(Q(name=name) | Q(aliases__contains=[name]))

    def name_filter(self, q: str):
        """Entities whose name or any alias contains `q` (case- and accent-insensitive),
        or whose name is a close spelling of it (pg_trgm word similarity: "Buzhinski")."""
        return self.alias(alias_text=_array_text("aliases")).filter(self._names_matching(q))

    def _names_matching(self, q: str) -> Q:
        return (
            Q(name__unaccent__icontains=q)
            | Q(alias_text__unaccent__icontains=q)
            | Q(name__trigram_word_similar=q)
        )

    def co_mentioned_with(self, entity, limit: int = CO_MENTION_LIMIT) -> list:
        """The `limit` entities named in the most published articles with `entity`
        (itself excluded), each with `shared_articles`, most shared first, ties by
        name. Two queries: one counts, with `unnest`, the names on the ArticleFacets
        rows of the entity's articles; the other fetches the best, in name order,
        which a stable sort by count keeps for ties."""
        from corpus.models import ArticleFacets

        column = f"{self.model._meta.model_name}_ids"
        rows = ArticleFacets.objects.filter(
            published=True, **{f"{entity._meta.model_name}_ids__contains": [entity.pk]}
        )
        sql, params = rows.values(column).query.sql_with_params()
        itself = entity.pk if isinstance(entity, self.model) else 0
        with connections[self.db].cursor() as cursor:
            cursor.execute(
                # unnest in the select list (a ProjectSet): 10 ms for someone in 11,000
                # articles, where a lateral unnest took 16.
                f"""SELECT id, count(*) AS shared FROM (SELECT unnest(f.{column}) AS id
                FROM ({sql}) AS f) AS named WHERE id <> %s GROUP BY id
                ORDER BY shared DESC FETCH FIRST %s ROWS WITH TIES""",
                [*params, itself, limit],
            )
            shared = dict(cursor.fetchall())
        # Counts attached in Python: a CASE of forty WHENs cost more to compile than to run.
        entities = list(self.filter(pk__in=shared).order_by("name"))
        for other in entities:
            other.shared_articles = shared[other.pk]
        return sorted(entities, key=lambda other: -other.shared_articles)[:limit]


class ActorQuerySet(EntityQuerySet):
    pass


class OrganizationQuerySet(EntityQuerySet):
    def named(self, name: str):
        return self.filter(Q(name=name) | Q(acronym=name) | Q(aliases__contains=[name]))

    def _names_matching(self, q: str) -> Q:
        return super()._names_matching(q) | Q(acronym__icontains=q)


class MentionQuerySet(models.QuerySet):
    def placed(self):
        """Mentions anchored in the body; an orphan lost its place in an edit."""
        return self.filter(anchor=ANCHORED)


class AnnotationQuerySet(models.QuerySet):
    def published(self):
        """Public: published, on a published article, and still anchored to its
        passage (an orphan waits in the review queue until an editor places it)."""
        return self.filter(status=PUBLISHED, article__status=PUBLISHED).placed()

    def placed(self):
        """Annotations anchored to their passage; an orphan's position is stale."""
        return self.filter(anchor=ANCHORED)


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
