"""The targets of issue 5, and which a measured scenario met.

Every page is held to three things: its group's p95 budget, at most twice the
SQL floor (the median of page time / floor time over the same requests), and,
where Datasette serves a comparable page, a lower p95 than Datasette's."""

from dataclasses import dataclass

FLOOR_RATIO_MAX = 2.0


@dataclass(frozen=True)
class Budget:
    p95_ms: float
    label: str


# The issue names list and facet pages, search and the reading page. Claims, the actor
# page and the admin changelist are lists of records too, so they share the list budget.
BUDGETS = {
    "list": Budget(150, "list and facet pages"),
    "search": Budget(150, "search"),
    "reading": Budget(50, "reading page"),
    # Issue 14: no setting of the network costs more than 200 ms uncached.
    "picture": Budget(200, "the network, uncached"),
}

# Throughput under gunicorn: the reading page must serve this many requests/s, error-free.
THROUGHPUT_MIN_RPS = {"reading": 100}


def target_text(group: str) -> str:
    return f"p95 ≤ {BUDGETS[group].p95_ms:g} ms"


def evaluate(scenario: dict) -> list[dict]:
    """The checks a scenario result is held to, each with `met` true or false."""
    checks = [_check("errors", "no errors", scenario["errors"] == 0)]
    p95 = scenario["latency_ms"]["p95"]
    budget = BUDGETS[scenario["group"]]
    checks.append(_check("p95", target_text(scenario["group"]), p95 <= budget.p95_ms))
    ratio = scenario.get("floor_ratio")
    if ratio is not None:
        checks.append(
            _check("floor", f"page ≤ {FLOOR_RATIO_MAX:g}× SQL floor", ratio <= FLOOR_RATIO_MAX)
        )
    peer = scenario.get("peer")
    if peer and peer["latency_ms"]["p95"] is not None:
        checks.append(
            _check("Datasette", "faster than Datasette (p95)", p95 < peer["latency_ms"]["p95"])
        )
    return checks


def evaluate_throughput(run: dict) -> list[dict]:
    checks = [_check("errors", "no errors", run["failures"] == 0 and run["requests"] > 0)]
    minimum = THROUGHPUT_MIN_RPS.get(run["name"])
    if minimum is not None:
        checks.append(_check("req/s", f"≥ {minimum} req/s", run["rps"] >= minimum))
    return checks


def met(checks: list[dict]) -> bool:
    return all(check["met"] for check in checks)


def _check(short: str, text: str, ok: bool) -> dict:
    return {"short": short, "text": text, "met": bool(ok)}
