"""Campaigns (phong trào thi đua): who launched each, which documents mention it, across provinces."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from api.deps import ServicesDep
from api.schemas import CampaignDetail, CampaignList

router = APIRouter(prefix="/api/campaigns", tags=["campaigns"])


@router.get("", response_model=CampaignList)
def list_campaigns(services: ServicesDep) -> dict[str, Any]:
    return services.queries.campaigns()


@router.get("/{key}", response_model=CampaignDetail)
def campaign(key: str, services: ServicesDep) -> dict[str, Any]:
    return services.queries.campaign(key)
