"""The ``luocdo`` command.

- ``luocdo extract FILE_OR_DIR... [--json]``: one JSON array of records on stdout (``--json``) or a readable
  summary; progress and problems on stderr; exit status 1 when any file could not be read.
- ``luocdo ingest``, ``validate``, ``export``, ``import``, ``lineage``: the knowledge graph
  (:mod:`graph.commands`).
- Commands that other packages register under the ``luocdo.commands`` entry point: ``luocdo serve`` (``api``).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator, Sequence
from importlib.metadata import entry_points
from pathlib import Path

from graph.commands import add_graph_commands
from graph.decode import MAX_BYTES, read_document
from graph.errors import LuocdoError
from graph.extract import Extraction, extract
from graph.records import to_record

__all__ = ["main"]

_SUFFIXES = {".txt", ".md", ".html", ".htm", ".text"}


def _files(paths: Sequence[str]) -> Iterator[Path]:
    for name in paths:
        path = Path(name)
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in _SUFFIXES)
        else:
            yield path


def _summary(ex: Extraction) -> str:
    ref = ex.document.ref
    lines = [f"{ex.source}: {ref.type or 'Văn bản'} {ref.number or '(chưa số / no number)'} · {ref.issuer or '?'}"
             f" · {ref.date or ref.year or '?'} · {ref.scope or '?'}"]
    if ref.title:
        lines.append(f"  {ref.title}")
    for r in ex.references:
        lines.append(f"  → {r.relation:<10} {r.target.type} {r.target.number or r.target.title} ({r.target.scope})")
    lines.append(f"  phong trào/campaigns {len(ex.campaigns)} · nhiệm vụ/tasks {len(ex.tasks)}"
                 f" · chỉ tiêu/targets {len(ex.targets)}")
    return "\n".join(lines)


def _extract_command(args: argparse.Namespace) -> int:
    files = list(_files(args.paths))
    records, failed = [], 0
    for n, path in enumerate(files, 1):
        if args.progress and len(files) > 1:
            print(f"\r[{n}/{len(files)}] {path.name}"[:80].ljust(80), end="", file=sys.stderr, flush=True)
        try:
            text = read_document(path, args.max_bytes)
            ex = extract(text, path.name)
        except LuocdoError as err:
            failed += 1
            print(f"\nlỗi / error: {err}", file=sys.stderr)
            continue
        except OSError as err:
            failed += 1
            print(f"\nlỗi / error: {path}: không đọc được tệp / cannot read file ({err.strerror})", file=sys.stderr)
            continue
        records.append(to_record(ex) if args.json else _summary(ex))
    if args.progress and len(files) > 1:
        print(file=sys.stderr)
    if args.json:
        json.dump(records, sys.stdout, ensure_ascii=False, indent=1)
        print()
    else:
        print("\n\n".join(str(r) for r in records))
    print(f"{len(records)} tệp đã đọc / files read, {failed} lỗi / failed", file=sys.stderr)
    return 1 if failed or not files else 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="luocdo", description="Luocdo: lược đồ văn bản / document lineage")
    commands = parser.add_subparsers(dest="command", required=True)
    ext = commands.add_parser("extract", help="đọc văn bản / read documents into extraction records")
    ext.add_argument("paths", nargs="+", help="files or folders (.txt, .md, .html)")
    ext.add_argument("--json", action="store_true", help="print one JSON array of records")
    ext.add_argument("--max-bytes", type=int, default=MAX_BYTES, help=f"size limit per file (default {MAX_BYTES})")
    ext.add_argument("--no-progress", dest="progress", action="store_false", help="no progress line on stderr")
    ext.set_defaults(func=_extract_command)
    add_graph_commands(commands)
    for plugin in entry_points(group="luocdo.commands"):  # `serve` comes from api/, which graph/ never imports
        plugin.load()(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args))
    except LuocdoError as err:
        print(f"lỗi / error: {err}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("đã dừng / interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
