"""What the routes depend on, declared once: the open services of the app (store, queries, SPARQL workers or
the SPARQL server).

The lifespan of :func:`api.app.create_app` opens them; a route asks for them with ``ServicesDep``.
"""

from __future__ import annotations

import secrets
import threading
import time
from dataclasses import dataclass, field
from typing import Annotated

from fastapi import Depends, Header, Request
from fastapi.concurrency import run_in_threadpool

from api.errors import Problem
from api.settings import Settings
from graph.ingest import IngestSummary, ingest_document
from graph.keys import Iris
from graph.queries import Queries
from graph.remote import RemoteBackend
from graph.remote_sparql import RemoteSparqlEndpoint
from graph.sparql import SparqlEndpoint
from graph.store import Store

__all__ = ["Services", "ServicesDep", "WriterDep"]


@dataclass
class Services:
    """The store, the answers cached from it and the SPARQL endpoint; on a SPARQL server shared with other
    processes, :meth:`sync` reads the data again once another process wrote (:meth:`Store.generation`)."""

    settings: Settings
    store: Store
    queries: Queries
    sparql: SparqlEndpoint | RemoteSparqlEndpoint
    seen: frozenset[str] = frozenset()  # the other processes' write marks the cached answers include
    write_lock: threading.Lock = field(default_factory=threading.Lock)
    _refresh_lock: threading.Lock = field(default_factory=threading.Lock)
    _checked: float = 0.0

    @classmethod
    def open(cls, settings: Settings) -> Services:
        server = settings.server()
        if server is None:
            store = Store(settings.store, Iris(settings.base))
            store.flush()  # the SPARQL workers open the store read-only and must see what is on disk
            sparql: SparqlEndpoint | RemoteSparqlEndpoint = SparqlEndpoint(
                settings.store, workers=settings.sparql_workers, timeout=settings.sparql_timeout,
                max_rows=settings.sparql_max_rows, queue_timeout=settings.sparql_queue_timeout)
        else:
            store = Store.remote(server, Iris(settings.base))
            assert isinstance(store.backend, RemoteBackend)
            sparql = RemoteSparqlEndpoint(store.backend, workers=settings.sparql_workers,
                                          timeout=settings.sparql_timeout, max_rows=settings.sparql_max_rows,
                                          queue_timeout=settings.sparql_queue_timeout)
        seen = store.generation()  # before reading: a write from now on is seen at the next look
        return cls(settings, store, Queries(store, wait=False), sparql, seen)  # read while /health answers

    def due(self) -> bool:
        """Whether it is time for :meth:`sync` to look for other processes' writes."""
        return time.monotonic() - self._checked >= self.settings.refresh_interval

    def sync(self, force: bool = False) -> None:
        """Read the data again if another process wrote since the last look (at most one look per
        ``refresh_interval`` unless ``force``)."""
        if not force and not self.due():
            return
        with self._refresh_lock:
            self._checked = time.monotonic()
            marks = self.store.generation()
            if not marks <= self.seen:
                self.queries.refresh()
                self.sparql.data_changed()
            self.seen = marks

    def add_document(self, text: str, name: str) -> tuple[str | None, IngestSummary]:
        """Ingest one uploaded document, one writer at a time; the caller tells the user what happened."""
        with self.write_lock:
            self.queries.wait()  # the answers still being read at the start must not see half of this write
            self.sync(force=True)  # another process's earlier write must not pass for this one's
            key, summary = ingest_document(text, name, self.store)
            if summary.accepted:
                self.after_write(None if summary.restructured else key)
        return key, summary

    def after_write(self, added: str | None = None) -> None:
        """A document was stored: the lineage graph and the SPARQL workers must see it (and all of it again
        when another process wrote in the meantime)."""
        self.store.flush()
        with self._refresh_lock:
            marks = self.store.generation()
            self.queries.refresh(added if marks <= self.seen else None)
            self.seen = marks
        self.sparql.data_changed()

    def close(self) -> None:
        self.sparql.close()
        self.store.flush()
        if isinstance(self.store.backend, RemoteBackend):
            self.store.backend.close()


async def _services(request: Request) -> Services:
    # Dependencies are async so that they run on the event loop: a plain def goes through the thread pool, which
    # cost more than a lookup by number itself. Only the look for other processes' writes (a request to the SPARQL
    # server, or reading the data again) is sent to a thread.
    services: Services = request.app.state.services
    if services.due():
        await run_in_threadpool(services.sync)
    return services


ServicesDep = Annotated[Services, Depends(_services)]


async def _writer(services: ServicesDep, authorization: Annotated[str | None, Header()] = None) -> None:
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
