"""Documents: search, one document with its references, what implements it, its lineage, the citation path,
and adding a document (``POST``, with a bearer token)."""

from __future__ import annotations

from collections.abc import AsyncGenerator
from typing import Annotated, Any
from typing import Literal as Choice

from fastapi import APIRouter, Depends, Query, Request, Response
from fastapi.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.formparsers import MultiPartException, MultiPartParser

from api.deps import ServicesDep, WriterDep
from api.errors import Problem, problems
from api.schemas import Document, DocumentDetail, DocumentList, Lineage, Path, RelatedList
from graph import exports
from graph import lineage as lin
from graph.decode import decode_bytes
from graph.queries import RELATED_MAX, RELATED_PAGE

router = APIRouter(prefix="/api", tags=["documents"], responses=problems(404, 409))

RELATIONS = ("based_on", "implements", "guides", "amends", "replaces", "repeals", "cites")


_RELATION = "(?:" + "|".join(RELATIONS) + ")"
RELATION_LIST = f"^ *{_RELATION}? *(?:, *{_RELATION}? *)*$"


async def _relations(relations: Annotated[str | None, Query(
        description="comma-separated relations to follow: " + ", ".join(RELATIONS), max_length=200,
        json_schema_extra={"pattern": RELATION_LIST})] = None) -> frozenset[str] | None:
    """The relations asked for (None: the default ones); 422 naming any unknown one. Exactly what
    ``RELATION_LIST`` (the parameter's pattern in the OpenAPI) accepts is accepted."""
    if relations is None:
        return None
    asked = frozenset(piece.strip(" ") for piece in relations.split(",")) - {""}
    if unknown := sorted(asked - set(RELATIONS)):
        raise Problem(422, "Invalid Request", f"quan hệ không có / unknown relations: {', '.join(unknown)}",
                      allowed=list(RELATIONS))
    return asked or None


RelationsDep = Annotated[frozenset[str] | None, Depends(_relations)]
Transitive = Annotated[bool, Query(description="follow the relations all the way (default: implements, based_on, "
                                               "guides and cites)")]


@router.get("/documents", response_model=DocumentList,
            responses={200: {"content": {"text/csv": {"description": "format=csv: UTF-8 with BOM, for Excel"}}}})
def list_documents(
    services: ServicesDep,
    number: Annotated[str | None, Query(description="số ký hiệu in any spacing or case", max_length=200)] = None,
    scope: Annotated[str | None, Query(description="'VN' or a province", max_length=100)] = None,
    year: Annotated[int | None, Query(ge=1945, le=2100)] = None,
    type: Annotated[str | None, Query(description="document type or its code (CT, KH …)", max_length=100)] = None,
    issuer: Annotated[str | None, Query(max_length=200)] = None,
    q: Annotated[str | None, Query(description="words of the title, accents optional", max_length=500)] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0)] = 0,
    format: Choice["json", "csv"] = "json",
) -> Any:
    found = services.queries.documents(number=number, scope=scope, year=year, type=type, issuer=issuer, q=q,
                                       limit=limit, offset=offset)
    if format == "csv":
        return csv_response(exports.documents_csv(found["items"]), "documents.csv")
    return found


PageLimit = Annotated[int, Query(ge=1, le=RELATED_MAX, description="documents at most in this answer; `count` "
                                                                     "says how many there are in all")]
PageOffset = Annotated[int, Query(ge=0, description="documents skipped (nearest first, then by key)")]


@router.get("/documents/{key:path}/implemented-by", response_model=RelatedList)
def implemented_by(key: str, services: ServicesDep, relations: RelationsDep, transitive: Transitive = False,
                   limit: PageLimit = RELATED_PAGE, offset: PageOffset = 0) -> dict[str, Any]:
    """Documents that implement, are based on, or are guided by this one (directly, or all the way down)."""
    queries = services.queries
    return queries.related(queries.find(key), "down", transitive, relations, limit, offset)


@router.get("/documents/{key:path}/implements", response_model=RelatedList)
def implements(key: str, services: ServicesDep, relations: RelationsDep, transitive: Transitive = False,
               limit: PageLimit = RELATED_PAGE, offset: PageOffset = 0) -> dict[str, Any]:
    """Documents this one implements, is based on or is guided by (directly, or all the way up)."""
    queries = services.queries
    return queries.related(queries.find(key), "up", transitive, relations, limit, offset)


