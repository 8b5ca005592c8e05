"""The whole-corpus questions answered from indexes (:mod:`graph.indexes`) give the answers of the plain reading
of every document, on generated corpora, on the embedded store and on an Oxigraph server; and they stay right
as documents are added one at a time (as uploads are). The snapshot of the citation graph beside an embedded
store (:mod:`graph.snapshot`) gives the graph the store gives, brought up to date with the documents added since,
and is left aside after any other change.

How their cost grows with the corpus is a benchmark figure, not a timed test: ``luocdo bench queries --store DIR``.
"""

from __future__ import annotations

import datetime as dt
import gc
import itertools
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest
from conftest import StoreMaker
from rdflib.term import Node
from servers import OxigraphServers

from benchmarks.corpus import generate
from benchmarks.workload import QUERIES, SPARQL
from graph import facts, indexes, scans, snapshot
from graph import lineage as lin
from graph.cli import main
from graph.errors import StoreError
from graph.ingest import SourceFile, ingest, ingest_document, source_files
from graph.keys import scope_slug
from graph.queries import _INSTRUCTIONS, MAX_LIMIT, Queries, _due_between, _task_order
from graph.store import Store

DOCS, LATER = 90, 6  # generated documents ingested at once, then added one at a time


def _corpus(folder: Path, seed: int) -> list[tuple[str, str]]:
    texts = generate(DOCS + LATER, seed=seed)
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in texts[:DOCS]:
        (folder / name).write_text(text, encoding="utf-8")
    return texts[DOCS:]


@pytest.fixture(scope="module")
def corpus(backend: str, request: pytest.FixtureRequest,
           tmp_path_factory: pytest.TempPathFactory) -> tuple[Store, list[tuple[str, str]]]:
    """A generated corpus in a store (on disk, or on an emptied Oxigraph server), and texts to add later."""
    tmp = tmp_path_factory.mktemp("corpus")
    later = _corpus(tmp / "docs", seed=5)
    if backend == "server":
        servers: OxigraphServers = request.getfixturevalue("oxigraph")
        store = Store.remote(servers.fresh(0))
    else:
        store = Store(tmp / "store")
    summary = ingest(source_files([tmp / "docs"], frozenset({".txt"})), store)
    assert not summary.rejected and len(summary.accepted) == DOCS
    return store, later


def _months(queries: Queries) -> list[tuple[dt.date | None, dt.date | None]]:
    years = sorted({d["year"] for _, d in queries.graph.nodes(data=True) if d["year"] and not d["stub"]})
    ranges: list[tuple[dt.date | None, dt.date | None]] = [(None, None)]
    for year in years[-3:]:
        for month in (1, 3, 6, 7, 12):
            last = dt.date(year + (month == 12), month % 12 + 1, 1) - dt.timedelta(days=1)
            ranges.append((dt.date(year, month, 1), last))
        ranges += [(dt.date(year, 5, 15), None), (None, dt.date(year, 2, 10)),
                   (dt.date(year, 1, 1), dt.date(year, 12, 31))]
    return ranges


def _all_tasks(queries: Queries) -> list[dict[str, Any]]:
    """Every task of the store read in full, as ``Queries.tasks`` read them before the index."""
    return [queries._task(row) | {"document": queries.document_summary(str(row["docKey"]))}
            for row in facts.tasks(queries.store)]


def _plain_tasks(every: list[dict[str, Any]], scope: str | None, before: dt.date | None, after: dt.date | None,
                 limit: int, offset: int) -> dict[str, Any]:
    """``Queries.tasks`` as it was written before the index (over the tasks read once)."""
    wanted = scope_slug(scope) if scope else None
    items = [t for t in every if not (wanted and t["document"]["key"].split("/", 1)[0] != wanted)
             and _due_between(t, before, after)]
    items.sort(key=_task_order)
    return {"items": items[offset:offset + min(limit, MAX_LIMIT)], "count": len(items)}


