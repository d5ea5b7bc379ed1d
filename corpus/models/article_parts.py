"""The parts of an article's page besides its text: the byline, in byline order,
and the reader comments."""

from django.db import models
from simple_history.models import HistoricalRecords

from corpus.models.articles import Article
from corpus.models.entities import Actor
from corpus.models.expressions import prefetch_rows


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


def read_parts(article):
    """The article of Article.objects.with_parts() with its authors, tags and comments as
    prefetched relations (`article.authors.all()` and the rest read no database)."""
    for relation in ("authors", "tags", "comments"):
        prefetch_rows([article], relation, f"{relation[:-1]}_rows")
    return article
