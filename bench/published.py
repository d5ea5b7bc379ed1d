"""The published corpus in the shape the benchmark needs: each article with the
slugs of the people and organizations it names, its authors and its tags."""

from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import OuterRef

from corpus.models import Article, Authorship, Mention, TaggedArticle


def _named(field: str) -> ArraySubquery:
    """Distinct slugs of the entities an article names (placed mentions only, as public pages count)."""
    slug = f"{field}__slug"
    mentions = Mention.objects.placed().filter(
        article=OuterRef("pk"), **{f"{field}__isnull": False}
    )
    return ArraySubquery(mentions.order_by(slug).values(slug).distinct())


def articles_with_names():
    authors = Authorship.objects.filter(article=OuterRef("pk")).order_by("position")
    tags = TaggedArticle.objects.filter(content_object=OuterRef("pk")).order_by("tag__slug")
    return Article.objects.published().annotate(
        actor_slugs=_named("actor"),
        organization_slugs=_named("organization"),
        author_slugs=ArraySubquery(authors.values("actor__slug")),
        tag_slugs=ArraySubquery(tags.values("tag__slug")),
    )
