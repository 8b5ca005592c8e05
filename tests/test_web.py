"""The web page end to end: Debian's Chromium driven by Playwright against a real ``luocdo serve`` on loopback,
over a store built by ingesting the seeds (plus one synthetic letter whose title is an HTML tag).

Every request the page makes must go to that server (anything else is aborted and fails the test), no page may
raise an uncaught JavaScript error or log a console error, and no dialog may open.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import urllib.request
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

import pytest
from servers import free_port, luocdo_serve

sync_api = pytest.importorskip("playwright.sync_api")

CHROMIUM = Path("/usr/bin/chromium")
if not CHROMIUM.exists():
    pytest.skip("Debian's chromium is not installed (scripts/setup.sh --dev installs it)", allow_module_level=True)

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "tests" / "artifacts"

PLAN = "lai-chau/2024/503-kh-ubnd"
LAW = "vn/2022/06-2022-qh15"
DECREE = "vn/2023/98-2023-nd-cp"
DIRECTIVE = "lao-cai/2024/01-ct-ubnd"
XSS = "<img src=x onerror=alert(1)>"
# A Công văn of Lào Cai whose trích yếu carries an HTML tag; it implements Chỉ thị 01/CT-UBND.
XSS_LETTER = f"""ỦY BAN NHÂN DÂN
TỈNH LÀO CAI
Số: 123/UBND-VX
V/v {XSS} kiểm tra hiển thị
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Lào Cai, ngày 05 tháng 3 năm 2024

Kính gửi: Sở Nội vụ tỉnh Lào Cai

Thực hiện Chỉ thị số 01/CT-UBND ngày 19/01/2024 của UBND tỉnh Lào Cai về phát động phong trào thi đua năm 2024,
Ủy ban nhân dân tỉnh đề nghị Sở Nội vụ tổng hợp kết quả, báo cáo trước ngày 31/3/2024.

