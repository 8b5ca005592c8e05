"""The citation graph kept beside an embedded store, so that ``luocdo serve`` can answer within seconds of starting
instead of reading every document first (0.3 s instead of 12–29 s at 10,000 documents).

Two files sit beside the store folder ``S`` (as ``S.loading`` and ``S.stubs-lag`` do):

- ``S.changes``, the store's list of writes: its first line an id, then one line per write, appended (and
  synced) *before* the write by :meth:`graph.store.Store.commit` and :meth:`~graph.store.Store.load_nquads`
  through :func:`note_write`: ``+ KEY KEY …`` when the write only adds the graphs of new documents, ``*`` for
  anything else (a replaced file, a renamed stub, a backup loaded);
- ``S.lineage.json``, the snapshot: the citation graph, the agencies and the whole-corpus counts
  (:class:`graph.indexes.Aggregates`) as read at a place in ``S.changes`` (its id and length), written by
  :class:`graph.queries.Queries` after it read them.

Opening (:func:`load`), the snapshot is used when the store's list of writes has the same id and, since the
snapshot's place, only additions: the added documents are then read as after an upload
(:func:`graph.lineage.update_citation_graph`). Anything else, or no snapshot, and the store is read in full (and a
new snapshot written). The line goes first, synced, so that no write the store holds is missing from the list
(a snapshot would then be behind the store without knowing it); a write that fails after its line leaves an
addition of a graph that is not there, which adds nothing. Every write to the documents' graphs must therefore go
through ``Store.commit`` or ``Store.load_nquads``.

The files are plain JSON and text: nothing in them is run.

>>> mark_of(None) is None
True
"""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import networkx as nx

__all__ = ["FORMAT", "Mark", "Snapshot", "additions_since", "changes_file", "load", "mark_of", "note_write", "save",
           "snapshot_file"]

FORMAT = 3  # changes when what the snapshot holds, or how the citation graph is read, changes
_FIELDS = ("key", "type", "number", "date", "year", "issuer", "scope", "title", "stub", "source")
_RESTRUCTURED = "*"


def changes_file(store_path: Path) -> Path:
    return store_path.with_name(store_path.name + ".changes")


def snapshot_file(store_path: Path) -> Path:
    return store_path.with_name(store_path.name + ".lineage.json")


@dataclass(frozen=True, slots=True)
class Mark:
    """A place in a store's list of writes: its id and how many bytes of it had been written."""

    id: str
    length: int


def note_write(store_path: Path, added: Sequence[str] | None) -> None:
    """Before a write to the store at ``store_path``: ``added``, the keys of the new documents it only adds, or
    None when it changes anything else."""
    path = changes_file(store_path)
    line = _RESTRUCTURED if added is None else " ".join(["+", *added])
    with path.open("a", encoding="utf-8") as out:
        if out.tell() == 0:
            out.write(f"luocdo-changes {uuid.uuid4().hex}\n")
        out.write(line + "\n")
        out.flush()
        os.fsync(out.fileno())


def mark_of(store_path: Path | None) -> Mark | None:
    """Where the list of writes of the store at ``store_path`` stands now (None: no list, no path)."""
    if store_path is None:
        return None
    try:
        with changes_file(store_path).open("rb") as found:
            head = found.readline()
            found.seek(0, os.SEEK_END)
            return Mark(head.decode("utf-8", "replace").strip(), found.tell())
    except FileNotFoundError:
        return Mark("", 0)


def additions_since(store_path: Path, mark: Mark) -> list[str] | None:
    """The keys of the documents added since ``mark``, in order; None when anything else was written since (or
    the list is another one: made anew, cut)."""
    now = mark_of(store_path)
    if now is None or now.id != mark.id or now.length < mark.length:
        return None
    if now.length == mark.length:
        return []
    with changes_file(store_path).open("rb") as found:
        found.seek(mark.length)
        text = found.read(now.length - mark.length).decode("utf-8")
    keys: list[str] = []
    for line in text.splitlines():
        if not line.startswith("+"):
            return None
        keys.extend(line.split()[1:])
    return keys


@dataclass(frozen=True, slots=True)
class Snapshot:
    mark: Mark
    graph: nx.DiGraph[str]
    agencies: dict[str, dict[str, Any]]
    aggregates: dict[str, Any]  # graph.indexes.Aggregates.export()


def save(store_path: Path, base: str, mark: Mark, graph: nx.DiGraph[str], agencies: dict[str, dict[str, Any]],
         aggregates: dict[str, Any] | None = None) -> None:
    """Write the snapshot of ``graph``, ``agencies`` and the ``aggregates`` as read at ``mark`` (atomically:
    another file, renamed)."""
    keys = list(graph)
    index = {k: i for i, k in enumerate(keys)}
    links = [(a, b, str(d["relation"])) for a, b, d in graph.edges(data=True)]
    relations = sorted({r for _, _, r in links})
    number = {r: i for i, r in enumerate(relations)}
    data = {"format": FORMAT, "base": base, "mark": [mark.id, mark.length], "relations": relations,
            "nodes": [[graph.nodes[k].get(f) for f in _FIELDS] for k in keys],
            "links": [[index[a], index[b], number[r]] for a, b, r in links],
            "agencies": agencies, "aggregates": aggregates or {}}
    path = snapshot_file(store_path)
    written = path.with_name(path.name + ".new")
    written.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    written.replace(path)


def load(store_path: Path, base: str) -> Snapshot | None:
    """The snapshot beside the store, if there is one of this format and base (whether it is still of use is
    :func:`additions_since`'s to say)."""
    try:
        data = json.loads(snapshot_file(store_path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("format") != FORMAT or data.get("base") != base:
        return None
    try:
        graph: nx.DiGraph[str] = nx.DiGraph()
        nodes = data["nodes"]
        graph.add_nodes_from((row[0], dict(zip(_FIELDS, row, strict=True))) for row in nodes)
        relations = data["relations"]
        graph.add_edges_from((nodes[a][0], nodes[b][0], {"relation": relations[r]}) for a, b, r in data["links"])
        mark = Mark(str(data["mark"][0]), int(data["mark"][1]))
        aggregates = data.get("aggregates")
        return Snapshot(mark, graph, dict(data["agencies"]), aggregates if isinstance(aggregates, dict) else {})
    except (KeyError, IndexError, TypeError, ValueError):
        return None
