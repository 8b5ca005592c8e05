"""What the routes depend on, declared once: the open services of the app (store, queries, SPARQL workers).

The lifespan of :func:`api.app.create_app` opens them; a route asks for them with ``ServicesDep``.
"""

from __future__ import annotations

import secrets
import threading
from dataclasses import dataclass, field
from typing import Annotated

from fastapi import Depends, Header, Request

from api.errors import Problem
from api.settings import Settings
from graph.ingest import IngestSummary, ingest_document
from graph.keys import Iris
from graph.queries import Queries
from graph.sparql import SparqlEndpoint
from graph.store import Store

__all__ = ["Services", "ServicesDep", "WriterDep"]


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

    def add_document(self, text: str, name: str) -> tuple[str | None, IngestSummary]:
        """Ingest one uploaded document, one writer at a time; the caller tells the user what happened."""
        with self.write_lock:
            key, summary = ingest_document(text, name, self.store)
            if summary.accepted:
                self.after_write(None if summary.restructured else key)
        return key, summary

    def after_write(self, added: str | None = None) -> None:
        """A document was stored: the lineage graph and the SPARQL workers must see it."""
        self.store.flush()
        self.queries.refresh(added)
        self.sparql.data_changed()

    def close(self) -> None:
        self.sparql.close()
        self.store.flush()


def _services(request: Request) -> Services:
    services: Services = request.app.state.services
    return services


ServicesDep = Annotated[Services, Depends(_services)]


def _writer(services: ServicesDep, authorization: Annotated[str | None, Header()] = None) -> None:
    """Writes need ``Authorization: Bearer <token>``; with no token configured, writes are off."""
    token = services.settings.token
    if not services.settings.writes_enabled or token is None:
        raise Problem(403, "Writes Disabled", "máy chủ không nhận ghi (chưa đặt LUOCDO_TOKEN) / "
                                              "writes are disabled on this server (no LUOCDO_TOKEN)")
    scheme, _, given = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not secrets.compare_digest(given.strip().encode(),
                                                                token.get_secret_value().encode()):
        raise Problem(401, "Unauthorized", "cần Authorization: Bearer <token> / Authorization: Bearer <token> "
                                           "required", headers={"WWW-Authenticate": 'Bearer realm="luocdo"'})


WriterDep = Annotated[None, Depends(_writer)]
