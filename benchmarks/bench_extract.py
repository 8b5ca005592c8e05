"""Extraction throughput: documents per second on one core, on ~10 KB documents.

Run: ``.venv/bin/python benchmarks/bench_extract.py [--docs 2000]``. Documents are the seeds cut or
repeated to 10 KB of UTF-8, each made distinct (numbers and dates shifted) so no cache helps.
"""

from __future__ import annotations

import argparse
import re
import time
from pathlib import Path

from graph.decode import read_document
from graph.extract import extract

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"


def corpus(n: int, size: int = 10 * 1024) -> list[str]:
    """``n`` documents of ``size`` bytes of UTF-8 (cut at a character boundary), each distinct."""
    seeds = [read_document(p) for p in sorted(SEEDS.glob("*.txt"))]
    docs = []
    for i in range(n):
        text = seeds[i % len(seeds)]
        text = text * (size // len(text.encode()) + 1)
        text = re.sub(r"\b(\d{2,4})/", lambda m, i=i: f"{int(m.group(1)) + i}/", text)
        docs.append(text.encode()[:size].decode(errors="ignore"))
    return docs


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--docs", type=int, default=1000)
    args = parser.parse_args()
    docs = corpus(args.docs)
    extract(docs[0])  # warm caches of compiled patterns and the registry
    start = time.perf_counter()
    for i, doc in enumerate(docs):
        extract(doc, f"doc{i}.txt")
    elapsed = time.perf_counter() - start
    kb = sum(len(d.encode()) for d in docs) / 1024 / len(docs)
    print(f"{len(docs)} documents of {kb:.1f} KB in {elapsed:.2f} s: {len(docs) / elapsed:.0f} docs/s on one core")


if __name__ == "__main__":
    main()
