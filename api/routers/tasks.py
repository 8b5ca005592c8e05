"""Tasks of every document, by due date: what must be done, by whom, by when."""

from __future__ import annotations

from typing import Annotated, Any
from typing import Literal as Choice

from fastapi import APIRouter, Query

from api.deps import ServicesDep
from api.routers.agencies import DueAfter, DueBefore
from api.routers.documents import csv_response
from api.schemas import TaskList
from graph import exports

router = APIRouter(prefix="/api/tasks", tags=["tasks"])


@router.get("", response_model=TaskList,
            responses={200: {"content": {"text/csv": {"description": "format=csv: UTF-8 with BOM, for Excel"}}}})
def list_tasks(services: ServicesDep,
               scope: Annotated[str | None, Query(description="'VN' or a province", max_length=100)] = None,
               due_before: DueBefore = None, due_after: DueAfter = None,
               limit: Annotated[int, Query(ge=1, le=500)] = 100, offset: Annotated[int, Query(ge=0)] = 0,
               format: Choice["json", "csv"] = "json") -> Any:
    found = services.queries.tasks(scope, due_before, due_after, limit, offset)
    if format == "csv":
        return csv_response(exports.tasks_csv(found["items"]), "tasks.csv")
    return found
