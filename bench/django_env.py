"""Django as production runs it (DEBUG off), pointed at the benchmark database."""

import os
import secrets
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH_HOSTS = ("testserver", "127.0.0.1", "localhost")


def environment() -> dict:
    """The environment for this process and the gunicorn it starts: DEBUG off, a secret
    key, the hosts the in-process client and locust use, and archive_bench unless
    DATABASE_URL or ARCHIVE_DB_NAME says otherwise."""
    env = {
        "DJANGO_SETTINGS_MODULE": "archive.settings",
        "DEBUG": "false",
        "SECRET_KEY": os.environ.get("SECRET_KEY") or "bench-" + secrets.token_hex(24),
        # Served over plain HTTP on loopback: no redirect to HTTPS, no HSTS.
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_HSTS_SECONDS": "0",
    }
    hosts = [h for h in os.environ.get("ALLOWED_HOSTS", "").split(",") if h.strip()]
    env["ALLOWED_HOSTS"] = ",".join(dict.fromkeys([*hosts, *BENCH_HOSTS]))
    if not os.environ.get("DATABASE_URL"):
        env["ARCHIVE_DB_NAME"] = os.environ.get("ARCHIVE_DB_NAME") or "archive_bench"
    return env


def setup() -> None:
    os.environ.update(environment())
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    os.chdir(ROOT)
    import django

    django.setup()
    from django.conf import settings

    # In process, every page is rendered: the latency table measures the page, not
    # the readers' cache (archive/views/reader_cache.py). The gunicorn this process starts
    # keeps the production default, so the throughput run serves as production does.
    settings.READER_CACHE_SECONDS = 0
