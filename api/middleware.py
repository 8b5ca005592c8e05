"""What every request goes through before a route: the per-client rate limit, CORS for reads only, HEAD.

Plain ASGI middleware (a few lines each, no dependency): :class:`RateLimit` answers a client past its budget
``429`` with ``Retry-After``; :class:`ReadOnlyCors` lets any origin *read* ``/api`` and ``/sparql``
(``Access-Control-Allow-Origin: *``, never credentials) and turns away every cross-origin preflight for a write;
:class:`HeadAsGet` answers ``HEAD``. Their refusals are problem+json like every other error
(:func:`api.errors.problem`).

A hand-written token bucket rather than slowapi: slowapi (alpha, on the ``limits`` package) offers fixed and
moving windows, limits per route decorator, and answers in its own format; this is one dictionary.
"""

from __future__ import annotations

import ipaddress
import math
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable

from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.errors import problem

__all__ = ["HeadAsGet", "RateLimit", "ReadOnlyCors", "TokenBuckets", "client_key", "networks"]

IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network


def client_key(scope: Scope) -> str | None:
    """Whose budget a request spends: the client's IPv4 address, or the /64 network of an IPv6 address (one
    host usually holds a whole /64); None for a request that did not come over IP (a Unix socket, the app
    called in process), which is not counted. Behind a proxy, uvicorn puts the client of ``X-Forwarded-For``
    here when the proxy is trusted (``--forwarded-allow-ips``, 127.0.0.1 by default).

    >>> client_key({"client": ("2001:db8:1:2:3:4:5:6", 5000)}), client_key({"client": ("::ffff:192.0.2.7", 1)})
    ('2001:db8:1:2::/64', '192.0.2.7')
    >>> client_key({"client": ("testclient", 50000)}) is None
    True
    """
    client = scope.get("client")
    if not client:
        return None
    try:
        address = ipaddress.ip_address(str(client[0]))
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None:
            return str(address.ipv4_mapped)
        return str(ipaddress.ip_network(f"{address}/64", strict=False))
    return str(address)


