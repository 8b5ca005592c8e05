"""Agencies and the tasks they lead or take part in, by due date."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any

from fastapi import APIRouter, Query
from pydantic import BeforeValidator

from api.deps import ServicesDep
from api.errors import problems
from api.schemas import AgencyList, AgencyTasks

router = APIRouter(prefix="/api/agencies", tags=["agencies"], responses=problems(404))

def _iso_day(value: object) -> object:
    """A day as YYYY-MM-DD only (pydantic would also take a number of seconds since 1970, '0' for one)."""
    if isinstance(value, str) and not _DAY.fullmatch(value):
        raise ValueError("a day is written YYYY-MM-DD / ngày viết theo dạng YYYY-MM-DD")
    return value


_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
Day = Annotated[dt.date, BeforeValidator(_iso_day)]
DueBefore = Annotated[Day | None, Query(description="due on or before this day (a month: its last day)")]
DueAfter = Annotated[Day | None, Query(description="due on or after this day")]


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
