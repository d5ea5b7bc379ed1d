"""`make bench`: the archive's pages measured on the benchmark corpus, side by side
with their SQL floor, Datasette and a search engine (tantivy), plus throughput under
gunicorn.

    .venv/bin/python bench/run.py [--requests 200] [--out bench/results]

Writes <out>/<timestamp>.json, <out>/latest.json and <out>/latest.md. The database
is ARCHIVE_DB_NAME (default archive_bench) on the embedded server, or DATABASE_URL.
Progress goes to stderr. See docs/PERFORMANCE.md.
"""

import argparse
import json
import os
import signal
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the project importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import django_env
from bench.reporting.markdown import render_markdown
from bench.reporting.targets import evaluate, evaluate_throughput, met


def say(message: str) -> None:
    print(f"[bench] {message}", file=sys.stderr, flush=True)


def progress(label: str, done: int, total: int, unit: str = "") -> None:
    """A line at the start, every quarter and the end, so a long run is never silent."""
    if done in (0, total) or done % max(1, total // 4) == 0:
        say(f"{label}: {done}/{total}{' ' + unit if unit else ''}")


def parse_args(argv=None):
    env = os.environ.get
    parser = argparse.ArgumentParser(description="The archive's benchmark (make bench).")
    parser.add_argument("--requests", type=int, default=200, help="timed requests per scenario")
    parser.add_argument("--warmup", type=int, default=10, help="untimed requests first")
    parser.add_argument("--seed", type=int, default=1, help="seed for drawing parameters")
    parser.add_argument("--out", type=Path, default=Path("bench/results"))
    parser.add_argument(
        "--only",
        action="append",
        metavar="SCENARIO",
        help="measure only this scenario (repeatable), e.g. --only reading",
    )
    parser.add_argument("--skip-peer", action="store_true", help="do not measure Datasette")
    parser.add_argument(
        "--skip-engine", action="store_true", help="do not measure the search engine (tantivy)"
    )
    parser.add_argument(
        "--peer-budget",
        type=float,
        default=60,
        help="seconds per Datasette scenario before it stops early "
        "(at least 5 requests; 0: no limit)",
    )
    parser.add_argument(
        "--cold",
        action="store_true",
        help="do not read each engine's data into the OS page cache before measuring it",
    )
    parser.add_argument("--skip-throughput", action="store_true", help="no gunicorn + locust")
    parser.add_argument(
        "--users",
        type=int,
        default=int(env("BENCH_USERS") or 50),
        help="locust users (default $BENCH_USERS or 50)",
    )
    parser.add_argument(
        "--duration",
        type=int,
        default=int(env("BENCH_DURATION") or 60),
        help="seconds per throughput run (default $BENCH_DURATION or 60)",
    )
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    args = parser.parse_args(argv)
    if args.requests < 1 or args.warmup < 0:
        parser.error("--requests must be at least 1 and --warmup at least 0")
    args.out = args.out if args.out.is_absolute() else django_env.ROOT / args.out
    return args


def prepare_static() -> None:
    """DEBUG off serves hashed static names from the manifest that collectstatic writes."""
    from django.conf import settings
    from django.core.management import call_command

    if not (Path(settings.STATIC_ROOT) / "staticfiles.json").exists():
        say("collecting static files")
        call_command("collectstatic", interactive=False, verbosity=0)


def settle(limit_s: float = 180, poll_s: float = 5) -> float:
    """Flush the load's dirty pages (CHECKPOINT, where the role may) and wait, up to
    `limit_s`, for the machine's load to fall below half its cores, so that a corpus
    just written is not still being written back while the pages are timed.
    Returns the load when measuring starts."""
    from django.db import DatabaseError, connection

    try:
        with connection.cursor() as cursor:
            cursor.execute("CHECKPOINT")
    except DatabaseError as error:  # an external server's role may not checkpoint
        say(f"no checkpoint ({str(error).strip()}): measuring anyway")
    quiet = (os.cpu_count() or 1) / 2
    waited = 0.0
    while (load := os.getloadavg()[0]) > quiet and waited < limit_s:
        if waited % 30 == 0:
            say(f"waiting for the machine to settle: load {load:.1f} (under {quiet:g} wanted)")
        time.sleep(poll_s)
        waited += poll_s
    if load > quiet:
        say(f"the machine is busy (load {load:.1f}): other work will inflate the timings")
    return load


def locust_paths(scenarios) -> dict:
    by_name = {s.name: s.urls for s in scenarios}
    return {
        "reading": by_name.get("reading", []),
        "list": by_name.get("list", []),
        "facet": by_name.get("facet_1", []) + by_name.get("facet_3", []),
        "search": by_name.get("search_rare", []) + by_name.get("search_common", []),
        "actor": by_name.get("actor", []),
    }


def write(results: dict, out: Path) -> Path:
    out.mkdir(parents=True, exist_ok=True)
    stamp = results["started"].replace(":", "").replace("-", "")
    outputs = {
        out / f"{stamp}.json": json.dumps(results, indent=2, ensure_ascii=False),
        out / "latest.json": json.dumps(results, indent=2, ensure_ascii=False),
        out / "latest.md": render_markdown(results),
    }
    for path, text in outputs.items():
        partial = path.with_name(path.name + ".tmp")
        partial.write_text(text + "\n")
        partial.replace(path)
    return out / "latest.md"


def main(argv=None) -> int:
    args = parse_args(argv)
    # make or a shell stopping us still runs the finally blocks that stop gunicorn.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    django_env.setup()
    from django.db import connection

    from bench import machine, measure, params, scenarios, throughput
    from bench.peer import datasette as peer
    from bench.peer import export_sqlite

    started = time.monotonic()
    prepare_static()
    say(f"database {connection.settings_dict['NAME']}: counting the corpus")
    results = {
        "started": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "timestamp": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "settings": {"requests": args.requests, "warmup": args.warmup, "seed": args.seed},
        "machine": machine.facts(),
        "corpus": machine.corpus_counts(),
    }
    if not results["corpus"]["published_articles"]:
        say("no published articles: run `manage.py synthesize` (make bench does) first")
        return 2
    results["machine"]["load_average_start"] = round(settle(), 2)
    cache = results["machine"]["page_cache"] = {}
    if not args.cold:
        say("reading the database into the OS page cache")
        cache["archive"] = machine.read_database_into_page_cache()
    say("drawing parameters from the database")
    drawn = params.draw(args.requests, args.seed)
    results["parameters"] = drawn.as_dict()
    every = scenarios.build(drawn)
    chosen = [s for s in every if not args.only or s.name in args.only]
    results["scenarios"] = [
        measure.measure(s, args.requests, args.warmup, progress) for s in chosen
    ]
    problems = []
    if not args.skip_peer and any(s.peer for s in chosen):
        path = export_sqlite.cached_export(log=say)
        if not args.cold:
            cache["Datasette"] = machine.read_files_into_page_cache(path)
        names = [s.name for s in chosen if s.peer]
        names += ["list_plain"] if "list" in names else []
        measured = peer.run(
            path, drawn, names, args.requests, args.warmup, args.peer_budget, progress
        )
        for scenario in results["scenarios"]:
            scenario["peer"] = measured.get(scenario["name"])
        results["peer_only"] = [measured["list_plain"]] if "list_plain" in measured else []
    if not args.skip_engine and any(s.peer for s in chosen):
        from bench.peer import search_engine

        index = search_engine.cached_index(log=say)
        if not args.cold:
            cache["tantivy"] = machine.read_files_into_page_cache(search_engine.index_path())
        names = [s.name for s in chosen if s.peer]
        measured = search_engine.run(index, drawn, names, args.requests, args.warmup, progress)
        for scenario in results["scenarios"]:
            scenario["engine"] = measured.get(scenario["name"])
    if not args.skip_throughput:
        loads = ["reading", "mixed"]
        try:
            results["throughput"] = throughput.run(
                locust_paths(every), loads, args.workers, args.users, args.duration, progress
            )
        except Exception as error:  # record it, write the rest, fail at the end
            problems.append(f"throughput: {error}")
            results["throughput_error"] = str(error)
    for scenario in results["scenarios"]:
        scenario["checks"] = evaluate(scenario)
        scenario["met"] = met(scenario["checks"])
    for run in results.get("throughput", []):
        run["checks"] = evaluate_throughput(run)
        run["met"] = met(run["checks"])
    results["duration_s"] = round(time.monotonic() - started)
    results["machine"]["load_average_end"] = round(os.getloadavg()[0], 2)
    report = write(results, args.out)
    print(report.read_text())
    say(f"done in {results['duration_s']} s: {report} and {report.with_suffix('.json')}")
    for problem in problems:
        say(f"FAILED {problem}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
