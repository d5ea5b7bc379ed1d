"""The running app recovers by itself when its embedded PostgreSQL is killed: it
restarts the server with backoff, and /healthz says so meanwhile."""

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

from tests.hardening.test_security import ROOT


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def health(url):
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())
    except (urllib.error.URLError, OSError):
        return None, {}


def wait_for(url, predicate, seconds):
    """The first answer `predicate` accepts, polling for at most `seconds` (bounded, not timed)."""
    answers = []
    for _ in range(int(seconds * 4)):
        answer = health(url)
        answers.append(answer)
        if predicate(answer):
            return answer, answers
        time.sleep(0.25)
    pytest.fail(f"no such answer from {url}; last: {answers[-3:]}")


def postmaster_pid(data_dir) -> int:
    return int((data_dir / "postmaster.pid").read_text().splitlines()[0])


@pytest.fixture
def app_on_its_own_server(tmp_path):
    """gunicorn, as deployed, over an embedded PostgreSQL of its own under tmp_path."""
    data_dir, port = tmp_path / "postgres", free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_", "SECURE_"))}
    env |= {"EMBEDDED_POSTGRES_DIR": str(data_dir), "WEB_CONCURRENCY": "1", "DEBUG": "true"}
    env |= {"GUNICORN_BIND": f"127.0.0.1:{port}"}
    app = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}/healthz"
    try:
        wait_for(url, lambda answer: answer[0] == 200, seconds=90)
        yield url, data_dir
    finally:
        # Its exit stops its server too (embedded_postgres's cleanup_mode "stop").
        os.killpg(app.pid, signal.SIGTERM)
        app.wait(timeout=60)


def test_a_killed_embedded_server_is_restarted_and_the_app_recovers(app_on_its_own_server):
    url, data_dir = app_on_its_own_server
    first = postmaster_pid(data_dir)
    os.kill(first, signal.SIGKILL)
    wait_for(url, lambda answer: answer[0] == 503, seconds=30)
    # Killed, it may take a poll before the app sees it (the first 503 may only say the
    # database did not answer); from then until the new server answers, it says why.
    said, _ = wait_for(url, lambda answer: answer[1].get("embedded") == "restarting", seconds=30)
    assert said[0] == 503, said
    wait_for(url, lambda answer: answer[0] == 200, seconds=90)
    assert postmaster_pid(data_dir) != first
