"""Invariants the database enforces, whoever writes."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from corpus.models import Article, Claim
from tests.factories import (
    ActorFactory,
    AnnotationFactory,
    ArticleFactory,
    ClaimFactory,
    OrganizationFactory,
)

pytestmark = pytest.mark.django_db


def refused(**kwargs):
    return pytest.raises(IntegrityError, **kwargs)


def test_a_claim_has_exactly_one_claimant():
    claim = ClaimFactory()
    with refused(match="claim_exactly_one_claimant"), transaction.atomic():
        Claim.objects.filter(pk=claim.pk).update(claimant_organization=OrganizationFactory())
    with refused(match="claim_exactly_one_claimant"), transaction.atomic():
        Claim.objects.filter(pk=claim.pk).update(claimant_actor=None)


def test_slugs_are_unique():
    article = ArticleFactory()
    with refused(match="article_slug_unique"), transaction.atomic():
        ArticleFactory(slug=article.slug)
    actor = ActorFactory()
    with refused(match="actor_slug_unique"), transaction.atomic():
        ActorFactory(slug=actor.slug)


def test_the_same_source_file_is_stored_once():
    article = ArticleFactory()
    with refused(match="article_raw_sha256_unique"), transaction.atomic():
        ArticleFactory(raw_source=article.raw_source)


def test_annotation_offsets_must_lie_inside_the_body():
    article = ArticleFactory(body="Short body.")
    with refused(match="outside the body"), transaction.atomic():
        AnnotationFactory(article=article, start=5, end=50, exact="body.")


def test_annotation_quote_must_match_the_body_at_its_position():
    article = ArticleFactory(body="The CSTO met in Dushanbe.")
    with refused(match="does not match"), transaction.atomic():
        AnnotationFactory(article=article, start=4, end=8, exact="NATO")
    assert AnnotationFactory(article=article, start=4, end=8).exact == "CSTO"


def test_empty_spans_are_refused():
    article = ArticleFactory()
    with refused(match="annotation_span_nonempty"), transaction.atomic():
        AnnotationFactory(article=article, start=4, end=4, exact="")


def test_date_bounds_follow_the_edtf_date():
    article = ArticleFactory(date_edtf="2007-10?", date_certainty="inferred", date_evidence="x")
    assert (article.date_start.isoformat(), article.date_end.isoformat(), article.year) == (
        "2007-10-01",
        "2007-10-31",
        2007,
    )
    article.date_edtf = ""
    article.save()
    assert (article.date_start, article.year, article.date_certainty) == (None, None, "unknown")


def test_a_range_across_years_has_no_single_year():
    article = ArticleFactory(
        date_edtf="2010-12-20/2011-01-10", date_certainty="inferred", date_evidence="x"
    )
    assert article.year is None


def test_a_date_that_is_not_edtf_is_a_validation_error():
    article = ArticleFactory.build(date_edtf="5 Sept 2011", date_certainty="stated")
    with pytest.raises(ValidationError) as error:
        article.full_clean()
    assert "date_edtf" in error.value.message_dict


def test_an_inferred_date_needs_its_evidence():
    article = ArticleFactory.build(date_edtf="2011?", date_certainty="inferred", date_evidence="")
    with pytest.raises(ValidationError) as error:
        article.full_clean()
    assert "date_evidence" in error.value.message_dict


def test_supplied_titles_display_in_brackets():
    assert str(ArticleFactory.build(title="Devised", title_supplied=True)) == "[Devised]"
    assert str(ArticleFactory.build(title="Printed")) == "Printed"


def test_article_search_vector_is_kept_by_the_database():
    article = ArticleFactory(body="Peacekeepers trained in Kapchagai.")
    assert Article.objects.search("peacekeeper").filter(pk=article.pk).exists()
    Article.objects.filter(pk=article.pk).update(body="Nothing relevant here at all.")
    assert not Article.objects.search("peacekeeper").filter(pk=article.pk).exists()
