"""``luocdo bench``: the generated corpus and the benchmark run (registered through the ``luocdo.commands`` entry
point; ``graph/`` never imports this package).

- ``luocdo bench generate --docs N --out DIR [--seed S]``: write the texts (progress on stderr).
- ``luocdo bench run --docs N [--json] [--seed S] [--workdir DIR] [--rounds R] [--baseline-docs B]``: generate
  (or reuse) the corpus and measure it (:mod:`benchmarks.run`); a table, or one JSON object on stdout.
- ``luocdo bench queries --store DIR [--json] [--rounds R] [--no-api] [--no-serve]``: the query side alone over a
  store already ingested (:mod:`benchmarks.queries`).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

from benchmarks.corpus import write
from benchmarks.measure import progress
from benchmarks.queries import measure_queries, queries_table
from benchmarks.run import RATIO_SUMMARY, Options, run
from benchmarks.workload import QUERIES, SPARQL

__all__ = ["add_bench_command", "table"]


def add_bench_command(commands: Any) -> None:
    bench = commands.add_parser("bench", help="đo hiệu năng / benchmarks over a generated corpus")
    actions = bench.add_subparsers(dest="bench_command", required=True)

    gen = actions.add_parser("generate", help="sinh văn bản / write a generated corpus")
    gen.add_argument("--docs", type=_positive, required=True, help="number of documents")
    gen.add_argument("--out", type=Path, required=True, help="folder to write them into")
    gen.add_argument("--seed", type=int, default=1, help="same docs and seed, same bytes (default 1)")
    gen.set_defaults(func=_generate)

    go = actions.add_parser("run", help="đo / measure extraction, ingest, queries, API, HTTP, baseline")
    go.add_argument("--docs", type=_positive, default=1000, help="documents in the corpus (default 1000)")
    go.add_argument("--json", action="store_true", help="one JSON object on stdout instead of a table")
    go.add_argument("--seed", type=int, default=1)
    go.add_argument("--workdir", type=Path, help="keep the corpus (reused next time) and the store here "
                                                 "(default: a temporary folder, removed)")
    go.add_argument("--rounds", type=_positive, default=50, help="timed calls per question (default 50)")
    go.add_argument("--baseline-docs", type=int, help="documents for rdflib's in-memory baseline "
                                                      "(default min(docs, 10000); 0: none)")
    go.add_argument("--http-seconds", type=float, default=10.0, help="wrk's duration (default 10; 0: no HTTP load)")
    go.add_argument("--http-connections", type=_positive, default=8, help="wrk's connections (default 8)")
    go.add_argument("--budget", type=float, default=20.0,
                    help="seconds one question may take in all per store (default 20; fewer rounds then)")
    go.set_defaults(func=_run)

    ask = actions.add_parser("queries", help="đo câu hỏi trên kho có sẵn / the questions over an ingested store")
    ask.add_argument("--store", type=Path, required=True, help="the store folder (luocdo ingest --store DIR)")
    ask.add_argument("--json", action="store_true", help="one JSON object on stdout instead of a table")
    ask.add_argument("--seed", type=int, default=1, help="picks the documents asked about (default 1)")
    ask.add_argument("--rounds", type=_positive, default=50, help="timed calls per question (default 50)")
    ask.add_argument("--budget", type=float, default=20.0, help="seconds one question may take in all (default 20)")
    ask.add_argument("--no-api", dest="api", action="store_false", help="skip the questions through the API")
    ask.add_argument("--no-serve", dest="serve", action="store_false", help="skip timing luocdo serve's start")
    ask.set_defaults(func=_queries)


def _positive(value: str) -> int:
    number = int(value)
    if number <= 0:
        raise argparse.ArgumentTypeError(f"phải lớn hơn 0 / must be positive: {value}")
    return number


def _generate(args: argparse.Namespace) -> int:
    start = time.perf_counter()
    step = max(1, args.docs // 100)

    def show(n: int, total: int) -> None:
        if n % step == 0 or n == total:
            progress(f"\r[bench] {n}/{total}", end="")

    paths = write(args.docs, args.out, args.seed, progress=show)
    size = sum(p.stat().st_size for p in paths)
    progress(f"\r[bench] {len(paths)} văn bản / documents, {size / 2**20:.1f} MiB, in {args.out} "
             f"({time.perf_counter() - start:.1f} s)")
    return 0


def _run(args: argparse.Namespace) -> int:
    options = Options(args.docs, args.seed, args.workdir, args.rounds, args.baseline_docs, args.http_seconds,
                      args.http_connections, args.budget)
    report = run(options)
    if args.json:
        json.dump(report, sys.stdout, ensure_ascii=False)
        print()
    else:
        print(table(report))
    return 1 if report["rejected"] else 0


def _queries(args: argparse.Namespace) -> int:
    if not args.store.is_dir():
        progress(f"lỗi / error: không có kho / no store at {args.store}")
        return 2
    options = Options(seed=args.seed, rounds=args.rounds, budget_s=args.budget)
    report = measure_queries(args.store, options, api=args.api, server=args.serve)
    if args.json:
        json.dump(report, sys.stdout, ensure_ascii=False)
        print()
    else:
        print(queries_table(report))
    return 0


def _ms(entry: dict[str, Any] | None) -> str:
    if not entry:
        return "–"
    if "error" in entry:
        return "error"
    return f"{entry['p50_ms']:.2f} / {entry['p95_ms']:.2f}"


def _ratio(value: float | None) -> str:
    return f"{value:.2f}×" if value is not None else "–"


def table(report: dict[str, Any]) -> str:
    """The report as text for a terminal."""
    m = report["machine"]
    base = report["baseline"]
    lines = [
        f"Luocdo bench: {report['docs']:,} documents (seed {report['seed']}, {report['doc_kb']} KB each), "
        f"{m['cpus']} CPUs, Python {m['python']}",
        f"  extraction   {report['extract_docs_per_s']:>9.1f} docs/s (one core)",
        f"  ingest       {report['ingest_docs_per_s']:>9.1f} docs/s ({report['ingest_s']} s; accepted "
        f"{report['accepted']}, rejected {report['rejected']}, stubs {report['stubs']})",
        f"  store        {report['quads']:,} quads, {report['store_mb']} MiB on disk; citation graph read in "
        f"{report['graph_load_s']} s; app start {report['app_start_s']:.1f} s",
        f"  memory       peak RSS {report['peak_rss_mb']} MiB (children {report['peak_rss_children_mb']} MiB; "
        f"with the baseline {report['peak_rss_with_baseline_mb']} MiB)",
        "",
        f"  {'question (p50 / p95 ms)':<44} {'store':>17} {'API':>17} {'API/store':>10} "
        f"{'rdflib':>17} {'rdflib/oxi':>10}",
    ]
    api, by_api = report["api_queries"], report["api_overhead_by_query"]
    rdf, by_rdf = report["baseline_queries"], report["baseline_ratio_by_query"]
    same = report.get("baseline_oxigraph_queries")
    if same is not None:
        lines[-1] += f" {'oxi, same docs':>17}"
    for name in [*QUERIES, *(SPARQL + q for q in QUERIES)]:
        lines.append(f"  {name:<44} {_ms(report['queries'].get(name)):>17} {_ms(api.get(name)):>17} "
                     f"{_ratio(by_api.get(name)):>10} {_ms(rdf.get(name)):>17} {_ratio(by_rdf.get(name)):>10}"
                     + (f" {_ms(same.get(name)):>17}" if same is not None else ""))
    lines.append(f"  {'overall (' + RATIO_SUMMARY + ')':<44} {'':>17} {'':>17} "
                 f"{_ratio(report['api_overhead_ratio']):>10} {'':>17} {_ratio(report['baseline_ratio']):>10}")
    if base.get("available"):
        kinds = report["baseline_ratio_by_kind"]
        lines.append(f"  baseline: rdflib in memory, {base['docs']:,} documents: ingest {base['ingest_docs_per_s']} "
                     f"docs/s, {base['quads']:,} quads; rdflib/oxi {_ratio(kinds['queries'])} over the API's "
                     f"questions, {_ratio(kinds['sparql'])} over SPARQL")
        if "oxigraph" in base:
            lines.append(f"  the ratio's Oxigraph side: the same {base['docs']:,} documents on disk (ingest "
                         f"{base['oxigraph']['ingest_docs_per_s']} docs/s)")
    else:
        lines.append(f"  baseline: không có / unavailable ({base.get('reason')})")
    http = report["http"]
    if http.get("available"):
        lines.append(f"  HTTP (wrk, {http['threads']} threads, {http['connections']} connections, "
                     f"{http['seconds']:g} s, {http['urls']} URLs of {', '.join(http['routes'])}): "
                     f"{http['requests_per_s']} requests/s, "
                     f"p50 {http.get('p50_ms')} ms, p99 {http.get('p99_ms')} ms, non-2xx {http['non_2xx']}")
    else:
        lines.append(f"  HTTP: không đo / not measured ({http.get('reason')})")
    for rejection in report["rejections"]:
        lines.append(f"  từ chối / rejected: {rejection}")
    return "\n".join(lines)
