"""The deployed gunicorn settings (gunicorn.conf.py), which the bench measures too."""

import runpy
from pathlib import Path

from django.conf import settings


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
