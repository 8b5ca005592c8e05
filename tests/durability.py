"""What the fault tests (``tests/test_faults.py``) share: the ``luocdo`` command run as a real process, stores
compared graph by graph, an ingest killed in the middle of a write, a ``luocdo serve`` that takes uploads and can
be killed, and child processes that may not write where the file modes say no.

Stores are compared as their N-Quads exports parsed into one set of quads per named graph. Luocdo makes no blank
nodes (:func:`graphs_of` asserts it), so two graphs are isomorphic exactly when their sets of quads are equal: the
comparison is RDF isomorphism, not text.
"""

from __future__ import annotations

import contextlib
import ctypes
import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import pyoxigraph as ox

from benchmarks.http_load import free_port, healthy
from graph.backends import journal_of
from graph.keys import DEFAULT_BASE
from graph.namespaces import ELI, LDO
from graph.store import STUBS_GRAPH

__all__ = ["LUOCDO", "STUBS", "CleanIngest", "Graphs", "Killed", "Serving", "document_keys", "expected_stubs",
           "exported", "graphs_of", "ingest_killed_mid_write", "luocdo", "marked_stubs", "post_document", "stored",
           "unprivileged"]

LUOCDO = Path(sys.executable).parent / "luocdo"
STUBS = f"{DEFAULT_BASE}{STUBS_GRAPH}"
_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"

Graphs = dict[str, frozenset[ox.Quad]]  # named graph -> its quads


def luocdo(*args: object, timeout: float = 900, **options: Any) -> subprocess.CompletedProcess[bytes]:
    """Run ``luocdo ARGS`` to the end; stdout and stderr come back as bytes."""
    return subprocess.run([str(LUOCDO), *map(str, args)], capture_output=True, timeout=timeout, check=False,
                          **options)


def graphs_of(nquads: bytes) -> Graphs:
    """An N-Quads export as its named graphs, each a set of quads (no blank nodes anywhere: asserted)."""
    return _grouped(ox.parse(nquads, ox.RdfFormat.N_QUADS))


def stored(store: Path) -> Graphs:
    """The graphs of a store on disk that no process is writing, read directly (as :func:`exported` gives
    them, without writing and parsing the N-Quads: the 2,000-document stores hold half a million quads)."""
    return _grouped(ox.Store.read_only(str(store)))


def _grouped(quads: Iterable[ox.Quad]) -> Graphs:
    found: dict[str, set[ox.Quad]] = {}
    for quad in quads:
        assert not isinstance(quad.subject, ox.BlankNode) and not isinstance(quad.object, ox.BlankNode), quad
        assert isinstance(quad.graph_name, ox.NamedNode), quad
        found.setdefault(quad.graph_name.value, set()).add(quad)
    return {graph: frozenset(quads) for graph, quads in found.items()}


def exported(store: Path) -> Graphs:
    """The graphs of the store as ``luocdo export --format nq`` writes them."""
    done = luocdo("export", "--format", "nq", "--store", store)
    assert done.returncode == 0, done.stderr.decode()
    return graphs_of(done.stdout)


def _value(term: Any) -> str:
    """An IRI's or a literal's text (Luocdo's graphs hold no quoted triples)."""
    return str(term.value)


def document_keys(graphs: Graphs) -> list[str]:
    """The key of each document that has a graph of its own, once for every graph that stores it (a document
    stored twice would be listed twice)."""
    keys: list[str] = []
    for name, quads in graphs.items():
        if name == STUBS:
            continue
        own = {q.subject for q in quads if _value(q.predicate) == str(LDO.source)}
        keys.extend(_value(q.object) for q in quads if _value(q.predicate) == str(LDO.key) and q.subject in own)
    return keys


def expected_stubs(graphs: Graphs) -> set[str]:
    """The documents the stub graph must mark, and only those: cited somewhere, with no graph of their own."""
    cited = {_value(q.object) for name, quads in graphs.items() if name != STUBS for q in quads
             if _value(q.predicate) == str(ELI.cites)}
    own = {_value(q.subject) for quads in graphs.values() for q in quads if _value(q.predicate) == str(LDO.source)}
    return cited - own