Nơi nhận:
- Như trên;
- Lưu: VT.
TM. ỦY BAN NHÂN DÂN
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
Nguyễn Văn A
"""


def _luocdo() -> str:
    beside = Path(sys.executable).with_name("luocdo")
    return str(beside) if beside.exists() else shutil.which("luocdo") or "luocdo"


def _get_json(url: str) -> Any:
    with urllib.request.urlopen(url, timeout=10) as response:
        return json.load(response)


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory, shared: Path) -> Path:
    corpus = tmp_path_factory.mktemp("corpus")
    for seed in sorted((shared / "seeds").glob("*.txt")):
        shutil.copy(seed, corpus / seed.name)
    (corpus / "900_xss_title.txt").write_text(XSS_LETTER, encoding="utf-8")
    folder = tmp_path_factory.mktemp("store") / "store"
    done = subprocess.run([_luocdo(), "ingest", "--store", str(folder), str(corpus)], capture_output=True,
                          text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    return folder


@dataclass
class Server:
    url: str
    port: int

    def api(self, path: str) -> Any:
        return _get_json(self.url + path)


@pytest.fixture(scope="module")
def server(store: Path) -> Iterator[Server]:
    port = free_port()
    with luocdo_serve(store, port=port) as url:
        yield Server(url, port)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@dataclass
class Watch:
    """What a page did that it must not: requests elsewhere, uncaught errors, console errors, dialogs."""

    port: int
    foreign: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def route(self, route: Any) -> None:
        url = urlsplit(route.request.url)
        if url.scheme in ("http", "ws") and url.hostname == "127.0.0.1" and url.port == self.port:
            route.continue_()
        else:
            self.foreign.append(route.request.url)
            route.abort()

    def check(self) -> None:
        assert not self.foreign, f"requests to other hosts: {self.foreign}"
        assert not self.errors, f"JavaScript errors: {self.errors}"
        assert not self.dialogs, f"dialogs opened: {self.dialogs}"


@pytest.fixture
def page(browser: Any, server: Server) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    watch = Watch(server.port)
    page = context.new_page()
    page.route("**/*", watch.route)
    page.on("pageerror", lambda err: watch.errors.append(f"pageerror: {err}"))
    page.on("console", lambda msg: watch.errors.append(f"console.{msg.type}: {msg.text}")
            if msg.type == "error" else None)
    page.on("dialog", lambda dialog: (watch.dialogs.append(dialog.message), dialog.dismiss()))
    page.watch = watch
    try:
        yield page
        watch.check()
    finally:
        context.close()


def visit(page: Any, server: Server, hash_: str = "#/") -> None:
    """Open a view by its hash and wait until it has rendered; nothing may have gone wrong on the way."""
    if page.url.startswith(server.url):
        page.evaluate("h => { window.luocdo.ready = false; window.location.hash = h; }", hash_)
    else:
        page.goto(f"{server.url}/{hash_}")
    page.wait_for_function("window.luocdo && window.luocdo.ready === true")
    page.watch.check()


def wait_for_graph(page: Any, key: str) -> None:
    page.wait_for_function("k => window.luocdo.cy && window.luocdo.cy.getElementById(k).nonempty()", arg=key)


def positions(page: Any) -> dict[str, dict[str, float]]:
    return page.evaluate("""() => Object.fromEntries(window.luocdo.cy.nodes().map(n => [n.id(), n.position()]))""")


def doc_hash(key: str, **params: Any) -> str:
    query = "&".join(f"{k}={v}" for k, v in params.items())
    return f"#/doc/{quote(key)}" + (f"?{query}" if query else "")


def test_search_open_lineage_and_evidence(page: Any, server: Server) -> None:
    visit(page, server)
    page.fill("#search-q", "503/kh-ubnd")
    page.press("#search-q", "Enter")
    result = page.locator(f'#search-results a.doc-link[data-key="{PLAN}"]')
    result.wait_for()
    row = result.locator("xpath=ancestor::tr").inner_text()
    assert "Kế hoạch" in row and "07/02/2024" in row and "Lai Châu" in row  # type, date, issuer
    page.evaluate("window.luocdo.ready = false")
    result.click()
    page.wait_for_function("window.luocdo.ready === true")
    assert page.locator("#doc-name").inner_text().startswith("Kế hoạch 503/KH-UBND")
    wait_for_graph(page, PLAN)

    # The law and the decree are drawn above the plan that cites them.
    pos = positions(page)
    assert {PLAN, LAW, DECREE} <= pos.keys()
    assert pos[LAW]["y"] < pos[PLAN]["y"]
    assert pos[DECREE]["y"] < pos[PLAN]["y"]
    assert pos[LAW]["y"] < pos[DECREE]["y"]  # the decree guides the law: law at the top

    # A real mouse click at the middle of the plan → decree edge shows the sentence, the citation marked.
    edge = f"{PLAN}→{DECREE}"
    point = page.evaluate("""id => {
        const e = window.luocdo.cy.getElementById(id);
        const box = window.luocdo.cy.container().getBoundingClientRect();
        const m = e.renderedMidpoint();
        return {x: box.left + m.x, y: box.top + m.y};
    }""", edge)
    page.mouse.click(point["x"], point["y"])
    page.wait_for_function("id => document.getElementById('evidence').dataset.edge === id", arg=edge)
    sentence = page.locator("#evidence blockquote.evidence-text").first.inner_text()
    assert "căn cứ nghị định số 98/2023/nđ-cp" in sentence.lower()
    marked = page.locator("#evidence blockquote mark").first.inner_text()
    assert marked.startswith("Nghị định số 98/2023/NĐ-CP")
    assert marked in sentence
    assert page.locator("#evidence").inner_text().count("based_on") == 0  # relation shown by its label
    assert "căn cứ" in page.locator("#evidence .relation").inner_text()
    # The lineage view with that evidence, for the README (docs/lineage.png is a copy of a good one).
    ARTIFACTS.mkdir(exist_ok=True)
    page.locator("#lineage").screenshot(path=str(ARTIFACTS / "lineage.png"))


def test_implemented_by_view_shows_the_letter(page: Any, server: Server) -> None:
    letter = server.api("/api/documents?issuer=" + quote("Khối Thi đua TMTH"))["items"]
    assert len(letter) == 1
    key = letter[0]["key"]
    visit(page, server, doc_hash(DIRECTIVE))
    listed = page.locator("#implemented-by-list")
    listed.locator(f'a.doc-link[data-key="{key}"]').wait_for()
    assert "Khối Thi đua TMTH" in listed.inner_text()
    # The graph downwards shows the letter below the directive.
    visit(page, server, doc_hash(DIRECTIVE, direction="down", depth=2))
    wait_for_graph(page, key)
    pos = positions(page)
    assert pos[key]["y"] > pos[DIRECTIVE]["y"]


def test_html_in_a_title_shows_as_text(page: Any, server: Server) -> None:
    visit(page, server, "#/search?q=" + quote("kiểm tra hiển thị"))
    results = page.locator("#search-results")
    assert XSS in results.inner_text()
    assert page.locator("#view img").count() == 0
    key = results.locator("a.doc-link").first.get_attribute("data-key")
    assert key == "lao-cai/2024/123-ubnd-vx"
    visit(page, server, doc_hash(key))
    assert XSS in page.locator("#doc-title").inner_text()
    wait_for_graph(page, key)
    assert page.locator("#view img").count() == 0
    # The letter also appears (as text) in the document it implements.
    visit(page, server, doc_hash(DIRECTIVE))
    page.locator(f'#implemented-by-list a[data-key="{key}"]').wait_for()
    assert XSS in page.locator("#implemented-by-list").inner_text()
    assert page.locator("#view img").count() == 0
    page.wait_for_timeout(300)  # an injected onerror handler would have fired by now
    assert not page.watch.dialogs


def test_english_switch(page: Any, server: Server) -> None:
    visit(page, server)
    assert page.locator("nav.nav").inner_text().split()[:2] == ["Tìm", "kiếm"]
    assert page.locator("#view h1").inner_text() == "Tìm văn bản"
    page.evaluate("window.luocdo.ready = false")
    page.click("#lang-en")
    page.wait_for_function("window.luocdo.ready === true")
    assert page.locator("html").get_attribute("lang") == "en"
    assert "Search" in page.locator("nav.nav").inner_text()
    assert page.locator("#view h1").inner_text() == "Find documents"
    visit(page, server, doc_hash(PLAN))
    toolbar = page.locator(".graph-toolbar").inner_text()
    assert "Direction" in toolbar and "Depth" in toolbar and "based on" in toolbar
    assert "Documents it cites" in page.locator("#references").inner_text()
    page.evaluate("window.luocdo.ready = false")
    page.click("#lang-vi")
    page.wait_for_function("window.luocdo.ready === true")
    assert "Hướng" in page.locator(".graph-toolbar").inner_text()


def test_graph_controls_and_exports(page: Any, server: Server) -> None:
    visit(page, server, doc_hash(PLAN, direction="up", depth=1))
    wait_for_graph(page, PLAN)
    one_step = set(positions(page))
    assert DECREE in one_step and LAW in one_step
    # Without "cites", the chỉ thị the plan merely cites disappear.
    page.evaluate("window.luocdo.cy = null")
    page.locator('.relations label[data-relation="cites"] input').uncheck()
    wait_for_graph(page, PLAN)
    relations = page.evaluate("() => window.luocdo.cy.edges().map(e => e.data('relation'))")
    assert relations and "cites" not in relations
    assert "relations=" in page.url and "cites" not in page.url.split("relations=")[1]
    # Expand mode: a click on the decree adds the documents one step from it and removes none.
    page.select_option("#graph-click", "expand")
    before = set(positions(page))
    page.evaluate("k => { window.luocdo.cy.getElementById(k).emit('tap'); }", DECREE)
    page.wait_for_function("() => /\\+|thêm|added/.test(document.getElementById('graph-status').textContent)")
    after = set(positions(page))
    assert before <= after

    with page.expect_download() as png:
        page.click("#export-png")
    assert Path(png.value.path()).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    with page.expect_download() as svg:
        page.click("#export-svg")
    tree = ET.parse(svg.value.path())
    assert tree.getroot().tag == "{http://www.w3.org/2000/svg}svg"
    texts = " ".join(t.text or "" for t in tree.iter("{http://www.w3.org/2000/svg}tspan"))
    assert "503/KH-UBND" in texts and "98/2023/NĐ-CP" in texts
    with page.expect_download() as graphml:
        page.click("#export-graphml")
    data = Path(graphml.value.path()).read_text(encoding="utf-8")
    assert "<graphml" in data and PLAN in data


def test_campaign_and_agency_views(page: Any, server: Server) -> None:
    visit(page, server, "#/campaigns")
    name = "Đẩy mạnh phát triển kết cấu hạ tầng đồng bộ, hiện đại; thực hành tiết kiệm, chống lãng phí"
    link = page.locator("a.campaign-link", has_text=name).first
    page.evaluate("window.luocdo.ready = false")
    link.click()
    page.wait_for_function("window.luocdo.ready === true")
    mentions = page.locator("#mentions")
    assert "Lào Cai" in mentions.inner_text() and "Lai Châu" in mentions.inner_text()

    visit(page, server, "#/agencies?scope=" + quote("Lai Châu"))
    page.evaluate("window.luocdo.ready = false")
    page.locator("a.agency-link", has_text="Sở Nội vụ").first.click()
    page.wait_for_function("window.luocdo.ready === true")
    assert page.locator("#agency h1").inner_text() == "Sở Nội vụ"
    assert page.locator("#timeline .tl-mark").count() > 5
    tasks = page.locator("#agency-tasks").inner_text()
    assert "Tháng 01" in tasks and "Tham mưu UBND tỉnh ban hành Kế hoạch công tác thi đua" in tasks
    # Clicking a mark on the timeline highlights its row.
    page.locator("#timeline .tl-mark").first.click()
    assert page.locator("#agency-tasks tr.highlight").count() == 1
    # Due-date filter: only the first quarter.
    visit(page, server, "#/agency/lai-chau/so-noi-vu?due_before=2024-03-31")
    first_quarter = page.locator("#agency-tasks").inner_text()
    assert "Tháng 01" in first_quarter and "Tháng 7" not in first_quarter


def test_page_assets_are_local(server: Server) -> None:
    with urllib.request.urlopen(server.url + "/", timeout=10) as response:
        html = response.read().decode()
        assert response.headers["content-type"].startswith("text/html")
    assert "http://" not in html and "https://" not in html
    for path in ("/static/app.js", "/static/js/lineage.js", "/vendor/cytoscape/cytoscape.esm.min.mjs",
                 "/vendor/cytoscape-dagre/cytoscape-dagre.mjs"):
        with urllib.request.urlopen(server.url + path, timeout=10) as response:
            assert response.headers["content-type"].startswith("text/javascript"), path
    vocab = server.api("/ui/vocab.json")
    assert "Lào Cai" in vocab["provinces"] and "Kế hoạch" in vocab["types"]
    assert vocab["relations"][0] == "based_on"
