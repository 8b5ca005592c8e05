"""The web page: ``/`` and its static files, the vocabulary its filters offer, and the front-end libraries
installed from npm, served locally.

``api/web/node_modules`` is filled by ``npm ci --prefix api/web`` (scripts/setup.sh); nothing is fetched from
a CDN, at build time or at run time.
"""

from __future__ import annotations

import mimetypes
from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import FileResponse
from starlette.routing import Mount
from starlette.staticfiles import StaticFiles

from graph.models import RELATION_STRENGTH
from graph.text import fold
from graph.vocab import DOC_TYPES, PROVINCES

WEB = Path(__file__).resolve().parent.parent / "web"
STATIC = WEB / "static"
MODULES = WEB / "node_modules"
# URL prefix -> the folder of an npm package that holds its browser build.
VENDOR = {
    "yasgui": MODULES / "@triply" / "yasgui" / "build",
    "cytoscape": MODULES / "cytoscape" / "dist",
    "cytoscape-dagre": MODULES / "cytoscape-dagre" / "dist",
}
# ES modules must be served as JavaScript whatever the system's MIME table says.
mimetypes.add_type("text/javascript", ".mjs")
mimetypes.add_type("text/javascript", ".js")

router = APIRouter(include_in_schema=False)
router.routes.append(Mount("/static", StaticFiles(directory=STATIC, check_dir=False), name="static"))
for name, folder in VENDOR.items():
    router.routes.append(Mount(f"/vendor/{name}", StaticFiles(directory=folder, check_dir=False), name=name))


@router.get("/")
async def index() -> FileResponse:
    return FileResponse(STATIC / "index.html", media_type="text/html; charset=utf-8")


@router.get("/ui/vocab.json")
async def vocab() -> dict[str, list[str]]:
    """What the page's filters offer: provinces (sorted the Vietnamese way), document types, relations."""
    return {"provinces": sorted(PROVINCES, key=_vi_sort_key), "types": sorted(DOC_TYPES, key=_vi_sort_key),
            "relations": list(RELATION_STRENGTH)}


def _vi_sort_key(name: str) -> tuple[str, str]:
    return fold(name), name
