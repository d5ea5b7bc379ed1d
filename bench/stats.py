"""Latency statistics: percentiles and a summary in milliseconds."""

import math
from collections.abc import Sequence


def percentile(samples: Sequence[float], q: float) -> float:
    """The q-th percentile (0-100), interpolating linearly between the closest
    ranks (numpy's default, and statistics.quantiles' 'inclusive' method)."""
    if not samples:
        raise ValueError("percentile of no samples")
    if not 0 <= q <= 100:
        raise ValueError(f"percentile {q} is not between 0 and 100")
    ordered = sorted(samples)
    position = (len(ordered) - 1) * q / 100
    below, above = math.floor(position), math.ceil(position)
    return ordered[below] + (ordered[above] - ordered[below]) * (position - below)


def summarize(seconds: Sequence[float]) -> dict:
    """p50, p95, mean and max of timings given in seconds, in milliseconds."""
    if not seconds:
        return {"n": 0, "p50": None, "p95": None, "mean": None, "max": None}
    ms = [s * 1000 for s in seconds]
    return {
        "n": len(ms),
        "p50": round(percentile(ms, 50), 2),
        "p95": round(percentile(ms, 95), 2),
        "mean": round(sum(ms) / len(ms), 2),
        "max": round(max(ms), 2),
    }


def median_ratio(numerators: Sequence[float], denominators: Sequence[float]) -> float | None:
    """The median of the pairwise ratios, ignoring pairs whose denominator is zero."""
    ratios = [n / d for n, d in zip(numerators, denominators, strict=True) if d > 0]
    return round(percentile(ratios, 50), 2) if ratios else None
