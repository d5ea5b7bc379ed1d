"""To-many relations read in their parent's query (corpus.models.expressions.rows_of):
the records come out as prefetch_related would give them, field for field and in the
same order, and reading them costs no query."""

from datetime import date

import pytest

from corpus.models import Annotation, Article, Comment, in_byline_order, read_names, read_parts
from tests.factories import AnnotationFactory, ArticleFactory

pytestmark = pytest.mark.django_db

MOSCOW = "russia-moscow-strives-to-clarify-vision-for-central-asian-alliance"


def fields(records) -> list[dict]:
    return [{f.attname: getattr(r, f.attname) for f in r._meta.concrete_fields} for r in records]


def in_order(records) -> list[dict]:
    """taggit's prefetch gives tags in no defined order (a DISTINCT with no ORDER BY);
    read in the parent's query they come oldest first, the order it happened to give the seeds."""
    return sorted(fields(records), key=lambda row: row["id"])


def test_an_article_reads_its_byline_tags_and_comments_as_prefetch_related_does(
    django_assert_num_queries,
):
    article = Article.objects.get(slug=MOSCOW)
    Comment.objects.create(
        article=article, position=99, posted_on=date(2011, 10, 3), text="Second <b>thought</b>"
    )
    expected = Article.objects.prefetch_related(in_byline_order(), "tags", "comments").get(
        pk=article.pk
    )
    with django_assert_num_queries(1):
        read = read_parts(Article.objects.with_parts().get(pk=article.pk))
        assert fields(read.tags.all()) == in_order(expected.tags.all())
        for relation in ("authors", "comments"):
            assert fields(getattr(read, relation).all()) == fields(
                getattr(expected, relation).all()
            ), relation
    assert read.authors.all() and read.tags.all()
    assert read.comments.all()[len(read.comments.all()) - 1].posted_on == date(2011, 10, 3)
    assert read.publication.name  # selected in the same query


def test_an_article_without_parts_reads_empty_relations(django_assert_num_queries):
    article = ArticleFactory()
    with django_assert_num_queries(1):
        read = read_parts(Article.objects.with_parts().get(pk=article.pk))
        assert list(read.authors.all()) == list(read.tags.all()) == list(read.comments.all()) == []


def test_annotations_read_their_tags_people_and_organizations_in_one_query(
    django_assert_num_queries,
):
    article = Article.objects.get(slug=MOSCOW)
    passage = AnnotationFactory(article=article, start=0, end=10)
    passage.tags.add("zeta", "alpha")
    passage.actors.add(*article.authors.all())
    expected = list(
        Annotation.objects.filter(article=article)
        .prefetch_related("tags", "actors", "organizations")
        .order_by("pk")
    )
    with django_assert_num_queries(1):
        read = read_names(Annotation.objects.filter(article=article).with_names().order_by("pk"))
        for ours, theirs in zip(read, expected, strict=True):
            assert fields(ours.tags.all()) == in_order(theirs.tags.all())
            for relation in ("actors", "organizations"):
                assert fields(getattr(ours, relation).all()) == fields(
                    getattr(theirs, relation).all()
                ), relation
    assert any(a.organizations.all() for a in read)
    assert {t.name for t in next(a for a in read if a.pk == passage.pk).tags.all()} == {
        "zeta",
        "alpha",
    }
