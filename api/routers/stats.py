"""The corpus as a whole: counts, most-cited documents, directives nothing implements, stubs; the SHACL report."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from api.deps import ServicesDep
from api.schemas import Stats, Validation

router = APIRouter(prefix="/api", tags=["stats"])


@router.get("/stats", response_model=Stats)
def stats(services: ServicesDep) -> dict[str, Any]:
    return services.queries.stats()


@router.get("/validation", response_model=Validation)
def validation(services: ServicesDep) -> dict[str, Any]:
    """The shapes over every stored document (computed once after each change of the store)."""
    return services.queries.validation()