def marked_stubs(graphs: Graphs) -> set[str]:
    """The documents the stub graph marks (it holds nothing but ``?d a ldo:Stub``: asserted)."""
    quads = graphs.get(STUBS, frozenset())
    assert all(_value(q.predicate) == _RDF_TYPE and _value(q.object) == str(LDO.Stub) for q in quads)
    return {_value(q.subject) for q in quads}


class CleanIngest:
    """One uninterrupted ``luocdo ingest CORPUS --store STORE``, started in the background at once (the tests
    that compare with it do their own work meanwhile); :meth:`graphs` waits for it and returns its graphs."""

    def __init__(self, corpus: Path, store: Path) -> None:
        self.store, self.log = store, store.with_name(store.name + ".log")
        with self.log.open("wb") as log:
            self._process = subprocess.Popen([str(LUOCDO), "ingest", str(corpus), "--store", str(store),
                                              "--no-progress"], stdout=subprocess.DEVNULL, stderr=log,
                                             start_new_session=True)
        self._graphs: Graphs | None = None

    def graphs(self, timeout: float = 900) -> Graphs:
        if self._graphs is None:
            status = self._process.wait(timeout=timeout)
            assert status == 0, self.log.read_text(errors="replace")[-2000:]
            self._graphs = stored(self.store)
        return self._graphs

    def close(self) -> None:
        _kill_group(self._process)


# --- an ingest killed in the middle of a write ----------------------------------------------------------------

class _Stderr(threading.Thread):
    """A child's stderr read as it comes; :attr:`files` is the count of the latest progress line
    (``[###…] n/total name``)."""

    _PROGRESS = re.compile(rb"\] (\d+)/\d+ ")

    def __init__(self, stream: IO[bytes]) -> None:
        super().__init__(daemon=True)
        self.stream, self.files, self.chunks = stream, 0, list[bytes]()

    def run(self) -> None:
        while chunk := self.stream.read1(65536):  # type: ignore[attr-defined]
            self.chunks.append(chunk)
            counts = self._PROGRESS.findall(b"".join(self.chunks[-2:])[-400:])
            if counts:
                self.files = max(self.files, int(counts[-1]))

    def text(self) -> str:
        return b"".join(self.chunks).decode(errors="replace")


@dataclass(frozen=True, slots=True)
class Killed:
    """Where an ingest was killed: in which of its bulk writes (1 = the first), how many files it had read, and
    whether that write's journal was still on disk (the kill came in the middle of the write)."""

    write: int
    files_read: int
    mid_write: bool


def ingest_killed_mid_write(corpus: Path, store: Path, write: int, timeout: float = 600) -> Killed:
    """``luocdo ingest CORPUS --store STORE``, killed with SIGKILL in the middle of its ``write``-th bulk write
    (the writes before it committed).

    Each write is seen by its journal appearing beside the store. At the ``write``-th the process is stopped
    (SIGSTOP, waited for); if the journal is still there it is killed with its reader processes (its whole process
    group: nothing is left to finish the write), else it goes on and the next write is taken. So the kill always
    lands inside a write, never blindly on a timer.
    """
    process = subprocess.Popen([str(LUOCDO), "ingest", str(corpus), "--store", str(store)], stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE, start_new_session=True)
    assert process.stderr is not None
    stderr = _Stderr(process.stderr)
    stderr.start()
    journal, start, seen, was_there = journal_of(store), time.monotonic(), 0, False
    try:
        while process.poll() is None:
            assert time.monotonic() - start < timeout, f"no write to kill within {timeout} s: {stderr.text()[-300:]}"
            there = journal.exists()
            seen += there and not was_there
            was_there = there
            if there and seen >= write and _stopped_inside_write(process, journal):
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
                return Killed(seen, stderr.files, journal.exists())
            time.sleep(0.0005)
        raise AssertionError(f"the ingest ended (status {process.returncode}) after {seen} writes, before write "
                             f"{write} could be killed: {stderr.text()[-500:]}")
    finally:
        _kill_group(process)
        stderr.join(timeout=5)
        process.stderr.close()


