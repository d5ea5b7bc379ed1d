"""Querysets that carry the archive's domain verbs."""

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import models
from django.db.models import Count, Exists, F, Func, OuterRef, Q, TextField, Value

PUBLISHED = "published"
# Only anchored mentions count: an orphaned one lost its passage when the body was edited.
ANCHORED = "anchored"
SEARCH_CONFIG = "english"


def websearch(q: str) -> SearchQuery:
    return SearchQuery(q, search_type="websearch", config=SEARCH_CONFIG)


def _array_text(field: str) -> Func:
    """A text array joined into one string, so text lookups can search every element."""
    return Func(F(field), Value(" | "), function="array_to_string", output_field=TextField())


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
        return self.alias(rank=SearchRank("search_vector", websearch(q))).order_by(
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
        """Articles that mention an actor or organization, each annotated with
        `mention_count`: how many times it names the entity."""
        field = entity._meta.model_name
        # Filtering before annotating makes the count use the same join: only this entity's mentions.
        return self.filter(**{f"mentions__{field}": entity}, mentions__anchor=ANCHORED).annotate(
            mention_count=Count("mentions")
        )

    def by_author(self, slug: str):
        return self.filter(authors__slug=slug)

    def in_publication(self, slug: str):
        return self.filter(publication__slug=slug)

    def in_year(self, year: int):
        return self.filter(year=year)

    def tagged(self, slug: str):
        return self.filter(tags__slug=slug)

    def for_listing(self):
        return self.select_related("publication").prefetch_related("authors")

    def related_to(self, article):
        """Other articles naming the same people and organizations as `article`, most
        shared first. Each carries `shared_count` and the shared names, alphabetical,
        in `shared_actors` and `shared_organizations`. One grouped query."""
        from django.contrib.postgres.aggregates import ArrayAgg

        from corpus.models import Mention

        named = Mention.objects.placed().filter(article=article)
        actor = Q(mentions__actor__in=named.values("actor"), mentions__anchor=ANCHORED)
        organization = Q(
            mentions__organization__in=named.values("organization"), mentions__anchor=ANCHORED
        )
        return (
            self.exclude(pk=article.pk)
            .annotate(
                shared_count=Count("mentions__actor", filter=actor, distinct=True)
                + Count("mentions__organization", filter=organization, distinct=True),
                shared_actors=ArrayAgg(
                    "mentions__actor__name",
                    filter=actor,
                    distinct=True,
                    order_by="mentions__actor__name",
                    default=Value([]),
                ),
                shared_organizations=ArrayAgg(
                    "mentions__organization__name",
                    filter=organization,
                    distinct=True,
                    order_by="mentions__organization__name",
                    default=Value([]),
                ),
            )
            .filter(shared_count__gt=0)
            .order_by("-shared_count", "-date_start", "title")
        )


class EntityQuerySet(models.QuerySet):
    def with_article_count(self):
        """Annotate how many published articles mention each entity."""
        return self.annotate(
            article_count=Count(
                "mentions__article",
                filter=Q(mentions__article__status=PUBLISHED, mentions__anchor=ANCHORED),
                distinct=True,
            )
        )

    def mentioned(self):
        """Entities that at least one published article mentions."""
        from corpus.models import Mention

        return self.filter(
            Exists(
                Mention.objects.placed().filter(
                    **{self.model._meta.model_name: OuterRef("pk")}, article__status=PUBLISHED
                )
            )
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

    def co_mentioned_with(self, entity):
        """Entities named in the same published articles as `entity` (itself excluded),
        annotated with `shared_articles`, most shared first. One grouped query."""
        from corpus.models import Article

        shared = Article.objects.published().filter(
            **{f"mentions__{entity._meta.model_name}": entity}, mentions__anchor=ANCHORED
        )
        # Filter before annotate: the count runs over the same join, so only shared articles count.
        queryset = self.filter(
            mentions__article__in=shared.values("pk"), mentions__anchor=ANCHORED
        ).annotate(shared_articles=Count("mentions__article", distinct=True))
        if isinstance(entity, self.model):
            queryset = queryset.exclude(pk=entity.pk)
        return queryset.order_by("-shared_articles", "name")


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
        """Statements by others that concern `entity`: the passage reporting the
        statement names it (a mention lies inside the passage), or an editor linked
        the passage's annotation to it. The entity's own statements are left out."""
        from corpus.models import Annotation, Mention

        field = entity._meta.model_name
        named_in_passage = Mention.objects.filter(
            anchor=ANCHORED,
            article=OuterRef("annotation__article"),
            start__gte=OuterRef("annotation__start"),
            end__lte=OuterRef("annotation__end"),
            **{field: entity},
        )
        linked = getattr(Annotation, f"{field}s").through.objects.filter(
            annotation=OuterRef("annotation"), **{field: entity}
        )
        return self.filter(Exists(named_in_passage) | Exists(linked)).exclude(
            **{f"claimant_{field}": entity}
        )

    def for_listing(self):
        return self.select_related("claimant_actor", "claimant_organization", "annotation__article")
