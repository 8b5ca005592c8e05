"""The lineage page with a large graph: render time and a click, in Debian's Chromium (Playwright).

A store of generated documents (``benchmarks/corpus.py``: national and provincial documents, almost all of them
based on Luật 77/2015/QH13, and chains within each province) is served by a real ``luocdo serve``; the page opens
the law's lineage downwards, which holds about as many nodes as there are documents.

Run: ``PYTHONPATH=. .venv/bin/python benchmarks/bench_web.py [--docs 2000] [--store DIR] [--rounds 5]``. With
``--store DIR`` the store is built there once and reused. Prints a table of medians (not a test: no assertion).
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from playwright.sync_api import sync_playwright

from benchmarks.corpus import top_law_key, write

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
LAW = top_law_key()  # the law the generated corpus cites most
LUOCDO = str(Path(sys.executable).with_name("luocdo"))

# In the page: draw the fetched lineage again and time it until the first frame after the drawing.
REDRAW = """async data => {
  const graph = window.luocdo.graph;
  const frame = () => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
  const t0 = performance.now();
  graph.draw(data);
  const drawn = performance.now();
  await frame();
  return {draw: drawn - t0, frame: performance.now() - drawn, total: performance.now() - t0};
}"""
# In the page: time from the pointer going down to the evidence panel showing the edge's sentence (next frame).
ARM_CLICK = """() => {
  window.__bench = {};
  window.addEventListener('pointerdown', () => { window.__bench.down = performance.now(); },
                          {capture: true, once: true});
  document.addEventListener('luocdo:evidence', () => requestAnimationFrame(() => {
    window.__bench.shown = performance.now(); }), {once: true});
}"""
PICK_EDGE = """() => {
  const cy = window.luocdo.cy;
  const box = cy.container().getBoundingClientRect();
  const ext = cy.extent();
  const clear = p => cy.nodes().every(n => { const b = n.boundingBox();
    return p.x < b.x1 - 4 || p.x > b.x2 + 4 || p.y < b.y1 - 4 || p.y > b.y2 + 4; });
  const inside = cy.edges().filter(e => { const m = e.midpoint();
    return m.x > ext.x1 + 40 && m.x < ext.x2 - 40 && m.y > ext.y1 + 40 && m.y < ext.y2 - 40; });
  const e = inside.toArray().find(x => clear(x.midpoint())) || cy.edges()[0];
  const m = e.renderedMidpoint();
  return {x: box.left + m.x, y: box.top + m.y, id: e.id()};
}"""
FIT = """async () => {
  const cy = window.luocdo.cy;
  const t0 = performance.now();
  cy.fit(undefined, 24);
  await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
  return performance.now() - t0;
}"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def build_store(docs: int, folder: Path) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        write(docs, Path(tmp) / "docs")
        start = time.perf_counter()
        subprocess.run([LUOCDO, "ingest", "--store", str(folder), str(Path(tmp) / "docs")], check=True,
                       stderr=subprocess.DEVNULL)
        print(f"built the store of {docs} documents in {time.perf_counter() - start:.0f} s", file=sys.stderr)


def serve(store: Path) -> tuple[subprocess.Popen[bytes], str]:
    port = _free_port()
    process = subprocess.Popen([LUOCDO, "serve", "--store", str(store), "--port", str(port)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            with urllib.request.urlopen(url + "/health", timeout=2):
                return process, url
        except OSError:
            time.sleep(0.2)
    process.terminate()
    raise SystemExit("luocdo serve did not start")


def fetch(url: str) -> tuple[Any, float]:
    start = time.perf_counter()
    with urllib.request.urlopen(url, timeout=300) as response:
        data = json.load(response)
    return data, (time.perf_counter() - start) * 1000


def measure(url: str, depth: int, rounds: int) -> dict[str, list[float]]:
    """Times in ms per step. The server computes the lineage once (its time is reported); the page rounds get
    that same JSON from the route, so that they time the page and not the API again."""
    lineage_url = f"{url}/api/documents/{LAW}/lineage?direction=down&depth={depth}&format=json"
    data, api_ms = fetch(lineage_url)
    body = json.dumps(data)
    print(f"lineage: {len(data['nodes'])} nodes, {len(data['links'])} links, {api_ms / 1000:.1f} s from the API",
          file=sys.stderr)
    times: dict[str, list[float]] = {"API: lineage JSON (server, once)": [api_ms]}
    port = urlsplit(url).port

    def route(r: Any) -> None:
        target = urlsplit(r.request.url)
        if target.port != port:
            r.abort()
        elif target.path.endswith(f"{LAW}/lineage"):
            r.fulfill(status=200, content_type="application/json", body=body)
        else:
            r.continue_()

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for _ in range(rounds):
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            errors: list[str] = []
            page.on("pageerror", lambda e: errors.append(str(e)))  # noqa: B023
            page.route("**/*", route)
            start = time.perf_counter()
            page.goto(f"{url}/#/doc/{LAW}?direction=down&depth={depth}")
            page.wait_for_function("n => window.luocdo.cy && window.luocdo.cy.nodes().length >= n",
                                   arg=len(data["nodes"]), timeout=300_000)
            page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
            times.setdefault("page: open → graph drawn", []).append((time.perf_counter() - start) * 1000)
            redraw = page.evaluate(REDRAW, data)
            times.setdefault("draw + layout (JS)", []).append(redraw["draw"])
            times.setdefault("first frame after drawing", []).append(redraw["frame"])
            page.evaluate(ARM_CLICK)
            edge = page.evaluate(PICK_EDGE)
            page.mouse.click(edge["x"], edge["y"])
            page.wait_for_function("window.__bench.shown !== undefined", timeout=60_000)
            times.setdefault("click edge → evidence shown", []).append(page.evaluate(
                "window.__bench.shown - window.__bench.down"))
            times.setdefault("fit whole graph → frame", []).append(page.evaluate(FIT))
            if errors:
                raise SystemExit(f"page errors: {errors}")
            page.close()
        browser.close()
    times["nodes"] = [float(len(data["nodes"]))]
    times["links"] = [float(len(data["links"]))]
    return times


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--store", type=Path, help="build the store here once and reuse it")
    parser.add_argument("--depth", type=int, default=3)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        store = args.store or Path(tmp) / "store"
        if not store.exists():
            build_store(args.docs, store)
        process, url = serve(store)
        try:
            times = measure(url, args.depth, args.rounds)
        finally:
            process.terminate()
            process.wait(timeout=30)
    nodes, links = int(times.pop("nodes")[0]), int(times.pop("links")[0])
    print(f"\nLineage of {LAW} downwards (depth {args.depth}): {nodes:,} nodes, {links:,} links; "
          f"Chromium {os.uname().machine}, median of {args.rounds} rounds\n")
    print(f"| {'step':<40} | {'median ms':>9} | {'min–max ms':>15} |")
    print(f"|{'-' * 42}|{'-' * 11}|{'-' * 17}|")
    for step, values in times.items():
        print(f"| {step:<40} | {statistics.median(values):>9.0f} | {min(values):>6.0f}–{max(values):<8.0f} |")


if __name__ == "__main__":
    main()
