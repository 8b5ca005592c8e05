"""The bulk ingest (worker processes, batched writes, bulk loader) stores exactly what one-by-one ingest stores."""

from __future__ import annotations

import gc
from pathlib import Path

from rdflib import Dataset, Literal, URIRef
from rdflib.compare import isomorphic

from benchmarks.corpus import generate
from graph.commands import SUFFIXES
from graph.decode import read_document
from graph.ingest import IngestSummary, ingest, ingest_text, source_files
from graph.store import Store
from tests.conftest import SHARED


def _dataset(store: Store) -> Dataset:
    out = Dataset()
    out.parse(data=store.dump(), format="nquads")
    return out


def _same_store(a: Store, b: Store) -> None:
    assert a.document_graphs() == b.document_graphs()
    left, right = _dataset(a), _dataset(b)
    for graph in [*a.document_graphs(), a.stubs_graph]:
        assert isomorphic(left.graph(URIRef(graph)), right.graph(URIRef(graph))), graph


_DECISION = """ỦY BAN NHÂN DÂN
TỈNH LÀO CAI
Số: 15/2024/QĐ-UBND
Lào Cai, ngày 20 tháng 6 năm 2024

QUYẾT ĐỊNH
Ban hành Quy chế thi đua, khen thưởng

Căn cứ Luật Thi đua, khen thưởng số 06/2022/QH15 ngày 15 tháng 6 năm 2022;

QUYẾT ĐỊNH:
Điều 1. Ban hành kèm theo Quyết định này Quy chế thi đua, khen thưởng.

CHỦ TỊCH
Nguyễn Văn A
"""

_PLAN_CITING_IT = """ỦY BAN NHÂN DÂN
TỈNH LÀO CAI
Số: 40/KH-UBND
Lào Cai, ngày 05 tháng 3 năm 2024

KẾ HOẠCH
Tổ chức phong trào thi đua năm 2024

Thực hiện Quyết định số 15/2024/QĐ-UBND của UBND tỉnh Lào Cai, UBND tỉnh ban hành Kế hoạch như sau.

TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH
Nguyễn Văn A
"""


def test_parallel_batched_ingest_equals_one_by_one(tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    for name, text in generate(60):
        (folder / name).write_text(text, encoding="utf-8")
    for seed in sorted((SHARED / "seeds").glob("*.txt")):
        (folder / seed.name).write_bytes(seed.read_bytes())
    # A plan citing, without its date, a decision dated after it, right after that decision: the decision is
    # still in the batch, so only what the batch says of it shows the plan cites a later document.
    (folder / "001a-quyet-dinh.txt").write_text(_DECISION, encoding="utf-8")
    later = folder / "001b-ke-hoach-cites-later.txt"
    later.write_text(_PLAN_CITING_IT, encoding="utf-8")
    files = source_files([folder], SUFFIXES)
    bulk = Store(tmp_path / "bulk")
    summary = ingest(files, bulk, workers=2)
    one_by_one, alone = Store.in_memory(), IngestSummary()
    for source in files:
        ingest_text(read_document(source.path), source.name, one_by_one, alone)
    assert summary.accepted == alone.accepted
    assert [r.source for r in summary.rejected] == [r.source for r in alone.rejected] == [later.name]
    assert summary.rejected == alone.rejected and summary.warnings == alone.warnings
    _same_store(bulk, one_by_one)


def test_a_bulk_load_cut_short_is_undone_when_the_store_opens(tmp_path: Path) -> None:
    path = tmp_path / "store"
    store = Store(path)
    kept, half = "urn:luocdo:test:kept", "urn:luocdo:test:half"
    store.backend.insert([(URIRef("urn:a"), URIRef("urn:p"), Literal("x"), kept)])
    store.backend.insert([(URIRef("urn:b"), URIRef("urn:p"), Literal("y"), half)])
    store.flush()
    # What a process killed inside bulk_insert leaves: the journal naming the graph it was loading.
    path.with_name(path.name + ".loading").write_text(half, encoding="utf-8")
    del store
    gc.collect()
    reopened = Store(path)
    assert reopened.has_graph(kept) and not reopened.has_graph(half)
    assert not path.with_name(path.name + ".loading").exists()
    del reopened
    gc.collect()
