"""The FastAPI app: :func:`create_app` wires settings, the store's lifespan, error mapping and routers."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI

from api.deps import Services
from api.errors import install_error_handlers, problem_schemas, problems
from api.middleware import HeadAsGet, RateLimit, ReadOnlyCors, networks
from api.routers import agencies, campaigns, documents, health, pages, sparql, stats, tasks
from api.settings import Settings
from graph import __version__

__all__ = ["create_app"]

DESCRIPTION = """Lược đồ văn bản: văn bản nào thực hiện chỉ đạo nào, chuỗi căn cứ đến luật, phong trào thi đua,
nhiệm vụ và thời hạn. / Document lineage: which documents implement which instruction, the citation chain up to
the law, campaigns, tasks and deadlines. SPARQL 1.1 endpoint (read-only) at `/sparql`."""


def create_app(settings: Settings | None = None) -> FastAPI:
    """The app over the store of ``settings`` (``LUOCDO_*`` environment variables by default)."""
    settings = settings or Settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        services = Services.open(settings)
        app.state.services = services
        try:
            yield
        finally:
            services.close()

    app = FastAPI(title="Luocdo", version=__version__, description=DESCRIPTION, lifespan=lifespan,
                  responses=problems(422, 429, 500, 503))
    install_error_handlers(app)
    app.add_middleware(RateLimit, rate=settings.rate_limit, burst=settings.rate_burst,
                       exempt=networks(settings.rate_exempt))
    app.add_middleware(HeadAsGet)
    app.add_middleware(ReadOnlyCors)  # the outermost: a 429 still tells a browser's script when to retry
    for module in (health, documents, campaigns, agencies, tasks, stats, sparql, pages):
        app.include_router(module.router)

    def openapi() -> dict[str, Any]:
        """FastAPI's OpenAPI with the schema of a problem (every error's body) among the components."""
        if app.openapi_schema is None:
            schema = FastAPI.openapi(app)
            schema.setdefault("components", {}).setdefault("schemas", {}).update(problem_schemas())
        return app.openapi_schema or {}

    app.openapi = openapi  # type: ignore[method-assign]
    return app
