"""Requests per second over real HTTP: ``wrk`` against a real ``luocdo serve`` on loopback.

wrk (Debian package ``wrk``; ``scripts/setup.sh --bench`` installs it) runs a Lua script that rotates over a list
of URLs, so the load is a mix of documents and routes rather than one cached answer. Without wrk the result says
so instead of failing.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

__all__ = ["free_port", "healthy", "http_load", "serve"]

_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(url + "/health", timeout=2) as response:
            return bool(json.load(response) == {"status": "ok"})
    except OSError:
        return False


@contextmanager
def serve(store: Path, wait_s: float = 600) -> Iterator[tuple[str, float]]:
    """``luocdo serve --store STORE`` on a free loopback port (writes off): its URL and seconds to /health."""
    port = free_port()
    command = [sys.executable, "-m", "graph.cli", "serve", "--store", str(store), "--host", "127.0.0.1",
               "--port", str(port)]
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=log,
                                   env={**os.environ, "LUOCDO_TOKEN": ""})
        url = f"http://127.0.0.1:{port}"
        start = time.monotonic()
        try:
            while not healthy(url):
                if process.poll() is not None:
                    log.seek(0)
                    raise RuntimeError(f"luocdo serve exited: {log.read().decode(errors='replace')[-500:]}")
                if time.monotonic() - start > wait_s:
                    raise RuntimeError(f"luocdo serve did not answer /health within {wait_s:.0f} s")
                time.sleep(0.2)
            yield url, time.monotonic() - start
        finally:
            process.terminate()
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=10)


def _lua(paths: Sequence[str]) -> str:
    """A wrk script: each request the next path of the list (each thread starts at its own place)."""
    listed = ",\n".join(json.dumps(p) for p in paths)  # JSON strings are valid Lua strings for these paths
    return f"""local paths = {{
{listed}
}}
local n = #paths
local counter = 0
local threads = 0
function setup(thread)
  thread:set("offset", threads * 7919)
  threads = threads + 1
end
function init(args)
  counter = tonumber(offset) or 0
end
function request()
  counter = counter + 1
  return wrk.format("GET", paths[(counter % n) + 1])
end
"""


def _ms(value: str, unit: str) -> float:
    return round(float(value) * _UNITS[unit], 3)


def parse_wrk(output: str) -> dict[str, Any]:
    """Requests/s, latency percentiles, errors from wrk's report (``--latency``)."""
    found: dict[str, Any] = {}
    if m := re.search(r"Requests/sec:\s+([\d.]+)", output):
        found["requests_per_s"] = round(float(m.group(1)), 1)
    for pct, name in (("50", "p50_ms"), ("90", "p90_ms"), ("99", "p99_ms")):
        if m := re.search(rf"^\s+{pct}(?:\.0+)?%\s+([\d.]+)(us|ms|s|m)\s*$", output, re.MULTILINE):
            found[name] = _ms(m.group(1), m.group(2))
    if m := re.search(r"(\d+) requests in ([\d.]+)(us|ms|s|m)", output):
        found["requests"] = int(m.group(1))
    m = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    found["non_2xx"] = int(m.group(1)) if m else 0
    m = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    found["socket_errors"] = sum(int(x) for x in m.groups()) if m else 0
    return found


def http_load(store: Path, paths: Sequence[str], seconds: float, connections: int = 8,
              threads: int = 2) -> dict[str, Any]:
    """Start ``luocdo serve`` over ``store``, load it with wrk rotating over ``paths``, stop it."""
    setup = {"tool": "wrk", "seconds": seconds, "connections": connections, "threads": threads, "urls": len(paths)}
    wrk = shutil.which("wrk")
    if wrk is None:
        return {"available": False, "requests_per_s": None, **setup,
                "reason": "wrk không có / wrk is not installed (apt-get install wrk, or scripts/setup.sh --bench)"}
    with tempfile.TemporaryDirectory() as tmp, serve(store) as (url, started_s):
        script = Path(tmp) / "rotate.lua"
        script.write_text(_lua(paths), encoding="utf-8")
        duration = max(1, round(seconds))
        run = subprocess.run([wrk, f"-t{threads}", f"-c{connections}", f"-d{duration}s", "--latency",
                              "-s", str(script), url + "/"], capture_output=True, text=True,
                             timeout=duration + 120, check=False)
    if run.returncode != 0:
        return {"available": False, "requests_per_s": None, **setup, "reason": f"wrk failed: {run.stderr[-300:]}"}
    return {"available": True, **setup, "server_start_s": round(started_s, 2), **parse_wrk(run.stdout)}
