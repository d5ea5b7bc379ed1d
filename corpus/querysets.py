"""Querysets that carry the archive's domain verbs."""

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import models
from django.db.models import Count, Exists, OuterRef, Q

PUBLISHED = "published"
SEARCH_CONFIG = "english"


def websearch(q: str) -> SearchQuery:
    return SearchQuery(q, search_type="websearch", config=SEARCH_CONFIG)


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

        return self.filter(Exists(Mention.objects.filter(article=OuterRef("pk"), actor__slug=slug)))

    def mentioning_organization(self, slug: str):
        from corpus.models import Mention

        return self.filter(
            Exists(Mention.objects.filter(article=OuterRef("pk"), organization__slug=slug))
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


class EntityQuerySet(models.QuerySet):
    def with_article_count(self):
        """Annotate how many published articles mention each entity."""
        return self.annotate(
            article_count=Count(
                "mentions__article",
                filter=Q(mentions__article__status=PUBLISHED),
                distinct=True,
            )
        )

    def named(self, name: str):
        """Entities whose name or any alias is exactly `name`."""
        return self.filter(Q(name=name) | Q(aliases__contains=[name]))


class ActorQuerySet(EntityQuerySet):
    pass


class OrganizationQuerySet(EntityQuerySet):
    def named(self, name: str):
        return self.filter(Q(name=name) | Q(acronym=name) | Q(aliases__contains=[name]))


class AnnotationQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=PUBLISHED, article__status=PUBLISHED)


class ClaimQuerySet(models.QuerySet):
    def published(self):
        return self.filter(
            status=PUBLISHED,
            annotation__status=PUBLISHED,
            annotation__article__status=PUBLISHED,
        )

    def by_claimant(self, slug: str):
        return self.filter(Q(claimant_actor__slug=slug) | Q(claimant_organization__slug=slug))

    def for_listing(self):
        return self.select_related("claimant_actor", "claimant_organization", "annotation__article")