def _stopped_inside_write(process: subprocess.Popen[bytes], journal: Path) -> bool:
    """Stop the process; True (left stopped) if its write's journal is still there, else let it go on."""
    process.send_signal(signal.SIGSTOP)
    os.waitid(os.P_PID, process.pid, os.WSTOPPED | os.WEXITED | os.WNOWAIT)  # once stopped (or ended: not reaped)
    if journal.exists():
        return True
    process.send_signal(signal.SIGCONT)
    return False


def _kill_group(process: subprocess.Popen[bytes]) -> None:
    """Kill what is left of a process group we started (nothing, normally)."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=30)


# --- luocdo serve with writes on -------------------------------------------------------------------------------

class Serving:
    """``luocdo serve --store STORE`` on a fixed loopback port with writes on (a bearer token), in a process group
    of its own so that :meth:`kill` takes its SPARQL workers with it. Its stderr goes to ``log``."""

    def __init__(self, store: Path, log: Path, token: str = "luocdo-fault-tests") -> None:
        self.store, self.log, self.token = store, log, token
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.starts = 0  # how many processes have served so far (1 for the first)
        self._process: subprocess.Popen[bytes] | None = None

    def start(self, wait: float = 120) -> None:
        """Start the server and return once /health answers."""
        with self.log.open("ab") as log:
            self._process = subprocess.Popen(
                [str(LUOCDO), "serve", "--store", str(self.store), "--host", "127.0.0.1", "--port", str(self.port),
                 "--sparql-workers", "1"], stdout=subprocess.DEVNULL, stderr=log, start_new_session=True,
                env={**os.environ, "LUOCDO_TOKEN": self.token})
        self.starts += 1
        deadline = time.monotonic() + wait
        while not healthy(self.url):
            assert self._process.poll() is None, f"luocdo serve exited: {self.log.read_text()[-800:]}"
            assert time.monotonic() < deadline, f"luocdo serve did not answer /health within {wait} s"
            time.sleep(0.05)

    def kill(self) -> None:
        """SIGKILL the server and its workers at once, as a crash would."""
        assert self._process is not None
        _kill_group(self._process)

    def stop(self) -> None:
        """Stop the server the way an operator does (SIGTERM, it closes the store), then make sure nothing is left."""
        if self._process is None:
            return
        self._process.terminate()
        try:
            self._process.wait(timeout=30)
        finally:
            _kill_group(self._process)


def post_document(url: str, token: str, name: str, text: str, timeout: float = 120) -> tuple[int, dict[str, Any]]:
    """``POST /api/documents?name=NAME`` with the text and the bearer token: the status and the JSON answer.
    A connection that fails (the server is down or dies) raises :class:`OSError`."""
    request = urllib.request.Request(f"{url}/api/documents?name={urllib.parse.quote(name)}", data=text.encode(),
                                     method="POST", headers={"Authorization": f"Bearer {token}",
                                                             "Content-Type": "text/plain; charset=utf-8"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return int(response.status), json.load(response)
    except urllib.error.HTTPError as err:
        return int(err.code), json.load(err)


# --- a child that may not write where the modes forbid it --------------------------------------------------------

_PR_CAPBSET_DROP = 24  # prctl(2)
_FILE_POWERS = (1, 2, 3)  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH, CAP_FOWNER (capability.h)


def unprivileged() -> dict[str, Any]:
    """``subprocess`` options for a child bound by file modes as any user is.

    Root writes anywhere whatever the modes say (CAP_DAC_OVERRIDE). When the tests run as root, the child drops
    that power and its kin from its capability bounding set before it executes ``luocdo``, so the program starts
    without them: it is then an owner like any other, free to write its own files but not to add any to a folder
    of mode 555. (Running it as ``nobody`` instead would not work here: the interpreter lives under ``/root``.)
    """
    return {"preexec_fn": _drop_file_powers} if os.geteuid() == 0 else {}


def _drop_file_powers() -> None:
    libc = ctypes.CDLL(None, use_errno=True)
    for power in _FILE_POWERS:
        if libc.prctl(_PR_CAPBSET_DROP, power, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")
