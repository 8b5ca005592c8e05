"""The web page shows hostile data as text: a plan whose title, campaign, task and cited sentence carry HTML and
script, and an agency whose stored name does (written into the store as a tampered backup would), each seen in
Chromium on every view that shows it, with no element made from it, no script run and no dialog opened.

The browser, the page watch and the server helpers are those of ``tests/test_web.py``.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pyoxigraph as ox
import pytest
import test_web
from servers import free_port, luocdo_serve
from test_web import Server, doc_hash, visit, wait_for_graph

from graph.cli import main
from graph.store import Store

PLAN = "ha-giang/2024/77-kh-ubnd"
LAW = "vn/2022/06-2022-qh15"
AGENCY = "ha-giang/so-noi-vu"
TITLE_XSS = "<img src=x onerror=alert(1)>"
SENTENCE_XSS = "<script>alert(2)</script>"
CAMPAIGN_XSS = "<img src=x onerror=alert(3)> Vì Hà Giang xanh"
TASK_XSS = "<img src=x onerror=alert(5)>"
AGENCY_XSS = "Sở Nội vụ <img src=x onerror=alert(6)><script>alert(7)</script>"
HOSTILE_PLAN = f"""ỦY BAN NHÂN DÂN
TỈNH HÀ GIANG
Số: 77/KH-UBND
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Hà Giang, ngày 05 tháng 3 năm 2024

KẾ HOẠCH
Thi đua {TITLE_XSS} năm 2024

Căn cứ Luật Thi đua, khen thưởng ngày 15/6/2022 {SENTENCE_XSS};
Ủy ban nhân dân tỉnh phát động phong trào thi đua “{CAMPAIGN_XSS}”.
1. Giao Sở Nội vụ chủ trì, phối hợp với Sở Tài chính tổ chức tập huấn {TASK_XSS} cho cán bộ trước ngày 30/6/2024.

Nơi nhận:
- Như trên;
- Lưu: VT.
TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH
Nguyễn Văn B
"""


def _agency_renamed(nquads: bytes) -> bytes:
    """The agency's stored name replaced by one holding HTML (no text the reader finds can hold it)."""
    quads = []
    for quad in ox.parse(nquads, ox.RdfFormat.N_QUADS):
        term = quad.object
        if (quad.predicate.value.endswith("#prefLabel") and isinstance(term, ox.Literal)
                and term.value == "Sở Nội vụ" and "so-noi-vu" in quad.subject.value):
            term = ox.Literal(AGENCY_XSS, language=term.language)
        quads.append(ox.Quad(quad.subject, quad.predicate, term, quad.graph_name))
    return ox.serialize(quads, format=ox.RdfFormat.N_QUADS) or b""


browser = test_web.browser  # the fixtures of the page tests: Chromium, and a page watched for what it must not do
page = test_web.page


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("hostile")
    (folder / "corpus").mkdir()
    (folder / "corpus" / "900_hostile.txt").write_text(HOSTILE_PLAN, encoding="utf-8")
    assert main(["ingest", "--store", str(folder / "read"), "--no-progress", str(folder / "corpus")]) == 0
    gc.collect()
    renamed = _agency_renamed(Store(folder / "read", read_only=True).dump())
    assert AGENCY_XSS.encode() in renamed
    gc.collect()
    Store(folder / "store").load_nquads(renamed)
    gc.collect()
    return folder / "store"


@pytest.fixture(scope="module")
def server(store: Path) -> Iterator[Server]:
    port = free_port()
    with luocdo_serve(store, port=port) as url:
        yield Server(url, port)


def _as_text_only(page: Any, where: str, *hostile: str) -> None:
    shown = page.locator(where).inner_text()
    for text in hostile:
        assert text in shown, (text, shown[:500])
    assert page.locator("#view img, #view script, #view [onerror], #view [onmouseover]").count() == 0


def test_hostile_text_shows_as_text_on_every_view(page: Any, server: Server) -> None:
    visit(page, server, doc_hash(PLAN, direction="up", depth=1))
    _as_text_only(page, "#view", TITLE_XSS, CAMPAIGN_XSS, TASK_XSS, AGENCY_XSS)

    wait_for_graph(page, LAW)
    edge = f"{PLAN}→{LAW}"
    page.evaluate("id => window.luocdo.cy.getElementById(id).emit('tap')", edge)
    page.wait_for_function("id => document.getElementById('evidence').dataset.edge === id", arg=edge)
    _as_text_only(page, "#evidence blockquote.evidence-text", SENTENCE_XSS)
    assert "Luật Thi đua" in page.locator("#evidence blockquote mark").first.inner_text()
    assert page.locator("#evidence script").count() == 0

    visit(page, server, "#/campaigns")
    _as_text_only(page, "#view", CAMPAIGN_XSS)
    page.evaluate("window.luocdo.ready = false")
    page.locator("a.campaign-link", has_text="Vì Hà Giang xanh").first.click()
    page.wait_for_function("window.luocdo.ready === true")
    _as_text_only(page, "#view", CAMPAIGN_XSS, TITLE_XSS)

    visit(page, server, "#/agencies?scope=" + quote("Hà Giang"))
    _as_text_only(page, "#view", AGENCY_XSS)
    visit(page, server, f"#/agency/{AGENCY}")
    assert page.locator("#agency h1").inner_text() == AGENCY_XSS
    _as_text_only(page, "#agency-tasks", TASK_XSS)

    visit(page, server, "#/search?q=" + quote("thi đua"))
    _as_text_only(page, "#search-results", TITLE_XSS)
    page.wait_for_timeout(300)  # an injected handler would have fired by now
    assert not page.watch.dialogs
