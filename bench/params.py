"""Benchmark parameters, drawn from the database so that every run fits the corpus it
measures and requests vary enough that no cache makes a page trivial."""

import math
import random
from dataclasses import asdict, dataclass, field

from django.contrib import admin
from django.db import connection
from django.db.models import Count
from django.test import Client
from django.urls import reverse

from bench.published import articles_with_names
from corpus.models import Actor, Article, Claim, FacetTotal

# Rows ts_stat reads to find candidate words; the exact counts come from the search itself.
TERM_SAMPLE_ROWS = 2000
MAX_PAGES = 100


@dataclass
class Term:
    term: str
    ndoc: int


@dataclass
class Parameters:
    list_pages: list[int] = field(default_factory=list)
    popular_actors: list[str] = field(default_factory=list)
    facet_combos: list[dict] = field(default_factory=list)
    rare_terms: list[Term] = field(default_factory=list)
    common_terms: list[Term] = field(default_factory=list)
    middling_terms: list[Term] = field(default_factory=list)
    article_slugs: list[str] = field(default_factory=list)
    actor_slugs: list[str] = field(default_factory=list)
    claim_pages: list[int] = field(default_factory=list)
    claimants: list[str] = field(default_factory=list)
    admin_pages: list[int] = field(default_factory=list)
    network_settings: list[dict] = field(default_factory=list)

    def as_dict(self) -> dict:
        return asdict(self)


def draw(count: int, seed: int) -> Parameters:
    """Parameters for `count` requests per scenario, reproducible for a given seed and corpus."""
    rng = random.Random(seed)
    published = Article.objects.published()
    article_ids = list(published.order_by("pk").values_list("pk", flat=True))
    popular = popular_actors(100)
    admin_page_size = admin.site._registry[Article].list_per_page
    words = sampled_words(seed)
    return Parameters(
        list_pages=public_pages("article_list"),
        popular_actors=popular[:50],
        facet_combos=facet_combos(rng.sample(article_ids, min(len(article_ids), 4 * count))),
        rare_terms=rare_terms(words, seed),
        common_terms=common_terms(words),
        middling_terms=middling_terms(words),
        article_slugs=slugs_in_order(rng.sample(article_ids, min(len(article_ids), count))),
        actor_slugs=mixed_actors(popular, count, rng),
        claim_pages=public_pages("claim_list"),
        claimants=top_claimants(30),
        admin_pages=pages(Article.objects.count(), admin_page_size),
        network_settings=network_settings(rng, count),
    )


def network_settings(rng: random.Random, count: int) -> list[dict]:
    """The network form's costliest settings (the most-named 150, one shared article, every
    type) and its default, over the archive's years: each request a layout not yet made."""
    years = list(
        FacetTotal.objects.filter(facet=FacetTotal.Facet.YEAR, count__gt=0).values_list(
            "value", flat=True
        )
    )
    every = [
        {"year": year, "limit": limit, "min": least, "type": kind}
        for year in years
        for limit in (150, 40)
        for least in (1, 2)
        for kind in ("both", "actors", "organizations")
    ]
    rng.shuffle(every)
    return every[:count]


def slugs_in_order(article_ids: list[int]) -> list[str]:
    slugs = dict(Article.objects.filter(pk__in=article_ids).values_list("pk", "slug"))
    return [slugs[pk] for pk in article_ids]


def public_pages(view: str) -> list[int]:
    """The page numbers a public list has, as its JSON twin tells: each list keeps its own page size."""
    first = Client().get(reverse(view), {"format": "json"}).json()
    return pages(first["count"], len(first["results"]) or 1)


def pages(rows: int, per_page: int) -> list[int]:
    return list(range(1, min(max(1, math.ceil(rows / per_page)), MAX_PAGES) + 1))


def popular_actors(limit: int) -> list[str]:
    """The people named in the most published articles, most named first."""
    counted = Actor.objects.with_article_count().filter(article_count__gt=0)
    return list(counted.order_by("-article_count", "slug").values_list("slug", flat=True)[:limit])


