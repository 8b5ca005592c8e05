"""RDF vocabularies: ELI (the European Legislation Identifier ontology) and Luocdo's own (``ldo:``).

Both are :class:`~rdflib.namespace.DefinedNamespace` classes with ``_fail = True``, so a misspelt term is an
error when the code runs, not a silent new IRI. Every ``LDO`` term is defined, with labels in Vietnamese and
English, in ``ontology/luocdo.ttl`` (a test checks both ways).

>>> LDO.implements
rdflib.term.URIRef('https://w3id.org/luocdo/ontology#implements')
>>> LDO.implemnts
Traceback (most recent call last):
...
AttributeError: term 'implemnts' not in namespace 'https://w3id.org/luocdo/ontology#'
"""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

__all__ = ["ELI", "LDO", "LDT", "OA"]


class ELI(DefinedNamespace):
    """The terms of ELI (http://data.europa.eu/eli/ontology#) that Luocdo uses."""

    _NS = Namespace("http://data.europa.eu/eli/ontology#")
    _fail = True

    LegalResource: URIRef
    id_local: URIRef
    date_document: URIRef
    passed_by: URIRef
    type_document: URIRef
    title: URIRef
    cites: URIRef
    based_on: URIRef
    amends: URIRef
    repeals: URIRef


class OA(DefinedNamespace):
    """Web Annotation terms for text positions (evidence spans are aligned to them in the ontology)."""

    _NS = Namespace("http://www.w3.org/ns/oa#")
    _fail = True

    start: URIRef
    end: URIRef
    exact: URIRef


class LDO(DefinedNamespace):
    """Luocdo's ontology: relations between documents, citations with evidence, campaigns, tasks, targets."""

    _NS = Namespace("https://w3id.org/luocdo/ontology#")
    _fail = True

    # Classes
    Citation: URIRef  # one stated relation between two documents, with its evidence
    CampaignMention: URIRef  # a document launching or mentioning a campaign, with its evidence
    Campaign: URIRef
    Task: URIRef
    Target: URIRef
    Evidence: URIRef
    SourceText: URIRef
    Stub: URIRef  # a document known only from citations

    # Relations between documents (from the acting, later document to the earlier one)
    basedOn: URIRef
    implements: URIRef
    guides: URIRef
    amends: URIRef
    replaces: URIRef
    repeals: URIRef

    # Document identity
    key: URIRef
    scope: URIRef
    year: URIRef
    issuerName: URIRef
    parentIssuerName: URIRef  # the authority above the issuer in the header, as written
    place: URIRef
    signerName: URIRef
    signerPosition: URIRef
    signingCapacity: URIRef
    addressee: URIRef
    recipient: URIRef
    recipientNote: URIRef
    yearInferred: URIRef
    titleKey: URIRef
    source: URIRef

    # Citations and campaign mentions
    citing: URIRef
    cited: URIRef
    relation: URIRef
    statedBy: URIRef
    numberInText: URIRef
    evidence: URIRef
    campaign: URIRef
    document: URIRef
    launches: URIRef
    mentionsCampaign: URIRef
    period: URIRef

    # Evidence and sources
    start: URIRef
    end: URIRef
    sentence: URIRef
    mention: URIRef
    fileName: URIRef
    sha256: URIRef

    # Tasks and targets
    assigns: URIRef
    setsTarget: URIRef
    description: URIRef
    lead: URIRef
    partner: URIRef
    dueText: URIRef
    due: URIRef
    indicator: URIRef
    comparator: URIRef
    value: URIRef
    unit: URIRef

    # The scheme of document types
    documentTypes: URIRef


LDT = Namespace("https://w3id.org/luocdo/type/")
"""Document types (SKOS concepts of ``ldo:documentTypes``): ``LDT["chi-thi"]``, ``LDT["luat"]``, …"""
