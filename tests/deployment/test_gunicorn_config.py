"""The deployed gunicorn settings (gunicorn.conf.py), which the bench measures too."""

import runpy
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

from tests.hardening.test_security import production_environment


def deployed(monkeypatch, **environ) -> dict:
    for name in ("GUNICORN_MAX_REQUESTS", "WEB_CONCURRENCY", "GUNICORN_BIND"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(Path(settings.BASE_DIR) / "gunicorn.conf.py"))


def test_workers_are_recycled_staggered_and_forked_from_a_loaded_app(monkeypatch):
    config = deployed(monkeypatch)
    assert config["max_requests"] == 10_000, "recycling is on, not so often it empties caches"
    assert 0 < config["max_requests_jitter"] < config["max_requests"]
    assert config["preload_app"] is True, "a recycled worker forks instead of importing Django"


def test_recycling_follows_the_environment(monkeypatch):
    assert deployed(monkeypatch, GUNICORN_MAX_REQUESTS="500")["max_requests"] == 500


@pytest.mark.django_db
def test_loading_the_app_leaves_no_database_connection_for_the_workers_to_share():
    """gunicorn loads the app in its master and forks the workers from it (preload_app):
    a connection the master opened while loading, here by the production system checks,
    would be one socket under every worker, crossing their answers."""
    environ = production_environment()
    environ.pop("CACHE_URL", None)
    script = (
        "import archive.wsgi\n"
        "from django.db import connections\n"
        "open = [c.alias for c in connections.all(initialized_only=True) if c.connection]\n"
        "print(open)\n"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", script],
        cwd=settings.BASE_DIR,
        env=environ,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert loaded.returncode == 0, loaded.stderr[-2000:]
    assert loaded.stdout.strip() == "[]"
