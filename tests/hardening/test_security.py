"""Production settings: a strong key, HTTPS from the environment, a proxy believed only
when named, the demo account refused, and headers on every kind of response."""

import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

import pytest
from django.contrib.auth import get_user_model
from django.core.checks import run_checks
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.db import connection
from django.test import Client, override_settings
from django.urls import reverse

from archive.deployment import security
from archive.settings import envbool
from tests.factories import ArticleFactory

ROOT = Path(__file__).resolve().parents[2]
STRONG_KEY = "k3y-" + "x9Qz7Lm2Vb" * 6


@pytest.mark.parametrize(
    "key", ["", "short", "a" * 80, "django-insecure-" + "x9Qz7Lm2Vb" * 6, security.DEVELOPMENT_KEY]
)
def test_a_missing_or_weak_secret_key_is_refused_with_debug_off(key):
    with pytest.raises(ImproperlyConfigured, match="SECRET_KEY"):
        security.secret_key({"SECRET_KEY": key}, debug=False)


def test_a_strong_secret_key_is_taken_and_debug_needs_none():
    assert security.secret_key({"SECRET_KEY": STRONG_KEY}, debug=False) == STRONG_KEY
    assert security.secret_key({}, debug=True) == security.DEVELOPMENT_KEY


def test_https_settings_are_on_with_debug_off_unless_the_environment_says_otherwise(monkeypatch):
    on = security.transport({}, debug=False, envbool=envbool)
    assert on["SECURE_SSL_REDIRECT"] and on["SESSION_COOKIE_SECURE"] and on["CSRF_COOKIE_SECURE"]
    assert on["SECURE_HSTS_SECONDS"] == security.YEAR
    monkeypatch.setenv("SECURE_SSL_REDIRECT", "false")
    loopback = security.transport({"SECURE_HSTS_SECONDS": "0"}, debug=False, envbool=envbool)
    assert (loopback["SECURE_SSL_REDIRECT"], loopback["SECURE_HSTS_SECONDS"]) == (False, 0)
    with pytest.raises(ImproperlyConfigured):
        security.transport({"SECURE_HSTS_SECONDS": "²"}, debug=False, envbool=envbool)


def production_environment(**extra) -> dict:
    """The environment of a production start, on the test database."""
    db = connection.settings_dict
    url = (
        f"postgres://{quote(db['USER'], safe='')}:{quote(db['PASSWORD'] or '', safe='')}"
        f"@{quote(db['HOST'], safe='')}:{db['PORT']}/{db['NAME']}"
    )
    # Not the test run's own settings: the browser tests' DJANGO_ALLOW_ASYNC_UNSAFE among them.
    ours = ("SECURE_", "DATABASE_", "DJANGO_ALLOW_ASYNC_UNSAFE", "TRUSTED_PROXIES")
    env = {k: v for k, v in os.environ.items() if not k.startswith(ours)}
    return env | {
        "DEBUG": "false",
        "SECRET_KEY": STRONG_KEY,
        "ALLOWED_HOSTS": "archive.example.org",
        "DATABASE_URL": url,
        **extra,
    }


@pytest.mark.django_db
def test_check_deploy_is_clean_under_production_settings():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=production_environment(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


@pytest.mark.django_db
def test_with_debug_off_the_demo_account_stops_the_start_until_removed():
    with override_settings(DEBUG=True):
        call_command("ensure_demo_editor", stdout=open(os.devnull, "w"))  # noqa: SIM115
    with override_settings(DEBUG=False):
        errors = [e.id for e in run_checks() if e.is_serious()]
        assert errors == ["corpus.E001"]
        call_command("remove_demo_editor", stdout=open(os.devnull, "w"))  # noqa: SIM115
        assert not [e for e in run_checks() if e.is_serious()]
    assert not get_user_model().objects.filter(username="editor").exists()


@pytest.mark.django_db
def test_a_real_editor_named_editor_with_a_real_password_is_not_the_demo():
    get_user_model().objects.create_user("editor", password="a long real passphrase 42")
    with override_settings(DEBUG=False):
        assert not [e for e in run_checks() if e.is_serious()]


@pytest.mark.django_db
def test_x_forwarded_proto_is_believed_only_from_a_trusted_proxy(client):
    with override_settings(
        SECURE_PROXY_SSL_HEADER=("HTTP_X_FORWARDED_PROTO", "https"),
        TRUSTED_PROXIES=["10.0.0.5"],
        SECURE_SSL_REDIRECT=True,
    ):
        spoofed = client.get("/", HTTP_X_FORWARDED_PROTO="https", REMOTE_ADDR="203.0.113.9")
        assert spoofed.status_code == 301 and spoofed["Location"].startswith("https://")
        proxied = client.get("/", HTTP_X_FORWARDED_PROTO="https", REMOTE_ADDR="10.0.0.5")
        assert proxied.status_code == 200


def assert_security_headers(response, path):
    assert "script-src 'self'" in response["Content-Security-Policy"], path
    assert (
        "unsafe-inline"
        not in response["Content-Security-Policy"].split("script-src")[1].split(";")[0]
    )
    assert response["X-Frame-Options"] == "DENY", path
    assert "camera=()" in response["Permissions-Policy"], path
    assert response["X-Content-Type-Options"] == "nosniff", path


@pytest.mark.django_db
def test_every_kind_of_response_carries_the_security_headers(client, admin_user, tmp_path):
    article = ArticleFactory()
    pages = [
        "/",
        reverse("article_list"),
        article.get_absolute_url(),
        article.get_absolute_url() + "?format=json",
        reverse("article_citation", args=[article.slug, "bib"]),
        reverse("oai") + "?verb=Identify",
        reverse("feed_articles"),
        reverse("sitemap"),
        reverse("healthz"),
        "/no/such/page/",
        reverse("article_list") + "?year=²",
        "/articles/?q=%00",
        "/admin/login/",
    ]
    for path in pages:
        assert_security_headers(client.get(path), path)
    client.force_login(admin_user)
    assert_security_headers(client.get("/admin/corpus/article/"), "admin")


@pytest.mark.django_db
def test_static_files_carry_the_security_headers(tmp_path):
    (tmp_path / "archive").mkdir()
    (tmp_path / "archive" / "archive.css").write_text("body{}")
    # Whitenoise answers from STATIC_ROOT before Django's clickjacking middleware runs.
    with override_settings(STATIC_ROOT=tmp_path):
        response = Client().get("/static/archive/archive.css")
    assert response.status_code == 200
    assert response.streaming
    assert_security_headers(response, "static")


def test_csp_violation_reports_are_logged(client, caplog):
    report = b'{"csp-report": {"violated-directive": "script-src", "blocked-uri": "inline"}}'
    response = client.post("/csp-report/", report, content_type="application/csp-report")
    assert response.status_code == 204
    assert "CSP violation" in caplog.text and "script-src" in caplog.text
    assert (
        client.post("/csp-report/", b"not json", content_type="application/json").status_code == 204
    )
    assert client.get("/csp-report/").status_code == 405
