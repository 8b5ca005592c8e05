"""The knowledge graph built from the seeds: one node per real document, stubs, SHACL gate, reproducibility."""

from __future__ import annotations

import json
import random
import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest
from conftest import StoreMaker, store_options
from rdflib import Dataset, Graph, URIRef
from rdflib.compare import graph_diff, isomorphic, to_isomorphic
from servers import OxigraphServers

from graph.cli import main
from graph.errors import NotFound
from graph.ingest import IngestSummary, SourceFile, ingest, source_files
from graph.lineage import citation_graph, find_document
from graph.store import Store

DATA = Path(__file__).parent / "data" / "graph"
SUFFIXES = frozenset({".txt"})


@pytest.fixture(scope="module")
def seeds(shared: Path) -> list[SourceFile]:
    return source_files([shared / "seeds"], SUFFIXES)


@pytest.fixture(scope="module")
def store(seeds: list[SourceFile], backend: str, request: pytest.FixtureRequest,
          tmp_path_factory: pytest.TempPathFactory) -> Store:
    """The seeds, ingested into the embedded store on disk or into an emptied Oxigraph server."""
    if backend == "server":
        servers: OxigraphServers = request.getfixturevalue("oxigraph")
        store = Store.remote(servers.fresh(0))
    else:
        store = Store(tmp_path_factory.mktemp("store"))
    summary = ingest(seeds, store)
    assert len(summary.accepted) == 5, summary.rejected
    return store


def _sources_citing(store: Store, key: str, relation: str = "cites") -> set[str]:
    """File names of the documents whose graph states ``relation`` (an ldo:/eli: local name) to ``key``."""
    prop = "eli:cites" if relation == "cites" else f"ldo:{relation}"
    rows = store.select(f"""PREFIX eli: <http://data.europa.eu/eli/ontology#>
        PREFIX ldo: <https://w3id.org/luocdo/ontology#>
        SELECT DISTINCT ?f WHERE {{ GRAPH ?g {{ ?a {prop} ?b . ?b ldo:key "{key}" .
        ?a ldo:source ?s . ?s ldo:fileName ?f }} }}""")
    return {str(r["f"])[:3] for r in rows}


def _keys_numbered(store: Store, number: str) -> set[str]:
    rows = store.select(f"""PREFIX eli: <http://data.europa.eu/eli/ontology#>
        PREFIX ldo: <https://w3id.org/luocdo/ontology#>
        SELECT DISTINCT ?k WHERE {{ ?d eli:id_local "{number}" ; ldo:key ?k }}""")
    return {str(r["k"]) for r in rows}


# --- one node per real document ----------------------------------------------------------------

def test_the_chi_thi_is_one_node_and_the_khoi_letter_implements_it(store: Store) -> None:
    assert _keys_numbered(store, "01/CT-UBND") == {"lao-cai/2024/01-ct-ubnd"}
    assert store.has_graph(str(store.iris.graph("lao-cai/2024/01-ct-ubnd")))  # seed 001 is that node
    assert _sources_citing(store, "lao-cai/2024/01-ct-ubnd", "implements") == {"000"}


@pytest.mark.parametrize(("number", "key", "citing"), [
    ("05-CT/TW", "vn/2016/05-ct-tw", {"000", "003"}),
    ("06/2022/QH15", "vn/2022/06-2022-qh15", {"000", "001", "002", "004"}),
    ("34-CT/TW", "vn/2014/34-ct-tw", {"003", "004"}),
    ("19/CT-TTg", "vn/2021/19-ct-ttg", {"003", "004"}),
    ("09/CT-UBND", "lai-chau/2021/09-ct-ubnd", {"003", "004"}),
])
def test_cited_documents_are_one_node(store: Store, number: str, key: str, citing: set[str]) -> None:
    assert _keys_numbered(store, number) == {key}
    assert citing <= _sources_citing(store, key)


def test_the_decree_guides_the_law(store: Store) -> None:
    graph = citation_graph(store)
    assert graph.edges["vn/2023/98-2023-nd-cp", "vn/2022/06-2022-qh15"]["relation"] == "guides"


def test_59_tb_vpcp_is_a_stub_implemented_by_seed_002(store: Store) -> None:
    graph = citation_graph(store)
    assert graph.nodes["vn/2024/59-tb-vpcp"]["stub"] is True
    assert URIRef(str(store.iris.document("vn/2024/59-tb-vpcp"))) in store.stubs()
    assert _sources_citing(store, "vn/2024/59-tb-vpcp", "implements") == {"002"}


