"""Our pages, measured in process through the full middleware stack, each request
beside its SQL floor: the exact SQL it issued, run again on a raw cursor."""

import os
import re
import time

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext

from bench.explain.profile import profile_paths
from bench.explain.split import Attribution, attributing, mean_split
from bench.reporting.targets import FLOOR_RATIO_MAX
from bench.scenarios import Scenario, cycle
from bench.stats import median_ratio, percentile, summarize

BENCH_USER = "bench"
PROFILED_PAGES = 20
# Reads are replayed, with the planner settings a page made for them (SET LOCAL, in the
# same transaction); savepoints and any write belong to the page, not to its floor.
READ = re.compile(r"^\s*(SELECT|WITH|EXPLAIN|SET)\b", re.IGNORECASE)


def bench_user():
    """The superuser the admin scenario logs in as, created (without a usable password) if missing."""
    users = get_user_model()._default_manager
    return users.filter(username=BENCH_USER).first() or users.create_superuser(
        BENCH_USER, "bench@example.invalid", None
    )


def replay(captured: list[dict]) -> float:
    """Seconds to run the captured reads again, fetching every row, on one raw cursor."""
    statements = [q["sql"] for q in captured if q["sql"] and READ.match(q["sql"])]
    with transaction.atomic(), connection.cursor() as cursor:
        start = time.perf_counter()
        for sql in statements:
            # Already interpolated (CaptureQueriesContext): no parameters, so no placeholders.
            cursor.execute(sql)
            if cursor.description:
                cursor.fetchall()
        return time.perf_counter() - start


def timed_get(client: Client, path: str):
    """(seconds, response, the queries it issued) for one request, captured in the
    timed request itself, so a floor replays exactly what this request ran."""
    with CaptureQueriesContext(connection) as captured:
        start = time.perf_counter()
        response = client.get(path)
        seconds = time.perf_counter() - start
    return seconds, response, captured.captured_queries


def measure(scenario: Scenario, requests: int, warmup: int, progress) -> dict:
    # A page that fails counts as an error (its traceback is logged) instead of ending the run.
    client = Client(raise_request_exception=False)
    if scenario.login:
        client.force_login(bench_user())
    # Warm-up requests use URLs the timed requests reach last (or not at all).
    for path in cycle(scenario.urls, warmup, offset=requests):
        client.get(path)
    paths = cycle(scenario.urls, requests)
    pages, floors, splits, queries, errors = [], [], [], 0, []
    for i, path in enumerate(paths):
        if scenario.before_each:
            scenario.before_each()
        with attributing(Attribution()) as attribution:
            seconds, response, captured = timed_get(client, path)
        pages.append(seconds)
        splits.append(attribution.split(seconds))
        if response.status_code != 200:
            errors.append(f"{response.status_code} {path}")
        queries = max(queries, len(captured))
        floors.append(replay(captured))
        progress(scenario.name, i + 1, requests)
    result = {
        "name": scenario.name,
        "label": scenario.label,
        "group": scenario.group,
        "requests": requests,
        "distinct_urls": len(set(paths)),
        "errors": len(errors),
        "error_examples": errors[:5],
        "latency_ms": summarize(pages),
        "queries_max": queries,
        "floor_ms": summarize(floors),
        "floor_ratio": median_ratio(pages, floors),
        # Where the time went (mean per request): names the reason a page misses 2× its floor.
        "split_ms": mean_split(splits),
        "load_average": round(os.getloadavg()[0], 2),
    }
    if result["floor_ratio"] and result["floor_ratio"] > FLOOR_RATIO_MAX:
        # Over twice its floor: where its Python goes, profiled on its first distinct pages.
        login = bench_user() if scenario.login else None
        profiled = list(dict.fromkeys(paths))[:PROFILED_PAGES]
        result["python_by_code"] = profile_paths(profiled, login, scenario.before_each)
    if not scenario.login:
        result["kept"] = measure_kept(paths, _floor_by_path(paths, floors), progress, scenario.name)
    return result


def measure_kept(paths: list[str], floor_by_path: dict, progress, name: str) -> dict:
    """The same requests again with the readers' cache on (archive/views/reader_cache.py), as
    an anonymous reader repeating a page meets them: each page kept once, then served
    while the data is unchanged. Its ratio divides by the floor of rendering the page."""
    client = Client(raise_request_exception=False)
    saved, settings.READER_CACHE_SECONDS = settings.READER_CACHE_SECONDS, 600
    try:
        cache.clear()
        for path in dict.fromkeys(paths):
            client.get(path)
        pages, floors, queries, errors = [], [], 0, 0
        for i, path in enumerate(paths):
            seconds, response, captured = timed_get(client, path)
            pages.append(seconds)
            errors += response.status_code != 200
            queries = max(queries, len(captured))
            floors.append(floor_by_path[path])
            progress(f"{name} (kept)", i + 1, len(paths))
    finally:
        settings.READER_CACHE_SECONDS = saved
        cache.clear()
    return {
        "latency_ms": summarize(pages),
        "queries_max": queries,
        "errors": errors,
        "floor_ratio": median_ratio(pages, floors),
    }


def _floor_by_path(paths: list[str], floors: list[float]) -> dict:
    """Each page's median floor over the rendered requests."""
    seen: dict[str, list[float]] = {}
    for path, floor in zip(paths, floors, strict=True):
        seen.setdefault(path, []).append(floor)
    return {path: percentile(values, 50) for path, values in seen.items()}
