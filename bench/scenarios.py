"""The pages measured, each with the varied URLs its requests cycle through."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urlencode

from django.urls import reverse

if TYPE_CHECKING:
    from bench.params import Parameters


@dataclass
class Scenario:
    name: str
    label: str
    group: str  # which budget applies: list, search or reading (bench.reporting.targets)
    urls: list[str]
    login: bool = False
    # Datasette's comparable page, if there is one (bench.peer.datasette).
    peer: bool = False
    # Run before each timed request: forgets what the process keeps, so each is uncached.
    before_each: Callable[[], None] | None = None


def url(name: str, *args, **query) -> str:
    path = reverse(name, args=args)
    pairs = urlencode({k: v for k, v in query.items() if v is not None})
    return f"{path}?{pairs}" if pairs else path


def build(p: "Parameters") -> list[Scenario]:
    """Every scenario that the corpus has data for."""
    admin_list = reverse("admin:corpus_article_changelist")
    scenarios = [
        Scenario(
            "list",
            f"Article list, no filter (pages 1–{len(p.list_pages)})",
            "list",
            [url("article_list", page=n if n > 1 else None) for n in p.list_pages],
            peer=True,
        ),
        Scenario(
            "facet_1",
            f"1 facet: a person ({len(p.popular_actors)} most named)",
            "list",
            [url("article_list", actor=slug) for slug in p.popular_actors],
            peer=True,
        ),
        Scenario(
            "facet_3",
            f"3 facets: person + year + organization ({len(p.facet_combos)} combinations)",
            "list",
            [url("article_list", **combo) for combo in p.facet_combos],
            peer=True,
        ),
        Scenario(
            "search_rare",
            f"Search, rare term, with facets ({len(p.rare_terms)} terms)",
            "search",
            [url("article_list", q=t.term) for t in p.rare_terms],
            peer=True,
        ),
        Scenario(
            "search_common",
            f"Search, common term, with facets ({len(p.common_terms)} terms)",
            "search",
            [url("article_list", q=t.term) for t in p.common_terms],
            peer=True,
        ),
        Scenario(
            "search_middling",
            f"Search, a word in 20–50% of articles, with facets ({len(p.middling_terms)} terms)",
            "search",
            [url("article_list", q=t.term) for t in p.middling_terms],
            peer=True,
        ),
        Scenario(
            "reading",
            f"Reading page ({len(p.article_slugs)} articles)",
            "reading",
            [url("article_detail", slug) for slug in p.article_slugs],
        ),
        Scenario(
            "actor",
            f"Person page ({len(p.actor_slugs)} people, most named and any)",
            "list",
            [url("actor_detail", slug) for slug in p.actor_slugs],
        ),
        Scenario(
            "claims",
            f"Claims list (pages 1–{len(p.claim_pages)})",
            "list",
            [url("claim_list", page=n if n > 1 else None) for n in p.claim_pages],
        ),
        Scenario(
            "claims_claimant",
            f"Claims by one claimant ({len(p.claimants)} claimants)",
            "list",
            [url("claim_list", claimant=slug) for slug in p.claimants],
        ),
        Scenario(
            "network",
            f"Network, uncached, costliest settings ({len(p.network_settings)} settings)",
            "picture",
            [url("network", **settings) for settings in p.network_settings],
            before_each=forget_layouts,
        ),
        Scenario(
            "admin",
            f"Admin article changelist (pages 1–{len(p.admin_pages)})",
            "list",
            [f"{admin_list}?{urlencode({'p': n})}" if n > 1 else admin_list for n in p.admin_pages],
            login=True,
        ),
    ]
    return [s for s in scenarios if s.urls]


def forget_layouts() -> None:
    """Drop every layout kept, in this process and in the cache."""
    from django.core.cache import cache

    from archive.pictures.network import force_layout

    force_layout.cache_clear()
    cache.clear()


def cycle(items: list, count: int, offset: int = 0) -> list:
    """`count` items taken in turn, starting at `offset`, wrapping round."""
    return [items[(offset + i) % len(items)] for i in range(count)]