def _same_tasks(queries: Queries, scopes: list[str | None], pages: list[tuple[int, int]]) -> int:
    """Every range, scope and page: the index's answer is the plain one. The number of tasks compared."""
    every = _all_tasks(queries)
    compared = 0
    for (after, before), scope, (offset, limit) in itertools.product(_months(queries), scopes, pages):
        plain = _plain_tasks(every, scope, before, after, limit, offset)
        assert queries.tasks(scope, before, after, limit, offset) == plain, (after, before, scope, offset, limit)
        compared += len(plain["items"])
    return compared


def test_tasks_by_the_due_index_are_those_read_in_full(corpus: tuple[Store, list[tuple[str, str]]]) -> None:
    store, _ = corpus
    queries = Queries(store)
    every = _all_tasks(queries)
    assert len(every) > 100 and any(t["due_by"] is None for t in every) and any(t["due_by"] for t in every)
    scopes = [None, *sorted({t["document"]["scope"] for t in every if t["document"]["scope"]})[:2]]
    pages = [(0, 100), (0, 1), (7, 13), (40, 500), (len(every) - 5, 50), (len(every) + 3, 10)]
    assert _same_tasks(queries, scopes, pages) > 500


def _plain_stats(queries: Queries, top: int = 10) -> dict[str, Any]:
    """``Queries.stats`` as it was written before the indexes: everything read again."""
    g = lin.citation_graph(queries.store)
    own = [k for k, d in g.nodes(data=True) if not d["stub"]]
    implemented = {b for a, b, d in g.edges(data=True) if d["relation"] in ("implements", "guides")}
    orphans = sorted((k for k in own if g.nodes[k]["type"] in _INSTRUCTIONS and k not in implemented),
                     key=lambda k: (-(g.nodes[k]["year"] or 0), k))
    stubs = sorted((k for k, d in g.nodes(data=True) if d["stub"]), key=lambda k: (-g.in_degree(k), k))
    most = sorted(((k, int(d)) for k, d in g.in_degree()), key=lambda kv: (-kv[1], kv[0]))[:top]
    return {
        "counts": {"documents": len(own), "stubs": len(stubs), "citations": g.number_of_edges(),
                   "campaigns": len(queries._campaign_rows()), "agencies": len(facts.agencies(queries.store)),
                   "quads": len(queries.store)},
        "most_cited": [queries.document_summary(k) | {"cited_by": n} for k, n in most if n],
        "orphan_directives": [queries.document_summary(k) for k in orphans[:top]],
        "stubs": [queries.document_summary(k) | {"cited_by": g.in_degree(k)} for k in stubs[:top]],
    }


def _plain_agencies(queries: Queries, scope: str | None = None) -> dict[str, Any]:
    """``Queries.agencies`` as it was written before the counts were kept: every lead and partner read."""
    counts = facts.task_counts(queries.store)
    wanted = scope_slug(scope) if scope else None
    items = [agency | {"tasks": counts.get(iri, 0)} for iri, agency in queries._agencies.items()
             if wanted is None or agency["key"].split("/", 1)[0] == wanted]
    items.sort(key=lambda a: (-a["tasks"], a["key"]))
    return {"items": items, "count": len(items)}


def _plain_campaigns(queries: Queries) -> dict[str, Any]:
    return {"items": [queries._campaign(key, rows) for key, rows in sorted(queries._campaign_rows().items())]}


def test_stats_and_campaigns_are_those_read_in_full(corpus: tuple[Store, list[tuple[str, str]]]) -> None:
    store, _ = corpus
    queries = Queries(store)
    for top in (10, 20, 3):
        assert queries.stats(top) == _plain_stats(queries, top)
    assert queries.stats()["counts"]["campaigns"] > 0 and queries.stats()["most_cited"]
    assert queries.campaigns() == _plain_campaigns(queries)
    assert queries.agencies() == _plain_agencies(queries)
    assert queries.agencies("Hà Giang") == _plain_agencies(queries, "Hà Giang")
    answer = queries.stats()
    answer["counts"]["quads"] = -1  # what a caller does with an answer does not change the next one
    assert queries.stats()["counts"]["quads"] == len(store)


