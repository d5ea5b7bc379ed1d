"""How the archive is deployed, read from the environment: which PostgreSQL
servers it talks to (a primary, optional read replicas, an optional pooler) and
where its static files are served from.

settings.py calls these with os.environ; tests call them with plain dicts.
docs/PERFORMANCE.md describes the configuration they support.
"""

import re
import subprocess
from collections.abc import Callable, Mapping
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

POSTGRESQL = "django.db.backends.postgresql"
REPLICA_PREFIX = "replica"
# Persistent connections (embedded or external server) unless DATABASE_CONN_MAX_AGE says otherwise.
DEFAULT_CONN_MAX_AGE = 60
# Transaction pooling hands each transaction to any server connection, so a
# server-side cursor or a prepared statement (which live across transactions)
# would be lost: psycopg prepares none (prepare_threshold None).
POOLERS = {
    "pgbouncer": {"DISABLE_SERVER_SIDE_CURSORS": True, "OPTIONS": {"prepare_threshold": None}}
}


def databases_from_env(
    environ: Mapping[str, str], embedded: Callable[[], dict], role: str = "web"
) -> dict:
    """Django's DATABASES for this environment.

    - "default", the primary: DATABASE_URL, or `embedded()` when it is unset;
    - "replica1", "replica2", ...: one per URL in DATABASE_REPLICA_URLS
      (comma-separated); in tests each mirrors "default";
    - DATABASE_CONN_MAX_AGE (seconds) and DATABASE_POOLER apply to every alias, and so do
      the session limits of `role`'s processes (session_limits).

    Every URL must be PostgreSQL; anything else is ImproperlyConfigured."""
    conn_max_age = _conn_max_age(environ)
    if environ.get("DATABASE_URL"):
        databases = {"default": _postgresql("DATABASE_URL", environ["DATABASE_URL"], conn_max_age)}
    else:
        databases = {"default": embedded()}
        databases["default"].update(
            CONN_MAX_AGE=DEFAULT_CONN_MAX_AGE if conn_max_age is None else conn_max_age,
            CONN_HEALTH_CHECKS=True,
        )

    urls = [url.strip() for url in environ.get("DATABASE_REPLICA_URLS", "").split(",")]
    for number, url in enumerate(filter(None, urls), start=1):
        replica = _postgresql(f"DATABASE_REPLICA_URLS (replica {number})", url, conn_max_age)
        # Tests run against the primary: a replica alias reuses its test database.
        replica["TEST"] = {"MIRROR": "default"}
        databases[f"{REPLICA_PREFIX}{number}"] = replica

    limits = session_limits(environ, role)
    for database in databases.values():
        database["OPTIONS"] = {**database.get("OPTIONS", {}), "options": limits}

    pooler = environ.get("DATABASE_POOLER", "").strip().lower()
    if pooler:
        if pooler not in POOLERS:
            raise ImproperlyConfigured(
                f"DATABASE_POOLER={pooler!r} is not known (use {', '.join(POOLERS)} or leave it unset)"
            )
        for database in databases.values():
            database["DISABLE_SERVER_SIDE_CURSORS"] = True
            database["OPTIONS"] = {**database.get("OPTIONS", {}), **POOLERS[pooler]["OPTIONS"]}
    return databases


# Each connection's limits, as PostgreSQL reads them ("30s", "5min", "0" for none): web
# requests must be short; commands (imports, migrate, the benchmark's load) may run long
# statements, never wait long for a lock, and never keep one when their process dies.
SESSION_LIMITS = {
    "statement_timeout": ("STATEMENT_TIMEOUT", "30s", "1h"),
    "lock_timeout": ("LOCK_TIMEOUT", "5s", "1min"),
    "idle_in_transaction_session_timeout": ("IDLE_IN_TRANSACTION_TIMEOUT", "1min", "10min"),
    # A server process checks its client is still there while it runs a query: a killed
    # importer's statement (and its locks) end within seconds, not when the query does.
    "client_connection_check_interval": ("CLIENT_CHECK_INTERVAL", "5s", "5s"),
}
DURATION = re.compile(r"^\d{1,9}\s*(?:ms|s|min|h|d)?$")


