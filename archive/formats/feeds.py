"""Atom feeds (Django's syndication framework) of newly published articles and
passages. "Newly published" is when each was first published, as its edit history
records; only what is public now is listed."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import Min
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import format_html
from django.utils.text import Truncator

from corpus.models import PUBLISHED, Annotation, Article
from corpus.models.notes import sanitize_note

FEED_LENGTH = 30
SUMMARY_WORDS = 60


def newly_published(public, limit: int = FEED_LENGTH) -> list:
    """The `limit` records of the `public` queryset first published most recently,
    newest first, each with `published_at`. Two queries: their histories, then them."""
    history = public.model.history.model
    firsts = (
        history.objects.filter(status=PUBLISHED, id__in=public.values("pk"))
        .values("id")
        .annotate(at=Min("history_date"))
        .order_by("-at", "-id")[:limit]
    )
    when = {row["id"]: row["at"] for row in firsts}
    records = list(public.filter(pk__in=when))
    for record in records:
        record.published_at = when[record.pk]
    return sorted(records, key=lambda r: (r.published_at, r.pk), reverse=True)


class ArchiveFeed(Feed):
    feed_type = Atom1Feed

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.modified


class ArticlesFeed(ArchiveFeed):
    def title(self):
        return f"{settings.ARCHIVE_NAME}: new articles"

    def subtitle(self):
        return "Articles as they are published in the archive, newest first."

    def link(self):
        return reverse("article_list")

    def items(self):
        public = (
            Article.objects.published()
            .select_related("publication")
            .prefetch_related("authors", "tags")
            .defer("raw_source", "search_vector")
        )
        return newly_published(public)

    def item_title(self, article):
        return article.display_title

    def item_description(self, article):
        # The opening words of the text, the source's own (typos included).
        return Truncator(article.body).words(SUMMARY_WORDS)

    def item_author_name(self, article):
        return ", ".join(author.name for author in article.authors.all()) or None

    def item_categories(self, article):
        return [tag.name for tag in article.tags.all()]


class PassagesFeed(ArchiveFeed):
    def title(self):
        return f"{settings.ARCHIVE_NAME}: new annotated passages"

    def subtitle(self):
        return "Passages as editors publish their annotations, newest first."

    def link(self):
        return reverse("home")

    def items(self):
        public = (
            Annotation.objects.published()
            .select_related("article")
            .defer("article__raw_source", "article__body", "article__search_vector")
            .prefetch_related("tags")
        )
        return newly_published(public)

    def item_title(self, annotation):
        quote = Truncator(annotation.exact).chars(80)
        return f"“{quote}” in {annotation.article.display_title}"

    def item_link(self, annotation):
        return reverse("annotation_detail", args=[annotation.uuid])

    def item_description(self, annotation):
        return format_html(
            "<blockquote>{}</blockquote>{}",
            annotation.exact,
            sanitize_note(annotation.note),  # a note is sanitized HTML (corpus.models.notes)
        )

    def item_categories(self, annotation):
        return [tag.name for tag in annotation.tags.all()]
