"""`manage.py synthesize`: a realistic synthetic corpus for measuring the archive at scale."""

import io
from datetime import date

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import IntegrityError, connection, transaction
from django.db.models import Count

from bench.synthetic import SOURCE_PREFIX, Entity, Plan, Synthesizer, Zipf
from corpus.facets.article_search import ArticleSearch
from corpus.models import (
    Actor,
    Annotation,
    Article,
    Claim,
    Mention,
    Organization,
    PassageTags,
    PassageTagTotal,
)

pytestmark = pytest.mark.django_db


def synthesize(*args):
    out = io.StringIO()
    call_command("synthesize", *args, stdout=out)
    return out.getvalue()


def synthetic_articles():
    return Article.objects.filter(source_file__startswith=SOURCE_PREFIX)


def test_it_adds_articles_with_mentions_annotations_claims_and_tags():
    output = synthesize("--articles", "60", "--seed", "3")

    articles = synthetic_articles()
    assert articles.count() == 60
    assert "60/60 articles" in output, "progress is shown"
    # About ten annotations per article, mentions and claims on top.
    annotations = Annotation.objects.filter(article__in=articles)
    assert 6 * 60 <= annotations.count() <= 14 * 60
    assert Mention.objects.filter(article__in=articles).count() >= 60
    assert Claim.objects.filter(annotation__article__in=articles).exists()
    assert not articles.annotate(n=Count("tags")).filter(n=0).exists(), "every article is tagged"
    # Generated people and organizations join the seed ones.
    assert Actor.objects.count() > 21 + 40
    assert Organization.objects.count() > 59 + 25


def test_every_span_is_anchored_in_its_body():
    synthesize("--articles", "40")

    for mention in Mention.objects.filter(article__in=synthetic_articles()).select_related(
        "article", "actor", "organization"
    ):
        named = mention.article.body[mention.start : mention.end]
        entity = mention.entity
        assert named in (entity.name, getattr(entity, "acronym", None))
    for annotation in Annotation.objects.filter(article__in=synthetic_articles()).select_related(
        "article"
    ):
        body = annotation.article.body
        assert body[annotation.start : annotation.end] == annotation.exact
        assert body[: annotation.start].endswith(annotation.prefix)
        assert body[annotation.end :].startswith(annotation.suffix)


def test_claims_are_by_someone_the_passage_names():
    synthesize("--articles", "40")

    claims = Claim.objects.filter(annotation__article__in=synthetic_articles())
    assert claims.exists()
    for claim in claims.select_related("annotation", "claimant_actor", "claimant_organization"):
        names = claim.claimant.names
        assert any(name in claim.annotation.exact for name in names)
        assert claim.text in claim.annotation.exact, "the claim keeps the passage's words"


def test_dates_spread_over_twenty_years_and_unknown_ones_stay_unknown():
    synthesize("--articles", "300")

    articles = synthetic_articles()
    years = set(articles.exclude(year=None).values_list("year", flat=True))
    assert min(years) >= 2005 and max(years) <= 2024 and len(years) >= 15
    for article in articles.filter(date_edtf=""):
        assert (article.date_start, article.year, article.date_certainty) == (
            None,
            None,
            "unknown",
        )
    assert articles.filter(date_start__gte=date(2005, 1, 1)).exists()


def test_the_search_indexes_are_rebuilt_and_find_synthetic_text():
    synthesize("--articles", "30")

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_indexes "
            "WHERE indexname IN ('article_search_gin', 'facets_search_gin')"
        )
        assert cursor.fetchone() == (2,)
    article = synthetic_articles().filter(status="published").first()
    word = article.body.split()[3].strip('.,;:“”"')
    assert Article.objects.matching(word).filter(source_file__startswith=SOURCE_PREFIX).exists()
    assert article.pk in ArticleSearch({}, word).rows().values_list("article_id", flat=True)


def test_span_triggers_are_back_on_after_the_load():
    synthesize("--articles", "5")
    article = synthetic_articles().first()

    with pytest.raises(IntegrityError), transaction.atomic():
        Mention.objects.create(
            article=article, actor=Actor.objects.first(), start=0, end=len(article.body) + 5
        )


def test_a_second_run_refuses_reuses_or_replaces():
    synthesize("--articles", "10", "--seed", "2")

    with pytest.raises(CommandError, match="already holds a synthetic corpus"):
        synthesize("--articles", "10", "--seed", "2")
    assert "already holds this synthetic corpus" in synthesize(
        "--articles", "10", "--seed", "2", "--reuse"
    )
    assert synthetic_articles().count() == 10

    synthesize("--articles", "12", "--seed", "2", "--replace")
    assert synthetic_articles().count() == 12
    assert Article.objects.exclude(source_file__startswith=SOURCE_PREFIX).count() == 5
    assert passage_totals() == recounted_passage_totals(), "the replaced corpus's are gone"


def passage_totals():
    return dict(PassageTagTotal.objects.filter(count__gt=0).values_list("tag_id", "count"))


def recounted_passage_totals():
    tagged = Annotation.objects.published().values_list("tags", flat=True).order_by()
    counts = tagged.filter(tags__isnull=False).values("tags").annotate(n=Count("pk", distinct=True))
    return {row["tags"]: row["n"] for row in counts}


def test_the_passage_totals_are_built_after_the_load():
    synthesize("--articles", "30", "--seed", "5")
    assert passage_totals() == recounted_passage_totals()
    assert PassageTags.objects.count() == (
        Annotation.objects.published().filter(tags__isnull=False).distinct().count()
    )


def test_bad_arguments_are_refused_clearly():
    with pytest.raises(CommandError, match="at least 1"):
        synthesize("--articles", "0")
    with pytest.raises(CommandError, match="between 1 and 100"):
        synthesize("--articles", "5", "--annotations-per-article", "0")


def plan(seed):
    return Plan(
        articles=20,
        seed=seed,
        actors=[Entity(1, "Vladimir Putin")],
        organizations=[Entity(1, "Collective Security Treaty Organization", "CSTO")],
        outlets=[Entity(2, "Eurasia Daily Monitor")],
        tags=[(1, "csto")],
        sentences=[
            "The CSTO held its summit in Moscow on Friday after long talks.",
            "Officials said the border would remain closed for the winter months.",
            "Russia has kept its airbase in Kant since the agreement was signed.",
        ],
        first_ids=dict.fromkeys(
            [
                "corpus_actor",
                "corpus_organization",
                "taggit_tag",
                "corpus_article",
                "corpus_authorship",
                "corpus_mention",
                "corpus_annotation",
                "corpus_annotation_actors",
                "corpus_claim",
                "corpus_taggedarticle",
                "corpus_taggedannotation",
                "corpus_taggedclaim",
            ],
            10,
        ),
    )


def generate(seed):
    synthesizer = Synthesizer(plan(seed), now=date(2026, 1, 1))
    synthesizer.make_cast(people=30, organizations=20, outlets=3, authors=5, tags=10)
    synthesizer.make_sentences(generated=50)
    cast = synthesizer.out.drain()
    return cast, [rows for _, rows in synthesizer.articles(batch=7)]


def test_the_same_seed_gives_the_same_corpus_and_another_seed_another():
    assert generate(5) == generate(5)
    assert generate(5) != generate(6)


def test_popularity_follows_zipf_a_few_names_are_everywhere():
    import random

    zipf = Zipf(list(range(1000)), random.Random(1))
    draws = [zipf.draw(1)[0] for _ in range(5000)]
    assert draws.count(0) > 20 * max(draws.count(900), 1) / 2
    assert len(set(zipf.draw(10))) == 10, "a draw of k gives k distinct items"