def test_the_indexes_follow_documents_added_one_at_a_time(corpus: tuple[Store, list[tuple[str, str]]]) -> None:
    """As after uploads (``Queries.refresh(key)``): each index brought up to date, not read again."""
    store, later = corpus
    queries = Queries(store)
    queries.stats(), queries.campaigns(), queries.tasks(), queries.tasks(due_after=dt.date(2020, 1, 1))  # kept
    for name, text in later:
        key, summary = ingest_document(text, name, store)
        assert key and summary.accepted and not summary.restructured, summary.rejected
        queries.refresh(key)
        fresh = Queries(store)
        assert queries.stats() == fresh.stats() == _plain_stats(fresh)
        assert queries.campaigns() == fresh.campaigns()
        assert queries.agencies() == fresh.agencies() == _plain_agencies(fresh)
    pages = [(0, 100), (len(_all_tasks(queries)) - 3, 20)]
    assert _same_tasks(queries, [None], pages) > 100


def test_the_same_answers_on_a_corpus_of_another_seed(new_store: StoreMaker, tmp_path: Path) -> None:
    store = new_store()
    _corpus(tmp_path, seed=11)
    assert not ingest(source_files([tmp_path], frozenset({".txt"})), store).rejected
    queries = Queries(store)
    assert queries.stats(20) == _plain_stats(queries, 20)
    assert queries.campaigns() == _plain_campaigns(queries)
    assert _same_tasks(queries, [None], [(0, 100), (90, 30)]) > 100


# --- the snapshot of the citation graph beside an embedded store (graph.snapshot) -----------------------------

def _same_state(queries: Queries, store: Store) -> None:
    fresh = lin.citation_graph(store)
    assert {k: d for k, d in queries.graph.nodes(data=True)} == {k: d for k, d in fresh.nodes(data=True)}
    assert sorted(queries.graph.edges(data="relation")) == sorted(fresh.edges(data="relation"))
    plain = {iri: {"key": str(row["key"]), "name": str(row["name"]) if "name" in row else None,
                   "scope": str(row["scope"]) if "scope" in row else None}
             for iri, row in facts.agencies(store).items()}  # every graph's description read
    assert queries._agencies == plain


@pytest.fixture
def texts() -> list[tuple[str, str]]:
    return generate(70, seed=9)


def _write(folder: Path, texts: list[tuple[str, str]]) -> list[SourceFile]:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in texts:
        (folder / name).write_text(text, encoding="utf-8")
    return source_files([folder], frozenset({".txt"}))


def test_the_snapshot_gives_the_graph_the_store_gives(tmp_path: Path, texts: list[tuple[str, str]]) -> None:
    store = Store(tmp_path / "store")
    assert not ingest(_write(tmp_path / "a", texts[:50]), store).rejected
    first = Queries(store)
    assert first.opened_from == "store" and snapshot.snapshot_file(store.path).is_file()  # type: ignore[arg-type]
    again = Queries(store)
    assert again.opened_from == "snapshot"
    _same_state(again, store)
    assert again.stats() == first.stats() and again.tasks() == first.tasks()

    # documents added by an ingest (in batches), then by an upload: read from the store, the snapshot kept
    assert not ingest(_write(tmp_path / "b", texts[50:65]), store).rejected
    key, summary = ingest_document(texts[65][1], texts[65][0], store)
    assert key and summary.accepted
    later = Queries(store)
    assert later.opened_from == "snapshot+16"
    _same_state(later, store)
    assert set(later._aggregates.export()) == {"quads", "campaigns", "task_counts"}  # kept, brought up to date
    assert later.agencies() == _plain_agencies(later)
    assert later.stats() == _plain_stats(later) and later.campaigns() == _plain_campaigns(later)
    assert Queries(store).opened_from == "snapshot"  # the snapshot written again after the additions


