"""An in-process ASGI client: the app's own time per request, without sockets or an HTTP client library.

The app's lifespan runs once (startup before the first request, shutdown on :meth:`AsgiClient.close`), and each
GET goes straight into the app on one event loop, so the figures are what the routes, FastAPI and the
serialisation cost.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any
from urllib.parse import urlsplit

__all__ = ["AsgiClient", "AsgiError"]

Message = MutableMapping[str, Any]
App = Callable[[MutableMapping[str, Any], Callable[[], Awaitable[Message]], Callable[[Message], Awaitable[None]]],
               Awaitable[None]]


class AsgiError(RuntimeError):
    """The app failed to start or stop."""


class AsgiClient:
    """Runs ``app``'s lifespan and answers ``get(url) -> (status, body)``; close it to run the shutdown."""

    def __init__(self, app: App) -> None:
        self.app = app
        self.loop = asyncio.new_event_loop()
        self._to_app: asyncio.Queue[Message] = asyncio.Queue()
        self._from_app: asyncio.Queue[Message] = asyncio.Queue()
        self._lifespan = self.loop.create_task(self._run_lifespan())
        self._requests: asyncio.Queue[tuple[str, dict[str, str], asyncio.Future[tuple[int, bytes]]]] = asyncio.Queue()
        self._server = self.loop.create_task(self._serve())
        started = self.loop.run_until_complete(self._lifespan_step("lifespan.startup"))
        if started["type"] != "lifespan.startup.complete":
            raise AsgiError(f"the app did not start: {started.get('message', started['type'])}")

    async def _run_lifespan(self) -> None:
        await self.app({"type": "lifespan", "asgi": {"version": "3.0"}, "state": {}}, self._to_app.get,
                       self._from_app.put)

    async def _lifespan_step(self, event: str) -> Message:
        await self._to_app.put({"type": event})
        answer = asyncio.ensure_future(self._from_app.get())
        done, _ = await asyncio.wait({answer, self._lifespan}, return_when=asyncio.FIRST_COMPLETED)
        if answer in done:
            return answer.result()
        answer.cancel()
        error = self._lifespan.exception() if self._lifespan.done() else None
        raise AsgiError(f"the app's lifespan ended during {event}: {error!r}")

    def get(self, url: str, headers: dict[str, str] | None = None) -> tuple[int, bytes]:
        """``GET url`` (a path with its query string): the status and the body."""
        answer: asyncio.Future[tuple[int, bytes]] = self.loop.create_future()
        self._requests.put_nowait((url, headers or {}, answer))
        return self.loop.run_until_complete(answer)

    async def _serve(self) -> None:
        """Every request in this one long-lived task, as a server runs them: the thread pool that FastAPI sends
        plain ``def`` routes to belongs to the task that runs the loop and stops with it, so one task per request
        (``run_until_complete`` of each) would start a new thread for every request."""
        while True:
            url, headers, answer = await self._requests.get()
            try:
                answer.set_result(await self._get(url, headers))
            except Exception as err:  # the caller of get() gets it
                answer.set_exception(err)

    async def _get(self, url: str, headers: dict[str, str]) -> tuple[int, bytes]:
        parts = urlsplit(url)
        scope = {
            "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "GET", "scheme": "http",
            "path": parts.path, "raw_path": parts.path.encode(), "query_string": parts.query.encode(),
            "root_path": "", "server": ("127.0.0.1", 80), "client": ("127.0.0.1", 50000),
            "headers": [(b"host", b"127.0.0.1"), *((k.lower().encode(), v.encode()) for k, v in headers.items())],
            "state": {},
        }
        status = 0
        body: list[bytes] = []
        sent = False

        async def receive() -> Message:
            nonlocal sent
            if not sent:
                sent = True
                return {"type": "http.request", "body": b"", "more_body": False}
            await asyncio.Event().wait()  # the request never disconnects
            raise AssertionError("unreachable")

        async def send(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
            elif message["type"] == "http.response.body":
                body.append(bytes(message.get("body", b"")))

        await self.app(scope, receive, send)
        return status, b"".join(body)

    def close(self) -> None:
        """Run the app's shutdown and close the event loop."""
        self._server.cancel()
        try:
            if not self._lifespan.done():
                self.loop.run_until_complete(self._lifespan_step("lifespan.shutdown"))
                self.loop.run_until_complete(asyncio.wait_for(self._lifespan, timeout=30))
        finally:
            self.loop.close()

    def __enter__(self) -> AsgiClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