def test_so_noi_vu_of_two_provinces_are_two_agencies(store: Store) -> None:
    rows = store.select("""PREFIX org: <http://www.w3.org/ns/org#> PREFIX ldo: <https://w3id.org/luocdo/ontology#>
        SELECT DISTINCT ?k WHERE { ?a a org:Organization ; ldo:key ?k FILTER(STRENDS(?k, "/so-noi-vu")) }""")
    assert {"lao-cai/so-noi-vu", "lai-chau/so-noi-vu"} <= {str(r["k"]) for r in rows}


# --- order, re-ingest, reproducibility ----------------------------------------------------------

def _dataset(store: Store) -> Dataset:
    dataset = Dataset()
    dataset.parse(data=store.dump(ox.RdfFormat.N_QUADS), format="nquads")
    return dataset


def _assert_same_graphs(a: Store, b: Store) -> None:
    da, db = _dataset(a), _dataset(b)
    names_a = {g.identifier for g in da.graphs()}
    assert names_a == {g.identifier for g in db.graphs()}
    for name in names_a:
        ga, gb = da.graph(name), db.graph(name)
        if not isomorphic(ga, gb):
            _, only_a, only_b = graph_diff(to_isomorphic(ga), to_isomorphic(gb))
            pytest.fail(f"{name} differs:\n only first: {sorted(only_a)[:5]}\n only second: {sorted(only_b)[:5]}")


def test_any_order_gives_an_isomorphic_graph(seeds: list[SourceFile], new_store: StoreMaker) -> None:
    extra = source_files([DATA / "quyet-dinh-4647-lao-cai.txt"], SUFFIXES)
    first, second = new_store(), new_store()
    ingest([*seeds, *extra], first)
    shuffled = [*seeds, *extra]
    random.Random(7).shuffle(shuffled)
    ingest(list(reversed(shuffled)), second)
    _assert_same_graphs(first, second)


def test_a_reference_with_unknown_scope_resolves_when_the_document_arrives(seeds: list[SourceFile],
                                                                          new_store: StoreMaker) -> None:
    """Seed 002 cites 4647/QĐ-UBND of 'UBND tỉnh' without naming the province; a Lào Cai QĐ 4647 (2023) is it."""
    letter = [s for s in seeds if s.name.startswith("002")]
    decision = source_files([DATA / "quyet-dinh-4647-lao-cai.txt"], SUFFIXES)
    before, after = new_store(), new_store()
    ingest([*letter, *decision], before)   # the stub exists first, then is merged
    ingest([*decision, *letter], after)    # the document exists first
    for store in (before, after):
        assert _sources_citing(store, "lao-cai/2023/4647-qd-ubnd") == {"002"}
        assert "unknown/2023/4647-qd-ubnd" not in citation_graph(store)
    _assert_same_graphs(before, after)


def test_reingest_changes_nothing_and_export_is_reproducible(seeds: list[SourceFile], store: Store,
                                                             new_store: StoreMaker) -> None:
    before = store.dump(ox.RdfFormat.N_QUADS)
    summary = ingest(seeds, store)
    assert len(summary.unchanged) == 5 and not summary.accepted
    assert store.dump(ox.RdfFormat.N_QUADS) == before
    other = new_store()
    ingest(seeds, other)
    assert sorted(other.dump(ox.RdfFormat.N_QUADS).splitlines()) == sorted(before.splitlines())


def test_a_changed_file_replaces_its_graph(tmp_path: Path, new_store: StoreMaker) -> None:
    path = tmp_path / "qd.txt"
    shutil.copy(DATA / "quyet-dinh-4647-lao-cai.txt", path)
    store = new_store()
    ingest([SourceFile(path, "qd.txt")], store)
    path.write_text(path.read_text(encoding="utf-8").replace("Số: 4647/QĐ-UBND", "Số: 4648/QĐ-UBND"),
                    encoding="utf-8")
    summary = ingest([SourceFile(path, "qd.txt")], store)
    assert summary.accepted == ["qd.txt"]
    assert store.document_graphs() == [str(store.iris.graph("lao-cai/2023/4648-qd-ubnd"))]


# --- the SHACL gate -----------------------------------------------------------------------------

def _rejected(summary: IngestSummary) -> str:
    assert len(summary.rejected) == 1 and not summary.accepted
    return summary.rejected[0].reason


