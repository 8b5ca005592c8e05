"""What the routes depend on, declared once: the open services of the app (store, queries, SPARQL workers).

The lifespan of :func:`api.app.create_app` opens them; a route asks for them with ``ServicesDep``.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Annotated

from fastapi import Depends, Request

from api.settings import Settings
from graph.keys import Iris
from graph.queries import Queries
from graph.sparql import SparqlEndpoint
from graph.store import Store

__all__ = ["Services", "ServicesDep"]


@dataclass
class Services:
    settings: Settings
    store: Store
    queries: Queries
    sparql: SparqlEndpoint
    write_lock: threading.Lock = field(default_factory=threading.Lock)

    @classmethod
    def open(cls, settings: Settings) -> Services:
        store = Store(settings.store, Iris(settings.base))
        store.flush()  # the SPARQL workers open the store read-only and must see what is on disk
        sparql = SparqlEndpoint(settings.store, workers=settings.sparql_workers, timeout=settings.sparql_timeout,
                                max_rows=settings.sparql_max_rows)
        return cls(settings, store, Queries(store), sparql)

    def after_write(self) -> None:
        """A document was stored: the lineage graph and the SPARQL workers must see it."""
        self.store.flush()
        self.queries.refresh()
        self.sparql.data_changed()

    def close(self) -> None:
        self.sparql.close()
        self.store.flush()


def _services(request: Request) -> Services:
    services: Services = request.app.state.services
    return services


ServicesDep = Annotated[Services, Depends(_services)]
