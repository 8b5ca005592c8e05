"""``luocdo bench queries --store DIR``: the query side alone, over a store already ingested (``luocdo ingest``).

What ``luocdo bench run`` measures after its ingest, without ingesting again (a 100k store takes hours to build):

1. opening the answers (:class:`graph.queries.Queries`: what ``luocdo serve`` reads before it can answer the
   questions that need the citation graph): as found (``opened_s``, ``opened_from``: the store, or the snapshot
   beside it and how many documents were added since), read in full from the store (``graph_read_s``), and from
   the snapshot that reading wrote (``snapshot_open_s``);
2. each question at the store level, and one SPARQL SELECT each through the store's ``select``: p50 and p95 in ms,
   and the first call (``cold_ms``, which pays for what an answer keeps until the next write);
3. the same through the query API (the FastAPI app in process): p50, p95, the app's start;
4. ``luocdo serve`` on loopback: seconds until ``/health`` answers, and until the first answer that needs the
   citation graph (``/api/stats``).
"""

from __future__ import annotations

import gc
import time
import urllib.request
from pathlib import Path
from typing import Any

from benchmarks.http_load import serve
from benchmarks.measure import disk_mb, machine, median_ratio, peak_rss_mb, progress, ratios
from benchmarks.run import Options, _timed_only, measure_api, measure_store
from benchmarks.workload import QUERIES, SPARQL, choose_inputs
from graph.queries import Queries
from graph.store import Store

__all__ = ["measure_queries", "queries_table"]


def measure_queries(store_path: Path, options: Options, *, api: bool = True, server: bool = True) -> dict[str, Any]:
    """Every figure of the query side over the store at ``store_path``, as one JSON-ready dict."""
    report: dict[str, Any] = {"store": str(store_path), "seed": options.seed, "rounds": options.rounds,
                              "machine": machine(), "store_mb": disk_mb(store_path)}
    store = Store(store_path)
    started = time.perf_counter()
    queries = Queries(store)
    report["opened_s"], report["opened_from"] = round(time.perf_counter() - started, 2), queries.opened_from
    started = time.perf_counter()
    queries.refresh()  # everything read from the store (and a new snapshot written)
    report["graph_read_s"] = round(time.perf_counter() - started, 2)
    started = time.perf_counter()
    queries = Queries(store)
    report["snapshot_open_s"] = round(time.perf_counter() - started, 2)
    graph = queries.graph
    report["docs"] = sum(1 for _, d in graph.nodes(data=True) if not d["stub"])
    report["nodes"], report["links"] = graph.number_of_nodes(), graph.number_of_edges()
    inputs = choose_inputs(queries, options.seed)
    report["inputs"] = {"top": inputs.top, "month": f"{inputs.month[0]}-{inputs.month[1]:02d}",
                        "documents": len(inputs.documents)}
    del queries, graph
    report["queries"], _ = measure_store(store, inputs, options, "store")
    report["quads"] = len(store)
    del store
    gc.collect()  # the store lets go of its lock when collected: the API and the server open it next
    report["api_queries"], report["app_start_s"] = {}, None
    if api:
        report["api_queries"], app_start = measure_api(store_path, inputs, options)
        report["app_start_s"] = round(app_start, 2)
    gc.collect()
    report["api_overhead_by_query"] = ratios(_timed_only(report["api_queries"]), _timed_only(report["queries"]))
    report["api_overhead_ratio"] = median_ratio(report["api_overhead_by_query"])
    report["peak_rss_mb"] = peak_rss_mb()
    report["serve"] = _serve(store_path) if server else {"measured": False}
    return report


def _serve(store_path: Path) -> dict[str, Any]:
    """Seconds from starting ``luocdo serve`` to ``/health``, and to the first ``/api/stats`` answer."""
    progress("[bench] luocdo serve: /health, then /api/stats")
    with serve(store_path) as (url, healthy_s):
        started = time.perf_counter()
        with urllib.request.urlopen(url + "/api/stats", timeout=3600) as response:
            response.read()
        return {"measured": True, "healthy_s": round(healthy_s, 2),
                "first_stats_s": round(healthy_s + time.perf_counter() - started, 2)}


def _ms(entry: dict[str, Any] | None) -> str:
    if not entry:
        return "–"
    if "error" in entry:
        return "error"
    return f"{entry['p50_ms']:.2f} / {entry['p95_ms']:.2f}"


def queries_table(report: dict[str, Any]) -> str:
    """The report as text for a terminal."""
    served = report["serve"]
    lines = [
        f"Luocdo bench queries: {report['store']} — {report['docs']:,} documents, {report['nodes']:,} nodes, "
        f"{report['links']:,} links, {report['quads']:,} quads, {report['store_mb']} MiB",
        f"  answers opened in {report['opened_s']} s (from the {report['opened_from']}); read in full in "
        f"{report['graph_read_s']} s, from the snapshot in {report['snapshot_open_s']} s; "
        f"app start {report['app_start_s']} s;",
        "  "
        + (f"luocdo serve healthy in {served['healthy_s']} s, first /api/stats at {served['first_stats_s']} s"
           if served.get("measured") else "luocdo serve not measured"),
        "",
        f"  {'question (p50 / p95 ms)':<48} {'store':>19} {'first call':>11} {'API':>19}",
    ]
    for name in [*QUERIES, *(SPARQL + q for q in QUERIES)]:
        entry = report["queries"].get(name) or {}
        cold = f"{entry['cold_ms']:.2f}" if "cold_ms" in entry else "–"
        lines.append(f"  {name:<48} {_ms(entry):>19} {cold:>11} {_ms(report['api_queries'].get(name)):>19}")
    return "\n".join(lines)