def test_a_document_citing_a_later_document_is_rejected_and_the_store_is_unchanged(store: Store) -> None:
    before = store.dump(ox.RdfFormat.N_QUADS)
    reason = _rejected(ingest(source_files([DATA / "ke-hoach-cites-later.txt"], SUFFIXES), store))
    assert "lao-cai/2023/12-kh-ubnd" in reason and "lao-cai/2024/01-ct-ubnd" in reason
    assert "ban hành sau" in reason and "dated later" in reason  # both languages, each once
    assert store.dump(ox.RdfFormat.N_QUADS) == before


def test_a_second_document_with_the_same_number_is_rejected_naming_both(store: Store, shared: Path,
                                                                        tmp_path: Path) -> None:
    original = next((shared / "seeds").glob("001_*.txt"))
    copy = tmp_path / "chi-thi-ban-khac.txt"
    copy.write_text(original.read_text(encoding="utf-8") + "\nBản sao có sửa đổi.\n", encoding="utf-8")
    before = store.dump(ox.RdfFormat.N_QUADS)
    reason = _rejected(ingest([SourceFile(copy, copy.name)], store))
    assert "lao-cai/2024/01-ct-ubnd" in reason and original.name in reason and copy.name in reason
    assert store.dump(ox.RdfFormat.N_QUADS) == before


# --- lineage ------------------------------------------------------------------------------------

def test_an_ambiguous_number_lists_its_candidates(seeds: list[SourceFile], new_store: StoreMaker) -> None:
    store = new_store()
    ingest([*seeds, *source_files([DATA / "chi-thi-01-ha-giang.txt"], SUFFIXES)], store)
    graph = citation_graph(store)
    with pytest.raises(NotFound) as err:
        find_document(graph, "01/ct-ubnd")
    assert err.value.candidates == ("ha-giang/2024/01-ct-ubnd", "lao-cai/2024/01-ct-ubnd")
    assert find_document(graph, "01 / CT-UBND", scope="Hà Giang") == "ha-giang/2024/01-ct-ubnd"


def test_lineage_command_prints_node_link_json(store: Store, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["lineage", "503/kh-ubnd", *store_options(store), "--format", "json", "--depth", "2"]) == 0
    data = json.loads(capsys.readouterr().out)
    keys = {n["key"] for n in data["nodes"]}
    assert {"lai-chau/2024/503-kh-ubnd", "vn/2022/06-2022-qh15", "vn/2023/98-2023-nd-cp"} <= keys
    assert {"source": "lai-chau/2024/503-kh-ubnd", "target": "vn/2023/98-2023-nd-cp",
            "relation": "based_on"} in data["links"]
    assert set(data["nodes"][0]) == {"key", "type", "number", "date", "year", "issuer", "scope", "title", "stub",
                                     "source"}
    nodes = {n["key"]: n for n in data["nodes"]}
    plan, law = nodes["lai-chau/2024/503-kh-ubnd"], nodes["vn/2022/06-2022-qh15"]
    assert (plan["stub"], plan["source"][:3]) == (False, "004")
    assert (law["stub"], law["source"]) == (True, None)


def test_lineage_tree_goes_down_to_the_letter(store: Store, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["lineage", "01/CT-UBND", "--down", *store_options(store)]) == 0
    out = capsys.readouterr().out
    assert "↓ implements" in out and "Khối" in out


def test_graphml_export_is_well_formed_with_control_characters(store: Store) -> None:
    import xml.etree.ElementTree as ET

    from graph.lineage import graphml

    graph = citation_graph(store)
    graph.nodes["vn/2024/59-tb-vpcp"]["title"] = "bad\x0b\x01title"
    root = ET.fromstring(graphml(graph))
    assert root.tag.endswith("graphml")


def test_validate_passes_on_the_ingested_seeds(store: Store) -> None:
    assert main(["validate", *store_options(store)]) == 0


