"""A search engine, the second peer: the same published corpus indexed in tantivy
(the Rust engine behind Quickwit), with the article list's six facets as fast fields,
queried in process for the same scenarios and parameters as our pages.

What one timed request does is what our list page asks of PostgreSQL: the page's 20
hits (by date, or by relevance for a search) with their slug, title and date, the
number of matches, and the top 30 values of each facet among the matches. It returns
no HTML, so its times compare with our SQL floor, not with our pages.

The index is cached under var/bench/ beside the SQLite export and rebuilt only when
the corpus changed (the same fingerprint). Run on its own to build it:
.venv/bin/python bench/peer/search_engine.py [--force]
"""

import shutil
import sys
import time
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

if __package__ in (None, ""):  # run as a script: make the project importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import tantivy

from bench.scenarios import cycle
from bench.stats import summarize

if TYPE_CHECKING:
    from bench.params import Parameters

PAGE_SIZE = 20  # the archive's page size (settings.ARCHIVE_PAGE_SIZE)
FACET_SIZE = 30  # values counted per facet, as corpus/facets/article_search.py counts
# The article list's facets, each a multi-valued keyword field (raw: not tokenized).
FACETS = ("year", "publication", "actors", "organizations", "authors", "tags")
# Articles without a date sort last, as the archive's NULLS LAST puts them.
UNDATED = -(10**6)
FINGERPRINT = "fingerprint.txt"


def schema() -> tantivy.Schema:
    builder = tantivy.SchemaBuilder()
    builder.add_integer_field("id", stored=True, indexed=True, fast=True)
    builder.add_text_field("slug", stored=True, tokenizer_name="raw")
    # English stemming, as the archive's search vector stems (config 'english').
    builder.add_text_field("title", stored=True, tokenizer_name="en_stem")
    builder.add_text_field("body", tokenizer_name="en_stem")
    builder.add_integer_field("day", stored=True, indexed=True, fast=True)
    for facet in FACETS:
        builder.add_text_field(facet, fast=True, tokenizer_name="raw", index_option="basic")
    return builder.build()


def document(row: dict) -> tantivy.Document:
    """One exported article (bench/peer/export_sqlite.rows) as a tantivy document."""
    day = date.fromisoformat(row["date"]).toordinal() if row["date"] else UNDATED
    doc = tantivy.Document(
        id=row["id"], slug=row["slug"], title=row["title"], body=row["body"], day=day
    )
    if row["year"] is not None:
        doc.add_text("year", str(row["year"]))
    if row["publication"]:
        doc.add_text("publication", row["publication"])
    for facet in ("actors", "organizations", "authors", "tags"):
        for value in row[facet] or ():
            doc.add_text(facet, value)
    return doc


def build(path: Path, rows, stamp: str = "", log=print) -> tantivy.Index:
    """A fresh index of `rows` at `path` (replacing any there), committed and merged."""
    started = time.monotonic()
    shutil.rmtree(path, ignore_errors=True)
    path.mkdir(parents=True)
    index = tantivy.Index(schema(), path=str(path))
    writer = index.writer(heap_size=256 * 1024 * 1024)
    count = 0
    for count, row in enumerate(rows, start=1):  # noqa: B007 (the count is used below)
        writer.add_document(document(row))
    writer.commit()
    writer.wait_merging_threads()
    (path / FINGERPRINT).write_text(stamp)
    index.reload()
    log(f"  {count:,} articles indexed in tantivy in {time.monotonic() - started:.0f} s")
    return index


def index_path() -> Path:
    from bench.peer import export_sqlite

    return export_sqlite.cache_path().with_suffix(".tantivy")


def cached_index(force: bool = False, log=print) -> tantivy.Index:
    """The tantivy index of the current corpus, rebuilt only if the corpus changed."""
    from bench.peer import export_sqlite

    path = index_path()
    expected = export_sqlite.fingerprint()
    stamp = path / FINGERPRINT
    if not force and stamp.exists() and stamp.read_text() == expected:
        log(f"tantivy index is up to date: {path}")
        return tantivy.Index.open(str(path))
    log(f"Indexing the published corpus in tantivy at {path}")
    return build(path, export_sqlite.rows(log), expected, log)


