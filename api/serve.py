"""``luocdo serve``: the API, the SPARQL endpoint and the web page over the embedded store.

Registered as a ``luocdo`` command through the ``luocdo.commands`` entry point (graph/ never imports api/).
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

__all__ = ["add_serve_command"]


def add_serve_command(commands: Any) -> None:
    serve = commands.add_parser("serve", help="phục vụ API, SPARQL và trang web / serve the API, SPARQL and the page")
    serve.add_argument("--store", help="store folder (default $LUOCDO_STORE or ~/.local/share/luocdo/store)")
    serve.add_argument("--base", help="base IRI of the data")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    serve.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    serve.add_argument("--sparql-timeout", type=float, help="seconds a SPARQL query may run (default 30)")
    serve.add_argument("--sparql-max-rows", type=int, help="rows a SPARQL answer may hold (default 10000)")
    serve.add_argument("--sparql-workers", type=int, help="SPARQL worker processes (default 2)")
    serve.set_defaults(func=_serve)


def _serve(args: argparse.Namespace) -> int:
    import uvicorn

    from api.app import create_app
    from api.settings import Settings

    given = {"store": args.store, "base": args.base, "sparql_timeout": args.sparql_timeout,
             "sparql_max_rows": args.sparql_max_rows, "sparql_workers": args.sparql_workers}
    settings = Settings(**{k: v for k, v in given.items() if v is not None})
    if not settings.store.exists():
        print(f"lỗi / error: chưa có kho dữ liệu tại {settings.store} / no store at {settings.store} "
              "(luocdo ingest FOLDER)", file=sys.stderr)
        return 2
    writes = "bật / on" if settings.writes_enabled else "tắt / off (LUOCDO_TOKEN)"
    print(f"Luocdo: http://{args.host}:{args.port}/ · SPARQL /sparql · API /docs · ghi / writes {writes}",
          file=sys.stderr)
    uvicorn.run(create_app(settings), host=args.host, port=args.port, log_level="warning")
    return 0
