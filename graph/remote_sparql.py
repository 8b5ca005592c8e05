"""The public, read-only ``/sparql`` over a SPARQL 1.1 server (:mod:`graph.remote`) instead of worker processes.

The same promises as :class:`graph.sparql.SparqlEndpoint`: the query is guarded first
(:func:`graph.sparql.prepare_query`: no updates, ``SERVICE``, ``FROM``, ``LOAD``…; at most 100 KB), then sent to
the server's query URL with the union of the named graphs as the default graph where the server has a switch
for it and the server-side time limit where it takes one (:meth:`graph.remote.Server.timeout_parameters`).
The answer is read as it streams in (SPARQL JSON for SELECT and ASK, N-Triples for CONSTRUCT and DESCRIBE),
cut at ``max_rows`` and written again by the embedded endpoint's writers, so formats, content negotiation and
the ``X-SPARQL-Truncated`` mark are the same. A query past ``timeout`` seconds is abandoned (its connection is
closed) and answered 503; at most ``workers`` queries are in flight at once.
"""

from __future__ import annotations

import io
import threading
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pyoxigraph as ox

from graph.errors import QueryError, QueryTimeout, StoreError
from graph.remote import JSON_RESULTS, RemoteBackend, ask_rows, status_error, transport_error
from graph.sparql import Answer, EndpointUnavailable, QueryForm, prepare_query, short_message, write_result

__all__ = ["RemoteSparqlEndpoint"]

N_TRIPLES = "application/n-triples"


class _Late(Exception):
    """The answer was still coming in at the deadline."""


class _Stream(io.RawIOBase):
    """An HTTP answer's body as a file the Oxigraph parsers read from, as it arrives; past ``deadline`` the
    next read fails."""

    def __init__(self, chunks: Iterator[bytes], deadline: float) -> None:
        self._chunks, self._deadline = chunks, deadline
        self._pending = b""
        self.late = False

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        if time.monotonic() > self._deadline:
            self.late = True
            raise OSError("deadline")
        while not self._pending:
            chunk = next(self._chunks, None)
            if chunk is None:
                return 0
            self._pending = chunk
        n = min(len(buffer), len(self._pending))
        buffer[:n] = self._pending[:n]
        self._pending = self._pending[n:]
        return n


class RemoteSparqlEndpoint:
    """Read-only SPARQL forwarded to the server of ``backend``; the interface of
    :class:`graph.sparql.SparqlEndpoint` (:meth:`run`, :meth:`data_changed`, :meth:`close`)."""

    isolated = False  # the server makes no outgoing request only if the guard is right: SERVICE is refused

    def __init__(self, backend: RemoteBackend, *, workers: int = 2, timeout: float = 30.0,
                 max_rows: int = 10_000, queue_timeout: float = 1.0) -> None:
        self.backend, self.server = backend, backend.server
        self.workers, self.timeout, self.max_rows = workers, timeout, max_rows
        self.queue_timeout = queue_timeout
        self._slots = threading.BoundedSemaphore(workers)
        self._closed = False

    def run(self, query: str, *, accept: str | None = None, format: str | None = None) -> Answer:
        """Answer ``query`` as :meth:`graph.sparql.SparqlEndpoint.run` does."""
        query, form, fmt = prepare_query(query, accept, format)
        if self._closed:
            raise EndpointUnavailable("the SPARQL endpoint is shut down", "điểm truy vấn SPARQL đã dừng")
        if not self._slots.acquire(timeout=self.queue_timeout):
            raise EndpointUnavailable(f"{self.workers} SPARQL queries are in flight; try again later",
                                      f"đang có {self.workers} truy vấn SPARQL chạy; hãy thử lại sau")
        try:
            body, truncated, rows = self._forward(query, form, fmt.name)
        finally:
            self._slots.release()
        return Answer(body, fmt, form, rows, truncated, self.max_rows)

    def _forward(self, query: str, form: QueryForm, fmt: str) -> tuple[bytes, bool, int]:
        deadline = time.monotonic() + self.timeout
        results = form in ("SELECT", "ASK")
        data = {"query": query, **self.server.union_parameters(), **self.server.timeout_parameters(self.timeout)}
        headers = {"Accept": JSON_RESULTS if results else N_TRIPLES}
        try:
            with self.backend.client.stream("POST", self.server.endpoint, data=data, headers=headers,
                                            timeout=httpx.Timeout(self.timeout, connect=10.0)) as response:
                if response.status_code >= 400:
                    response.read()
                    raise self._refused(response)
                stream = _Stream(response.iter_bytes(), deadline)
                try:
                    return self._write(stream, form, fmt)
                except (SyntaxError, OSError, ValueError) as exc:
                    if stream.late or time.monotonic() > deadline:
                        raise _Late from None
                    raise StoreError(f"the SPARQL server at {self.server.display} sent an answer that cannot be "
                                     f"read ({short_message(str(exc))})",
                                     f"máy chủ SPARQL tại {self.server.display} gửi kết quả không đọc được "
                                     f"({short_message(str(exc))})") from None
        except (_Late, httpx.TimeoutException):
            raise QueryTimeout(f"the query ran longer than {self.timeout:g} s and was abandoned",
                               f"câu truy vấn chạy quá {self.timeout:g} giây và đã bị bỏ") from None
        except httpx.HTTPError as exc:
            raise transport_error(self.server.display, exc) from None

    def _write(self, stream: _Stream, form: QueryForm, fmt: str) -> tuple[bytes, bool, int]:
        reader = io.BufferedReader(stream, 64 * 1024)
        if form in ("SELECT", "ASK"):
            parsed = ox.parse_query_results(reader, ox.QueryResultsFormat.JSON)
            assert isinstance(parsed, ox.QuerySolutions | ox.QueryBoolean)
            if form == "ASK" and isinstance(parsed, ox.QuerySolutions):  # Virtuoso 7: one row, or none
                return write_result(ask_rows(parsed), fmt, self.max_rows)
            return write_result(parsed, fmt, self.max_rows)
        triples = (q.triple for q in ox.parse(reader, ox.RdfFormat.N_TRIPLES))
        return write_result(triples, fmt, self.max_rows)

    def _refused(self, response: httpx.Response) -> Exception:
        """A 400 is the query's fault (its syntax, as the server says); anything else the server's."""
        if response.status_code == 400:
            message = short_message(response.text)
            return QueryError(f"syntax error (the SPARQL server says): {message}",
                              f"câu truy vấn sai cú pháp (máy chủ SPARQL báo): {message}")
        return status_error(self.server.display, response)

    def data_changed(self) -> None:
        """Nothing to do: every query reads the server's current data."""

    def close(self) -> None:
        self._closed = True
