"""The web page: ``/`` and its static files, and the front-end libraries installed from npm, served locally.

``api/web/node_modules`` is filled by ``npm ci --prefix api/web`` (scripts/setup.sh); nothing is fetched from
a CDN, at build time or at run time.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import FileResponse
from starlette.routing import Mount
from starlette.staticfiles import StaticFiles

WEB = Path(__file__).resolve().parent.parent / "web"
STATIC = WEB / "static"
MODULES = WEB / "node_modules"
# URL prefix -> the folder of an npm package that holds its browser build.
VENDOR = {
    "yasgui": MODULES / "@triply" / "yasgui" / "build",
    "cytoscape": MODULES / "cytoscape" / "dist",
    "cytoscape-dagre": MODULES / "cytoscape-dagre" / "dist",
}

router = APIRouter(include_in_schema=False)
router.routes.append(Mount("/static", StaticFiles(directory=STATIC, check_dir=False), name="static"))
for name, folder in VENDOR.items():
    router.routes.append(Mount(f"/vendor/{name}", StaticFiles(directory=folder, check_dir=False), name=name))


@router.get("/")
async def index() -> FileResponse:
    return FileResponse(STATIC / "index.html", media_type="text/html; charset=utf-8")