def session_limits(environ: Mapping[str, str], role: str) -> str:
    """libpq's `options` setting every limit in SESSION_LIMITS for a "web" or "command"
    process: DATABASE_STATEMENT_TIMEOUT (web) or DATABASE_COMMAND_STATEMENT_TIMEOUT, etc.
    PgBouncer does not pass `options` on: set them on its server (deploy/postgresql.conf)."""
    settings = []
    for parameter, (name, web, command) in SESSION_LIMITS.items():
        variable = f"DATABASE_{'COMMAND_' if role == 'command' else ''}{name}"
        value = environ.get(variable, command if role == "command" else web).strip()
        if not DURATION.match(value):
            raise ImproperlyConfigured(
                f"{variable}={value!r} is not a duration (e.g. 30s, 5min, 0 for none)"
            )
        settings.append(f"-c {parameter}={value.replace(' ', '')}")
    return " ".join(settings)


def replica_aliases(databases: Mapping[str, dict]) -> list[str]:
    """The read replicas' aliases, in order: ["replica1", "replica2", ...]."""
    return [alias for alias in databases if alias.startswith(REPLICA_PREFIX)]


def static_url_from_env(environ: Mapping[str, str]) -> str:
    """STATIC_URL: "static/" on the site's own host, or STATIC_HOST + "/static/"
    when a CDN pulls the files from the site (whitenoise's CDN set-up)."""
    host = environ.get("STATIC_HOST", "").strip().rstrip("/")
    if not host:
        return "static/"
    parts = urlsplit(host)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.path:
        raise ImproperlyConfigured(
            f"STATIC_HOST={host!r} must be an origin such as https://cdn.example.org (no path)"
        )
    return f"{host}/static/"


def _conn_max_age(environ: Mapping[str, str]) -> int | None:
    value = environ.get("DATABASE_CONN_MAX_AGE", "").strip()
    if not value:
        return None
    if not value.isdigit():
        raise ImproperlyConfigured(
            f"DATABASE_CONN_MAX_AGE={value!r} must be a number of seconds (0 closes "
            "each connection after its request)"
        )
    return int(value)


def _postgresql(name: str, url: str, conn_max_age: int | None) -> dict:
    where = _without_credentials(url)
    try:
        database = dj_database_url.parse(
            url,
            conn_max_age=DEFAULT_CONN_MAX_AGE if conn_max_age is None else conn_max_age,
            conn_health_checks=True,
        )
    except ValueError as error:
        raise ImproperlyConfigured(f"{name}: {where} is not a database URL ({error})") from None
    if database["ENGINE"] != POSTGRESQL:
        raise ImproperlyConfigured(f"{name} must point at PostgreSQL, not {where}")
    return database


def _without_credentials(url: str) -> str:
    """The URL's scheme, host and path, for error messages that must not print a password."""
    parts = urlsplit(url)
    if not parts.scheme:
        return "a URL without a scheme"
    # netloc is user:password@host:port; keep what follows the last "@".
    return f"{parts.scheme}://{parts.netloc.rpartition('@')[2]}{parts.path}"


def release_from_env(environ: Mapping[str, str], base_dir: Path) -> str:
    """RELEASE: what is deployed, so that a cache shared across a release never
    serves one release's page to another. The RELEASE variable (a tag, a build
    number), else the checkout's git commit, else "unreleased"."""
    if release := environ.get("RELEASE", "").strip():
        return release
    try:
        found = subprocess.run(
            ["git", "rev-parse", "HEAD"], cwd=base_dir, capture_output=True, text=True, timeout=5
        )
    except (OSError, subprocess.SubprocessError):
        return "unreleased"
    return found.stdout.strip() if found.returncode == 0 else "unreleased"
