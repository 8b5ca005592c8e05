"""Luocdo's HTTP face: the query API, the SPARQL endpoint and the web page (``luocdo serve``).

``api`` is thin: it turns HTTP into calls of :mod:`graph.queries` and :mod:`graph.sparql` and their answers and
errors back into HTTP. :mod:`graph` never imports it.
"""

from api.app import create_app
from api.settings import Settings

__all__ = ["Settings", "create_app"]