class Engine:
    """The corpus as tantivy answers it: one method per kind of list page."""

    def __init__(self, index: tantivy.Index):
        self.index = index
        self.schema = index.schema
        self.searcher = index.searcher()

    def keyword(self, field: str, value) -> tantivy.Query:
        return tantivy.Query.term_query(self.schema, field, str(value))

    def filtered(self, **facets) -> tantivy.Query:
        """Articles carrying every given facet value (AND), as the archive's filters combine."""
        if not facets:
            return tantivy.Query.all_query()
        clauses = [(tantivy.Occur.Must, self.keyword(f, v)) for f, v in facets.items()]
        return tantivy.Query.boolean_query(clauses)

    def matching(self, words: str) -> tantivy.Query:
        """Every word in the title or body, stemmed, as websearch_to_tsquery reads plain words."""
        return self.index.parse_query_lenient(
            words, ["title", "body"], conjunction_by_default=True
        )[0]

    def page(self, query: tantivy.Query, number: int = 1, by_date: bool = True) -> dict:
        """A list page: its hits (slug, title, day), the number of matches, the facets."""
        found = self.searcher.search(
            query,
            limit=PAGE_SIZE,
            offset=(number - 1) * PAGE_SIZE,
            count=True,
            **({"order_by_field": "day", "order": tantivy.Order.Desc} if by_date else {}),
        )
        hits = []
        for _, address in found.hits:
            stored = self.searcher.doc(address)
            hits.append({name: stored.get_first(name) for name in ("id", "slug", "title", "day")})
        return {"count": found.count, "hits": hits, "facets": self.facets(query)}

    def facets(self, query: tantivy.Query) -> dict[str, list[tuple[str, int]]]:
        """Each facet's top values among the matches, most carried first: one pass."""
        spec = {f: {"terms": {"field": f, "size": FACET_SIZE}} for f in FACETS}
        counted = self.searcher.aggregate(query, spec)
        return {
            facet: [(bucket["key"], bucket["doc_count"]) for bucket in counted[facet]["buckets"]]
            for facet in FACETS
        }

    def ids(self, query: tantivy.Query) -> set[int]:
        """Every matching article's id (for comparing hits with the archive's)."""
        total = self.searcher.search(query, limit=1, count=True).count
        if not total:
            return set()
        found = self.searcher.search(query, limit=total)
        return set(self.searcher.fast_field_values("id", [a for _, a in found.hits]))


def requests(engine: Engine, p: "Parameters") -> dict[str, list]:
    """For each scenario with a comparable page, the calls one request makes."""

    def searched(terms):
        return [lambda w=t.term: engine.page(engine.matching(w), by_date=False) for t in terms]

    return {
        "list": [lambda n=n: engine.page(engine.filtered(), n) for n in p.list_pages],
        "facet_1": [lambda s=s: engine.page(engine.filtered(actors=s)) for s in p.popular_actors],
        "facet_3": [
            lambda c=c: engine.page(
                engine.filtered(actors=c["actor"], year=c["year"], organizations=c["organization"])
            )
            for c in p.facet_combos
        ],
        "search_rare": searched(p.rare_terms),
        "search_common": searched(p.common_terms),
        "search_middling": searched(p.middling_terms),
    }


def measure(name: str, calls: list, count: int, warmup: int, progress) -> dict:
    for call in cycle(calls, warmup, offset=count):
        call()
    timings = []
    for i, call in enumerate(cycle(calls, count)):
        start = time.perf_counter()
        call()
        timings.append(time.perf_counter() - start)
        progress(f"tantivy {name}", i + 1, count)
    return {"label": f"tantivy: {name}", "requests": count, "latency_ms": summarize(timings)}


def run(index: tantivy.Index, p: "Parameters", names, count: int, warmup: int, progress):
    """tantivy's results for each of `names` that it has a comparable request for."""
    engine = Engine(index)
    calls = requests(engine, p)
    return {
        name: measure(name, calls[name], count, warmup, progress)
        for name in names
        if calls.get(name)
    }


def main(argv=None) -> None:
    from bench.peer import export_sqlite

    export_sqlite.command(__doc__.splitlines()[0], cached_index, argv)


if __name__ == "__main__":
    main()
