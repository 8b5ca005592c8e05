"""End-to-end ingest throughput: generated texts -> extraction -> RDF -> per-document SHACL -> Oxigraph on disk.

Run: ``PYTHONPATH=. .venv/bin/python benchmarks/bench_ingest.py [--docs 10000]``. Prints documents per second,
the time per document spent in SHACL validation, and the store's size on disk.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from benchmarks.corpus import write
from graph import ingest as ingest_module
from graph.ingest import ingest, source_files
from graph.store import Store


def _size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--docs", type=int, default=10_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        write(args.docs, Path(tmp) / "docs")
        files = source_files([Path(tmp) / "docs"], frozenset({".txt"}))
        store = Store(Path(tmp) / "store")
        shacl = [0.0]
        real_validate = ingest_module.validate_graph

        def timed(data):  # type: ignore[no-untyped-def]
            start = time.perf_counter()
            try:
                return real_validate(data)
            finally:
                shacl[0] += time.perf_counter() - start

        ingest_module.validate_graph = timed
        start = time.perf_counter()
        summary = ingest(files, store)
        elapsed = time.perf_counter() - start
        kb = sum(f.path.stat().st_size for f in files) / len(files) / 1024
        print(f"{len(files)} documents of {kb:.1f} KB: {summary.line()}")
        print(f"ingest {len(files) / elapsed:.1f} docs/s ({elapsed:.1f} s); SHACL {1000 * shacl[0] / len(files):.1f} "
              f"ms/document; {len(store)} quads; store {_size(Path(tmp) / 'store') / 2**20:.1f} MiB on disk")
        for rejection in summary.rejected[:3]:
            print("rejected:", rejection.reason[:300])
        del store


if __name__ == "__main__":
    main()
