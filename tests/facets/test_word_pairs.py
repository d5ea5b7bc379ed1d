"""A phrase search is narrowed by its pairs of words adjacent (migration 0030) or
two apart (migration 0034, corpus/facets/word_pairs.py) and finds exactly what the
phrase alone finds: the pairs are a necessary condition, never a different search."""

import io
import random
import re

import pytest
from django.core.management import call_command
from django.db import connection

from corpus.facets.article_search import ArticleSearch
from corpus.facets.word_pairs import (
    PAIRED,
    TOO_MANY_PAIRS,
    matching,
    not_matching,
    pairs_filter,
    sufficient_words,
)
from corpus.models import Article, ArticleFacets, Organization

MARKER = f" | '{TOO_MANY_PAIRS}'"


# ---- the pairs a tsquery needs ----------------------------------------------------


def test_a_phrase_needs_each_pair_of_adjacent_words_and_no_longer_the_words_alone():
    assert pairs_filter("'feder' <-> 'border' <-> 'servic'") == (
        "( 'feder border' & 'border servic' )" + MARKER
    )


def test_words_a_stop_word_apart_need_their_pair_two_apart():
    assert pairs_filter("'border' <-> 'servic' <2> 'almati'") == (
        "( 'border servic' & 'servic _ almati' )" + MARKER
    )


def test_words_further_apart_need_only_themselves():
    assert pairs_filter("'border' <-> 'servic' <3> 'almati'") == (
        "( 'border servic' & 'almati' )" + MARKER
    )


def test_an_acronym_widened_to_its_full_name_needs_the_acronym_or_the_names_pairs():
    widened = "'arao' | 'astana' <-> 'region' <-> 'arm' <-> 'opposit'"
    assert pairs_filter(widened) == (
        "( 'arao' | ( ( 'astana region' & 'region arm' ) & 'arm opposit' ) )" + MARKER
    )


@pytest.mark.parametrize(
    "tsquery",
    [
        "'csto'",  # no phrase
        "'csto' & 'nato'",
        "'border' <3> 'servic'",  # more than two apart
        "'border':* <-> 'servic'",  # a prefix is no whole word
        "!( 'border' <-> 'servic' )",  # what a negation excludes is not needed
        "( 'border' <-> 'servic' ) | !'nato'",  # either side: nothing known
        "'a' <0> 'b'",
    ],
)
def test_a_query_whose_matches_need_no_pair_gets_no_filter(tsquery):
    assert pairs_filter(tsquery) is None


@pytest.mark.parametrize("text", ["", "'unclosed", "'a' <-> ", "( 'a' & 'b'", "'a' 'b'", "&"])
def test_text_that_is_no_tsquery_gets_no_filter(text):
    assert pairs_filter(text) is None


def test_quotes_and_backslashes_in_a_lexeme_are_quoted_again():
    assert pairs_filter(r"'o''brien' <-> 'a\\b'") == r"'o''brien a\\b'" + MARKER


def test_a_pair_too_long_for_one_lexeme_is_not_asked_for():
    long = "x" * 1500
    assert pairs_filter(f"'{long}' <-> '{long}'") is None
    assert pairs_filter(f"'{long}' <2> '{long}'") is None


# ---- the terms an article is indexed by ---------------------------------------------


