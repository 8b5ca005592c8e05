"""Faults: nothing lost, nothing half stored (issue 7).

Each test runs the real ``luocdo`` command or a real ``luocdo serve`` in a process of its own and breaks it the way
the world does: ``kill -9`` in the middle of a write, a disk that fills, a store folder that may not be written,
clients posting at the same time, a server killed while they post. Stores are compared graph by graph with a clean
ingest of the same files (``tests/durability.py``: one set of quads per named graph; no blank nodes, so equal sets
mean isomorphic graphs). ``docs/security.md`` (Faults and durability) lists what each test proves.
"""

from __future__ import annotations

import json
import resource
import signal
import subprocess
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from durability import (
    STUBS,
    CleanIngest,
    Graphs,
    Serving,
    document_keys,
    expected_stubs,
    ingest_killed_mid_write,
    luocdo,
    marked_stubs,
    post_document,
    stored,
    unprivileged,
)
from rdflib import Dataset, URIRef
from rdflib.compare import isomorphic

from benchmarks.corpus import write
from benchmarks.http_load import free_port
from graph.backends import journal_of
from graph.store import marks_lag_file


@pytest.fixture(scope="session")
def corpus_2000(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """2,000 generated documents (``luocdo bench generate --docs 2000 --seed 1``), written once per run."""
    folder = tmp_path_factory.mktemp("corpus-2000")
    write(2000, folder, seed=1)
    return folder


@pytest.fixture(scope="session")
def clean_2000(corpus_2000: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[CleanIngest]:
    """One uninterrupted ``luocdo ingest`` of the 2,000 documents, running in the background from the start."""
    reference = CleanIngest(corpus_2000, tmp_path_factory.mktemp("clean-2000") / "store")
    yield reference
    reference.close()


def _whole_or_absent(store: Graphs, clean: Graphs) -> list[str]:
    """The document graphs of ``store``, each checked to be exactly what the clean ingest made of its file.

    In the generated corpora a document's graph depends on its own text only (no reference leaves its scope or
    year for the store to resolve), so the clean ingest of a whole corpus is the reference for any part of it,
    ingested in any order."""
    documents = [g for g in store if g != STUBS]
    for graph in documents:
        assert store[graph] == clean[graph], f"{graph} differs from the clean ingest's"
    return documents


def _stubs_consistent(graphs: Graphs) -> None:
    """The stub graph marks every cited document that has no graph of its own, and nothing else."""
    assert marked_stubs(graphs) == expected_stubs(graphs)


def test_kill_9_in_the_middle_of_an_ingest_loses_nothing_and_a_rerun_completes_it(
        corpus_2000: Path, clean_2000: CleanIngest, tmp_path: Path) -> None:
    store = tmp_path / "store"
    killed = ingest_killed_mid_write(corpus_2000, store, write=2)  # the first batch is in, the next half written
    assert killed.mid_write and killed.write == 2

    validated = luocdo("validate", "--store", store)  # the first open after the crash finishes the write
    assert validated.returncode == 0, validated.stdout.decode()[-2000:] + validated.stderr.decode()[-2000:]
    assert not journal_of(store).exists() and not marks_lag_file(store).exists()
    assert not list(store.glob("bulk-*.sst"))
    crashed = stored(store)
    _stubs_consistent(crashed)

    rerun = luocdo("ingest", corpus_2000, "--store", store, "--no-progress")
    assert rerun.returncode == 0, rerun.stderr.decode()[-2000:]
    final, clean = stored(store), clean_2000.graphs()

    documents = _whole_or_absent(crashed, clean)
    assert 0 < len(documents) < killed.files_read <= 2000
    assert f"không đổi / unchanged {len(documents)} " in rerun.stderr.decode()
    keys = document_keys(final)
    assert len(keys) == len(set(keys)) == 2000
    assert final == clean


# --- uploads to a real luocdo serve -----------------------------------------------------------------------------

CLIENTS, EACH = 4, 50


@pytest.fixture(scope="session")
def folder_200(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """200 generated documents (seed 2), written once per run."""
    folder = tmp_path_factory.mktemp("corpus-200")
    write(CLIENTS * EACH, folder, seed=2)
    return folder


@pytest.fixture(scope="session")
def corpus_200(folder_200: Path) -> list[tuple[str, str]]:
    """The 200 documents as (file name, text), in date order."""
    return [(path.name, path.read_text(encoding="utf-8")) for path in sorted(folder_200.iterdir())]


@pytest.fixture(scope="session")
def clean_200(folder_200: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[CleanIngest]:
    """One uninterrupted ``luocdo ingest`` of the 200 documents, in the background from the start."""
    reference = CleanIngest(folder_200, tmp_path_factory.mktemp("clean-200") / "store")
    yield reference
    reference.close()


@dataclass(frozen=True, slots=True)
class Ack:
    """A server's answer that stored (201) or already had (200) a document, and which server process gave it."""

    name: str
    status: int
    key: str
    server: int


class Clients:
    """``CLIENTS`` threads, each posting its share of the documents one after the other. A post that finds no
    server (refused, reset) waits for :attr:`up` and tries again; every answer is kept in :attr:`acks` or, when
    it is not 200/201, in :attr:`refused`."""

    def __init__(self, server: Serving, documents: list[tuple[str, str]]) -> None:
        self.server, self.up = server, threading.Event()
        self.acks: list[Ack] = []
        self.refused: list[tuple[str, int, dict[str, Any]]] = []
        self._lock = threading.Lock()
        shares = [documents[i::CLIENTS] for i in range(CLIENTS)]
        self._threads = [threading.Thread(target=self._post_all, args=(share,), daemon=True) for share in shares]
        self.up.set()

    def start(self) -> None:
        for thread in self._threads:
            thread.start()

    def join(self, timeout: float = 600) -> None:
        deadline = time.monotonic() + timeout
        for thread in self._threads:
            thread.join(max(0.0, deadline - time.monotonic()))
            assert not thread.is_alive(), "a client did not finish"

    def acknowledged(self) -> int:
        with self._lock:
            return len(self.acks)

    def _post_all(self, share: list[tuple[str, str]]) -> None:
        for name, text in share:
            self._post(name, text)

    def _post(self, name: str, text: str) -> None:
        while True:
            self.up.wait()
            server = self.server.starts
            try:
                status, body = post_document(self.server.url, self.server.token, name, text)
            except OSError:
                time.sleep(0.05)
                continue
            with self._lock:
                if status in (200, 201):
                    self.acks.append(Ack(name, status, str(body["key"]), server))
                else:
                    self.refused.append((name, status, body))
            return


def _validates(store: Path) -> None:
    done = luocdo("validate", "--store", store)
    assert done.returncode == 0, done.stdout.decode()[-2000:] + done.stderr.decode()[-2000:]


def _once_each(graphs: Graphs, acks: list[Ack], expected: int) -> None:
    """Every document present once, and every acknowledged key among them."""
    keys = document_keys(graphs)
    assert len(keys) == len(set(keys)) == expected
    assert {a.key for a in acks} <= set(keys)


def test_four_clients_posting_50_documents_each_store_all_200_once(
        corpus_200: list[tuple[str, str]], clean_200: CleanIngest, tmp_path: Path) -> None:
    store = tmp_path / "store"
    store.mkdir()
    server = Serving(store, tmp_path / "serve.log")
    server.start()
    try:
        clients = Clients(server, corpus_200)
        clients.start()
        clients.join()
    finally:
        server.stop()
    assert not clients.refused
    assert len(clients.acks) == CLIENTS * EACH and {a.status for a in clients.acks} == {201}
    _validates(store)
    graphs = stored(store)
    _once_each(graphs, clients.acks, CLIENTS * EACH)
    assert graphs == clean_200.graphs()


RESTART_DOCS, KILL_AFTER = 60, 20


def _wait_for(condition: Any, timeout: float = 300) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.01)


def _answers(url: str, key: str) -> bool:
    with urllib.request.urlopen(f"{url}/api/documents/{key}", timeout=30) as response:
        return bool(response.status == 200 and json.load(response)["key"] == key)


def test_a_server_killed_while_clients_post_serves_the_same_data_after_restart(
        corpus_200: list[tuple[str, str]], clean_200: CleanIngest, tmp_path: Path) -> None:
    store = tmp_path / "store"
    store.mkdir()
    server = Serving(store, tmp_path / "serve.log")
    server.start()
    clients = Clients(server, corpus_200[:RESTART_DOCS])
    try:
        clients.start()
        _wait_for(lambda: clients.acknowledged() >= KILL_AFTER)
        clients.up.clear()  # posts that fail from now on wait for the restart
        server.kill()

        _validates(store)  # the first open after the kill
        crashed = stored(store)
        _whole_or_absent(crashed, clean_200.graphs())
        _stubs_consistent(crashed)

        server.start()
        seen_before = [a for a in list(clients.acks) if a.server == 1]
        assert len(seen_before) >= KILL_AFTER
        assert all(_answers(server.url, a.key) for a in seen_before)
        clients.up.set()
        clients.join()
    finally:
        server.stop()
    assert not clients.refused and server.starts == 2
    assert {a.key for a in clients.acks if a.server == 1} <= set(document_keys(crashed))
    _validates(store)
    final = stored(store)
    _once_each(final, clients.acks, RESTART_DOCS)
    _whole_or_absent(final, clean_200.graphs())
    _stubs_consistent(final)


# --- a full disk, a read-only store folder ------------------------------------------------------------------------

FIRST = 60  # documents stored before the fault; the other 140 meet it
FILE_LIMIT = 256 * 1024  # bytes a file may reach (RLIMIT_FSIZE): the store opens, a batch's bulk load does not fit


def _split(corpus: list[tuple[str, str]], root: Path) -> tuple[Path, Path]:
    """The corpus in two folders: the first ``FIRST`` documents, and the rest."""
    first, rest = root / "first", root / "rest"
    for folder, part in ((first, corpus[:FIRST]), (rest, corpus[FIRST:])):
        folder.mkdir(parents=True)
        for name, text in part:
            (folder / name).write_text(text, encoding="utf-8")
    return first, rest


def _files_limited(limit: int) -> Callable[[], None]:
    """For ``preexec_fn``: no file of the child (and its workers) may grow past ``limit`` bytes — a full disk
    without root or a loop device. SIGXFSZ is ignored, so the write fails with EFBIG as on a full disk it fails
    with ENOSPC, and the program has to say so."""
    def limited() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    return limited


def _clear_error(done: subprocess.CompletedProcess[bytes], store: Path, vi: str, en: str) -> None:
    """Exit status 2 and one line on stderr: in Vietnamese and English, naming the store and why; no traceback."""
    said = done.stderr.decode()
    assert done.returncode == 2, said
    assert said.startswith("lỗi / error: ") and len(said.strip().splitlines()) == 1, said
    assert str(store) in said and vi in said and en in said and " / " in said, said
    assert "Traceback" not in said


def test_a_full_disk_stops_the_ingest_with_a_clear_error_and_no_partial_document(
        corpus_200: list[tuple[str, str]], clean_200: CleanIngest, tmp_path: Path) -> None:
    first, rest = _split(corpus_200, tmp_path)
    store = tmp_path / "store"
    assert luocdo("ingest", first, "--store", store, "--no-progress").returncode == 0
    before = stored(store)

    full = luocdo("ingest", rest, "--store", store, "--no-progress", preexec_fn=_files_limited(FILE_LIMIT))
    _clear_error(full, store, vi="vượt giới hạn dung lượng", en="size limit")
    _validates(store)
    after = stored(store)
    documents = _whole_or_absent(after, clean_200.graphs())
    assert set(before) - {STUBS} <= set(documents) and len(documents) < len(corpus_200)
    _stubs_consistent(after)

    again = luocdo("ingest", rest, "--store", store, "--no-progress")  # room again: the same command finishes
    assert again.returncode == 0, again.stderr.decode()[-2000:]
    assert stored(store) == clean_200.graphs()


def test_a_read_only_store_folder_is_refused_with_a_clear_error_and_left_as_it_was(
        corpus_200: list[tuple[str, str]], tmp_path: Path) -> None:
    first, rest = _split(corpus_200, tmp_path)
    store = tmp_path / "store"
    assert luocdo("ingest", first, "--store", store, "--no-progress").returncode == 0
    before = stored(store)
    backup = tmp_path / "backup.nq"
    backup.write_bytes(luocdo("export", "--format", "nq", "--store", store).stdout)
    store.chmod(0o555)
    try:
        for command in (("ingest", rest), ("import", backup), ("serve", "--port", free_port())):
            refused = luocdo(*command, "--store", store, timeout=60, **unprivileged())
            _clear_error(refused, store, vi="không có quyền ghi", en="no permission to write")
    finally:
        store.chmod(0o755)
    assert stored(store) == before


# --- backup and restore --------------------------------------------------------------------------------------------

def _named_graphs(data: bytes) -> Dataset:
    dataset = Dataset()
    dataset.parse(data=data, format="nquads")
    return dataset


def _graph_names(dataset: Dataset) -> set[str]:
    """The named graphs of the data (not rdflib's own default graph)."""
    names = (str(g.identifier) for g in dataset.graphs() if len(g))
    return {name for name in names if not name.startswith("urn:x-rdflib")}


def test_export_then_import_into_an_empty_store_gives_the_same_graphs(clean_200: CleanIngest, tmp_path: Path) -> None:
    clean_200.graphs()  # the ingest has finished
    backup = tmp_path / "backup.nq"
    exported_ = luocdo("export", "--format", "nq", "--store", clean_200.store)
    assert exported_.returncode == 0, exported_.stderr.decode()
    backup.write_bytes(exported_.stdout)
    restored = tmp_path / "restored"
    imported = luocdo("import", backup, "--store", restored)
    assert imported.returncode == 0, imported.stderr.decode()
    _validates(restored)

    original = _named_graphs(exported_.stdout)
    again = _named_graphs(luocdo("export", "--format", "nq", "--store", restored).stdout)
    names = _graph_names(original)
    assert names == _graph_names(again) and STUBS in names and len(names) == len(clean_200.graphs())
    for name in sorted(names):
        assert isomorphic(original.graph(URIRef(name)), again.graph(URIRef(name))), name
