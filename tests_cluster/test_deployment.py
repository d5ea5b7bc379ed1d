"""The archive on a real multi-server deployment (deploy/cluster.sh): a PostgreSQL 15
primary and hot standby, PgBouncer in transaction mode, Redis, two gunicorn app
servers with production settings, and nginx in front. Run by `make cluster-test`,
which starts it all, runs this and stops it all; the environment says where each
part listens (deploy/cluster.sh write_env). The tests run in order."""

import csv
import io
import os
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

import psycopg
import pytest
import redis
import requests

ROOT = Path(__file__).resolve().parent.parent
ENV = os.environ
PROXY = ENV.get("PROXY_URL", "")
APPS = [url for url in ENV.get("APP_URLS", "").split(",") if url]
PUBLIC_PAGES = [
    "/",
    "/articles/",
    "/articles/?format=csv",
    "/articles/?format=json",
    "/claims/",
    "/claims/?format=csv",
    "/tags/",
    "/actors/",
    "/organizations/",
    "/network/",
    "/timeline/",
]

pytestmark = pytest.mark.skipif(not PROXY, reason="run through deploy/cluster.sh test")


def query(dsn: str, sql: str, params=()) -> list[tuple]:
    with psycopg.connect(dsn, autocommit=True) as conn:
        return conn.execute(sql, params).fetchall()


