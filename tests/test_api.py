"""The query API over the seeds (FastAPI's TestClient): the questions of issue 4, answered over HTTP."""

from __future__ import annotations

import gc
import json
import re
import unicodedata
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from servers import OxigraphServers

from api import Settings, create_app
from graph.cli import main
from graph.lineage import citation_graph

DATA = Path(__file__).parent / "data" / "graph"
TOKEN = "s3cret-token"
LAW = "vn/2022/06-2022-qh15"
DECREE = "vn/2023/98-2023-nd-cp"
CHI_THI = "lao-cai/2024/01-ct-ubnd"
PLAN = "lai-chau/2024/503-kh-ubnd"


def _build_store(path: Path, shared: Path) -> Path:
    assert main(["ingest", "--store", str(path), "--no-progress", str(shared / "seeds")]) == 0
    gc.collect()  # the ingest's store object lets go of the store's lock only when collected
    return path


def _seeds_on(url: str, shared: Path) -> str:
    assert main(["ingest", "--endpoint", url, "--no-progress", str(shared / "seeds")]) == 0
    return url


def _settings(backend: str, request: pytest.FixtureRequest, folder: Path, slot: int, **options: Any) -> Settings:
    """The seeds in the embedded store in ``folder``, or on the emptied Oxigraph server ``slot``."""
    shared = request.getfixturevalue("shared")
    if backend == "server":
        servers: OxigraphServers = request.getfixturevalue("oxigraph")
        return Settings(sparql_endpoint=_seeds_on(servers.fresh(slot), shared), sparql_workers=1, **options)
    return Settings(store=_build_store(folder / "store", shared), sparql_workers=1, **options)


