"""``luocdo bench run``: one process measures the whole path over a generated corpus.

1. the corpus: generated into the work folder, or reused when a complete one of the same size, seed and
   generator version is there;
2. extraction: :func:`graph.extract.extract` over every text, on one core (documents per second);
3. ingest, end to end (reading, extraction, RDF, SHACL, the on-disk Oxigraph store): documents per second,
   the store's size on disk, quads, peak memory;
4. the questions at the store level (:class:`graph.queries.Queries`, and one SPARQL SELECT each through the
   store's ``select``): p50 and p95 in ms;
5. the same through the query API (the FastAPI app in process, :mod:`benchmarks.asgi`): p50, p95 and the API's
   overhead (API p50 / store p50);
6. requests per second over HTTP: wrk against ``luocdo serve`` (:mod:`benchmarks.http_load`);
7. the baseline: the same code on rdflib's in-memory store with the first ``baseline_docs`` documents: ingest
   and the same store-level questions (rdflib p50 / Oxigraph p50). When the corpus is larger than the baseline,
   Oxigraph on disk is measured again with those same documents, so that the ratio compares stores of one size.

Ratios are reported per question and overall as the median over questions (``ratio_summary``).
"""

from __future__ import annotations

import gc
import shutil
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from benchmarks.asgi import AsgiClient
from benchmarks.corpus import VERSION, write
from benchmarks.http_load import http_load
from benchmarks.measure import Latency, disk_mb, latency, machine, median_ratio, peak_rss_mb, progress, ratios
from benchmarks.workload import (
    HTTP_ROUTES,
    SPARQL,
    Inputs,
    api_urls,
    check_answer,
    choose_inputs,
    sparql_queries,
    store_queries,
)
from graph.decode import read_document
from graph.extract import extract
from graph.ingest import SourceFile, ingest, source_files
from graph.keys import Iris
from graph.queries import Queries
from graph.store import Store

__all__ = ["BaselineUnavailable", "Options", "open_store", "run"]

Engine = Literal["oxigraph", "oxigraph-memory", "rdflib"]
RATIO_SUMMARY = "median over questions"


class BaselineUnavailable(RuntimeError):
    """The store engine asked for cannot be made here."""


def open_store(engine: Engine, path: Path | None = None) -> Store:
    """The one place the benchmark makes stores: embedded Oxigraph on disk at ``path`` (``oxigraph``), in memory
    (``oxigraph-memory``), or rdflib's in-memory Dataset (``rdflib``, the baseline)."""
    if engine == "oxigraph":
        assert path is not None
        return Store(path)
    in_memory = getattr(Store, "in_memory", None)
    if in_memory is None:
        raise BaselineUnavailable("Store.in_memory is missing (graph/store.py has no in-memory engines yet)")
    store: Store = in_memory("rdflib" if engine == "rdflib" else "oxigraph")
    return store


@dataclass(frozen=True, slots=True)
class Options:
    docs: int = 1000
    seed: int = 1
    workdir: Path | None = None
    rounds: int = 50
    baseline_docs: int | None = None  # default: min(docs, 10,000)
    http_seconds: float = 10.0
    http_connections: int = 8
    budget_s: float = 20.0  # seconds one question may take in all, per store and per way of asking

    @property
    def baseline(self) -> int:
        return min(self.docs, self.baseline_docs if self.baseline_docs is not None else 10_000)


@contextmanager
def _work_folder(given: Path | None) -> Iterator[Path]:
    if given is not None:
        given.mkdir(parents=True, exist_ok=True)
        yield given
        return
    with tempfile.TemporaryDirectory(prefix="luocdo-bench-") as tmp:
        yield Path(tmp)


def corpus(work: Path, docs: int, seed: int) -> tuple[list[SourceFile], bool]:
    """The corpus's files (in date order) and whether it was reused."""
    folder = work / f"corpus-v{VERSION}-{docs}-s{seed}"
    done = folder / "COMPLETE"
    reused = done.is_file() and done.read_text().strip() == str(docs)
    if not reused:
        shutil.rmtree(folder, ignore_errors=True)
        started = time.perf_counter()
        write(docs, folder, seed, progress=_counter("sinh văn bản / generating", docs))
        progress(f"\r[bench] {docs} văn bản / documents generated in {time.perf_counter() - started:.1f} s".ljust(79))
        done.write_text(str(docs))
    return source_files([folder], frozenset({".txt"})), reused


