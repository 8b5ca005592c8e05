"""Adversarial HTTP (issue 7): a flood, cross-site requests, bodies over the limit, parameters that try to break
out of a query. In process (FastAPI's TestClient, with client addresses of our choosing) and against a real
``luocdo serve`` spoken to over raw sockets."""

from __future__ import annotations

import gc
import hashlib
import select
import shutil
import socket
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx2 as httpx
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from servers import luocdo_serve

from api import Settings, create_app
from api.middleware import TokenBuckets
from graph.cli import main

TOKEN = "s3cret-token"
PROBLEM = "application/problem+json"
PLAN = "lai-chau/2024/503-kh-ubnd"
DATA = Path(__file__).parent / "data" / "graph"


# --- fixtures -------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def stores(shared: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The seeds ingested once, and a copy for the real server (a store has one writer at a time)."""
    path = tmp_path_factory.mktemp("security") / "store"
    assert main(["ingest", "--store", str(path), "--no-progress", str(shared / "seeds")]) == 0
    gc.collect()  # the ingest's store lets go of its lock when collected
    shutil.copytree(path, path.parent / "served")
    return {"main": path, "served": path.parent / "served"}


@pytest.fixture(scope="module")
def app(stores: dict[str, Path]) -> Iterator[FastAPI]:
    """Writes on (a bearer token), a small rate limit for addresses outside loopback."""
    app = create_app(Settings(store=stores["main"], token=TOKEN, sparql_workers=1, rate_limit=5, rate_burst=10,
                              max_upload_bytes=100_000))
    with TestClient(app):  # runs the lifespan: the other clients share the open services
        yield app


@pytest.fixture(scope="module")
def client(app: FastAPI) -> TestClient:
    """A client without an IP address (not rate limited)."""
    return TestClient(app)