@router.get("/documents/{key:path}/lineage", response_model=Lineage,
            responses={200: {"content": {"application/graphml+xml": {}, "application/gexf+xml": {},
                                         "text/vnd.graphviz": {}}}})
def lineage(key: str, services: ServicesDep, relations: RelationsDep,
            direction: Choice["up", "down", "both"] = "up", depth: Annotated[int, Query(ge=1, le=20)] = 3,
            format: Choice["json", "graphml", "gexf", "dot"] = "json") -> Any:
    """The document and those above (up), below (down) or both, ``depth`` citations away, ready to draw."""
    queries = services.queries
    sub = queries.lineage(queries.find(key), direction, depth, relations)
    if format == "graphml":
        return Response(exports.graphml(sub), media_type="application/graphml+xml")
    if format == "gexf":
        return Response(exports.gexf(sub), media_type="application/gexf+xml")
    if format == "dot":
        return Response(lin.dot(sub), media_type="text/vnd.graphviz; charset=utf-8")
    return queries.node_link(sub)


@router.get("/documents/{key:path}", response_model=DocumentDetail)
def document(key: str, services: ServicesDep) -> dict[str, Any]:
    """One document (by key, or by a số ký hiệu only one document has) with everything said of it."""
    queries = services.queries
    return queries.document(queries.find(key))


@router.get("/path", response_model=Path, tags=["documents"])
def path(services: ServicesDep, source: Annotated[str, Query(alias="from")], to: str) -> dict[str, Any]:
    """The citation chain between two documents (keys or numbers)."""
    queries = services.queries
    return queries.path(queries.find(source), queries.find(to))


@router.post("/documents", status_code=201, response_model=Document,
             responses={200: {"model": Document, "description": "the same text was already stored"},
                        **problems(400, 401, 403, 413, 422)},
             openapi_extra={"requestBody": {"content": {
                 "text/plain": {"schema": {"type": "string"}},
                 "multipart/form-data": {"schema": {"type": "object", "properties": {
                     "file": {"type": "string", "format": "binary"}}}}}}})
async def add_document(request: Request, services: ServicesDep, _: WriterDep, response: Response,
                       name: Annotated[str | None, Query(max_length=200, description="file name to keep")] = None
                       ) -> dict[str, Any]:
    """Add a document's raw text (``text/plain``) or file (``multipart/form-data``, field ``file``)."""
    limit = services.settings.max_upload_bytes
    data, file_name = await _upload(request, limit)
    name = name or file_name or "upload.txt"
    text = decode_bytes(data, name)
    key, summary = await run_in_threadpool(services.add_document, text, name)
    if key is None:
        rejection = summary.rejected[0]
        raise Problem(422, "Document Rejected", rejection.reason, violations=[
            {"severity": f.severity, "focus": f.focus, "path": f.path, "message": {"vi": f.vi, "en": f.en}}
            for f in rejection.findings])
    if summary.unchanged:
        response.status_code = 200
    return services.queries.document_summary(key)


async def _upload(request: Request, limit: int) -> tuple[bytes, str | None]:
    """The uploaded bytes and file name, refused with 413 as soon as they pass ``limit``."""
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit + 64 * 1024:
        raise _too_large(limit)
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit + 64 * 1024:  # room for the multipart envelope
            raise _too_large(limit)
    content_type = request.headers.get("content-type", "")
    if not content_type.startswith("multipart/form-data"):
        if len(body) > limit:
            raise _too_large(limit)
        return bytes(body), None
    try:
        form = await MultiPartParser(request.headers, _once(bytes(body)), max_files=1, max_fields=5).parse()
    except MultiPartException as exc:
        raise Problem(400, "Bad Request", f"nội dung multipart không đúng dạng / malformed multipart body: {exc}"
                      ) from None
    upload = form.get("file")
    if not isinstance(upload, UploadFile):
        raise Problem(422, "Invalid Request", "thiếu tệp (trường 'file') / missing the file (field 'file')")
    data = await upload.read()
    if len(data) > limit:
        raise _too_large(limit)
    return data, upload.filename


async def _once(body: bytes) -> AsyncGenerator[bytes, None]:
    yield body


def csv_response(body: bytes, name: str) -> Response:
    """A CSV file for Excel (:func:`graph.exports.csv_table`), downloaded as ``name``."""
    return Response(body, media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})


def _too_large(limit: int) -> Problem:
    return Problem(413, "Content Too Large", f"văn bản vượt quá {limit} byte / document larger than {limit} bytes")
