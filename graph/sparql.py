"""(being written: the read-only SPARQL endpoint with killable worker processes)"""

from __future__ import annotations

from pathlib import Path

__all__ = ["SparqlEndpoint"]


class SparqlEndpoint:
    def __init__(self, store_path: Path, *, workers: int = 2, timeout: float = 30.0, max_rows: int = 10_000) -> None:
        self.store_path, self.workers, self.timeout, self.max_rows = store_path, workers, timeout, max_rows

    def data_changed(self) -> None:
        pass

    def close(self) -> None:
        pass