@pytest.fixture(scope="module")
def client(backend: str, request: pytest.FixtureRequest,
           tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    with TestClient(create_app(_settings(backend, request, tmp_path_factory.mktemp("api"), 0))) as client:
        yield client


@pytest.fixture
def writable(backend: str, request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[TestClient]:
    settings = _settings(backend, request, tmp_path, 1, token=TOKEN, max_upload_bytes=200_000)
    with TestClient(create_app(settings)) as client:
        yield client


def _get(client: TestClient, url: str, status: int = 200) -> Any:
    response = client.get(url)
    assert response.status_code == status, response.text
    return response.json()


def _source_of(item: dict[str, Any]) -> str:
    return str(item["source"] or "")[:3]


# --- the questions of the issue -------------------------------------------------------------------

def test_the_khoi_thi_dua_letter_implements_chi_thi_01(client: TestClient) -> None:
    items = _get(client, f"/api/documents/{CHI_THI}/implemented-by")["items"]
    letter = [i for i in items if _source_of(i) == "000"]
    assert len(letter) == 1
    assert letter[0]["relation"] == "implements" and letter[0]["depth"] == 1
    assert "Khối" in letter[0]["issuer"]


def test_the_law_reaches_the_letter_directly_and_through_the_chi_thi(client: TestClient) -> None:
    direct = {i["key"] for i in _get(client, f"/api/documents/{LAW}/implemented-by")["items"]}
    items = {i["key"]: i for i in _get(client, f"/api/documents/{LAW}/implemented-by?transitive=true")["items"]}
    letter = next(i for i in items.values() if _source_of(i) == "000")
    assert {LAW, CHI_THI} <= set(letter["via"])  # it cites the law, and implements the Chỉ thị that cites it
    assert CHI_THI in items and PLAN in items and DECREE in items
    assert letter["key"] in direct


def test_a_related_list_comes_in_pages_nearest_first_with_its_count(client: TestClient) -> None:
    whole = _get(client, f"/api/documents/{LAW}/implemented-by?transitive=true")
    assert whole["count"] == len(whole["items"]) >= 4
    order = [(i["depth"], i["key"]) for i in whole["items"]]
    assert order == sorted(order)
    pages = [_get(client, f"/api/documents/{LAW}/implemented-by?transitive=true&limit=2&offset={start}")
             for start in range(0, whole["count"], 2)]
    assert all(page["count"] == whole["count"] and len(page["items"]) <= 2 for page in pages)
    assert [i for page in pages for i in page["items"]] == whole["items"]
    up = _get(client, f"/api/documents/{PLAN}/implements?transitive=true&limit=1&offset=1")
    assert up["count"] >= 2 and len(up["items"]) == 1
    for bad in ("limit=0", "limit=10001", "offset=-1"):
        assert client.get(f"/api/documents/{LAW}/implemented-by?{bad}").status_code == 422, bad


def test_implemented_by_follows_only_the_relations_asked_for(client: TestClient) -> None:
    basis = _get(client, f"/api/documents/{LAW}/implemented-by?transitive=true&relations=implements,based_on,guides")
    assert {i["key"] for i in basis["items"]} == {PLAN, DECREE}  # the Chỉ thị and the letter only cite the law
    problem = client.get(f"/api/documents/{LAW}/implemented-by?relations=implements,obeys")
    assert problem.status_code == 422 and "obeys" in problem.json()["detail"]


def test_implements_goes_up_from_the_plan(client: TestClient) -> None:
    items = {i["key"]: i for i in _get(client, f"/api/documents/{PLAN}/implements?transitive=true")["items"]}
    assert items[LAW]["depth"] == 1 and items[DECREE]["relation"] == "based_on"


def test_the_path_from_the_plan_to_the_law(client: TestClient) -> None:
    answer = _get(client, f"/api/path?from=503/KH-UBND&to={LAW}")
    assert answer["found"] is True
    assert answer["nodes"][0]["key"] == PLAN and answer["nodes"][-1]["key"] == LAW
    assert all(link["evidence"] for link in answer["links"])


def test_no_path_between_unrelated_documents(client: TestClient) -> None:
    answer = _get(client, f"/api/path?from={CHI_THI}&to={PLAN}")
    assert answer == {"found": False, "nodes": [], "links": []}


def test_the_tasks_of_so_noi_vu_lai_chau_due_by_march(client: TestClient, shared: Path) -> None:
    gold = json.loads(next((shared / "gold").glob("004_*.json")).read_text(encoding="utf-8"))
    expected = sorted(_squash(t["text"]) for t in gold["tasks"]
                      if t["lead"] == ["Sở Nội vụ"] and re.fullmatch(r"Tháng 0?[123]", t["due"] or ""))
    answer = _get(client, "/api/agencies/lai-chau/so-noi-vu/tasks?due_before=2024-03-31")
    assert answer["agency"]["name"] == "Sở Nội vụ" and answer["agency"]["scope"] == "Lai Châu"
    assert sorted(_squash(t["text"]) for t in answer["items"]) == expected
    assert len(expected) >= 6
    assert {t["role"] for t in answer["items"]} == {"lead"}
    assert all(t["document"]["key"] == PLAN and t["due_by"] <= "2024-03-31" for t in answer["items"])
    later = _get(client, "/api/agencies/lai-chau/so-noi-vu/tasks?due_after=2024-04-01")["items"]
    assert later and all(t["due_by"] >= "2024-04-01" for t in later)


def _squash(text: str) -> str:
    return " ".join(text.split())


def test_a_campaign_mentioned_in_both_provinces(client: TestClient) -> None:
    name = "Đẩy mạnh phát triển kết cấu hạ tầng đồng bộ, hiện đại; thực hành tiết kiệm, chống lãng phí"
    campaigns = {c["name"]: c for c in _get(client, "/api/campaigns")["items"]}
    assert campaigns[name]["scopes"] == ["Lai Châu", "Lào Cai"]
    detail = _get(client, f"/api/campaigns/{campaigns[name]['key']}")
    assert {"Lai Châu", "Lào Cai"} <= {m["document"]["scope"] for m in detail["mentions"]}
    assert len(detail["mentions"]) == len({(m["document"]["key"], m["evidence"]["start"]) for m in detail["mentions"]})
    assert all(name.split(";")[0] in m["evidence"]["text"] for m in detail["mentions"])


def test_the_campaign_a_chi_thi_launches(client: TestClient) -> None:
    launched = [c for c in _get(client, "/api/campaigns")["items"] if any(
        d["key"] == CHI_THI for d in c["launched_by"])]
    assert launched


# --- documents --------------------------------------------------------------------------------------

@pytest.mark.parametrize("asked", ["01/ct-ubnd", "01 / CT - UBND", "01/CT-UBND", " 01/ct-UBND "])
def test_a_number_in_any_spacing_or_case(client: TestClient, asked: str) -> None:
    items = _get(client, f"/api/documents?number={asked}")["items"]
    assert [i["key"] for i in items] == [CHI_THI]


def test_d_and_dj_are_the_same_letter_in_numbers(client: TestClient) -> None:
    assert [i["key"] for i in _get(client, "/api/documents?number=98/2023/nd-cp")["items"]] == [DECREE]


def test_title_words_without_accents_or_in_nfd(client: TestClient) -> None:
    plain = _get(client, "/api/documents?q=cong tac thi dua khen thuong nam 2024")["items"]
    nfd = _get(client, "/api/documents?q=" + unicodedata.normalize("NFD", "Công tác thi đua, khen thưởng"))["items"]
    assert PLAN in {i["key"] for i in plain} and PLAN in {i["key"] for i in nfd}


def test_filters_by_scope_year_and_type(client: TestClient) -> None:
    answer = _get(client, "/api/documents?scope=Lào Cai&year=2024&type=CT")
    assert [i["key"] for i in answer["items"]] == [CHI_THI] and answer["count"] == 1
    assert _get(client, "/api/documents?scope=lai-chau&type=Kế hoạch&year=2024")["items"][0]["key"] == PLAN


def test_paging_counts_everything_and_returns_a_page(client: TestClient) -> None:
    everything = _get(client, "/api/documents?limit=500")
    page = _get(client, "/api/documents?limit=2&offset=1")
    assert page["count"] == everything["count"] > 3
    assert [i["key"] for i in page["items"]] == [i["key"] for i in everything["items"][1:3]]


def test_a_document_fields_are_those_of_the_contract(client: TestClient) -> None:
    doc = _get(client, "/api/documents?number=503/KH-UBND")["items"][0]
    assert set(doc) == {"key", "iri", "type", "number", "date", "year", "issuer", "scope", "title", "stub", "source"}
    assert doc["iri"].endswith("/doc/" + PLAN) and doc["stub"] is False and doc["date"] == "2024-02-07"


def test_a_document_with_references_evidence_tasks_and_targets(client: TestClient, shared: Path) -> None:
    doc = _get(client, f"/api/documents/{PLAN}")
    decree = next(r for r in doc["references"] if r["target"]["key"] == DECREE)
    assert decree["relation"] == "based_on" and decree["target"]["stub"] is True
    evidence = decree["evidence"]
    assert evidence["text"].lower().startswith("căn cứ nghị định số 98/2023/nđ-cp")
    original = unicodedata.normalize("NFC", (shared / "seeds" / evidence["source"]).read_text(encoding="utf-8"))
    assert "98/2023" in original[evidence["start"]:evidence["end"]]
    assert doc["tasks"] and all(t["evidence"]["source"] == doc["source"] for t in doc["tasks"])
    assert any(a["name"] == "Sở Nội vụ" for t in doc["tasks"] for a in t["lead"])
    assert doc["recipients"] and doc["campaigns"]


def test_cited_by_lists_the_citing_documents_with_their_sentence(client: TestClient) -> None:
    law = _get(client, f"/api/documents/{LAW}")
    assert law["stub"] is True and law["source"] is None and law["references"] == []
    citing = {c["source"]["key"] for c in law["cited_by"]}
    assert law["cited_by_count"] == len(law["cited_by"]) >= 5
    assert {PLAN, CHI_THI, DECREE} <= citing
    assert all(c["evidence"]["text"] for c in law["cited_by"])


def test_a_document_asked_for_by_its_number(client: TestClient) -> None:
    assert _get(client, "/api/documents/503%2Fkh-ubnd")["key"] == PLAN


def test_an_unknown_document_is_a_problem_in_both_languages(client: TestClient) -> None:
    response = client.get("/api/documents/lao-cai/2024/999-ct-ubnd")
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == 404 and "không tìm thấy" in body["detail"] and "no document" in body["detail"]


def test_bad_parameters_name_the_field(client: TestClient) -> None:
    response = client.get("/api/documents?year=abc&limit=0")
    assert response.status_code == 422 and response.headers["content-type"] == "application/problem+json"
    assert {e["field"] for e in response.json()["errors"]} == {"query.year", "query.limit"}


# --- lineage ----------------------------------------------------------------------------------------

def test_the_lineage_is_drawn_law_above_decree_above_plan(client: TestClient) -> None:
    answer = _get(client, f"/api/documents/{PLAN}/lineage?direction=up&depth=3")
    level = {n["key"]: n["level"] for n in answer["nodes"]}
    assert level[LAW] < level[DECREE] < level[PLAN]
    link = next(x for x in answer["links"] if (x["source"], x["target"]) == (PLAN, DECREE))
    assert link["relation"] == "based_on" and "98/2023" in link["evidence"][0]["mention"]
    assert all(level[x["source"]] > level[x["target"]] for x in answer["links"])


def test_the_lineage_down_from_the_chi_thi(client: TestClient) -> None:
    answer = _get(client, f"/api/documents/{CHI_THI}/lineage?direction=down&depth=1")
    assert {n["key"] for n in answer["nodes"]} == {CHI_THI, "lao-cai/2024/" + _letter_key(client)}


def _letter_key(client: TestClient) -> str:
    items = _get(client, f"/api/documents/{CHI_THI}/implemented-by")["items"]
    return str(next(i["key"] for i in items if _source_of(i) == "000")).split("/", 2)[2]


def test_lineage_as_graphml_and_dot(client: TestClient) -> None:
    graphml = client.get(f"/api/documents/{PLAN}/lineage?format=graphml")
    assert graphml.headers["content-type"].startswith("application/graphml+xml")
    nodes = ET.fromstring(graphml.text).iter("{http://graphml.graphdrawing.org/xmlns}node")
    assert PLAN in {n.get("id") for n in nodes}
    dot = client.get(f"/api/documents/{PLAN}/lineage?format=dot")
    assert dot.text.startswith("digraph") and f'"{PLAN}" -> "{DECREE}"' in dot.text


# --- the corpus as a whole --------------------------------------------------------------------------

def test_stats(client: TestClient) -> None:
    stats = _get(client, "/api/stats")
    assert stats["counts"]["documents"] == 5 and stats["counts"]["stubs"] > 5
    assert stats["most_cited"][0]["key"] == LAW
    assert all(d["stub"] for d in stats["stubs"])


def test_validation_summary(client: TestClient) -> None:
    report = _get(client, "/api/validation")
    assert report["conforms"] is True and report["documents"] == 5 and report["violations"] == 0
    assert report["warnings"] == len(report["findings"]) and all(f["message"]["en"] for f in report["findings"])


def test_agencies_of_a_province(client: TestClient) -> None:
    agencies = _get(client, "/api/agencies?scope=Lai Châu")["items"]
    assert agencies[0]["key"] == "lai-chau/so-noi-vu" and agencies[0]["tasks"] >= 10
    assert all(a["key"].startswith("lai-chau/") for a in agencies)


def test_tasks_of_a_province_by_due_date(client: TestClient) -> None:
    tasks = _get(client, "/api/tasks?scope=Lai Châu&due_before=2024-03-31")["items"]
    assert tasks and all(t["document"]["scope"] == "Lai Châu" for t in tasks)
    assert [t["due_by"] for t in tasks] == sorted(t["due_by"] for t in tasks)


def test_health_and_the_openapi_docs(client: TestClient) -> None:
    assert _get(client, "/health") == {"status": "ok"}
    paths = _get(client, "/openapi.json")["paths"]
    assert {"/api/documents", "/api/documents/{key}", "/api/path", "/api/campaigns", "/api/stats"} <= set(paths)
    assert client.get("/docs").status_code == 200


# --- writes -----------------------------------------------------------------------------------------

def _post(client: TestClient, body: bytes, token: str | None = TOKEN, name: str = "new.txt") -> Any:
    headers = {"Content-Type": "text/plain; charset=utf-8"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    return client.post(f"/api/documents?name={name}", content=body, headers=headers)


def test_posting_a_document_makes_it_queryable(writable: TestClient) -> None:
    text = (DATA / "chi-thi-01-ha-giang.txt").read_bytes()
    created = _post(writable, text, name="ha-giang.txt")
    assert created.status_code == 201, created.text
    key = created.json()["key"]
    assert key.startswith("ha-giang/") and created.json()["stub"] is False
    assert _get(writable, "/api/documents?scope=Hà Giang")["items"][0]["key"] == key
    assert _get(writable, f"/api/documents/{key}")["source"] == "ha-giang.txt"
    assert _post(writable, text, name="ha-giang.txt").status_code == 200  # the same text again: unchanged


def test_a_file_upload(writable: TestClient) -> None:
    files = {"file": ("qd.txt", (DATA / "quyet-dinh-4647-lao-cai.txt").read_bytes(), "text/plain")}
    created = writable.post("/api/documents", files=files, headers={"Authorization": f"Bearer {TOKEN}"})
    assert created.status_code == 201, created.text
    assert created.json()["source"] == "qd.txt"


def test_a_violating_document_is_refused_and_nothing_is_stored(writable: TestClient) -> None:
    before = _get(writable, "/api/stats")["counts"]
    refused = _post(writable, (DATA / "ke-hoach-cites-later.txt").read_bytes())
    assert refused.status_code == 422 and refused.headers["content-type"] == "application/problem+json"
    assert refused.json()["violations"] and "dated later" in refused.text
    assert _get(writable, "/api/stats")["counts"] == before


def test_writes_need_the_token(writable: TestClient) -> None:
    text = (DATA / "chi-thi-01-ha-giang.txt").read_bytes()
    missing = _post(writable, text, token=None)
    assert missing.status_code == 401 and missing.headers["www-authenticate"].startswith("Bearer")
    assert _post(writable, text, token="wrong").status_code == 401
    assert _get(writable, "/api/documents?scope=Hà Giang")["count"] == 0


def test_writes_are_off_without_a_configured_token(client: TestClient) -> None:
    response = _post(client, (DATA / "chi-thi-01-ha-giang.txt").read_bytes())
    assert response.status_code == 403 and "LUOCDO_TOKEN" in response.json()["detail"]


def test_an_upload_over_the_limit_is_413(writable: TestClient) -> None:
    response = _post(writable, b"Chi thi " * 40_000)
    assert response.status_code == 413 and response.headers["content-type"] == "application/problem+json"


def test_an_empty_or_binary_upload_is_422(writable: TestClient) -> None:
    assert _post(writable, b"   \n").status_code == 422
    binary = _post(writable, bytes(range(256)) * 4)
    assert binary.status_code == 422 and "new.txt" in binary.json()["detail"]


@pytest.mark.parametrize("name", ["chi-thi-01-ha-giang.txt", "quyet-dinh-4647-lao-cai.txt",
                                  "ke-hoach-cites-law-by-number.txt"])
def test_after_a_post_the_lineage_graph_is_the_one_read_afresh(writable: TestClient, name: str) -> None:
    assert _post(writable, (DATA / name).read_bytes(), name=name).status_code == 201
    services = writable.app.state.services  # type: ignore[attr-defined]
    fresh = citation_graph(services.store)
    kept = services.queries.graph
    assert dict(kept.nodes(data=True)) == dict(fresh.nodes(data=True))
    assert sorted(kept.edges(data="relation")) == sorted(fresh.edges(data="relation"))