def terms(text: str) -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT array(SELECT lexeme FROM unnest("
            "corpus_search_terms(to_tsvector('english', %s))))",
            [text],
        )
        return set(cursor.fetchone()[0])


@pytest.mark.django_db
def test_an_articles_terms_are_its_words_and_its_pairs_adjacent_and_two_apart():
    assert terms("The Federal Border Service of Almaty") == {
        "feder",
        "border",
        "servic",
        "almati",
        "feder border",
        "border servic",
        "feder _ servic",
        "servic _ almati",
    }


@pytest.mark.django_db
def test_an_article_with_more_pairs_than_a_tsvector_holds_is_still_indexed_and_never_missed():
    body = " ".join(f"w{n:05d}x" for n in range(60000))
    found = terms(body)
    assert TOO_MANY_PAIRS in found and "w00001x w00002x" not in found
    with connection.cursor() as cursor:
        filter_ = pairs_filter("'w00001x' <-> 'w00002x'")
        cursor.execute(
            "SELECT corpus_search_terms(to_tsvector('english', %s)) @@ %s::tsquery", [body, filter_]
        )
        assert cursor.fetchone()[0] is True


@pytest.mark.django_db
def test_words_too_long_to_pair_are_indexed_without_their_pair():
    long = "x" * 1500
    assert terms(f"{long}y {long}z") == {f"{long}y", f"{long}z"}
    assert terms(f"{long}y of {long}z") == {f"{long}y", f"{long}z"}


@pytest.mark.django_db
@pytest.mark.parametrize("apart", [1, 2])
def test_the_longest_pair_kept_is_the_longest_pair_asked_for(apart):
    """The SQL's limit and pairs_filter's agree to the byte: a pair asked for is indexed,
    and one a byte longer is neither asked for nor indexed."""
    gap = " of " if apart == 2 else " "
    distance = "<->" if apart == 1 else "<2>"
    longest = 2046 - len(PAIRED[apart]) - 1000
    for second, kept in (("z" * longest, True), ("z" * (longest + 1), False)):
        first = "x" * 1000
        wanted = pairs_filter(f"'{first}' {distance} '{second}'")
        assert (wanted is not None) is kept
        assert (f"{first}{PAIRED[apart]}{second}" in terms(first + gap + second)) is kept


# ---- the search: the same articles, through the pairs' index ---------------------------


def found(q: str) -> set[int]:
    search = ArticleSearch({}, q)
    with search.planned():
        return set(search.rows().values_list("article_id", flat=True))


def found_without_pairs(q: str) -> set[int]:
    search = ArticleSearch({}, q)
    with search.planned():
        search.pairs = None
        return set(search.rows().values_list("article_id", flat=True))


@pytest.mark.django_db
def test_every_phrase_of_every_seed_article_finds_exactly_what_it_finds_without_the_pairs():
    rng = random.Random(18)
    phrases = []
    for article in Article.objects.published():
        words = re.findall(r"[\w'’-]+", f"{article.title} {article.body}")
        for _ in range(12):
            size = rng.randint(2, 5)
            start = rng.randrange(max(1, len(words) - size))
            phrases.append('"' + " ".join(words[start : start + size]) + '"')
    assert len(phrases) >= 50
    for phrase in phrases:
        matches = found(phrase)
        assert matches == found_without_pairs(phrase), phrase
    # The first words of a title run on into the body: positions are one sequence.
    assert all(found(f'"{a.title}"') >= {a.pk} for a in Article.objects.published())


@pytest.mark.django_db
@pytest.mark.parametrize("q", ["CSTO", "NATO", "Collective Security Treaty Organization"])
def test_names_widened_to_phrases_find_what_they_found_before(q):
    assert found(q) and found(q) == found_without_pairs(q)


@pytest.mark.django_db
def test_a_name_widened_to_a_phrase_is_found_by_its_pairs_not_by_its_words():
    call_command("synthesize", "--articles", "300", "--seed", "11", stdout=io.StringIO())
    named = Organization.objects.exclude(acronym="").filter(name__contains=" ")
    widened = 0
    for organization in named.order_by("pk")[:40]:
        search = ArticleSearch({}, organization.acronym)
        with search.planned(), connection.cursor() as cursor:
            if search.pairs is None:
                continue
            widened += 1
            # The match alone, without the list's other filters: which index serves it.
            rows = matching(ArticleFacets.objects.all(), search.query, search.pairs)
            sql, params = rows.values("article_id").query.sql_with_params()
            cursor.execute(f"EXPLAIN {sql}", params)
            plan = "\n".join(row[0] for row in cursor.fetchall())
        assert "facets_search_pairs_gin" in plan and "facets_search_gin" not in plan, plan
        assert found(organization.acronym) == found_without_pairs(organization.acronym)
    assert widened >= 10


# ---- the articles a common search misses: set aside by its plain words ----------------


@pytest.mark.parametrize(
    "tsquery, words",
    [
        ("'csto' | 'collect' <-> 'secur' <-> 'treati' <-> 'organ'", "'csto'"),
        ("'russia' & 'china'", "( 'russia' & 'china' )"),
        ("'secur':* | 'border' <-> 'servic'", "'secur':*"),
        ("'a' & ( 'b' | 'c' <-> 'd' )", "( 'a' & 'b' )"),
        ("!'china' | 'russia'", "'russia'"),
    ],
)
def test_the_plain_words_that_decide_a_match_alone_are_found(tsquery, words):
    assert sufficient_words(tsquery) == words


@pytest.mark.parametrize(
    "tsquery",
    [
        "'border' <-> 'servic'",  # positions
        "'russia' & !'china'",  # a `not` needs the vector
        "'russia':A",  # weights are in the vector, not in the index
        "'a' & 'c' <-> 'd'",  # an `and` needs both sides decided
        "( 'unbalanced'",
    ],
)
def test_a_query_no_plain_words_decide_has_none(tsquery):
    assert sufficient_words(tsquery) is None


def missed(q: str) -> set[int]:
    search = ArticleSearch({}, q)
    with search.planned():
        rows = not_matching(
            ArticleFacets.objects.filter(published=True), search.query, search.pairs
        )
        return set(rows.values_list("article_id", flat=True))


@pytest.mark.django_db
@pytest.mark.parametrize(
    "q",
    [
        "CSTO",
        "NATO",
        "security",
        '"border service"',
        "Russia -China",
        "Collective Security",
        "zzyzx",
    ],
)
def test_the_articles_a_search_misses_are_exactly_the_published_ones_it_does_not_find(q):
    call_command("synthesize", "--articles", "60", "--seed", "5", stdout=io.StringIO())
    published = set(
        ArticleFacets.objects.filter(published=True).values_list("article_id", flat=True)
    )
    assert missed(q) == published - found(q)
    assert found(q) or q == "zzyzx"


@pytest.mark.django_db
def test_an_acronym_in_most_articles_sets_its_finds_aside_by_the_word_not_the_phrase():
    search = ArticleSearch({}, "CSTO")
    with search.planned(), connection.cursor() as cursor:
        assert "<->" in search.query.widened  # widened to the organization's full name
        rows = not_matching(
            ArticleFacets.objects.filter(published=True), search.query, search.pairs
        )
        sql, params = rows.values("article_id").query.sql_with_params()
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    index_conditions = [line for line in plan.splitlines() if "Index Cond" in line and "@@" in line]
    assert index_conditions and all("<->" not in line for line in index_conditions), plan
    assert "facets_search_pairs_gin" not in plan, plan
