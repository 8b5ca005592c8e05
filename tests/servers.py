"""Real servers on loopback for the tests that need one: ``luocdo serve`` (timeouts, the browser, processes
sharing a SPARQL server) and Oxigraph's SPARQL server (``oxigraph serve``, from the ``oxigraph`` package)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from benchmarks.http_load import free_port, healthy

__all__ = ["OxigraphServers", "free_port", "luocdo_serve", "oxigraph_binary", "stop"]


def stop(process: subprocess.Popen[bytes]) -> None:
    """Terminate a server we started (kill it if it does not go) and close its pipe."""
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=5)
    if process.stderr:
        process.stderr.close()


@contextmanager
def luocdo_serve(store: Path | None, *options: str, port: int | None = None, wait: float = 60,
                 env: dict[str, str] | None = None) -> Iterator[str]:
    """Start ``luocdo serve --store STORE OPTIONS`` (no ``--store`` when ``store`` is None: give ``--endpoint``)
    with writes off unless ``env`` (more ``LUOCDO_*`` variables) says otherwise, yield its URL once /health
    answers, and always stop it."""
    port = port or free_port()
    luocdo = Path(sys.executable).parent / "luocdo"
    where = ["--store", str(store)] if store is not None else []
    process = subprocess.Popen([str(luocdo), "serve", *where, "--host", "127.0.0.1", "--port",
                                str(port), *options], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                               env={**os.environ, "LUOCDO_TOKEN": "", **(env or {})})
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + wait
        while not healthy(url):
            if process.poll() is not None:
                raise AssertionError(f"luocdo serve exited: {process.stderr.read().decode() if process.stderr else ''}")
            assert time.monotonic() < deadline, f"luocdo serve did not answer /health within {wait} s"
            time.sleep(0.1)
        yield url
    finally:
        stop(process)


def oxigraph_binary() -> Path | None:
    """The ``oxigraph`` command of the ``oxigraph`` package (a dev dependency), if installed."""
    beside = Path(sys.executable).parent / "oxigraph"
    found = beside if beside.is_file() else shutil.which("oxigraph")
    return Path(found) if found else None


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url + "?query=ASK%7B%7D", timeout=1) as response:
            return bool(response.status == 200)
    except OSError:
        return False


class OxigraphServers:
    """Oxigraph SPARQL servers (``oxigraph serve --location DIR --bind 127.0.0.1:PORT``), started when first
    asked for and stopped by :meth:`close`. :meth:`fresh` hands out server ``slot`` emptied (``DROP ALL``): tests
    that need several stores at once take several slots."""

    def __init__(self, root: Path, wait: float = 30) -> None:
        binary = oxigraph_binary()
        if binary is None:
            raise FileNotFoundError("oxigraph (pip install oxigraph)")
        self.binary, self.root, self.wait = binary, root, wait
        self._running: dict[int, tuple[subprocess.Popen[bytes], str]] = {}

    def url(self, slot: int = 0) -> str:
        """The query URL of server ``slot``, started if need be."""
        if slot not in self._running:
            self._running[slot] = self._start(self.root / f"server-{slot}")
        return self._running[slot][1]

    def fresh(self, slot: int = 0) -> str:
        """The query URL of server ``slot``, its dataset emptied."""
        url = self.url(slot)
        request = urllib.request.Request(url.removesuffix("/query") + "/update", data=b"DROP ALL", method="POST",
                                         headers={"Content-Type": "application/sparql-update"})
        with urllib.request.urlopen(request, timeout=30) as response:
            assert response.status in (200, 204)
        return url

    def _start(self, location: Path) -> tuple[subprocess.Popen[bytes], str]:
        port = free_port()
        process = subprocess.Popen([str(self.binary), "serve", "--location", str(location), "--bind",
                                    f"127.0.0.1:{port}"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        url = f"http://127.0.0.1:{port}/query"
        deadline = time.monotonic() + self.wait
        while not _answers(url):
            if process.poll() is not None:
                raise AssertionError(f"oxigraph exited: {process.stderr.read().decode() if process.stderr else ''}")
            assert time.monotonic() < deadline, f"oxigraph did not answer within {self.wait} s"
            time.sleep(0.02)
        return process, url

    def close(self) -> None:
        for process, _ in self._running.values():
            stop(process)
        self._running.clear()
