"""The reader on the user's five seed documents, scored by the shared scorer against the clerk's gold."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from graph.decode import read_document
from graph.extract import extract
from graph.records import to_record


@pytest.fixture(scope="module")
def records(shared: Path) -> list[dict]:
    seeds = sorted((shared / "seeds").glob("*.txt"))
    assert len(seeds) == 5
    return [to_record(extract(read_document(p), p.name)) for p in seeds]


@pytest.fixture(scope="module")
def summary(records: list[dict], shared: Path, tmp_path_factory: pytest.TempPathFactory) -> dict:
    pred = tmp_path_factory.mktemp("pred") / "records.json"
    pred.write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
    out = subprocess.run(
        [sys.executable, str(shared / "tools" / "score_extraction.py"), "--gold", str(shared / "gold"),
         "--pred", str(pred), "--json"], capture_output=True, text=True, check=True)
    return json.loads(out.stdout)["summary"]


def test_scores_meet_the_thresholds(summary: dict) -> None:
    assert summary["overall"] >= 0.95
    assert summary["references"]["f1"] >= 0.98
    assert summary["reference_relation_accuracy"] >= 0.95
    assert summary["campaigns"]["f1"] >= 0.90
    assert summary["tasks"]["f1"] >= 0.90
    assert summary["targets_recall"] >= 0.90
    assert summary["repair_accuracy"] == 1.0


def test_records_follow_the_schema(records: list[dict], shared: Path) -> None:
    schema = json.loads((shared / "spec" / "extraction.schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    for record in records:
        errors = [f"{list(e.path)}: {e.message}" for e in validator.iter_errors(record)]
        assert not errors, (record["source"], errors[:5])


def test_evidence_points_into_the_original_file(records: list[dict], shared: Path) -> None:
    for record in records:
        original = read_document(shared / "seeds" / record["source"])
        for item in record["references"] + record["campaigns"] + record["tasks"]:
            ev = item["evidence"]
            assert 0 <= ev["start"] < ev["end"] <= len(original)
            assert ev["mention"] in ev["text"]
        for campaign in record["campaigns"]:
            ev = campaign["evidence"]
            flat = " ".join(original[ev["start"]:ev["end"]].split())
            assert " ".join(campaign["name"].split())[:12] in flat.replace("\u00b0", "ư").replace("\u00a1", "ơ")
