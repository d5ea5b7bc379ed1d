"""What the numbers were measured on: the machine, the database and the corpus."""

import os
import platform
from importlib.metadata import version
from pathlib import Path

import django
import psutil
from django.db import connection

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
