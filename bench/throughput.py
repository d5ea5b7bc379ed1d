"""Throughput under gunicorn: the archive served as in production (DEBUG off,
whitenoise, N workers), loaded by locust, headless, on this machine."""

import contextlib
import csv
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from bench.django_env import ROOT

BIN = Path(sys.executable).parent
WORK = ROOT / "var" / "bench"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def gunicorn(workers: int, log_path: Path, timeout: float = 120):
    """A gunicorn serving the archive on a free loopback port, with the production
    configuration but `workers` workers; stopped on exit, even on failure."""
    port = free_port()
    command = [
        str(BIN / "gunicorn"), "--config", str(ROOT / "gunicorn.conf.py"),
        "--workers", str(workers), "--bind", f"127.0.0.1:{port}",
    ]  # fmt: skip
    # Workers are not recycled during the run (production recycles every ~1,000
    # requests, a leak guard whose restarts would be measured as the app's cost).
    env = {**os.environ, "GUNICORN_MAX_REQUESTS": "0"}
    with open(log_path, "w") as log:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=log)
        try:
            base = f"http://127.0.0.1:{port}"
            _wait_until_serving(process, base, timeout, log_path)
            yield base
        finally:
            _stop(process)


def _wait_until_serving(process, base: str, timeout: float, log_path: Path) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn exited ({process.returncode}); see {log_path}")
        try:
            with urllib.request.urlopen(base + "/", timeout=5) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.25)
    raise RuntimeError(f"gunicorn did not serve {base}/ within {timeout:.0f} s; see {log_path}")


def _stop(process) -> None:
    """SIGTERM (gunicorn's graceful stop) to the master we started; SIGKILL if it hangs."""
    if process.poll() is not None:
        return
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def locust(base: str, name: str, user_class: str, paths: dict, users: int, duration: int):
    """Run locust headless for `duration` seconds and read its aggregated stats."""
    WORK.mkdir(parents=True, exist_ok=True)
    paths_file = WORK / "locust_paths.json"
    paths_file.write_text(json.dumps(paths))
    prefix = WORK / f"locust_{name}"
    command = [
        str(BIN / "locust"), "-f", str(ROOT / "bench" / "locustfile.py"), user_class,
        "--headless", "--users", str(users), "--spawn-rate", str(users),
        "--run-time", f"{duration}s", "--stop-timeout", "5", "--host", base,
        "--csv", str(prefix), "--only-summary", "--exit-code-on-error", "0",
        "--loglevel", "WARNING",
    ]  # fmt: skip
    env = {**os.environ, "BENCH_LOCUST_PATHS": str(paths_file)}
    with open(WORK / f"locust_{name}.log", "w") as log:
        subprocess.run(command, cwd=ROOT, env=env, stdout=log, stderr=log, check=True,
                       timeout=duration + 120)  # fmt: skip
    return read_stats(Path(f"{prefix}_stats.csv"))


def read_stats(path: Path) -> dict:
    """The 'Aggregated' row of locust's CSV: requests, failures, req/s, p50 and p95."""
    with open(path, newline="") as f:
        row = next(r for r in csv.DictReader(f) if r["Name"] == "Aggregated")

    def number(key):
        value = row.get(key, "")
        return float(value) if value not in ("", "N/A") else None

    return {
        "requests": int(row["Request Count"]),
        "failures": int(row["Failure Count"]),
        "rps": round(float(row["Requests/s"]), 1),
        "latency_ms": {"p50": number("50%"), "p95": number("95%")},
    }


LOADS = {
    "reading": ("Reading page", "ReadingUser"),
    "mixed": ("Mixed: reading, lists, facets, search, people", "MixedUser"),
}


def run(paths: dict, names: list[str], workers: int, users: int, duration: int, progress):
    results = []
    WORK.mkdir(parents=True, exist_ok=True)
    with gunicorn(workers, WORK / "gunicorn.log") as base:
        for name in names:
            label, user_class = LOADS[name]
            progress(f"throughput {name}", 0, duration, unit="s")
            stats = locust(base, name, user_class, paths, users, duration)
            progress(f"throughput {name}", duration, duration, unit="s")
            results.append({"name": name, "label": label, "workers": workers, "users": users,
                            "duration_s": duration, **stats})  # fmt: skip
    return results
