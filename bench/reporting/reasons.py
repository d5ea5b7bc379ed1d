"""Why a page misses twice its floor, named from what its requests measured
(bench/explain/split.py): the SQL, the templates and the rest of Python."""

from bench.reporting.targets import FLOOR_RATIO_MAX

NAMES = {"templates": "templates", "python": "Python (views, middleware, rows)"}

HEADER = (
    "| Scenario | page mean | SQL | templates | Python | page/floor "
    "| over 2×: the measured reason | its Python by code (profiled) |",
    "|---|---:|---:|---:|---:|---:|---|---|",
)


def reason(scenario: dict) -> str:
    """'' when the page is within twice its floor; else what its time beyond the SQL went to."""
    ratio, split = scenario.get("floor_ratio"), scenario.get("split_ms")
    if ratio is None or ratio <= FLOOR_RATIO_MAX or not split:
        return ""
    page = sum(split.values())
    floor = scenario["floor_ms"]["mean"]
    beyond = sorted(NAMES, key=lambda part: split[part], reverse=True)
    parts = " and ".join(f"{NAMES[part]} {split[part]:.1f} ms" for part in beyond)
    text = (
        f"{parts} beside {split['sql']:.1f} ms of SQL; within {FLOOR_RATIO_MAX:g}× its "
        f"{floor:.1f} ms floor, all but the SQL would have to fit in "
        f"{max(0.0, FLOOR_RATIO_MAX * floor - split['sql']):.1f} ms"
    )
    if split["sql"] > 1.5 * floor:
        # Above the replayed SQL: the driver turning rows into Python, and the round trips.
        text += f" (the page's SQL itself takes {split['sql'] / floor:.1f}× its replay)"
    return f"{text}; {NAMES[beyond[0]]} is {split[beyond[0]] / page:.0%} of the page"


def by_code(shares: dict | None) -> str:
    """'django.template 31%, C built-ins 22%, …': where a profiled page's Python time went."""
    if not shares:
        return "–"
    return ", ".join(f"{family} {share:.0%}" for family, share in shares.items())


def split_row(scenario: dict) -> str:
    split, ratio = scenario["split_ms"], scenario.get("floor_ratio")
    cells = [
        scenario["label"],
        f"{sum(split.values()):.1f} ms",
        *(f"{split[part]:.1f} ms" for part in ("sql", "templates", "python")),
        "–" if ratio is None else f"{ratio:.1f}×",
        reason(scenario) or "within 2×",
        by_code(scenario.get("python_by_code")),
    ]
    return "| " + " | ".join(cells) + " |"


def split_section(scenarios: list[dict]) -> list[str]:
    """The Markdown section: each first rendering split into SQL, templates and Python."""
    measured = [s for s in scenarios if s.get("split_ms")]
    if not measured:
        return []
    return [
        "",
        "## Where the time goes: first renderings",
        "",
        "Each request's time, counted once for the innermost thing running (SQL a "
        "template's lazy queryset runs is SQL), averaged over the requests "
        "(bench/explain/split.py). A page within twice its floor can spend at most its floor "
        "beyond the SQL. Pages over it are profiled (cProfile, on up to 20 of their "
        "pages; bench/explain/profile.py): the last column is each part of the code's "
        "share of their Python's own time, the largest six.",
        "",
        *HEADER,
        *(split_row(s) for s in measured),
    ]