def _counter(what: str, total: int) -> Callable[..., None]:
    step = max(1, total // 100)

    def show(n: int, *_: object) -> None:
        if n % step == 0 or n == total:
            progress(f"\r[bench] {what} {n}/{total}", end="")
    return show


def measure_extraction(files: Sequence[SourceFile]) -> dict[str, Any]:
    """Documents per second of :func:`graph.extract.extract` on one core (reading the files not counted)."""
    show = _counter("đọc / extracting", len(files))
    spent = 0.0
    size = 0
    for n, source in enumerate(files, 1):
        text = read_document(source.path)
        size += len(text.encode())
        start = time.perf_counter()
        extract(text, source.name)
        spent += time.perf_counter() - start
        show(n)
    progress("")
    return {"extract_docs_per_s": round(len(files) / spent, 1), "doc_kb": round(size / len(files) / 1024, 1)}


def warm_up(source: SourceFile) -> None:
    """Ingest one document into a throwaway store first, so that loading the shapes, the registry and the
    patterns is not counted in the first engine's time."""
    with tempfile.TemporaryDirectory(prefix="luocdo-warm-") as tmp:
        store = open_store("oxigraph", Path(tmp) / "store")
        ingest([source], store)
        del store
        gc.collect()


def measure_ingest(files: Sequence[SourceFile], store: Store, label: str) -> dict[str, Any]:
    """Ingest ``files`` into ``store`` (empty): documents per second and what was accepted."""
    start = time.perf_counter()
    summary = ingest(files, store, progress=_counter(f"nạp / ingesting ({label})", len(files)))
    elapsed = time.perf_counter() - start
    progress("")
    return {"ingest_docs_per_s": round(len(files) / elapsed, 1), "ingest_s": round(elapsed, 1),
            "accepted": len(summary.accepted), "rejected": len(summary.rejected),
            "rejections": [f"{r.source}: {r.reason[:300]}" for r in summary.rejected[:5]],
            "warnings": len(summary.warnings), "stubs": summary.stubs_created, "quads": len(store)}


def time_questions(questions: Mapping[str, Callable[[int], object]], rounds: int, budget_s: float,
                   label: str) -> dict[str, dict[str, Any]]:
    """p50/p95 of each question; a question that fails is reported with its error (and left out of ratios)."""
    out: dict[str, dict[str, Any]] = {}
    for name, ask in questions.items():
        progress(f"\r[bench] {label}: {name}".ljust(79)[:79], end="")
        try:
            out[name] = latency(ask, rounds, budget_s)
        except Exception as err:  # a benchmark reports what failed and goes on with the other questions
            out[name] = {"error": f"{type(err).__name__}: {err}"[:300]}
    progress("")
    return out


def _timed_only(latencies: Mapping[str, Any]) -> dict[str, Latency]:
    return {k: v for k, v in latencies.items() if "p50_ms" in v}


def measure_store(store: Store, inputs: Inputs, options: Options,
                  label: str) -> tuple[dict[str, dict[str, Any]], float]:
    """The store-level questions (Queries and SPARQL) on ``store``; and the seconds to build :class:`Queries`."""
    start = time.perf_counter()
    queries = Queries(store)
    built = time.perf_counter() - start
    questions = store_queries(queries, inputs) | sparql_queries(store, inputs)
    return time_questions(questions, options.rounds, options.budget_s, label), built


def measure_api(store_path: Path, inputs: Inputs, options: Options) -> tuple[dict[str, dict[str, Any]], float]:
    """The questions through the FastAPI app in this process; and the seconds the app took to start."""
    from api import Settings, create_app  # the API only when the benchmark runs (graph/ never imports api/)

    start = time.perf_counter()
    client = AsgiClient(create_app(Settings(store=store_path, token=None, sparql_endpoint=None)))
    try:
        started = time.perf_counter() - start
        return _ask_routes(client, inputs, options), started
    finally:
        client.close()


def _ask_routes(client: AsgiClient, inputs: Inputs, options: Options) -> dict[str, dict[str, Any]]:
    accept = {"accept": "application/sparql-results+json, application/json"}

    def route(url: Callable[[int], str], name: str) -> Callable[[int], object]:
        check = check_answer(name)
        return lambda i: check(client.get(url(i), accept))

    urls = api_urls(Iris(), inputs)
    return time_questions({name: route(url, name) for name, url in urls.items()}, options.rounds, options.budget_s,
                          "API")


def measure_baseline(files: Sequence[SourceFile], inputs: Inputs, options: Options) -> dict[str, Any]:
    """Ingest and the store-level questions on rdflib's in-memory store."""
    if not files:
        return {"available": False, "reason": "--baseline-docs 0"}
    try:
        store = open_store("rdflib")
    except BaselineUnavailable as err:
        return {"available": False, "reason": str(err)}
    ingested = measure_ingest(files, store, "rdflib")
    latencies, built = measure_store(store, inputs, options, "rdflib")
    del store
    gc.collect()
    return {"available": True, "engine": "rdflib (in memory)", "docs": len(files), **ingested,
            "graph_load_s": round(built, 2), "queries": latencies}


def run(options: Options) -> dict[str, Any]:
    """Everything measured, as one JSON-ready dict."""
    report: dict[str, Any] = {"docs": options.docs, "seed": options.seed, "rounds": options.rounds,
                              "machine": machine()}
    with _work_folder(options.workdir) as work:
        files, report["corpus_reused"] = corpus(work, options.docs, options.seed)
        report |= measure_extraction(files)
        store_path = work / f"store-{options.docs}-s{options.seed}"
        inputs = _on_oxigraph(files, store_path, options, report)
        report["api_queries"], started = measure_api(store_path, inputs, options)
        gc.collect()  # the app's services hold the store (and its lock) until collected: the server opens it next
        report["app_start_s"] = round(started, 2)
        report["api_overhead_by_query"] = ratios(_timed_only(report["api_queries"]), _timed_only(report["queries"]))
        report["api_overhead_ratio"] = median_ratio(report["api_overhead_by_query"])
        report["peak_rss_mb"] = peak_rss_mb()
        report["http"] = _http(store_path, inputs, options)
        report["peak_rss_children_mb"] = peak_rss_mb(children=True)
        _on_rdflib(files[:options.baseline], inputs, options, report, work)
    report["ratio_summary"] = RATIO_SUMMARY
    return report


def _on_oxigraph(files: Sequence[SourceFile], store_path: Path, options: Options, report: dict[str, Any]) -> Inputs:
    """Ingest into Oxigraph on disk and ask the store-level questions; the questions' inputs (documents among
    the baseline's, so that both stores are asked the same)."""
    shutil.rmtree(store_path, ignore_errors=True)
    warm_up(files[0])
    store = open_store("oxigraph", store_path)
    report |= measure_ingest(files, store, "oxigraph")
    store.flush()
    report["store_mb"] = disk_mb(store_path)
    started = time.perf_counter()
    opened = Queries(store)  # the citation graph read from the store (and its snapshot written beside it)
    report["graph_load_s"] = round(time.perf_counter() - started, 2)
    inputs = choose_inputs(opened, options.seed, {f.name for f in files[:options.baseline]})
    del opened
    report["inputs"] = {"top": inputs.top, "month": f"{inputs.month[0]}-{inputs.month[1]:02d}",
                        "documents": len(inputs.documents)}
    report["queries"], built = measure_store(store, inputs, options, "oxigraph")
    report["snapshot_open_s"] = round(built, 2)  # the next opening: from the snapshot
    del store
    gc.collect()  # the store lets go of its lock when collected: the API and the server open it next
    return inputs


def _on_rdflib(files: Sequence[SourceFile], inputs: Inputs, options: Options, report: dict[str, Any],
               work: Path) -> None:
    baseline = measure_baseline(files, inputs, options)
    report["baseline"] = {k: v for k, v in baseline.items() if k != "queries"}
    report["baseline_queries"] = baseline.get("queries", {})
    reference = report["queries"]
    if baseline.get("available") and len(files) < options.docs:
        same_size = _oxigraph_same_size(files, work, inputs, options)
        report["baseline"]["oxigraph"] = {k: v for k, v in same_size.items() if k != "queries"}
        report["baseline_oxigraph_queries"] = reference = same_size["queries"]
    report["baseline_ratio_by_query"] = by_query = ratios(_timed_only(report["baseline_queries"]),
                                                          _timed_only(reference))
    report["baseline_ratio_by_kind"] = {  # the code's own questions, and SPARQL (where the store does the work)
        "queries": median_ratio({k: v for k, v in by_query.items() if not k.startswith(SPARQL)}),
        "sparql": median_ratio({k: v for k, v in by_query.items() if k.startswith(SPARQL)})}
    report["baseline_ratio"] = median_ratio(report["baseline_ratio_by_query"])
    report["peak_rss_with_baseline_mb"] = peak_rss_mb()


def _oxigraph_same_size(files: Sequence[SourceFile], work: Path, inputs: Inputs,
                        options: Options) -> dict[str, Any]:
    """Oxigraph on disk with the baseline's documents: ingest and the store-level questions."""
    path = work / f"store-{len(files)}-s{options.seed}-baseline"
    shutil.rmtree(path, ignore_errors=True)
    store = open_store("oxigraph", path)
    ingested = measure_ingest(files, store, "oxigraph, baseline size")
    Queries(store)  # the citation graph read once and its snapshot written, as after the main ingest
    latencies, _ = measure_store(store, inputs, options, "oxigraph, baseline size")
    del store
    gc.collect()
    shutil.rmtree(path, ignore_errors=True)
    return {"docs": len(files), **ingested, "queries": latencies}


def _http(store_path: Path, inputs: Inputs, options: Options) -> dict[str, Any]:
    if options.http_seconds <= 0:
        return {"available": False, "requests_per_s": None, "reason": "--http-seconds 0"}
    urls = api_urls(Iris(), inputs)
    paths = [urls[name](i) for i in range(len(inputs.documents)) for name in HTTP_ROUTES]
    progress(f"[bench] HTTP: luocdo serve + wrk, {options.http_seconds:g} s, {len(paths)} URLs")
    try:
        result = http_load(store_path, paths, options.http_seconds, options.http_connections)
    except (OSError, RuntimeError, subprocess.SubprocessError) as err:
        result = {"available": False, "requests_per_s": None, "reason": f"lỗi / error: {err}"[:500]}
    return result | {"routes": list(HTTP_ROUTES)}
