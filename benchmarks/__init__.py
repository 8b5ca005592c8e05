"""Benchmarks of Luocdo (issue 6): a generated corpus of Vietnamese document texts (:mod:`benchmarks.corpus`) and
the ``luocdo bench`` command (:mod:`benchmarks.cli`) that measures extraction, ingest, the store, the query API and
HTTP throughput over it, against rdflib's in-memory store as the baseline.

``graph/`` never imports this package; the command reaches ``luocdo`` through the ``luocdo.commands`` entry point.
"""
