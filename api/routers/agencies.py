"""Agencies and the tasks they lead or take part in, by due date."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Query

from api.deps import ServicesDep
from api.schemas import AgencyList, AgencyTasks

router = APIRouter(prefix="/api/agencies", tags=["agencies"])

DueBefore = Annotated[dt.date | None, Query(description="due on or before this day (a month: its last day)")]
DueAfter = Annotated[dt.date | None, Query(description="due on or after this day")]


@router.get("", response_model=AgencyList)
def list_agencies(services: ServicesDep,
                  scope: Annotated[str | None, Query(description="'VN' or a province", max_length=100)] = None
                  ) -> dict[str, Any]:
    return services.queries.agencies(scope)


@router.get("/{key:path}/tasks", response_model=AgencyTasks)
def agency_tasks(key: str, services: ServicesDep, due_before: DueBefore = None, due_after: DueAfter = None
                 ) -> dict[str, Any]:
    """Tasks the agency leads (``role: lead``) or takes part in (``role: partner``)."""
    return services.queries.agency_tasks(key, due_before, due_after)
