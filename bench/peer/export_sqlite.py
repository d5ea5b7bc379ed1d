"""The published corpus exported to SQLite for Datasette, the peer.

One `articles` table (id, slug, title, date, year, publication, body) with the
people, organizations, authors and tags of each article as JSON arrays of slugs,
so Datasette's `_facet_array` and `__arraycontains` work on them; an FTS5 index
on title and body (Porter stemming, as the archive stems English); indexes on
the sorted and faceted columns. Cached under var/bench/ and rebuilt only when
the corpus changed.

Run on its own: .venv/bin/python bench/peer/export_sqlite.py [--force]
"""

import argparse
import hashlib
import json
import sys
import time
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the project importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

EXPORT_VERSION = 1
TABLE = "articles"
META = "_bench_export"


def cache_path() -> Path:
    from django.conf import settings
    from django.db import connection

    return settings.BASE_DIR / "var" / "bench" / f"{connection.settings_dict['NAME']}.db"


def fingerprint() -> str:
    """Changes whenever what the export holds could have changed."""
    from django.db import connection
    from django.db.models import Count, Max

    from corpus.models import Actor, Article, Authorship, Mention, Organization, TaggedArticle

    def state(model, *fields):
        return model._default_manager.aggregate(
            n=Count("pk"), last=Max("pk"), **{f: Max(f) for f in fields}
        )

    facts = {
        "version": EXPORT_VERSION,
        "database": connection.settings_dict["NAME"],
        "articles": state(Article, "modified"),
        "mentions": state(Mention),
        "authorships": state(Authorship),
        "tags": state(TaggedArticle),
        "actors": state(Actor, "modified"),
        "organizations": state(Organization, "modified"),
    }
    return hashlib.sha256(json.dumps(facts, sort_keys=True, default=str).encode()).hexdigest()


def cached_export(force: bool = False, log=print) -> Path:
    """The SQLite export of the current corpus, rebuilt only if the corpus changed."""
    import sqlite_utils

    path, expected = cache_path(), fingerprint()
    if path.exists() and not force:
        db = sqlite_utils.Database(path)
        stored = [row["fingerprint"] for row in db[META].rows] if META in db.table_names() else []
        db.close()
        if stored == [expected]:
            log(f"SQLite export is up to date: {path}")
            return path
    export(path, expected, log)
    return path


def rows(log):
    from bench.published import articles_with_names

    articles = articles_with_names().order_by("pk").values_list(
        "pk", "slug", "title", "date_start", "year", "publication__slug", "body",
        "actor_slugs", "organization_slugs", "author_slugs", "tag_slugs",
    )  # fmt: skip
    for n, row in enumerate(articles.iterator(chunk_size=2000), start=1):
        pk, slug, title, date, year, publication, body, actors, orgs, authors, tags = row
        yield {
            "id": pk,
            "slug": slug,
            "title": title,
            "date": date.isoformat() if date else None,
            "year": year,
            "publication": publication,
            "body": body,
            "actors": actors,
            "organizations": orgs,
            "authors": authors,
            "tags": tags,
        }
        if n % 10000 == 0:
            log(f"  exported {n:,} articles")


def export(path: Path, stamp: str, log=print) -> None:
    import sqlite_utils

    started = time.monotonic()
    log(f"Exporting the published corpus to {path}")
    path.parent.mkdir(parents=True, exist_ok=True)
    building = path.with_name(path.name + ".building")
    building.unlink(missing_ok=True)
    db = sqlite_utils.Database(building)
    # A throwaway build: no journal, no fsync; it is renamed into place only when complete.
    db.execute("PRAGMA journal_mode = OFF")
    db.execute("PRAGMA synchronous = OFF")
    columns = {"id": int, "slug": str, "title": str, "date": str, "year": int,
               "publication": str, "body": str, "actors": str, "organizations": str,
               "authors": str, "tags": str}  # fmt: skip
    articles = db.table(TABLE, pk="id", columns=columns)
    articles.create(columns, pk="id")
    articles.insert_all(rows(log), batch_size=1000)
    log("  building the full-text index")
    articles.enable_fts(["title", "body"], tokenize="porter")
    for column in ("date", "year", "publication"):
        articles.create_index([column])
    db[META].insert({"fingerprint": stamp})
    db.analyze()
    count = articles.count
    db.close()
    building.replace(path)
    log(f"  {count:,} articles exported in {time.monotonic() - started:.0f} s")


def command(description: str, cached, argv=None) -> None:
    """A peer's command line: build its copy of the corpus unless it is up to date."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--force", action="store_true", help="rebuild even if up to date")
    args = parser.parse_args(argv)
    from bench import django_env

    django_env.setup()
    cached(force=args.force, log=lambda m: print(m, file=sys.stderr))


def main(argv=None) -> None:
    command(__doc__.splitlines()[0], cached_export, argv)


if __name__ == "__main__":
    main()
