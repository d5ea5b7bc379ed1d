"""Datasette, the peer, serving the same published data exported to SQLite
(bench/peer/export_sqlite.py), measured in process like our pages, on the comparable
pages with the same parameters and request counts."""

import asyncio
import time
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlencode

import httpx
from datasette.app import Datasette

from bench.peer.export_sqlite import TABLE
from bench.scenarios import cycle
from bench.stats import summarize

if TYPE_CHECKING:
    from bench.params import Parameters

PAGE_SIZE = 20  # the archive's page size (settings.ARCHIVE_PAGE_SIZE)
# The facets our article list shows, one per column.
FACETS = [
    ("_facet", "year"),
    ("_facet", "publication"),
    ("_facet_array", "actors"),
    ("_facet_array", "organizations"),
    ("_facet_array", "authors"),
    ("_facet_array", "tags"),
]
SORTED = [("_sort_desc", "date")]
# Datasette's SQLite file is one cache for every request: a few warm-up requests warm it.
MAX_WARMUP = 3
MIN_REQUESTS = 5
# Datasette at its best for this comparison: the file immutable (counts cached), no
# facet suggestions (our page makes none), and time limits high enough that every
# requested facet is computed rather than skipped, so both do the same work.
SETTINGS = {
    "default_page_size": PAGE_SIZE,
    "suggest_facets": False,
    "facet_time_limit_ms": 60_000,
    "sql_time_limit_ms": 60_000,
}


class Peer:
    def __init__(self, path: Path):
        self.ds = Datasette(immutables=[str(path)], settings=SETTINGS)
        self.database = path.stem
        self.client = None

    async def __aenter__(self):
        await self.ds.invoke_startup()
        # One client for every request, as django.test.Client is: no per-request set-up cost.
        self.client = httpx.AsyncClient(
            transport=httpx.ASGITransport(app=self.ds.app()), base_url="http://localhost"
        )
        return self

    async def __aexit__(self, *exc):
        await self.client.aclose()

    def table(self, query: list[tuple[str, object]], fmt: str = "") -> str:
        return f"/{self.database}/{TABLE}{fmt}?{urlencode(query)}"

    async def page_tokens(self, pages: int) -> list[str | None]:
        """Datasette pages by keyset (`_next`), not page number: walk its JSON once,
        untimed, to reach the same pages as our list's ?page=1..N."""
        tokens, token = [None], None
        while len(tokens) < pages:
            query = [*SORTED, ("_size", PAGE_SIZE), *([("_next", token)] if token else [])]
            response = await self.client.get(self.table(query, ".json"))
            token = response.json().get("next")
            if not token:
                break
            tokens.append(token)
        return tokens

    async def paths(self, p: "Parameters") -> dict[str, list[str]]:
        """Datasette's comparable page for each of our scenarios that has one."""
        tokens = await self.page_tokens(len(p.list_pages))

        def listing(filters, with_facets=True, sort=SORTED):
            return self.table([*filters, *sort, *(FACETS if with_facets else [])])

        def page(token):
            return [("_next", token)] if token else []

        return {
            "list": [listing(page(t)) for t in tokens],
            "list_plain": [listing(page(t), with_facets=False) for t in tokens],
            "facet_1": [listing([("actors__arraycontains", s)]) for s in p.popular_actors],
            "facet_3": [
                listing(
                    [
                        ("actors__arraycontains", c["actor"]),
                        ("year", c["year"]),
                        ("organizations__arraycontains", c["organization"]),
                    ]
                )
                for c in p.facet_combos
            ],
            # Datasette's search page keeps the table's order (it does not rank).
            "search_rare": [listing([("_search", t.term)], sort=[]) for t in p.rare_terms],
            "search_common": [listing([("_search", t.term)], sort=[]) for t in p.common_terms],
            "search_middling": [listing([("_search", t.term)], sort=[]) for t in p.middling_terms],
        }

    async def measure(self, name, paths, requests: int, warmup: int, budget: float, progress):
        """Time `requests` requests, or as many as `budget` seconds allow (at least
        MIN_REQUESTS): at 100k articles Datasette's array facets take seconds a page."""
        for path in cycle(paths, min(warmup, MAX_WARMUP), offset=requests):
            await self.client.get(path)
        timings, errors, started = [], [], time.monotonic()
        for i, path in enumerate(cycle(paths, requests)):
            if budget and time.monotonic() - started > budget and i >= MIN_REQUESTS:
                progress(f"datasette {name}: stopped, its {budget:g} s spent", i, i)
                break
            start = time.perf_counter()
            response = await self.client.get(path)
            timings.append(time.perf_counter() - start)
            if response.status_code != 200:
                errors.append(f"{response.status_code} {path}")
            progress(f"datasette {name}", i + 1, requests)
        return {
            "label": f"Datasette: {LABELS[name]}",
            "requests": len(timings),
            "errors": len(errors),
            "error_examples": errors[:5],
            "latency_ms": summarize(timings),
            "facets_timed_out": await self.facets_timed_out(paths[0]),
            "example": paths[0],
        }

    async def facets_timed_out(self, path: str) -> list:
        """Facets Datasette gave up on (none expected with SETTINGS' limits)."""
        table, _, query = path.partition("?")
        response = await self.client.get(f"{table}.json?{query}")
        return response.json().get("facets_timed_out", []) if response.status_code == 200 else []


LABELS = {
    "list": "sorted by date, with facets",
    "list_plain": "sorted by date, no facets",
    "facet_1": "1 facet filter, with facets",
    "facet_3": "3 facet filters, with facets",
    "search_rare": "search, rare term, with facets",
    "search_common": "search, common term, with facets",
    "search_middling": "search, a word in 20–50% of articles, with facets",
}


def run(path: Path, p: "Parameters", names, requests: int, warmup: int, budget: float, progress):
    """Datasette's results for each of `names` that it has a comparable page for."""

    async def main():
        async with Peer(path) as peer:
            paths = await peer.paths(p)
            return {
                name: await peer.measure(name, paths[name], requests, warmup, budget, progress)
                for name in names
                if paths.get(name)
            }

    return asyncio.run(main())
