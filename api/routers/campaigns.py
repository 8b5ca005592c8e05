"""Campaigns (phong trào thi đua): who launched each, which documents mention it, across provinces."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter
from fastapi import Path as PathParam

from api.deps import ServicesDep
from api.errors import problems
from api.schemas import CampaignDetail, CampaignList

router = APIRouter(prefix="/api/campaigns", tags=["campaigns"], responses=problems(404))


@router.get("", response_model=CampaignList)
def list_campaigns(services: ServicesDep) -> dict[str, Any]:
    return services.queries.campaigns()


CampaignKey = Annotated[str, PathParam(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", max_length=200,
                                       description="the campaign's key: its name in ASCII words joined by '-'")]


@router.get("/{key}", response_model=CampaignDetail)
def campaign(key: CampaignKey, services: ServicesDep) -> dict[str, Any]:
    return services.queries.campaign(key)