def test_anything_but_additions_means_reading_the_store(tmp_path: Path, texts: list[tuple[str, str]]) -> None:
    store = Store(tmp_path / "store")
    files = _write(tmp_path / "a", texts[:40])
    assert not ingest(files, store).rejected
    Queries(store)
    changed = files[3].path
    text = changed.read_text(encoding="utf-8").rstrip("\n")
    changed.write_text(text[:text.rindex("\n")] + "\nNguyễn Văn Khác\n", encoding="utf-8")  # another signer
    summary = ingest([files[3]], store)
    assert summary.accepted and summary.restructured  # the file's graph replaced
    replaced = Queries(store)
    assert replaced.opened_from == "store"
    _same_state(replaced, store)


def test_a_write_that_failed_after_its_line_adds_nothing(tmp_path: Path, texts: list[tuple[str, str]]) -> None:
    store = Store(tmp_path / "store")
    assert not ingest(_write(tmp_path / "a", texts[:30]), store).rejected
    Queries(store)
    assert store.path is not None
    snapshot.note_write(store.path, ["lao-cai/2024/999-ct-ubnd"])  # said, never written
    after = Queries(store)
    assert after.opened_from == "snapshot+1" and "lao-cai/2024/999-ct-ubnd" not in after.graph
    _same_state(after, store)


def test_an_unusable_snapshot_is_not_used(tmp_path: Path, texts: list[tuple[str, str]]) -> None:
    store = Store(tmp_path / "store")
    assert not ingest(_write(tmp_path / "a", texts[:30]), store).rejected
    Queries(store)
    assert store.path is not None
    kept = snapshot.snapshot_file(store.path)
    older = kept.read_text(encoding="utf-8").replace(f'"format":{snapshot.FORMAT}', '"format":0')
    for damaged in ("{", '{"format": 1}', older):
        kept.write_text(damaged, encoding="utf-8")
        found = Queries(store)
        assert found.opened_from == "store"
        _same_state(found, store)
    assert snapshot.load(store.path, "https://example.org/luocdo/") is None  # another base IRI
    snapshot.changes_file(store.path).unlink()  # a list of writes made anew: nothing known of what changed
    assert Queries(store).opened_from == "store"


def test_a_read_only_store_reads_the_snapshot_but_writes_none(tmp_path: Path, texts: list[tuple[str, str]]) -> None:
    store = Store(tmp_path / "store")
    assert not ingest(_write(tmp_path / "a", texts[:20]), store).rejected
    path = store.path
    assert path is not None
    store.flush()
    del store
    gc.collect()
    reader = Queries(Store(path, read_only=True))
    assert reader.opened_from == "store" and not snapshot.snapshot_file(path).exists()
    gc.collect()
    Queries(Store(path)).wait()  # a writable open writes one
    gc.collect()
    written = snapshot.snapshot_file(path).stat().st_mtime_ns
    snapshot.note_write(path, ["lao-cai/2024/999-ct-ubnd"])  # said, never written
    reader = Queries(Store(path, read_only=True))
    assert reader.opened_from == "snapshot+1"  # read, brought up to date, not written
    assert snapshot.snapshot_file(path).stat().st_mtime_ns == written