class TokenBuckets:
    """One token bucket per key: ``burst`` tokens at most, ``rate`` tokens back per second, one per request.

    At most ``max_keys`` buckets are kept (the least recently used go first: a client idle for ``burst / rate``
    seconds has a full bucket anyway), so a flood from many addresses cannot fill the memory.

    >>> buckets = TokenBuckets(rate=1, burst=2)
    >>> [buckets.take("a", now=0.0) for _ in range(3)], buckets.take("b", now=0.0)
    ([0.0, 0.0, 1.0], 0.0)
    >>> buckets.take("a", now=1.0)
    0.0
    """

    def __init__(self, rate: float, burst: int, max_keys: int = 100_000,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.rate, self.burst, self.max_keys, self.clock = rate, burst, max_keys, clock
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()  # key -> (tokens, when)

    def take(self, key: str, now: float | None = None) -> float:
        """Spend a token of ``key``'s bucket: 0 when there was one, else the seconds until there is one."""
        now = self.clock() if now is None else now
        tokens, when = self._buckets.pop(key, (float(self.burst), now))
        tokens = min(float(self.burst), tokens + (now - when) * self.rate)
        wait = 0.0
        if tokens >= 1.0:
            tokens -= 1.0
        else:
            wait = (1.0 - tokens) / self.rate
        self._buckets[key] = (tokens, now)
        while len(self._buckets) > self.max_keys:
            self._buckets.popitem(last=False)
        return wait

    def __len__(self) -> int:
        return len(self._buckets)


def networks(listed: str) -> tuple[IPNetwork, ...]:
    """The networks of a comma-separated list (``127.0.0.1/32, ::1``).

    >>> [str(n) for n in networks("127.0.0.1/32, ::1")]
    ['127.0.0.1/32', '::1/128']
    """
    return tuple(ipaddress.ip_network(item.strip(), strict=False) for item in listed.split(",") if item.strip())


class RateLimit:
    """``429 Too Many Requests`` with ``Retry-After`` once a client (:func:`client_key`) has spent its budget.
    Never counted: the paths in ``exempt_paths`` (``/health``), clients in the ``exempt`` networks (by default
    this machine's loopback: the operator's scripts, a reverse proxy that passes no ``X-Forwarded-For``) and
    requests with no IP address. ``rate`` 0 turns the limit off."""

    def __init__(self, app: ASGIApp, rate: float, burst: int, exempt: Iterable[IPNetwork] = (),
                 exempt_paths: Iterable[str] = ("/health",)) -> None:
        self.app = app
        self.buckets = TokenBuckets(rate, max(1, burst)) if rate > 0 else None
        self.exempt = tuple(exempt)
        self.exempt_paths = frozenset(exempt_paths)

    def _counted(self, key: str | None) -> bool:
        if key is None:
            return False
        address = ipaddress.ip_network(key, strict=False)
        return not any(address.version == net.version and address.subnet_of(net)  # type: ignore[arg-type]
                       for net in self.exempt)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if self.buckets is None or scope["type"] != "http" or scope["path"] in self.exempt_paths:
            await self.app(scope, receive, send)
            return
        key = client_key(scope)
        wait = self.buckets.take(key) if key is not None and self._counted(key) else 0.0
        if wait <= 0:
            await self.app(scope, receive, send)
            return
        seconds = max(1, math.ceil(wait))
        refusal = problem(429, "Too Many Requests",
                          f"quá nhiều yêu cầu từ địa chỉ này, hãy thử lại sau {seconds} giây / too many requests "
                          f"from this address, try again in {seconds} s", {"Retry-After": str(seconds)})
        await refusal(scope, receive, send)


READ_METHODS = ("GET", "HEAD")
CORS_PATHS = ("/api", "/sparql")
EXPOSED = "Retry-After, X-SPARQL-MaxRows, X-SPARQL-Truncated, Content-Disposition"
READ_HEADERS = "Accept, Accept-Language, Content-Language, Content-Type"


def _cors_path(path: str) -> bool:
    return any(path == prefix or path.startswith(prefix + "/") for prefix in CORS_PATHS)


class ReadOnlyCors:
    """CORS for reads only, on ``/api`` and ``/sparql``: every ``GET`` and ``HEAD`` answer carries
    ``Access-Control-Allow-Origin: *`` (and never ``Access-Control-Allow-Credentials``: a browser sends no
    cookie or credential with a request to us from another site and, were it to, could not read the answer);
    a preflight for ``GET``/``HEAD`` is allowed, any other (``POST /api/documents``, ``POST /sparql`` with a
    SPARQL body) gets 403 without CORS headers, so the browser does not send the request. Writes need
    ``Authorization: Bearer`` anyway, which no cross-site form or cookie can supply."""

    def __init__(self, app: ASGIApp, max_age: int = 600) -> None:
        self.app, self.max_age = app, max_age

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not _cors_path(scope["path"]):
            await self.app(scope, receive, send)
            return
        method = scope["method"]
        headers = {name.lower(): value for name, value in scope["headers"]}
        if method == "OPTIONS" and b"origin" in headers and b"access-control-request-method" in headers:
            await self._preflight(headers[b"access-control-request-method"].decode("latin-1"), scope, receive,
                                  send)
            return
        if method not in READ_METHODS:
            await self.app(scope, receive, send)
            return

        async def send_with_cors(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []),
                                      (b"access-control-allow-origin", b"*"),
                                      (b"access-control-expose-headers", EXPOSED.encode())]
            await send(message)

        await self.app(scope, receive, send_with_cors)

    async def _preflight(self, asked: str, scope: Scope, receive: Receive, send: Send) -> None:
        response: Response
        if asked.strip().upper() in READ_METHODS:
            response = Response(status_code=204, headers={
                "Access-Control-Allow-Origin": "*", "Access-Control-Allow-Methods": "GET, HEAD, OPTIONS",
                "Access-Control-Allow-Headers": READ_HEADERS, "Access-Control-Max-Age": str(self.max_age)})
        else:
            response = problem(403, "Cross-Origin Write Refused",
                               "không nhận ghi từ trang web khác (CORS chỉ cho phép đọc: GET, HEAD) / cross-origin "
                               "writes are not allowed (CORS allows reads only: GET, HEAD)")
        await response(scope, receive, send)


class HeadAsGet:
    """``HEAD`` answered as the ``GET`` of the same URL without its body (FastAPI routes answer ``GET`` only)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def send_head(message: Message) -> None:
            if message["type"] == "http.response.body":
                message = {**message, "body": b""}
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, send_head)
