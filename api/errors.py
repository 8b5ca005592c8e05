"""Errors as HTTP: every failure is an ``application/problem+json`` body (RFC 9457), mapped here only.

A problem says what went wrong in Vietnamese and English; it never carries a stack trace.
"""

from __future__ import annotations

import logging
import re
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from graph.errors import (
    InputError,
    InputTooLarge,
    LuocdoError,
    NotFound,
    QueryError,
    QueryRefused,
    QueryTimeout,
    StoreError,
)
from graph.sparql import EndpointUnavailable, NotAcceptable

__all__ = ["PROBLEM", "Problem", "install_error_handlers", "problem", "problems"]

PROBLEM = "application/problem+json"
log = logging.getLogger("luocdo.api")


class Problem(Exception):
    """An HTTP failure raised by a route: status, a title, and what to tell the user (vi / en)."""

    def __init__(self, status: int, title: str, detail: str, headers: dict[str, str] | None = None,
                 **extra: Any) -> None:
        self.status, self.title, self.detail, self.headers, self.extra = status, title, detail, headers, extra
        super().__init__(detail)


_MEANING = {
    400: "malformed request / yêu cầu sai", 401: "Authorization: Bearer <token> missing or wrong / thiếu hoặc sai",
    403: "refused / bị từ chối", 404: "no such document, campaign or agency / không tìm thấy",
    406: "no acceptable format / không có định dạng phù hợp",
    409: "a số ký hiệu several documents have: the candidates / số ký hiệu của nhiều văn bản",
    413: "body over the limit / nội dung quá lớn", 415: "unsupported content type / kiểu nội dung không hỗ trợ",
    422: "invalid parameters, or a document the gate refused / tham số không hợp lệ, hoặc văn bản bị từ chối",
    429: "too many requests from this address: Retry-After / quá nhiều yêu cầu",
    500: "server error, logged / lỗi máy chủ", 503: "busy or unavailable, try again: Retry-After / bận, thử lại sau",
}
_RETRY = {"Retry-After": {"description": "seconds to wait", "schema": {"type": "integer", "minimum": 1}}}


def problems(*statuses: int, describe: dict[int, str] | None = None) -> dict[int | str, dict[str, Any]]:
    """OpenAPI ``responses`` for these statuses (described as in ``describe``, else in general): each an
    ``application/problem+json`` ``Problem`` (:func:`problem_schemas` puts its schema in the components)."""
    describe = describe or {}
    return {status: {"description": describe.get(status, _MEANING[status]),
                     "content": {PROBLEM: {"schema": {"$ref": "#/components/schemas/Problem"}}},
                     **({"headers": _RETRY} if status in (429, 503) else {})} for status in statuses}


def problem_schemas() -> dict[str, Any]:
    """The JSON schemas of a problem, for the OpenAPI components."""
    from api.schemas import Problem as ProblemSchema

    schema = ProblemSchema.model_json_schema(ref_template="#/components/schemas/{model}")
    return {"Problem": schema, **schema.pop("$defs", {})}


def problem(status: int, title: str, detail: str, headers: dict[str, str] | None = None,
            **extra: Any) -> JSONResponse:
    body = {"type": "about:blank", "title": title, "status": status, "detail": detail, **extra}
    return JSONResponse(body, status_code=status, media_type=PROBLEM, headers=headers)


def _status(err: LuocdoError) -> tuple[int, str, dict[str, str] | None]:
    """The HTTP status of each error of the tree, in one place."""
    if isinstance(err, NotFound):
        return (409, "Ambiguous", None) if err.candidates else (404, "Not Found", None)
    if isinstance(err, InputTooLarge):
        return 413, "Content Too Large", None
    if isinstance(err, InputError):
        return 422, "Unprocessable Content", None
    if isinstance(err, QueryRefused):
        return 403, "Forbidden", None
    if isinstance(err, NotAcceptable):
        return 406, "Not Acceptable", None
    if isinstance(err, EndpointUnavailable):
        return 503, "Service Unavailable", {"Retry-After": "5"}
    if isinstance(err, QueryTimeout):
        return 503, "Query Timeout", {"Retry-After": "5"}
    if isinstance(err, QueryError):
        return 400, "Bad Query", None
    if isinstance(err, StoreError):
        return 503, "Store Unavailable", {"Retry-After": "5"}
    return 400, "Bad Request", None


async def _luocdo_error(request: Request, err: Exception) -> JSONResponse:
    assert isinstance(err, LuocdoError)
    status, title, headers = _status(err)
    extra = {"candidates": list(err.candidates)} if isinstance(err, NotFound) and err.candidates else {}
    return problem(status, title, str(err), headers, **extra)


async def _problem(request: Request, err: Exception) -> JSONResponse:
    assert isinstance(err, Problem)
    return problem(err.status, err.title, err.detail, err.headers, **err.extra)


async def _http_error(request: Request, err: Exception) -> JSONResponse:
    assert isinstance(err, HTTPException)
    headers = dict(err.headers or {})
    if err.status_code == 405 and (allowed := _allowed(request)):
        headers["Allow"] = allowed  # every method of the path (the router names only the first route's)
    return problem(err.status_code, str(err.detail), str(err.detail), headers or None)


def _allowed(request: Request) -> str:
    """The methods the OpenAPI declares for the path of ``request`` (any parameter may hold slashes)."""
    path = request.url.path
    methods: set[str] = set()
    for template, operations in request.app.openapi().get("paths", {}).items():
        if re.fullmatch(re.sub(r"\\\{[^}]*\\\}", ".+", re.escape(template)), path):
            methods.update(method.upper() for method in operations)
    return ", ".join(sorted(methods))


async def _invalid(request: Request, err: Exception) -> JSONResponse:
    assert isinstance(err, RequestValidationError)
    errors = [{"field": ".".join(str(p) for p in e.get("loc", ())), "message": e.get("msg", "")}
              for e in err.errors()]
    fields = ", ".join(e["field"] for e in errors)
    return problem(422, "Invalid Request", f"tham số không hợp lệ / invalid parameters: {fields}", errors=errors)


async def _unexpected(request: Request, err: Exception) -> JSONResponse:
    log.exception("unexpected error on %s %s", request.method, request.url.path)
    return problem(500, "Internal Server Error", "lỗi máy chủ, đã ghi nhật ký / server error, logged")


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(LuocdoError, _luocdo_error)
    app.add_exception_handler(Problem, _problem)
    app.add_exception_handler(HTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _invalid)
    app.add_exception_handler(Exception, _unexpected)