def _problem(response: httpx.Response, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith(PROBLEM)
    body: dict[str, Any] = response.json()
    assert body["status"] == status and " / " in body["detail"]  # Vietnamese / English
    return body


def _fingerprint(app: FastAPI) -> str:
    """A digest of every quad of the store, in a stable order."""
    dump: bytes = app.state.services.store.dump()
    return hashlib.sha256(b"\n".join(sorted(dump.splitlines()))).hexdigest()


# --- the rate limit -------------------------------------------------------------------------------

def test_a_flood_from_one_client_gets_429_and_the_others_are_served(app: FastAPI) -> None:
    flood = TestClient(app, client=("203.0.113.9", 40000))
    other = TestClient(app, client=("198.51.100.2", 40001))
    statuses = [flood.get("/api/campaigns").status_code for _ in range(30)]
    assert statuses[:10] == [200] * 10 and statuses.count(429) >= 15, statuses  # a burst of 10, then 5/s
    refused = flood.get("/api/campaigns")
    body = _problem(refused, 429)
    assert "quá nhiều yêu cầu" in body["detail"] and "too many requests" in body["detail"]
    retry = int(refused.headers["retry-after"])
    assert 1 <= retry <= 2
    _problem(flood.get("/sparql", params={"query": "ASK {}"}), 429)  # every route spends the same budget
    assert flood.get("/health").status_code == 200  # /health is never counted
    assert [other.get("/api/campaigns").status_code for _ in range(5)] == [200] * 5
    time.sleep(retry)
    assert flood.get("/api/campaigns").status_code == 200  # the budget comes back


def test_an_ipv6_client_is_counted_by_its_64(app: FastAPI) -> None:
    first = TestClient(app, client=("2001:db8:7:1::1", 1))
    neighbour = TestClient(app, client=("2001:db8:7:1:ffff::2", 2))  # same /64: same budget
    elsewhere = TestClient(app, client=("2001:db8:7:2::1", 3))
    assert all(first.get("/api/campaigns").status_code == 200 for _ in range(10))
    _problem(neighbour.get("/api/campaigns"), 429)
    assert elsewhere.get("/api/campaigns").status_code == 200


def test_loopback_and_in_process_clients_are_not_limited(app: FastAPI, client: TestClient) -> None:
    local = TestClient(app, client=("127.0.0.1", 5))
    assert all(local.get("/api/campaigns").status_code == 200 for _ in range(25))
    assert all(client.get("/api/campaigns").status_code == 200 for _ in range(25))


def test_the_buckets_keep_a_bounded_number_of_clients() -> None:
    buckets = TokenBuckets(rate=1, burst=5, max_keys=1000)
    for i in range(20_000):
        buckets.take(f"10.0.{i // 256}.{i % 256}", now=float(i))
    assert len(buckets) == 1000


# --- CORS: reads from anywhere, writes from nowhere ------------------------------------------------

EVIL = "https://evil.example"


def test_reads_are_open_to_any_origin_without_credentials(client: TestClient) -> None:
    for path in ("/api/stats", f"/api/documents/{PLAN}", "/api/documents?q=thi+dua", "/sparql?query=ASK%7B%7D"):
        for method in ("GET", "HEAD"):
            response = client.request(method, path, headers={"Origin": EVIL, "Cookie": "session=abc"})
            assert response.status_code == 200, (method, path, response.text)
            assert response.headers["access-control-allow-origin"] == "*"
            assert "access-control-allow-credentials" not in response.headers
    sparql = client.get("/sparql?query=ASK%7B%7D", headers={"Origin": EVIL})
    assert "X-SPARQL-Truncated" in sparql.headers["access-control-expose-headers"]
    preflight = client.options("/api/stats", headers={"Origin": EVIL, "Access-Control-Request-Method": "GET",
                                                      "Access-Control-Request-Headers": "accept"})
    assert preflight.status_code == 204 and preflight.headers["access-control-allow-origin"] == "*"
    assert preflight.headers["access-control-allow-methods"] == "GET, HEAD, OPTIONS"
    assert "access-control-allow-credentials" not in preflight.headers
    assert "access-control-allow-origin" not in client.get("/", headers={"Origin": EVIL}).headers  # the page


@pytest.mark.parametrize(("path", "headers"), [
    ("/api/documents", "authorization, content-type"),
    ("/api/documents?name=x.txt", "content-type"),
    ("/sparql", "content-type"),
])
def test_a_cross_origin_preflight_for_a_write_is_refused(client: TestClient, path: str, headers: str) -> None:
    for method in ("POST", "PUT", "DELETE", "PATCH"):
        response = client.options(path, headers={"Origin": EVIL, "Access-Control-Request-Method": method,
                                                 "Access-Control-Request-Headers": headers})
        _problem(response, 403)
        assert not any(name.startswith("access-control-") for name in response.headers), response.headers


def test_a_cross_site_form_post_with_cookies_stores_nothing(app: FastAPI, client: TestClient) -> None:
    """What a hostile page can make a visitor's browser send without a preflight: a form POST (urlencoded,
    multipart or text/plain) with the visitor's cookies. No bearer token: 401, no CORS headers, the store
    unchanged."""
    before = _fingerprint(app)
    text = (DATA / "chi-thi-01-ha-giang.txt").read_text(encoding="utf-8")
    cookies = {"Origin": EVIL, "Referer": EVIL + "/form", "Cookie": "session=abc; token=" + TOKEN}
    attempts = [
        client.post("/api/documents", data={"text": text}, headers=cookies),
        client.post("/api/documents", files={"file": ("x.txt", text.encode(), "text/plain")}, headers=cookies),
        client.post("/api/documents", content=text.encode(), headers={**cookies, "Content-Type": "text/plain"}),
        client.post(f"/api/documents?token={TOKEN}", content=text.encode(),
                    headers={**cookies, "Content-Type": "text/plain"}),
    ]
    for response in attempts:
        _problem(response, 401)
        assert "access-control-allow-origin" not in response.headers
        assert "access-control-allow-credentials" not in response.headers
    assert _fingerprint(app) == before


# --- parameters that try to break out of a query --------------------------------------------------

BREAKOUTS = [
    "urn:a> ?x ?y . ?s ?p ?o } #",
    'x" } ; DROP ALL #',
    "x' } UNION { ?s ?p ?o } #",
    '") || true) } DELETE WHERE { ?s ?p ?o } #',
    "\\u0022 } CLEAR ALL #",
    "*",
    ".*",
    "(a+)+$",
    "%",
    "?s",
    "<http://a.example/>",
    "lai-chau/2024/503-kh-ubnd> ?p ?o } #",
    "../../../etc/passwd",
    "\x00",
    "ư" * 300,
]


def _routes(value: str) -> list[str]:
    v = quote(value, safe="")
    return [
        f"/api/documents?number={v}", f"/api/documents?scope={v}", f"/api/documents?q={v}",
        f"/api/documents?type={v}", f"/api/documents?issuer={v}", f"/api/documents?year={v}",
        f"/api/documents?limit={v}", f"/api/documents?offset={v}",
        f"/api/documents/{v}", f"/api/documents/{v}/implemented-by", f"/api/documents/{v}/implements",
        f"/api/documents/{v}/lineage", f"/api/documents/{PLAN}/implemented-by?relations={v}",
        f"/api/documents/{PLAN}/implements?relations={v}&transitive={v}",
        f"/api/documents/{PLAN}/lineage?direction={v}", f"/api/documents/{PLAN}/lineage?depth={v}",
        f"/api/documents/{PLAN}/lineage?format={v}", f"/api/documents/{PLAN}/lineage?relations={v}",
        f"/api/path?from={v}&to={PLAN}", f"/api/path?from={PLAN}&to={v}",
        f"/api/campaigns/{v}", f"/api/agencies?scope={v}", f"/api/agencies/{v}/tasks",
        f"/api/agencies/lai-chau/so-noi-vu/tasks?due_before={v}",
        f"/api/agencies/lai-chau/so-noi-vu/tasks?due_after={v}",
        f"/api/tasks?scope={v}", f"/api/tasks?due_before={v}", f"/api/tasks?due_after={v}", f"/api/tasks?limit={v}",
        f"/sparql?query=ASK%7B%7D&format={v}",
    ]


@pytest.mark.parametrize("value", BREAKOUTS)
def test_parameters_that_try_to_break_out_are_refused_or_plain_values(app: FastAPI, client: TestClient,
                                                                      value: str) -> None:
    """Every route parameter with text that would close a SPARQL term and add patterns or an update: refused
    (4xx), or taken as a value that matches nothing. The store is unchanged and the other routes go on."""
    before = _fingerprint(app)
    everything = client.get("/api/documents?limit=500").json()["count"]
    for url in _routes(value):
        response = client.get(url)
        assert response.status_code < 500, (url, response.text)
        if response.status_code >= 400:
            assert response.headers["content-type"].startswith(PROBLEM), url
            continue
        if url.startswith("/sparql"):
            continue
        answer = response.json()
        found = answer.get("count", len(answer.get("items", answer.get("nodes", []))))
        if "?scope=" in url or "?issuer=" in url or "?number=" in url or "?q=" in url or "?type=" in url:
            assert found < everything, (url, found)  # a breakout would have matched everything
    assert _fingerprint(app) == before
    assert client.get(f"/api/documents/{PLAN}").status_code == 200


# --- bodies over the limit, over raw sockets --------------------------------------------------------

@pytest.fixture(scope="module")
def served(stores: dict[str, Path]) -> Iterator[str]:
    """A real ``luocdo serve``: writes on, uploads up to 100 KB, 2 requests a second in bursts of 20, no exempt
    network (so the loopback addresses 127.0.0.x are clients like any other)."""
    env = {"LUOCDO_TOKEN": TOKEN, "LUOCDO_MAX_UPLOAD_BYTES": "100000", "LUOCDO_RATE_LIMIT": "2",
           "LUOCDO_RATE_BURST": "20", "LUOCDO_RATE_EXEMPT": ""}
    with luocdo_serve(stores["served"], "--sparql-workers", "1", env=env, wait=30) as url:
        yield url


def _port(url: str) -> int:
    return int(url.rsplit(":", 1)[1])


def _status(answer: bytes) -> int:
    assert answer.startswith(b"HTTP/1.1 "), answer[:200]
    return int(answer.split(b" ", 2)[1])


def _send_unending_chunks(url: str, head: bytes, source: str, most: int = 2_000_000,
                          chunk: bytes = b"x" * 16_384) -> tuple[int, int, float]:
    """Send ``head`` and then chunks of a body that never ends (no last chunk), until the server answers or
    ``most`` bytes went out; then wait for the answer. (status, bytes of body sent, seconds to the answer)."""
    sock = socket.create_connection(("127.0.0.1", _port(url)), timeout=10, source_address=(source, 0))
    started = time.monotonic()
    sent = 0
    try:
        sock.sendall(head)
        while sent < most and not select.select([sock], [], [], 0)[0]:
            try:
                sock.sendall(b"%x\r\n%s\r\n" % (len(chunk), chunk))
            except (BrokenPipeError, ConnectionResetError):
                break
            sent += len(chunk)
        answer = b""
        while b"\r\n\r\n" not in answer:
            part = sock.recv(65536)  # times out (10 s) if the server waits for the rest
            if not part:
                break
            answer += part
        return _status(answer), sent, time.monotonic() - started
    finally:
        sock.close()


def _head(path: str, content_type: str, extra: str = "") -> bytes:
    return (f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: {content_type}\r\n"
            f"Transfer-Encoding: chunked\r\n{extra}\r\n").encode()


@pytest.mark.parametrize(("path", "content_type", "extra"), [
    ("/api/documents?name=big.txt", "text/plain; charset=utf-8", f"Authorization: Bearer {TOKEN}\r\n"),
    ("/api/documents", "multipart/form-data; boundary=b", f"Authorization: Bearer {TOKEN}\r\n"),
    ("/sparql", "application/sparql-query", ""),
    ("/sparql", "application/x-www-form-urlencoded", ""),
])
def test_a_chunked_body_over_the_limit_is_413_before_it_ends(served: str, path: str, content_type: str,
                                                             extra: str) -> None:
    """A body with no Content-Length whose chunks never end: the server stops reading at the limit and
    answers 413 (a server reading the whole body would never answer: the socket would time out)."""
    status, sent, seconds = _send_unending_chunks(served, _head(path, content_type, extra), "127.0.0.3")
    assert status == 413, (status, sent)
    assert seconds < 5
    assert httpx.get(f"{served}/health", timeout=5).status_code == 200


@pytest.mark.parametrize(("path", "content_type", "extra"), [
    ("/api/documents?name=big.txt", "text/plain", f"Authorization: Bearer {TOKEN}\r\n"),
    ("/sparql", "application/sparql-query", ""),
])
def test_a_declared_length_over_the_limit_is_413_before_any_body(served: str, path: str, content_type: str,
                                                                 extra: str) -> None:
    sock = socket.create_connection(("127.0.0.1", _port(served)), timeout=10, source_address=("127.0.0.3", 0))
    try:
        sock.sendall((f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: {content_type}\r\n"
                      f"Content-Length: 10000000000\r\n{extra}\r\n").encode())
        answer = sock.recv(65536)  # not one byte of the 10 GB was sent
    finally:
        sock.close()
    assert _status(answer) == 413


def test_a_chunked_body_within_the_limit_is_read(served: str) -> None:
    """The same raw chunked requests, small: answered (so the 413s above are about size)."""
    query = b"ASK {}"
    sock = socket.create_connection(("127.0.0.1", _port(served)), timeout=10, source_address=("127.0.0.3", 0))
    try:
        sock.sendall(_head("/sparql", "application/sparql-query") + b"%x\r\n%s\r\n0\r\n\r\n" % (len(query), query))
        answer = b""
        while b"true" not in answer:
            part = sock.recv(65536)
            if not part:
                break
            answer += part
    finally:
        sock.close()
    assert _status(answer) == 200 and b"true" in answer


def test_a_real_flood_from_one_address_leaves_another_address_served(served: str) -> None:
    """Over real TCP from two loopback addresses (the limit counts by the peer's address)."""
    flood = httpx.Client(transport=httpx.HTTPTransport(local_address="127.0.0.4"), timeout=10)
    other = httpx.Client(transport=httpx.HTTPTransport(local_address="127.0.0.5"), timeout=10)
    with flood, other:
        statuses = [flood.get(f"{served}/api/campaigns").status_code for _ in range(40)]
        assert statuses.count(429) >= 15 and statuses[:15] == [200] * 15, statuses
        refused = flood.get(f"{served}/api/campaigns")
        assert refused.status_code == 429 and int(refused.headers["retry-after"]) >= 1
        assert refused.headers["access-control-allow-origin"] == "*"  # a page's script may read when to retry
        assert flood.get(f"{served}/health").status_code == 200
        started = time.monotonic()
        assert other.get(f"{served}/api/campaigns").status_code == 200
        assert time.monotonic() - started < 1


def test_what_schemathesis_found_stays_fixed(client: TestClient) -> None:
    """Each was a 500 or an answer outside the OpenAPI before tests/test_openapi.py."""
    auth = {"Authorization": f"Bearer {TOKEN}"}
    _problem(client.post("/api/documents", content=b"x", headers={**auth, "Content-Type": "multipart/form-data"}),
             400)  # no boundary: was a 500
    _problem(client.get("/api/campaigns/a>b"), 422)  # an IRI-breaking key: was a 500
    _problem(client.get("/sparql", params={"format": "AAA"}), 406)  # was the service description
    _problem(client.get("/sparql", params={"format": ""}), 406)
    _problem(client.get("/api/tasks", params={"due_before": "0"}), 422)  # was 1970-01-01
    assert client.get("/api/tasks", params={"due_before": "2024-03-31"}).status_code == 200
    refused = client.options("/api/documents")
    assert refused.status_code == 405 and refused.headers["allow"] == "GET, POST"  # was "GET"
