"""``luocdo serve``: the API, the SPARQL endpoint and the web page over the embedded store or a SPARQL server.

Registered as a ``luocdo`` command through the ``luocdo.commands`` entry point (graph/ never imports api/).
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from api.settings import Settings

__all__ = ["add_serve_command"]


def add_serve_command(commands: Any) -> None:
    serve = commands.add_parser("serve", help="phục vụ API, SPARQL và trang web / serve the API, SPARQL and the page")
    serve.add_argument("--store", help="store folder (default $LUOCDO_STORE or ~/.local/share/luocdo/store)")
    serve.add_argument("--base", help="base IRI of the data")
    serve.add_argument("--endpoint", help="a SPARQL 1.1 server's query URL instead of the embedded store "
                                          "(default $LUOCDO_SPARQL_ENDPOINT)")
    serve.add_argument("--update-endpoint", help="its update URL (default $LUOCDO_SPARQL_UPDATE_ENDPOINT, else "
                                                 "derived from the query URL)")
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

    if args.store and args.endpoint:
        print("lỗi / error: --store hoặc --endpoint, không cả hai / --store or --endpoint, not both", file=sys.stderr)
        return 2
    given = {"store": args.store, "base": args.base, "sparql_timeout": args.sparql_timeout,
             "sparql_max_rows": args.sparql_max_rows, "sparql_workers": args.sparql_workers,
             "sparql_endpoint": args.endpoint, "sparql_update_endpoint": args.update_endpoint}
    settings = Settings(**{k: v for k, v in given.items() if v is not None})
    if args.store:
        settings = settings.model_copy(update={"sparql_endpoint": None})
    if not _reachable(settings):
        return 2
    writes = "bật / on" if settings.writes_enabled else "tắt / off (LUOCDO_TOKEN)"
    print(f"Luocdo: http://{args.host}:{args.port}/ · SPARQL /sparql · API /docs · ghi / writes {writes}",
          file=sys.stderr)
    uvicorn.run(create_app(settings), host=args.host, port=args.port, log_level="warning")
    return 0


def _reachable(settings: Settings) -> bool:
    """Whether the store is there: the embedded store's folder, which opens for writing (a read-only folder, a
    full disk or another writer is told in one line here, not as the app's failed start), or a SPARQL server
    that answers."""
    from graph.errors import LuocdoError
    from graph.keys import Iris
    from graph.remote import RemoteBackend
    from graph.store import Store

    server = settings.server()
    if server is None:
        if not settings.store.exists():
            print(f"lỗi / error: chưa có kho dữ liệu tại {settings.store} / no store at {settings.store} "
                  "(luocdo ingest FOLDER)", file=sys.stderr)
            return False
        try:
            Store(settings.store, Iris(settings.base))  # closed again when dropped; the app opens it next
        except LuocdoError as err:
            print(f"lỗi / error: {err}", file=sys.stderr)
            return False
        return True
    store = Store.remote(server, Iris(settings.base))
    try:
        store.generation()
    except LuocdoError as err:
        print(f"lỗi / error: {err}", file=sys.stderr)
        return False
    finally:
        if isinstance(store.backend, RemoteBackend):
            store.backend.close()
    return True