def test_opening_in_the_background(tmp_path: Path, texts: list[tuple[str, str]],
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    store = Store(tmp_path / "store")
    assert not ingest(_write(tmp_path / "a", texts[:20]), store).rejected
    waited = Queries(store, wait=False)
    assert waited.stats() == Queries(store).stats()
    _same_state(waited, store)

    def broken(_: Store) -> None:
        raise StoreError("the disk went away", "đĩa mất")

    monkeypatch.setattr(lin, "citation_graph", broken)
    monkeypatch.setattr(snapshot, "load", lambda *_: None)
    with pytest.raises(StoreError, match="went away"):
        Queries(store)  # waiting for the reading: its failure raised by the constructor
    failed = Queries(store, wait=False)
    with pytest.raises(StoreError, match="went away"):
        failed.documents(number="01")  # in the background: by the questions
    monkeypatch.undo()
    failed.refresh()  # a later reading that works
    assert failed.stats() == waited.stats()


def test_reading_by_index_scans_gives_what_the_queries_give(shared: Path, tmp_path: Path,
                                                            corpus: tuple[Store, list[tuple[str, str]]]) -> None:
    """The whole-store reads that rdflib answers by index scans joined in Python (its SPARQL engine joins in
    Python too, ~27× slower) give what the SPARQL queries give: on the generated corpus (embedded and on a server),
    and with the seeds' stubs, renamed stubs and agencies on rdflib's store itself."""
    rdflib_store = Store.in_memory("rdflib")
    assert not ingest(source_files([shared / "seeds"], frozenset({".txt"})), rdflib_store).rejected
    for name, text in generate(30, seed=21):
        ingest_document(text, name, rdflib_store)
    for store in (corpus[0], rdflib_store):
        nodes, links = lin._read_by_scans(store)
        assert (nodes, links) == lin._read_by_sparql(store)
        assert any(n.stub for n in nodes.values()) and any(n.source for n in nodes.values()) and links
        for query, scan in ((indexes._AGENCY_GRAPHS, scans.agency_graphs), (indexes._DUE_VALUES, scans.due_values),
                            (indexes._TASKS_PER_GRAPH, scans.tasks_per_graph),
                            (indexes._TASK_COUNTS, scans.task_counts),
                            (indexes._COUNT_STUB_MARKS, scans.stub_marks),
                            (indexes._CAMPAIGN_ROWS, scans.campaign_rows)):
            scanned = _as_set(scan(store))
            assert scanned == _as_set(store.select(query)) and scanned, query


def _as_set(rows: Iterable[dict[str, Node]]) -> set[frozenset[tuple[str, str]]]:
    """Rows compared as values (a count is an integer literal of some datatype on either side)."""
    return {frozenset((k, str(v)) for k, v in row.items()) for row in rows}


def test_the_graph_kept_up_to_date_document_by_document_is_the_graph_read(shared: Path, tmp_path: Path) -> None:
    """Each added document changes only the nodes its graph names: a stub takes the least of what every text says
    of it (what the other texts said is the node as it was), the documents of the corpus do not change."""
    store = Store()
    texts = [(p.name, p.read_text(encoding="utf-8")) for p in sorted((shared / "seeds").glob("*.txt"))]
    texts += generate(60, seed=13)
    graph = lin.citation_graph(store)
    updated = stubs = 0
    for name, text in texts:
        key, summary = ingest_document(text, name, store)
        if not key or not summary.accepted:
            continue
        if summary.restructured:
            graph = lin.citation_graph(store)
        else:
            lin.update_citation_graph(graph, store, key)
            updated += 1
        fresh = lin.citation_graph(store)
        assert {k: d for k, d in graph.nodes(data=True)} == {k: d for k, d in fresh.nodes(data=True)}, name
        assert sorted(graph.edges(data="relation")) == sorted(fresh.edges(data="relation")), name
        stubs = sum(1 for _, d in fresh.nodes(data=True) if d["stub"])
    assert updated > 50 and stubs > 10


def test_bench_queries_reports_every_question_over_an_ingested_store(
        tmp_path: Path, texts: list[tuple[str, str]], capsys: pytest.CaptureFixture[str]) -> None:
    store = Store(tmp_path / "store")
    assert not ingest(_write(tmp_path / "a", texts[:40]), store).rejected
    store.flush()
    del store
    gc.collect()  # the bench opens the store itself
    assert main(["bench", "queries", "--store", str(tmp_path / "store"), "--json", "--rounds", "3"]) == 0
    report = json.loads(capsys.readouterr().out)
    questions = {*QUERIES, *(SPARQL + q for q in QUERIES)}
    for latencies in (report["queries"], report["api_queries"]):
        assert set(latencies) == questions
        for name, entry in latencies.items():
            assert "error" not in entry and 0 < entry["p50_ms"] <= entry["p95_ms"] and entry["cold_ms"] > 0, name
    assert report["docs"] == 40 and report["opened_from"] == "store" and report["snapshot_open_s"] >= 0
    assert report["serve"]["measured"] and report["serve"]["healthy_s"] <= report["serve"]["first_stats_s"]
