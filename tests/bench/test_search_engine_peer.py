"""The bench's search-engine peer (bench/peer/search_engine.py) answers the same
questions as the archive: the same articles for a search or a filter, and the same
facet counts, so timing it beside our pages compares like with like."""

import io

import pytest
from django.contrib.postgres.search import SearchQuery
from django.core.management import call_command
from django.db.models import F
from django.urls import reverse

from corpus.models import Article
from corpus.models.expressions import SEARCH_CONFIG

# Installed by `make test` (requirements-bench.txt); a bare pytest without it says so.
tantivy = pytest.importorskip(
    "tantivy", reason="tantivy is a bench requirement: `make test` installs requirements-bench.txt"
)

from bench import params  # noqa: E402 (after the skip: it needs no tantivy, its peer does)
from bench.peer import export_sqlite, search_engine  # noqa: E402

pytestmark = pytest.mark.django_db
# The archive's facet names in its JSON, and the engine's field for each.
FIELDS = {
    "actor": "actors",
    "organization": "organizations",
    "publication": "publication",
    "author": "authors",
    "year": "year",
    "tag": "tags",
}


@pytest.fixture
def engine(tmp_path):
    """The seeds and 300 synthetic articles, indexed as `make bench` indexes them."""
    call_command("synthesize", "--articles", "300", "--seed", "5", stdout=io.StringIO())
    index = search_engine.build(tmp_path / "index", export_sqlite.rows(lambda _: None))
    return search_engine.Engine(index)


def archive_ids(word: str) -> set[int]:
    """The articles whose text has `word`. The archive's own search also finds the
    articles naming a person or organization `word` names (KnownNamesQuery); the
    engine indexes the text alone, so like is compared with like."""
    text = SearchQuery(word, search_type="websearch", config=SEARCH_CONFIG)
    return set(Article.objects.published().filter(search_vector=text).values_list("pk", flat=True))


def test_the_engine_finds_the_same_articles_as_the_archive_for_each_kind_of_word(engine):
    words = [word for word, _ in params.sampled_words(seed=1)]
    # The commonest words, a band in the middle and words seen once: the bench's three searches.
    chosen = [*words[:3], *words[len(words) // 3 : len(words) // 3 + 3], *words[-3:], "CSTO"]
    for word in chosen:
        expected = archive_ids(word)
        assert expected, word
        assert engine.ids(engine.matching(word)) == expected, word


def test_the_engine_finds_the_same_articles_for_facet_filters(engine):
    for slug in params.popular_actors(3):
        found = engine.ids(engine.filtered(actors=slug))
        expected = set(
            Article.objects.published()
            .filter(facets__actor_ids__contains=[_actor_id(slug)])
            .values_list("pk", flat=True)
        )
        assert found == expected, slug
        assert found


def test_the_engine_counts_the_same_facets_and_total_as_the_list_page(client, engine):
    word = params.sampled_words(seed=1)[0][0]
    page = client.get(reverse("article_list"), {"q": word, "format": "json"}).json()
    answer = engine.page(engine.matching(word), by_date=False)
    assert answer["count"] == page["count"]
    for name, field in FIELDS.items():
        ours = {str(value["value"]): value["count"] for value in page["facets"][name]}
        theirs = dict(answer["facets"][field])
        # Both keep the top 30 of each facet; ties at the cut may keep different values.
        assert sorted(ours.values(), reverse=True) == sorted(theirs.values(), reverse=True), name
        shared = ours.keys() & theirs.keys()
        assert shared, name
        assert {v: ours[v] for v in shared} == {v: theirs[v] for v in shared}, name


def test_a_list_page_is_the_newest_articles_first(engine):
    first = engine.page(engine.filtered(), 1)
    newest = Article.objects.published().order_by(F("date_start").desc(nulls_last=True)).first()
    assert first["count"] == Article.objects.published().count()
    assert len(first["hits"]) == search_engine.PAGE_SIZE
    assert first["hits"][0]["day"] == newest.date_start.toordinal()
    days = [hit["day"] for hit in first["hits"]]
    assert days == sorted(days, reverse=True)


def _actor_id(slug: str) -> int:
    from corpus.models import Actor

    return Actor.objects.get(slug=slug).pk
