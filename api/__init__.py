"""Luocdo's HTTP API (FastAPI). The query API and SPARQL endpoint arrive with the graph store (issue 4);
this package stays thin and never holds domain logic: that lives in :mod:`graph`."""
