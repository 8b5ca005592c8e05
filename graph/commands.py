"""The knowledge-graph commands of ``luocdo``: ingest, validate, export, import, lineage.

The store is a SPARQL 1.1 server when ``--endpoint URL`` (or ``$LUOCDO_SPARQL_ENDPOINT``) is given
(:mod:`graph.remote`; ``--update-endpoint``, credentials from ``$LUOCDO_SPARQL_USER`` /
``$LUOCDO_SPARQL_PASSWORD`` or ``$LUOCDO_SPARQL_BEARER``), else the embedded store in ``--store DIR``, else
``$LUOCDO_STORE``, else ``~/.local/share/luocdo/store``.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import Dataset, Graph

from graph import exports
from graph import lineage as lin
from graph.decode import MAX_BYTES
from graph.ingest import ingest, source_files, validate_store
from graph.keys import DEFAULT_BASE, Iris
from graph.queries import Queries
from graph.remote import Server
from graph.sparql import PREFIXES
from graph.store import Store, default_store_path
from graph.uploads import read_backup

__all__ = ["SUFFIXES", "add_graph_commands", "open_store"]

SUFFIXES = frozenset({".txt", ".md", ".html", ".htm", ".text"})
RELATIONS = ("based_on", "implements", "guides", "amends", "replaces", "repeals", "cites")


def open_store(args: argparse.Namespace, *, read_only: bool = False) -> Store:
    """The store the options name: a SPARQL server (``--endpoint``, ``$LUOCDO_SPARQL_ENDPOINT``) or the
    embedded store's folder."""
    if args.store and args.endpoint:
        print("lỗi / error: --store hoặc --endpoint, không cả hai / --store or --endpoint, not both", file=sys.stderr)
        raise SystemExit(2)
    server = None if args.store else Server.from_env(args.endpoint, args.update_endpoint)
    if server is not None:
        return Store.remote(server, Iris(args.base))
    path = Path(args.store).expanduser() if args.store else default_store_path()
    if read_only and not path.exists():
        print(f"lỗi / error: chưa có kho dữ liệu tại {path} / no store at {path} (luocdo ingest …)", file=sys.stderr)
        raise SystemExit(2)
    return Store(path, Iris(args.base), read_only=read_only)


def _progress(n: int, total: int, name: str) -> None:
    width = 30
    done = width * n // total
    print(f"\r[{'#' * done}{'.' * (width - done)}] {n}/{total} {name}"[:100].ljust(100), end="", file=sys.stderr,
          flush=True)


def _ingest(args: argparse.Namespace) -> int:
    store = open_store(args)
    files = source_files(args.paths, SUFFIXES)
    show = args.progress and len(files) > 1
    summary = ingest(files, store, max_bytes=args.max_bytes, progress=_progress if show else None)
    if show:
        print(file=sys.stderr)
    for rejection in summary.rejected:
        print(f"từ chối / rejected: {rejection.source}: {rejection.reason}", file=sys.stderr)
    for source, finding in summary.warnings if args.verbose else ():
        print(f"cảnh báo / warning: {source}: {finding}", file=sys.stderr)
    print(summary.line(), file=sys.stderr)
    return 1 if summary.rejected or not files else 0


def _validate(args: argparse.Namespace) -> int:
    store = open_store(args, read_only=True)
    violations = warnings = 0
    for key, report in validate_store(store):
        for finding in report.findings if args.verbose else report.violations:
            print(f"{key}: {finding}")
        violations += len(report.violations)
        warnings += len(report.warnings)
    print(f"vi phạm / violations {violations} · cảnh báo / warnings {warnings}", file=sys.stderr)
    return 1 if violations else 0


def _export(args: argparse.Namespace) -> int:
    store = open_store(args, read_only=True)
    out = sys.stdout.buffer
    if args.format == "nq":
        out.write(b"".join(sorted(store.dump(ox.RdfFormat.N_QUADS).splitlines(keepends=True))))
    elif args.format == "trig":
        out.write(store.dump(ox.RdfFormat.TRIG))
    elif args.format in ("ttl", "jsonld"):
        dataset = Dataset()
        dataset.parse(data=store.dump(ox.RdfFormat.N_QUADS), format="nquads")
        union = Graph()
        for s, p, o, _ in dataset.quads((None, None, None, None)):
            union.add((s, p, o))
        out.write(union.serialize(format="turtle" if args.format == "ttl" else "json-ld").encode())
    elif args.format == "rdfxml":
        out.write(exports.rdf_xml(store.dump(ox.RdfFormat.N_QUADS), PREFIXES))
    elif args.format == "csv":
        out.write(exports.documents_csv(exports.document_rows(lin.citation_graph(store))))
    else:
        write = exports.gexf if args.format == "gexf" else exports.graphml
        out.write(write(lin.citation_graph(store)).encode())
    return 0


