"""The results as a Markdown table: what was measured, against which target, met or not."""

from bench.reporting.reasons import split_section
from bench.reporting.targets import FLOOR_RATIO_MAX, evaluate, evaluate_throughput, met, target_text

HEADER = (
    "| Scenario | p50 | p95 | queries | floor p95 | page/floor | Datasette p95 | tantivy p95 "
    "| target | met? |",
    "|---|---:|---:|---:|---:|---:|---:|---:|---|---|",
)


def ms(value) -> str:
    return "–" if value is None else f"{value:.1f} ms"


def verdict(checks: list[dict]) -> str:
    """'yes', or 'no' followed by the checks that were missed."""
    if met(checks):
        return "yes"
    return "no: " + ", ".join(check["short"] for check in checks if not check["met"])


def peer_cell(peer: dict | None, requests: int) -> str:
    """A peer's p95, with its request count when its time budget cut it short."""
    if not peer:
        return "–"
    short = f" (n={peer['requests']})" if peer["requests"] < requests else ""
    return ms(peer["latency_ms"]["p95"]) + short


def scenario_row(scenario: dict) -> str:
    latency, floor, peer = scenario["latency_ms"], scenario.get("floor_ms"), scenario.get("peer")
    ratio = scenario.get("floor_ratio")
    cells = [
        scenario["label"],
        ms(latency["p50"]),
        ms(latency["p95"]),
        str(scenario["queries_max"]),
        ms(floor["p95"] if floor else None),
        "–" if ratio is None else f"{ratio:.1f}×",
        peer_cell(peer, scenario["requests"]),
        peer_cell(scenario.get("engine"), scenario["requests"]),
        target_text(scenario["group"]),
        verdict(evaluate(scenario)),
    ]
    return "| " + " | ".join(cells) + " |"


def kept_row(scenario: dict) -> str:
    kept = scenario["kept"]
    ratio = kept["floor_ratio"]
    cells = [
        scenario["label"],
        ms(kept["latency_ms"]["p50"]),
        ms(kept["latency_ms"]["p95"]),
        str(kept["queries_max"]),
        "–" if ratio is None else f"{ratio:.2f}×",
        "yes" if ratio is not None and ratio <= FLOOR_RATIO_MAX and not kept["errors"] else "no",
    ]
    return "| " + " | ".join(cells) + " |"


def throughput_row(run: dict) -> str:
    checks = evaluate_throughput(run)
    cells = [
        run["label"],
        f"{run['rps']:.1f}",
        str(run["requests"]),
        str(run["failures"]),
        ms(run["latency_ms"]["p50"]),
        ms(run["latency_ms"]["p95"]),
        "; ".join(check["text"] for check in checks),
        verdict(checks),
    ]
    return "| " + " | ".join(cells) + " |"


def page_cache_line(machine: dict) -> list[str]:
    """Whether each engine's data was read into the OS page cache before it was timed."""
    if "page_cache" not in machine:  # runs from before the bench read it
        return []
    read = machine["page_cache"]
    if not read:
        return ["- OS page cache: nothing read before measuring (--cold)"]
    listed = "; ".join(f"{engine} {what}" for engine, what in read.items())
    return [f"- OS page cache, read before measuring each engine: {listed}"]


def render_markdown(results: dict) -> str:
    machine, corpus = results["machine"], results["corpus"]
    lines = [
        f"# Benchmark, {results['timestamp']}",
        "",
        f"{corpus['articles']:,} articles ({corpus['published_articles']:,} published), "
        f"{corpus['annotations']:,} annotations, {corpus['mentions']:,} mentions, "
        f"{corpus['claims']:,} claims, {corpus['actors']:,} people, "
        f"{corpus['organizations']:,} organizations, {corpus['tags']:,} tags; "
        f"{machine['cores']} cores, {machine['memory_gib']} GiB memory, "
        f"PostgreSQL {machine['postgresql']}.",
        "",
        f"Server-side latency over {results['settings']['requests']} requests per scenario "
        f"(after {results['settings']['warmup']} warm-up requests), in process through "
        "the full middleware stack; queries is the most any request issued.",
        "",
        *HEADER,
        *(scenario_row(s) for s in results["scenarios"]),
    ]
    extra = results.get("peer_only") or []
    if extra:
        lines += ["", "Datasette only, for reference:", ""]
        lines += [
            f"- {p['label']}: p50 {ms(p['latency_ms']['p50'])}, p95 {ms(p['latency_ms']['p95'])}"
            for p in extra
        ]
    lines += split_section(results["scenarios"])
    kept = [s for s in results["scenarios"] if s.get("kept")]
    if kept:
        lines += [
            "",
            "## Repeat requests: kept pages",
            "",
            "The same requests with the readers' cache on, as anonymous readers meet it: "
            "each page kept once, then served while the database's snapshot is unchanged "
            "(archive/views/reader_cache.py). kept/floor divides by the floor of rendering the page.",
            "",
            f"| Scenario | p50 | p95 | queries | kept/floor | ≤ {FLOOR_RATIO_MAX:g}× floor? |",
            "|---|---:|---:|---:|---:|---|",
            *(kept_row(s) for s in kept),
        ]
    if results.get("throughput"):
        first = results["throughput"][0]
        lines += [
            "",
            f"## Throughput under gunicorn ({first['workers']} workers, {first['users']} "
            f"users, {first['duration_s']} s)",
            "",
            "| Scenario | req/s | requests | errors | p50 | p95 | target | met? |",
            "|---|---:|---:|---:|---:|---:|---|---|",
            *(throughput_row(run) for run in results["throughput"]),
        ]
    terms = results.get("parameters", {})
    if terms.get("rare_terms") or terms.get("common_terms"):
        lines += ["", "## Search terms (documents matching each)", ""]
        for kind in ("rare", "common"):
            pool = terms.get(f"{kind}_terms") or []
            listed = ", ".join(f"{t['term']} ({t['ndoc']:,})" for t in pool)
            lines.append(f"- {kind}: {listed}")
    lines += [
        "",
        "## Machine",
        "",
        *(
            f"- {key.replace('_', ' ')}: {value}"
            for key, value in machine.items()
            if key != "page_cache"
        ),
        *page_cache_line(machine),
        "",
        "page/floor is the median, over the same requests, of the page's time divided by "
        "the time to run the exact SQL that page issued on a raw cursor. Datasette serves "
        "the same published data exported to SQLite (bench/peer/export_sqlite.py), measured "
        "in process on the comparable page with the same parameters. tantivy indexes the "
        "same data with the six facets as fast fields (bench/peer/search_engine.py); its "
        "time is the engine's answer alone (the 20 hits, the count, the facets), no HTML: "
        "compare it with the floor, not the page.",
        "",
    ]
    return "\n".join(lines)
