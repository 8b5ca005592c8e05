"""`luocdo extract`: bad inputs get one clear message each; the other files still come out."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from graph.cli import main

GOOD = "Số: 12/KH-UBND\nLào Cai, ngày 05 tháng 3 năm 2024\nKẾ HOẠCH\nTriển khai Chỉ thị số 01/CT-UBND\n"


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.txt", b"", "empty"),                                   # no bytes at all
        ("blank.txt", b"  \n\t\n", "white space"),                     # only white space
        ("nul.txt", b"Ch\x00\x00 th\x00\x00 s\x00\x00", "binary"),     # NUL bytes
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary"),  # a picture
        ("big.txt", b"a" * 4096, "large"),                             # over --max-bytes
    ],
)
def test_bad_input_is_named_and_others_still_come_out(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                      name: str, content: bytes, reason: str) -> None:
    bad = tmp_path / name
    bad.write_bytes(content)
    good = tmp_path / "good.txt"
    good.write_text(GOOD, encoding="utf-8")
    status = main(["extract", str(bad), str(good), "--json", "--max-bytes", "1024", "--no-progress"])
    out, err = capsys.readouterr()
    assert status == 1
    records = json.loads(out)
    assert [r["source"] for r in records] == ["good.txt"]
    assert records[0]["document"]["number"] == "12/KH-UBND"
    assert name in err and "Traceback" not in err
    assert reason in err.lower()


def test_missing_file_is_reported(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status = main(["extract", str(tmp_path / "nope.txt"), "--no-progress"])
    _, err = capsys.readouterr()
    assert status == 1 and "nope.txt" in err and "Traceback" not in err


def test_summary_without_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = tmp_path / "good.txt"
    good.write_text(GOOD, encoding="utf-8")
    assert main(["extract", str(tmp_path), "--no-progress"]) == 0
    out, _ = capsys.readouterr()
    assert "Kế hoạch 12/KH-UBND" in out and "implements" in out