def _import(args: argparse.Namespace) -> int:
    backup = read_backup(Path(args.file))  # all of it checked before the store is opened: a bad file changes nothing
    store = open_store(args)
    store.load_nquads(backup)
    store.refresh_stubs()
    print(f"đã nạp / loaded {args.file}: {len(store)} bộ bốn / quads", file=sys.stderr)
    return 0


def _lineage(args: argparse.Namespace) -> int:
    store = open_store(args, read_only=True)
    # on disk: from the snapshot beside the store when there is one of use (graph.snapshot)
    graph = Queries(store).graph if store.path is not None else lin.citation_graph(store)
    key = lin.find_document(graph, args.document, args.scope, args.year)
    relations = set(args.relations) if args.relations else None
    view = lin.lineage(graph, key, args.direction, args.depth, relations)
    if args.format == "tree":
        print(lin.tree(view, key, args.direction, args.depth))
    elif args.format == "json":
        data: dict[str, Any] = lin.node_link(view)
        print(json.dumps(data, ensure_ascii=False, indent=1))
    elif args.format in ("graphml", "gexf"):
        print(exports.graphml(view) if args.format == "graphml" else exports.gexf(view))
    else:
        print(lin.dot(view))
    return 0


def _store_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--store", help="thư mục kho / store folder (default $LUOCDO_STORE or "
                                        "~/.local/share/luocdo/store)")
    parser.add_argument("--base", default=DEFAULT_BASE, help=f"base IRI of the data (default {DEFAULT_BASE})")
    parser.add_argument("--endpoint", help="máy chủ SPARQL 1.1 thay cho kho nhúng / a SPARQL 1.1 server's query URL "
                                           "instead of the embedded store (default $LUOCDO_SPARQL_ENDPOINT)")
    parser.add_argument("--update-endpoint", help="its update URL (default $LUOCDO_SPARQL_UPDATE_ENDPOINT, else "
                                                  "derived from the query URL by the server's convention)")


def add_graph_commands(commands: Any) -> None:
    """Add ingest, validate, export, import and lineage to the ``luocdo`` parser."""
    ing = commands.add_parser("ingest", help="nạp văn bản vào kho / build the graph from documents")
    ing.add_argument("paths", nargs="+")
    ing.add_argument("--max-bytes", type=int, default=MAX_BYTES)
    ing.add_argument("--no-progress", dest="progress", action="store_false")
    ing.add_argument("--verbose", "-v", action="store_true", help="list the warnings too")
    _store_options(ing)
    ing.set_defaults(func=_ingest)

    val = commands.add_parser("validate", help="kiểm tra SHACL toàn kho / run the shapes over the store")
    val.add_argument("--verbose", "-v", action="store_true", help="list the warnings too")
    _store_options(val)
    val.set_defaults(func=_validate)

    exp = commands.add_parser("export", help="xuất kho / dump the store")
    exp.add_argument("--format", choices=("nq", "trig", "ttl", "jsonld", "rdfxml", "graphml", "gexf", "csv"),
                     default="nq", help="nq, trig: a backup; ttl, jsonld, rdfxml: the union graph; graphml, gexf: the "
                                        "citation graph (Gephi, yEd); csv: the documents (Excel)")
    _store_options(exp)
    exp.set_defaults(func=_export)

    imp = commands.add_parser("import", help="nạp bản sao lưu / restore a backup (N-Quads, TriG, JSON-LD)")
    imp.add_argument("file", help="a backup: .nq, .trig or .jsonld with named graphs (luocdo export --format nq)")
    _store_options(imp)
    imp.set_defaults(func=_import)

    lng = commands.add_parser("lineage", help="lược đồ văn bản / a document's lineage")
    lng.add_argument("document", help="số ký hiệu (any spacing/case) or key, e.g. 503/KH-UBND")
    lng.add_argument("--scope", help="tỉnh hoặc VN / province or VN")
    lng.add_argument("--year", type=int)
    way = lng.add_mutually_exclusive_group()
    way.add_argument("--up", dest="direction", action="store_const", const="up")
    way.add_argument("--down", dest="direction", action="store_const", const="down")
    way.add_argument("--both", dest="direction", action="store_const", const="both")
    lng.add_argument("--depth", type=int, default=3)
    lng.add_argument("--relations", nargs="+", choices=RELATIONS)
    lng.add_argument("--format", choices=("tree", "json", "graphml", "gexf", "dot"), default="tree")
    _store_options(lng)
    lng.set_defaults(func=_lineage, direction="up")
