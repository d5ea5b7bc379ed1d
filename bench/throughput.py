"""Throughput under gunicorn: the archive served as deployed (DEBUG off, whitenoise,
N workers recycled as gunicorn.conf.py says), loaded by locust, headless, on this
machine; then two app servers behind nginx sharing kept pages through Redis, as
deploy/ runs them."""

import contextlib
import csv
import json
import os
import shutil
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
def gunicorn(workers: int, log_path: Path, timeout: float = 120, environ: dict | None = None):
    """A gunicorn serving the archive on a free loopback port, with the deployed
    configuration (gunicorn.conf.py: workers recycled after ~1,000 requests) but
    `workers` workers; stopped on exit, even on failure."""
    port = free_port()
    command = [
        str(BIN / "gunicorn"), "--config", str(ROOT / "gunicorn.conf.py"),
        "--workers", str(workers), "--bind", f"127.0.0.1:{port}",
        # Each server its own control socket: two share one path otherwise.
        "--control-socket", str(log_path.with_suffix(".ctl")),
    ]  # fmt: skip
    env = {**os.environ, **(environ or {})}
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
    "mixed_proxied": (
        "Mixed, two app servers behind nginx, kept pages shared in Redis",
        "MixedUser",
    ),
}
PROXY_TOOLS = ("nginx", "redis-server")


@contextlib.contextmanager
def behind_the_proxy(workers: int, timeout: float = 120):
    """Two app servers (half the workers each, at least one) keeping pages in one Redis,
    behind nginx with deploy/nginx.conf and deploy/redis.conf: deploy/cluster.sh's
    shape on the bench's database. Everything stopped on exit, even on failure."""
    run_dir = WORK / "proxy"
    shutil.rmtree(run_dir, ignore_errors=True)
    for folder in ("log", "nginx/cache", "nginx/temp"):
        (run_dir / folder).mkdir(parents=True)
    if os.geteuid() == 0:  # nginx's workers run as nobody
        for folder in ("nginx/cache", "nginx/temp"):
            shutil.chown(run_dir / folder, user="nobody")
    redis_port, proxy_port = free_port(), free_port()
    with contextlib.ExitStack() as stack:
        redis = subprocess.Popen(
            ["redis-server", str(ROOT / "deploy" / "redis.conf"), "--port", str(redis_port),
             "--dir", str(run_dir), "--logfile", str(run_dir / "log" / "redis.log")],
        )  # fmt: skip
        stack.callback(_stop, redis)
        shared = {"CACHE_URL": f"redis://127.0.0.1:{redis_port}/0"}
        servers = [
            stack.enter_context(
                gunicorn(max(1, workers // 2), WORK / f"gunicorn_app{n}.log", environ=shared)
            )
            for n in (1, 2)
        ]
        upstream = "".join(f"        server {base.split('//')[1]};\n" for base in servers)
        config = run_dir / "nginx.conf"
        config.write_text(
            (ROOT / "deploy" / "nginx.conf")
            .read_text()
            .replace("@DIR@", str(run_dir))
            .replace("@PROXY_PORT@", str(proxy_port))
            .replace("@SERVERS@", upstream)
        )
        nginx = subprocess.Popen(
            ["nginx", "-p", str(run_dir), "-c", str(config), "-g", "daemon off;"]
        )
        stack.callback(_stop, nginx)
        base = f"http://127.0.0.1:{proxy_port}"
        _wait_until_serving(nginx, base, timeout, run_dir / "log" / "nginx.error.log")
        yield base


def run(paths: dict, names: list[str], workers: int, users: int, duration: int, progress):
    """Each load in `names` against one gunicorn, then the mixed load through the proxy
    (when nginx and redis-server are installed: deploy/cluster.sh install)."""
    results = []
    WORK.mkdir(parents=True, exist_ok=True)

    def load(base: str, name: str) -> None:
        label, user_class = LOADS[name]
        progress(f"throughput {name}", 0, duration, unit="s")
        stats = locust(base, name, user_class, paths, users, duration)
        progress(f"throughput {name}", duration, duration, unit="s")
        results.append({"name": name, "label": label, "workers": workers, "users": users,
                        "duration_s": duration, **stats})  # fmt: skip

    with gunicorn(workers, WORK / "gunicorn.log") as base:
        for name in names:
            load(base, name)
    if all(shutil.which(tool) for tool in PROXY_TOOLS):
        with behind_the_proxy(workers) as base:
            load(base, "mixed_proxied")
    else:
        progress(f"throughput mixed_proxied: skipped, no {' or '.join(PROXY_TOOLS)}", 0, 0)
    return results
