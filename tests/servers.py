"""A real ``luocdo serve`` process on loopback for the tests that need one (timeouts, the browser)."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

__all__ = ["free_port", "luocdo_serve"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(url + "/health", timeout=1) as response:
            return bool(json.load(response) == {"status": "ok"})
    except OSError:
        return False


@contextmanager
def luocdo_serve(store: Path, *options: str, port: int | None = None, wait: float = 60) -> Iterator[str]:
    """Start ``luocdo serve --store STORE OPTIONS`` with writes off, yield its URL once /health answers, and
    always stop it."""
    port = port or free_port()
    luocdo = Path(sys.executable).parent / "luocdo"
    process = subprocess.Popen([str(luocdo), "serve", "--store", str(store), "--host", "127.0.0.1", "--port",
                                str(port), *options], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                               env={**os.environ, "LUOCDO_TOKEN": ""})
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + wait
        while not _healthy(url):
            if process.poll() is not None:
                raise AssertionError(f"luocdo serve exited: {process.stderr.read().decode() if process.stderr else ''}")
            assert time.monotonic() < deadline, f"luocdo serve did not answer /health within {wait} s"
            time.sleep(0.1)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)
        if process.stderr:
            process.stderr.close()
