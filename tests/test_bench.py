"""``luocdo bench``: a small run gives one JSON object with every figure, and ``generate`` writes the corpus."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from benchmarks.corpus import generate
from benchmarks.workload import QUERIES, SPARQL
from graph.cli import main

QUESTIONS = {*QUERIES, *(SPARQL + q for q in QUERIES)}


def _timed(latencies: dict[str, dict[str, float]]) -> None:
    assert set(latencies) == QUESTIONS, set(latencies) ^ QUESTIONS
    for name, entry in latencies.items():
        assert "error" not in entry, (name, entry)
        assert 0 < entry["p50_ms"] <= entry["p95_ms"], (name, entry)
        assert entry["rounds"] >= 3, (name, entry)


def test_bench_run_reports_every_figure(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["bench", "run", "--docs", "40", "--json", "--baseline-docs", "40", "--rounds", "3",
                 "--http-seconds", "1", "--workdir", str(tmp_path)])
    out = capsys.readouterr().out
    assert code == 0
    report = json.loads(out)  # exactly one JSON object on stdout; progress went to stderr
    assert report["docs"] == 40 and report["accepted"] == 40 and report["rejected"] == 0
    for field in ("extract_docs_per_s", "ingest_docs_per_s", "api_overhead_ratio", "peak_rss_mb", "store_mb",
                  "quads", "doc_kb", "graph_load_s", "app_start_s"):
        assert isinstance(report[field], int | float) and report[field] > 0, (field, report[field])
    _timed(report["queries"])
    _timed(report["api_queries"])
    assert set(report["api_overhead_by_query"]) == QUESTIONS
    if report["baseline"]["available"]:
        _timed(report["baseline_queries"])
        assert report["baseline_ratio"] > 0 and report["baseline"]["docs"] == 40
    else:
        assert report["baseline_ratio"] is None and report["baseline"]["reason"]
    http = report["http"]
    if shutil.which("wrk"):
        assert http["available"] and http["requests_per_s"] > 0 and http["non_2xx"] == 0, http
    else:
        assert http["requests_per_s"] is None and "wrk" in http["reason"]
    assert report["machine"]["cpus"] >= 1 and report["machine"]["python"]


def test_bench_baseline_smaller_than_the_corpus_is_compared_at_its_own_size(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["bench", "run", "--docs", "40", "--json", "--baseline-docs", "20", "--rounds", "3",
                 "--http-seconds", "0", "--workdir", str(tmp_path)])
    report = json.loads(capsys.readouterr().out)
    assert code == 0
    if not report["baseline"]["available"]:
        pytest.fail(report["baseline"]["reason"])
    assert report["baseline"]["docs"] == 20 and report["baseline"]["oxigraph"]["accepted"] == 20
    _timed(report["baseline_oxigraph_queries"])
    assert set(report["baseline_ratio_by_query"]) == QUESTIONS
    assert all(report["baseline_ratio_by_kind"][k] > 0 for k in ("queries", "sparql"))
    assert not list(tmp_path.glob("*-baseline")), "the baseline's Oxigraph store is removed"


def test_bench_generate_writes_the_corpus(tmp_path: Path) -> None:
    assert main(["bench", "generate", "--docs", "12", "--out", str(tmp_path / "docs"), "--seed", "3"]) == 0
    written = sorted((tmp_path / "docs").iterdir())
    assert [(p.name, p.read_text(encoding="utf-8")) for p in written] == generate(12, seed=3)
