"""(being written)"""

from __future__ import annotations

from graph.store import Store


class Queries:
    def __init__(self, store: Store) -> None:
        self.store = store

    def refresh(self) -> None:
        pass