def mixed_actors(popular: list[str], count: int, rng: random.Random) -> list[str]:
    """Half popular people, half drawn from everyone (some named nowhere)."""
    everyone = list(Actor.objects.order_by("pk").values_list("slug", flat=True))
    others = rng.sample(everyone, min(len(everyone), max(1, count // 2)))
    mixed = list(dict.fromkeys([*popular[: count // 2], *others]))
    rng.shuffle(mixed)
    return mixed


def top_claimants(limit: int) -> list[str]:
    """People and organizations with the most published claims."""
    claims = Claim.objects.published()
    people = (
        claims.exclude(claimant_actor=None)
        .values_list("claimant_actor__slug")
        .annotate(n=Count("pk"))
        .order_by("-n", "claimant_actor__slug")[: limit * 2 // 3]
    )
    bodies = (
        claims.exclude(claimant_organization=None)
        .values_list("claimant_organization__slug")
        .annotate(n=Count("pk"))
        .order_by("-n", "claimant_organization__slug")[: limit // 3]
    )
    return [slug for slug, _ in [*people, *bodies]]


def facet_combos(article_ids: list[int]) -> list[dict]:
    """Actor, year and organization taken from one published article, so each
    combination returns at least that article."""
    rows = (
        articles_with_names()
        .filter(pk__in=article_ids, year__isnull=False)
        .values_list("pk", "year", "actor_slugs", "organization_slugs")
    )
    by_id = {pk: (year, actors, orgs) for pk, year, actors, orgs in rows}
    combos = []
    for pk in article_ids:
        year, actors, orgs = by_id.get(pk, (None, [], []))
        if actors and orgs:
            # Spread over the article's names deterministically, not always the first.
            combos.append(
                {
                    "actor": actors[pk % len(actors)],
                    "year": year,
                    "organization": orgs[pk % len(orgs)],
                }
            )
    unique = {tuple(c.values()): c for c in combos}
    return list(unique.values())


def sampled_words(seed: int) -> list[tuple[str, int]]:
    """Words (not English stop words) with the number of sampled published articles
    each occurs in: ts_stat over a repeatable TABLESAMPLE of the article texts."""
    total = Article.objects.count() or 1
    percent = min(100.0, 100.0 * TERM_SAMPLE_ROWS / total)
    # ts_stat takes its query as text; the sample size and seed are numbers we computed.
    sample = (
        "SELECT to_tsvector('simple', title || ' ' || body) FROM corpus_article "
        f"TABLESAMPLE SYSTEM ({percent:.4f}) REPEATABLE ({int(seed)}) "
        "WHERE status = 'published'"
    )
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT word, ndoc FROM ts_stat(%s) "
            "WHERE word ~ '^[a-z]{4,}$' AND to_tsvector('english', word) <> ''::tsvector "
            "ORDER BY ndoc DESC, word",
            [sample],
        )
        return cursor.fetchall()


def _with_counts(words: list[str]) -> list[Term]:
    """Each word with the number of published articles the archive's search finds for it."""
    published = Article.objects.published()
    return [Term(word, published.matching(word).count()) for word in words]


def rare_terms(words: list[tuple[str, int]], seed: int, pool: int = 20) -> list[Term]:
    """Words in few articles: candidates seen once in the sample, the rarest kept."""
    once = [word for word, ndoc in words if ndoc == 1]
    candidates = random.Random(seed).sample(once, min(len(once), pool * 2))
    counted = [t for t in _with_counts(candidates) if t.ndoc > 0]
    return sorted(counted, key=lambda t: (t.ndoc, t.term))[:pool]


def common_terms(words: list[tuple[str, int]], pool: int = 10) -> list[Term]:
    """Words in many articles: the most frequent in the sample."""
    frequent = [word for word, _ in words[:pool]]
    return sorted(_with_counts(frequent), key=lambda t: (-t.ndoc, t.term))


def middling_terms(words: list[tuple[str, int]], pool: int = 10) -> list[Term]:
    """Words in 20-50% of the articles: the hardest band for the facets, too many
    rows to count one by one cheaply and too few to count by complement."""
    if not words:
        return []
    sampled = words[0][1] or 1  # the commonest word's ndoc: near the sample's size
    band = [word for word, ndoc in words if 0.2 <= ndoc / sampled <= 0.5]
    step = max(1, len(band) // pool)
    counted = _with_counts(band[::step][:pool])
    published = Article.objects.published().count() or 1
    return sorted(
        (t for t in counted if 0.15 <= t.ndoc / published <= 0.55), key=lambda t: (-t.ndoc, t.term)
    )
