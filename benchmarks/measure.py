"""Measuring: latency percentiles of a repeated call, peak memory, size on disk, the machine."""

from __future__ import annotations

import math
import os
import platform
import resource
import statistics
import sys
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

__all__ = ["Latency", "disk_mb", "latency", "machine", "median_ratio", "peak_rss_mb", "progress", "ratios"]

Latency = dict[str, float]  # p50_ms, p95_ms, rounds, cold_ms (the first call, before the timed ones)


def latency(call: Callable[[int], object], rounds: int, budget_s: float = 20.0) -> Latency:
    """p50 and p95 (ms) of ``call(i)`` over ``rounds`` calls after one warm-up call (``cold_ms``: that call, which
    pays for whatever an answer caches until the next write). A slow question stops
    earlier, once ``budget_s`` seconds are spent; when the warm-up call alone takes longer than that, it is the
    one figure (``rounds`` 0: a cold call)."""
    start = time.perf_counter()
    call(0)
    cold = time.perf_counter() - start
    if cold > budget_s:
        return {"p50_ms": round(cold * 1000, 3), "p95_ms": round(cold * 1000, 3), "rounds": 0,
                "cold_ms": round(cold * 1000, 3)}
    times: list[float] = []
    spent = cold
    for i in range(rounds):
        start = time.perf_counter()
        call(i + 1)
        took = time.perf_counter() - start
        times.append(took * 1000)
        spent += took
        if spent > budget_s:
            break
    times.sort()
    return {"p50_ms": round(statistics.median(times), 3), "p95_ms": round(_nearest_rank(times, 0.95), 3),
            "rounds": len(times), "cold_ms": round(cold * 1000, 3)}


def _nearest_rank(ordered: list[float], q: float) -> float:
    return ordered[max(0, math.ceil(q * len(ordered)) - 1)]


def ratios(numerator: Mapping[str, Latency], denominator: Mapping[str, Latency]) -> dict[str, float]:
    """p50 of ``numerator`` / p50 of ``denominator`` for each query both have."""
    return {name: round(numerator[name]["p50_ms"] / max(denominator[name]["p50_ms"], 1e-6), 2)
            for name in numerator if name in denominator}


def median_ratio(by_query: Mapping[str, float]) -> float | None:
    return round(statistics.median(by_query.values()), 2) if by_query else None


def peak_rss_mb(children: bool = False) -> float:
    """The peak resident memory of this process (or of its waited-for children), in MiB."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN if children else resource.RUSAGE_SELF)
    unit = 2**20 if sys.platform == "darwin" else 2**10  # ru_maxrss is in bytes on macOS, in KiB on Linux
    return round(usage.ru_maxrss / unit, 1)


def disk_mb(path: Path) -> float:
    """Bytes of the files under ``path``, in MiB."""
    return round(sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 2**20, 1)


def machine() -> dict[str, Any]:
    return {"cpus": os.cpu_count() or 1, "python": platform.python_version(), "platform": platform.platform(),
            "processor": platform.machine()}


def progress(message: str, *, end: str = "\n") -> None:
    """A progress line on stderr (never on stdout: ``--json`` keeps stdout for the one JSON object)."""
    print(message, end=end, file=sys.stderr, flush=True)