def test_export_then_import_gives_an_isomorphic_graph(store: Store, tmp_path: Path, new_store: StoreMaker,
                                                      capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    assert main(["export", "--format", "nq", *store_options(store)]) == 0
    backup = tmp_path / "backup.nq"
    backup.write_bytes(capsysbinary.readouterr().out)
    if new_store.backend == "server":
        restored = new_store()
        assert main(["import", str(backup), *store_options(restored)]) == 0
    else:
        assert main(["import", str(backup), "--store", str(tmp_path / "restored")]) == 0
        restored = Store(tmp_path / "restored")
    _assert_same_graphs(store, restored)


def test_ttl_export_parses(store: Store, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    assert main(["export", "--format", "ttl", *store_options(store)]) == 0
    assert len(Graph().parse(data=capsysbinary.readouterr().out, format="turtle")) > 1000


def test_a_law_cited_by_name_merges_with_the_number_a_corpus_document_gives(new_store: StoreMaker) -> None:
    """'Luật Thư viện năm 2019' (not in the registry) is the law another plan cites as 46/2019/QH14."""
    by_name = source_files([DATA / "ke-hoach-cites-law-by-name.txt"], SUFFIXES)
    by_number = source_files([DATA / "ke-hoach-cites-law-by-number.txt"], SUFFIXES)
    first, second = new_store(), new_store()
    ingest([*by_name, *by_number], first)   # the law is a stub by name, then its number arrives
    ingest([*by_number, *by_name], second)  # the number is known first
    for store in (first, second):
        graph = citation_graph(store)
        assert "vn/2019/luat-thu-vien" not in graph
        assert set(graph.predecessors("vn/2019/46-2019-qh14")) == {"ha-giang/2024/15-kh-ubnd",
                                                                   "ha-giang/2024/16-kh-ubnd"}
    _assert_same_graphs(first, second)


@pytest.mark.parametrize(("due", "year", "expected"), [
    ("Tháng 6", 2024, "2024-06"),             # a plan's table: the month of the plan's year
    ("trước tháng 6/2024", 2023, "2024-06"),  # the year written wins
    ("Tháng 01 năm 2025", 2024, "2025-01"),
    ("Trong quý III, IV", 2024, None),        # a quarter is kept as text only
    ("tháng 13", 2024, None),                 # no such month
    ("Thường xuyên", 2024, None),
    ("Tháng 6", None, None),                  # no year known: never guessed from today
])
def test_due_months_become_year_months(due: str, year: int | None, expected: str | None) -> None:
    from graph.rdf import _due

    value = _due(due, None, year)
    assert (str(value) if value is not None else None) == expected


def test_rankings_stubs_cycles_and_campaign_launchers(store: Store) -> None:
    from graph.lineage import cycles, launchers, most_cited, orphan_stubs, pagerank, related

    graph = citation_graph(store)
    assert most_cited(graph, 1) == [("vn/2022/06-2022-qh15", 6)]  # five seeds and the decree that guides it
    assert pagerank(graph, 1)[0][0] == "vn/2022/06-2022-qh15"
    assert "vn/2024/59-tb-vpcp" in orphan_stubs(graph) and "vn/2016/05-ct-tw" not in orphan_stubs(graph)
    assert cycles(graph) == []
    assert ("lao-cai/2024/01-ct-ubnd", "Đoàn kết - Kỷ cương - Hành động - Hiệu quả - Phát triển") in launchers(store)
    only_basis = related(graph, "lai-chau/2024/503-kh-ubnd", "up", relations={"based_on", "guides"})
    assert only_basis == {"vn/2023/98-2023-nd-cp": 1, "vn/2022/06-2022-qh15": 2}


def test_pagerank_agrees_with_networkx() -> None:
    import networkx as nx
    from networkx.algorithms.link_analysis.pagerank_alg import _pagerank_python

    from graph.lineage import _pagerank

    g = nx.relabel_nodes(nx.gnp_random_graph(60, 0.05, seed=3, directed=True), str)
    expected = _pagerank_python(g, tol=1e-12, max_iter=500)
    got = _pagerank(g, iterations=500, tol=1e-12)
    assert max(abs(expected[k] - got[k]) for k in expected) < 1e-9


def test_an_unusable_store_gives_a_clear_error(tmp_path: Path, shared: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    # Embedded only: a store folder that is a file. A server that cannot be reached: tests/test_remote.py.
    not_a_folder = tmp_path / "store"
    not_a_folder.write_text("x")
    assert main(["ingest", str(shared / "seeds"), "--store", str(not_a_folder), "--no-progress"]) == 2
    err = capsys.readouterr().err
    assert "không mở được kho dữ liệu" in err and "cannot open the store" in err and "Traceback" not in err


def test_unreadable_files_are_rejected_and_the_others_go_in(tmp_path: Path, shared: Path,
                                                            new_store: StoreMaker) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    shutil.copy(next((shared / "seeds").glob("004_*.txt")), folder / "plan.txt")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02PK\x03\x04" * 50)
    (folder / "empty.txt").write_text("   \n")
    summary = ingest(source_files([folder], SUFFIXES), store := new_store())
    assert summary.accepted == ["plan.txt"]
    assert sorted(r.source for r in summary.rejected) == ["binary.txt", "empty.txt"]
    assert all("/" in r.reason for r in summary.rejected)  # Vietnamese / English
    assert store.document_graphs() == [str(store.iris.graph("lai-chau/2024/503-kh-ubnd"))]