def pgbouncer(command: str) -> list[dict]:
    """The PgBouncer admin console's answer to SHOW ..., as rows of named columns."""
    done = subprocess.run(
        ["psql", "-h", "127.0.0.1", "-p", ENV["PGBOUNCER_PORT"], "-U", "archive", "--csv",
         "-c", command, "pgbouncer"],
        env={**ENV, "PGPASSWORD": ENV["DB_PASSWORD"]},
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    return list(csv.DictReader(io.StringIO(done.stdout)))


def anonymous(url: str, **headers) -> requests.Response:
    """A reader who has never been here: no cookies."""
    return requests.get(url, timeout=30, headers=headers)


def cluster(command: str) -> None:
    subprocess.run([str(ROOT / "deploy" / "cluster.sh"), command], check=True)


def published_slug() -> tuple[int, str]:
    return query(
        ENV["PRIMARY_DSN"],
        "SELECT id, slug FROM corpus_article WHERE status = 'published' ORDER BY id LIMIT 1",
    )[0]


class Editor:
    """A reviewer working in the admin through the proxy, as a browser would."""

    def __init__(self):
        self.session = requests.Session()
        login = f"{PROXY}/admin/login/"
        self.session.get(login, timeout=30).raise_for_status()
        answer = self.session.post(
            login,
            data={
                "username": ENV["EDITOR_NAME"],
                "password": ENV["EDITOR_PASSWORD"],
                "csrfmiddlewaretoken": self.session.cookies["csrftoken"],
                "next": "/admin/",
            },
            headers={"Referer": login},
            timeout=30,
        )
        assert answer.url.endswith("/admin/"), "the reviewer could not log in"

    def act(self, action: str, article_id: int) -> None:
        changelist = f"{PROXY}/admin/corpus/article/"
        answer = self.session.post(
            changelist,
            data={
                "action": action,
                "_selected_action": str(article_id),
                "index": "0",
                "select_across": "0",
                "csrfmiddlewaretoken": self.session.cookies["csrftoken"],
            },
            headers={"Referer": changelist},
            timeout=30,
        )
        assert answer.status_code == 200, answer.status_code


def test_reads_go_to_the_standby():
    assert query(ENV["STANDBY_DSN"], "SELECT pg_is_in_recovery()") == [(True,)]
    for page in PUBLIC_PAGES:
        for base in [PROXY, *APPS]:
            assert anonymous(base + page).status_code == 200, base + page
    readers = query(
        ENV["STANDBY_DSN"],
        "SELECT DISTINCT application_name FROM pg_stat_activity WHERE usename = 'archive'",
    )
    assert {"archive-app1", "archive-app2"} <= {name for (name,) in readers}


def test_writes_go_to_the_primary_through_pgbouncer():
    article_id, slug = published_slug()
    before = {row["database"]: int(row["total_xact_count"]) for row in pgbouncer("SHOW STATS")}
    editor = Editor()
    editor.act("unpublish", article_id)
    editor.act("publish", article_id)
    after = {row["database"]: int(row["total_xact_count"]) for row in pgbouncer("SHOW STATS")}
    assert after["archive"] > before["archive"]
    # Every connection the app holds to the primary is one of PgBouncer's.
    pooled = {int(row["local_port"]) for row in pgbouncer("SHOW SERVERS")}
    direct = query(
        ENV["PRIMARY_DSN"],
        "SELECT client_port FROM pg_stat_activity WHERE usename = 'archive' "
        "AND backend_type = 'client backend'",
    )
    assert direct and {port for (port,) in direct} <= pooled


def test_connections_through_pgbouncer_carry_the_webs_time_limits():
    """PgBouncer ignores the app's startup options, so a dead importer's or a stuck
    request's locks would be held forever; the role's defaults set the limits instead."""
    dsn = (
        f"host=127.0.0.1 port={ENV['PGBOUNCER_PORT']} dbname=archive user=archive "
        f"password={ENV['DB_PASSWORD']}"
    )
    names = ["statement_timeout", "lock_timeout", "idle_in_transaction_session_timeout",
             "client_connection_check_interval"]  # fmt: skip
    shown = [query(dsn, f"SHOW {name}")[0][0] for name in names]
    assert shown == ["30s", "5s", "1min", "5s"]


def test_a_publish_is_visible_to_the_next_anonymous_reader_on_either_app_server():
    article_id, slug = published_slug()
    page = f"/articles/{slug}/"
    editor = Editor()
    for _ in range(3):
        editor.act("unpublish", article_id)
        for base in [PROXY, *APPS, PROXY]:
            assert anonymous(base + page).status_code == 404, f"{base}{page} still shown"
        editor.act("publish", article_id)
        for base in [PROXY, *APPS, PROXY]:
            assert anonymous(base + page).status_code == 200, f"{base}{page} not shown yet"


def test_kept_pages_are_shared_between_the_app_servers():
    shared = redis.Redis.from_url(ENV["REDIS_URL"])
    for _ in range(5):  # any commit (autovacuum's too) moves the snapshot: try again
        page = f"/tags/?probe={uuid.uuid4().hex}"
        keys = shared.dbsize()
        # Each app server directly, asked for the site's host as the proxy asks.
        first = anonymous(APPS[0] + page, Host=PROXY.split("//")[1])
        kept = shared.dbsize()
        second = anonymous(APPS[1] + page, Host=PROXY.split("//")[1])
        if first.headers["ETag"] == second.headers["ETag"]:
            break
    assert kept == keys + 1, "the first app server kept the page in Redis"
    assert shared.dbsize() == kept, "the second served it from there, rendering nothing"
    assert second.content == first.content


def test_with_the_standby_stopped_every_public_page_answers_and_health_says_degraded():
    cluster("standby-stop")
    try:
        for page in PUBLIC_PAGES:
            for base in [PROXY, *APPS]:
                assert anonymous(base + page).status_code == 200, base + page
        for base in [PROXY, *APPS]:
            health = anonymous(base + "/healthz")
            assert health.status_code == 200
            assert health.json()["status"] == "degraded"
            assert "replica1" in health.json()["replicas"]
    finally:
        cluster("standby-start")
    count = "SELECT count(*) FROM pg_stat_activity WHERE usename = 'archive'"
    deadline = time.monotonic() + 30
    while query(ENV["STANDBY_DSN"], count) == [(0,)]:
        assert time.monotonic() < deadline, "reads never returned to the standby"
        for base in APPS:
            anonymous(base + "/articles/")
        time.sleep(0.5)
    for base in [PROXY, *APPS]:
        assert anonymous(base + "/healthz").json()["status"] == "ok"


def test_fifty_readers_for_thirty_seconds_with_a_publish_in_the_middle_get_no_errors(tmp_path):
    article_id, _ = published_slug()
    editor = Editor()
    load = subprocess.Popen(
        [sys.executable, "-m", "locust", "-f", str(Path(__file__).parent / "locustfile.py"),
         "--headless", "--users", "50", "--spawn-rate", "25", "--run-time", "30s",
         "--host", PROXY, "--csv", str(tmp_path / "load"), "--only-summary"],
        cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    publishing = threading.Timer(
        15, lambda: (editor.act("unpublish", article_id), editor.act("publish", article_id))
    )
    publishing.start()
    output, _ = load.communicate(timeout=120)
    publishing.join()
    print(output[-3000:])
    with open(tmp_path / "load_stats.csv") as stats:
        total = next(row for row in csv.DictReader(stats) if row["Name"] == "Aggregated")
    assert int(total["Request Count"]) > 500
    assert int(total["Failure Count"]) == 0, output[-3000:]
    assert query(ENV["PRIMARY_DSN"], "SELECT status FROM corpus_article WHERE id = %s",
                 [article_id]) == [("published",)]  # fmt: skip
