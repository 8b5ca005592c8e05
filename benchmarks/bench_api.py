"""Latency of the query API's routes over a built store: p50 and p95 per route, through the whole FastAPI stack
(in-process ASGI client, so the figures are the app's own time, without sockets).

Run: ``PYTHONPATH=. .venv/bin/python benchmarks/bench_api.py --store DIR [--rounds 200]``; build DIR first with
``luocdo ingest --store DIR FOLDER`` (e.g. the 10k generated corpus of benchmarks/corpus.py).
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote

from fastapi.testclient import TestClient

from api import Settings, create_app
from graph.queries import Queries


def _timed(call: Callable[[], object], rounds: int) -> tuple[float, float]:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        call()
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return statistics.median(times), times[int(0.95 * (len(times) - 1))]


def routes(queries: Queries, rng: random.Random) -> dict[str, Callable[[], str]]:
    """Route name -> a function giving a URL to ask (a different document each time where it matters)."""
    g = queries.graph
    own = sorted(k for k, d in g.nodes(data=True) if not d["stub"] and d["number"])
    top_law = max(g.nodes, key=g.in_degree)
    cited = [k for k in own if g.out_degree(k)]
    agencies = sorted(a["key"] for a in queries.agencies()["items"] if a["tasks"])[:200]
    year = g.nodes[own[0]]["year"] or 2024

    def number() -> str:
        return "/api/documents?number=" + quote(g.nodes[rng.choice(own)]["number"].lower())

    asked = {
        "document by number": number,
        "document with references": lambda: f"/api/documents/{rng.choice(own)}",
        "implemented-by (direct)": lambda: f"/api/documents/{rng.choice(own)}/implemented-by",
        "implemented-by top law (transitive)": lambda: f"/api/documents/{top_law}/implemented-by?transitive=true",
        "lineage depth 3 (up)": lambda: f"/api/documents/{rng.choice(cited)}/lineage?direction=up&depth=3",
        "citation path to the top law": lambda: f"/api/path?from={rng.choice(cited)}&to={top_law}",
        "tasks of an agency due in a month": lambda: (
            f"/api/agencies/{rng.choice(agencies)}/tasks?due_after={year}-03-01&due_before={year}-03-31"),
        "title search": lambda: "/api/documents?q=thi%20dua%20khen%20thuong&limit=20",
        "campaigns": lambda: "/api/campaigns",
        "stats (most cited)": lambda: "/api/stats",
        "sparql select by number": lambda: "/sparql?query=" + quote(
            'PREFIX eli: <http://data.europa.eu/eli/ontology#> SELECT ?d WHERE { ?d eli:id_local "'
            + g.nodes[rng.choice(own)]["number"] + '" }'),
    }
    return {name: url for name, url in asked.items() if agencies or "agency" not in name}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--store", type=Path, required=True)
    parser.add_argument("--rounds", type=int, default=200)
    args = parser.parse_args()
    rng = random.Random(7)
    start = time.perf_counter()
    with TestClient(create_app(Settings(store=args.store))) as client:
        opened = time.perf_counter() - start
        queries: Queries = client.app.state.services.queries  # type: ignore[attr-defined]
        print(f"store {args.store}: {queries.graph.number_of_nodes()} documents, "
              f"{queries.graph.number_of_edges()} citations; app ready in {opened:.1f} s")
        print("| route | p50 ms | p95 ms |\n|---|---:|---:|")
        for name, url in routes(queries, rng).items():
            rounds = args.rounds if "campaigns" not in name and "stats" not in name else max(5, args.rounds // 20)

            def ask(url: Callable[[], str] = url) -> None:
                response = client.get(url())
                assert response.status_code == 200, (response.status_code, response.text[:300])

            p50, p95 = _timed(ask, rounds)
            print(f"| {name} | {p50:.1f} | {p95:.1f} |")


if __name__ == "__main__":
    main()
