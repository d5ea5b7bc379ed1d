"""What the numbers were measured on: the machine, the database and the corpus."""

import os
import platform
import time
from importlib.metadata import version
from pathlib import Path

import django
import psutil
from django.db import DatabaseError, connection, transaction

from corpus.models import Actor, Annotation, Article, Claim, Mention, Organization


def cpu_model() -> str:
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return platform.processor() or "unknown"


def facts() -> dict:
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        server_version = cursor.fetchone()[0]
        cursor.execute("SHOW shared_buffers")
        shared_buffers = cursor.fetchone()[0]
    return {
        "cores": os.cpu_count(),
        "cpu": cpu_model(),
        "memory_gib": round(psutil.virtual_memory().total / 2**30, 1),
        "postgresql": server_version,
        "shared_buffers": shared_buffers,
        "database": connection.settings_dict["NAME"],
        "conn_max_age": connection.settings_dict.get("CONN_MAX_AGE", 0),
        "python": platform.python_version(),
        "django": django.get_version(),
        "datasette": version("datasette"),
        "sqlite": _sqlite_version(),
        # Other work on the machine inflates every timing: the 1-minute load, at the start.
        "load_average_start": round(os.getloadavg()[0], 2),
    }


def _sqlite_version() -> str:
    import sqlite3

    return sqlite3.sqlite_version


def corpus_counts() -> dict:
    from taggit.models import Tag

    return {
        "articles": Article.objects.count(),
        "published_articles": Article.objects.published().count(),
        "annotations": Annotation.objects.count(),
        "mentions": Mention.objects.count(),
        "claims": Claim.objects.count(),
        "actors": Actor.objects.count(),
        "organizations": Organization.objects.count(),
        "tags": Tag.objects.count(),
    }


# Every relation with storage, TOAST tables and their indexes included (pg_prewarm
# refuses partitioned parents, which have none).
RELATIONS_WITH_STORAGE = """
    SELECT coalesce(sum(pg_prewarm(c.oid, 'read')), 0) * current_setting('block_size')::bigint
    FROM pg_class c
    WHERE c.relkind IN ('r', 'i', 't', 'm') AND c.relpersistence <> 't'
"""


def read_database_into_page_cache() -> str:
    """Read every block of the database once through the operating system, so that the
    archive starts from the OS page cache as Datasette and tantivy do (their files are
    read by read_files_into_page_cache). pg_prewarm's 'read' mode leaves PostgreSQL's own
    shared buffers to the warm-up requests. What was read, for the report."""
    started = time.monotonic()
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_prewarm")
            cursor.execute(RELATIONS_WITH_STORAGE)
            size = cursor.fetchone()[0]
    except DatabaseError as error:  # no contrib, or a role that may not create it
        return f"not read ({str(error).strip()}): timings may include disk reads"
    return _read(size, started)


def read_files_into_page_cache(path: Path) -> str:
    """Read a file, or every file under a directory, once, for the OS page cache."""
    started, total = time.monotonic(), 0
    for file in [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file()):
        with open(file, "rb") as stream:
            while chunk := stream.read(1 << 20):
                total += len(chunk)
    return _read(total, started)


def _read(size: int, started: float) -> str:
    return f"{size / 2**20:,.0f} MiB read in {time.monotonic() - started:.1f} s"
