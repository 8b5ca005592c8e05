"""``/sparql``: the SPARQL 1.1 Protocol's query operation, read-only, over :class:`graph.sparql.SparqlEndpoint`.

``GET /sparql?query=…``, ``POST`` a form (``query=…``) or an ``application/sparql-query`` body. The answer's
format comes from ``format=`` or ``Accept``; ``X-SPARQL-MaxRows`` and ``X-SPARQL-Truncated`` say whether the
row cap cut it. Without a query: the query page (YASGUI, served from the project's own files) for a browser,
else the service description. Updates, ``SERVICE``, ``FROM`` and the dataset parameters are refused (403).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import parse_qsl

from fastapi import APIRouter, Depends, Request
from fastapi.responses import FileResponse, Response

from api.deps import ServicesDep
from api.errors import Problem, problems
from graph.errors import InputTooLarge, QueryError, QueryRefused
from graph.sparql import (
    GRAPH_FORMATS,
    MAX_QUERY_BYTES,
    RESULT_FORMATS,
    SD_FORMATS,
    NotAcceptable,
    negotiate,
    service_description,
    short_message,
)

__all__ = ["router"]

PAGE = Path(__file__).resolve().parent.parent / "web" / "static" / "sparql.html"
MAX_BODY = 4 * MAX_QUERY_BYTES  # a form-encoded query may take three bytes for one
# The query page may load and ask nothing but this server (YASGUI's remote autocompleters are off as well).
PAGE_POLICY = ("default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; font-src 'self' data:; "
               "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'")
DATASET_PARAMETERS = ("default-graph-uri", "named-graph-uri")
UPDATE_PARAMETERS = ("update", "using-graph-uri", "using-named-graph-uri")
FORM = "application/x-www-form-urlencoded"
QUERY_BODY = "application/sparql-query"

router = APIRouter(tags=["sparql"])


@dataclass(frozen=True, slots=True)
class SparqlRequest:
    """What a protocol request asks: the query (None when there is none), ``format=``, ``Accept``."""

    query: str | None
    format: str | None
    accept: str | None


async def _body(request: Request, limit: int) -> bytes:
    length = request.headers.get("content-length", "")
    if length.isdigit() and int(length) > limit:
        raise _too_large()
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise _too_large()
        chunks.append(chunk)
    return b"".join(chunks)


def _too_large() -> InputTooLarge:
    return InputTooLarge("query", f"câu truy vấn dài quá {MAX_QUERY_BYTES // 1024} KB",
                         f"the query is longer than {MAX_QUERY_BYTES // 1024} KB")


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise QueryError("the query is not UTF-8", "câu truy vấn không ở dạng UTF-8") from None


async def read_request(request: Request) -> SparqlRequest:
    """The protocol parameters of a GET or POST, the body read with a size cap; what the public endpoint
    never does (updates, a dataset other than the store's) refused before anything runs."""
    params = list(request.query_params.multi_items())
    if request.method == "POST":
        media = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if media == FORM:
            try:
                params += parse_qsl(_decode(await _body(request, MAX_BODY)), keep_blank_values=True,
                                    max_num_fields=64)
            except ValueError:
                raise QueryError("too many form fields", "biểu mẫu có quá nhiều trường") from None
        elif media == QUERY_BODY:
            params.append(("query", _decode(await _body(request, MAX_QUERY_BYTES))))
        elif media == "application/sparql-update":
            raise QueryRefused("read-only endpoint: updates are not allowed",
                               "điểm truy vấn chỉ đọc: không chấp nhận lệnh cập nhật")
        elif media or await _body(request, MAX_BODY):  # an empty POST is only a missing query
            raise Problem(415, "Unsupported Media Type",
                          f"gửi truy vấn dạng {FORM} (trường query) hoặc {QUERY_BODY} / "
                          f"send the query as {FORM} (field query) or {QUERY_BODY}")
    names = {name for name, _ in params}
    if refused := names.intersection(UPDATE_PARAMETERS):
        raise QueryRefused(f"read-only endpoint: '{sorted(refused)[0]}' (an update) is not allowed",
                           f"điểm truy vấn chỉ đọc: không chấp nhận '{sorted(refused)[0]}' (lệnh cập nhật)")
    if refused := names.intersection(DATASET_PARAMETERS):
        raise QueryRefused(f"'{sorted(refused)[0]}' is not allowed: the default graph is the union of all the "
                           "documents' graphs", f"không chấp nhận '{sorted(refused)[0]}': đồ thị mặc định là hợp "
                           "của mọi đồ thị văn bản")
    queries = [value for name, value in params if name == "query"]
    if len(queries) > 1:
        raise QueryError("more than one query parameter", "có nhiều hơn một tham số query")
    formats = [value for name, value in params if name == "format"]
    return SparqlRequest(queries[0] if queries else None, formats[-1] if formats else None,
                         request.headers.get("accept"))


SparqlRequestDep = Annotated[SparqlRequest, Depends(read_request)]


def _answer(request: Request, services: ServicesDep, asked: SparqlRequest) -> Response:
    if asked.query is None:
        if request.method == "POST":
            raise QueryError("no query: send it in the field 'query'", "thiếu câu truy vấn: gửi trong trường 'query'")
        return _describe(request, services, asked)
    if not asked.query.strip():
        raise QueryError("the query is empty", "câu truy vấn rỗng")
    answer = services.sparql.run(asked.query, accept=asked.accept, format=asked.format)
    headers = {"X-SPARQL-MaxRows": str(answer.max_rows), "X-SPARQL-Truncated": str(answer.truncated).lower(),
               "Vary": "Accept"}
    return Response(answer.body, media_type=answer.content_type, headers=headers)


def _describe(request: Request, services: ServicesDep, asked: SparqlRequest) -> Response:
    """No query: the query page for a browser, else the service description (Turtle unless asked otherwise)."""
    fmt = negotiate("SD", asked.accept, asked.format)
    if fmt is None and asked.format is not None:
        asked_for, listed = short_message(asked.format, 40), ", ".join(f.name for f in SD_FORMATS)
        raise NotAcceptable(f"format '{asked_for}' is not offered without a query; offered: {listed}",
                            f"không có định dạng '{asked_for}' khi không có câu truy vấn; có: {listed}")
    fmt = fmt or GRAPH_FORMATS[0]
    if fmt.kind == "page":
        return FileResponse(PAGE, media_type=fmt.content_type,
                            headers={"Content-Security-Policy": PAGE_POLICY, "Vary": "Accept"})
    settings = services.settings
    body = service_description(str(request.url_for("sparql")), fmt, timeout=settings.sparql_timeout,
                               max_rows=settings.sparql_max_rows)
    return Response(body, media_type=fmt.content_type, headers={"Vary": "Accept"})


_ANSWERS: dict[int | str, dict[str, Any]] = {
    200: {"description": "SELECT/ASK: SPARQL JSON, XML, CSV or TSV; CONSTRUCT/DESCRIBE: Turtle, N-Triples, "
                         "JSON-LD or RDF/XML; no query: the service description (or the query page)",
          "content": {media: {} for fmt in (*RESULT_FORMATS, *GRAPH_FORMATS) for media in fmt.media_types[:1]}},
    **problems(400, 403, 406, 413, 415, 503, describe={
        400: "syntax error, or brackets nested over 100 deep (a short message)",
        403: "refused: an update, LOAD, SERVICE, FROM / FROM NAMED, default-graph-uri / named-graph-uri",
        413: f"the query is over {MAX_QUERY_BYTES // 1024} KB",
        503: "the query ran past the time limit (its worker was stopped), or every worker is busy: Retry-After"}),
}
_QUERY_PARAMETERS = [
    {"name": "query", "in": "query", "required": False, "schema": {"type": "string"},
     "description": "a SPARQL 1.1 query (SELECT, ASK, CONSTRUCT, DESCRIBE)"},
    {"name": "format", "in": "query", "required": False,
     "schema": {"type": "string", "enum": [f.name for f in (*RESULT_FORMATS, *GRAPH_FORMATS)]},
     "description": "the answer's format, over Accept"},
]


@router.get("/sparql", name="sparql", response_class=Response, responses=_ANSWERS,
            summary="SPARQL 1.1 query (GET), the service description or the query page",
            openapi_extra={"parameters": _QUERY_PARAMETERS})
def sparql_get(request: Request, services: ServicesDep, asked: SparqlRequestDep) -> Response:
    return _answer(request, services, asked)


@router.post("/sparql", name="sparql_post", response_class=Response, responses=_ANSWERS,
             summary="SPARQL 1.1 query (POST: a form with 'query', or an application/sparql-query body)",
             openapi_extra={"parameters": _QUERY_PARAMETERS[1:], "requestBody": {"content": {
                 FORM: {"schema": {"type": "object", "properties": {"query": {"type": "string"}}}},
                 QUERY_BODY: {"schema": {"type": "string"}}}}})
def sparql_post(request: Request, services: ServicesDep, asked: SparqlRequestDep) -> Response:
    return _answer(request, services, asked)
