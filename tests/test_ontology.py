"""Tests of the ontology files: ontology/luocdo.ttl, ontology/types.ttl and ontology/context.jsonld.

The ``LDO`` namespace class in graph/namespaces.py and luocdo.ttl must define the same terms; every term and
every document type needs labels and definitions in Vietnamese and English; the alignment to ELI, PROV-O,
Web Annotation and W3C ORG is checked axiom by axiom; the JSON-LD context must work offline.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import rdflib.plugins.shared.jsonld.context as jsonld_context
from rdflib import OWL, RDF, RDFS, SKOS, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.compare import isomorphic, to_isomorphic
from rdflib.namespace import ORG, PROV
from rdflib.term import Node

from graph.keys import slug, type_iri
from graph.namespaces import ELI, LDO, LDT, OA
from graph.vocab import DOC_TYPES, TYPE_BY_CODE

ONTOLOGY_DIR = Path(__file__).resolve().parents[1] / "ontology"
LUOCDO = ONTOLOGY_DIR / "luocdo.ttl"
TYPES = ONTOLOGY_DIR / "types.ttl"
CONTEXT = ONTOLOGY_DIR / "context.jsonld"

LDO_NS = "https://w3id.org/luocdo/ontology#"
LDT_NS = str(LDT)
ONTOLOGY_IRI = URIRef("https://w3id.org/luocdo/ontology")
# A plain Namespace: pytest probes module globals, and rdflib.XSD warns on unknown attributes.
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")
ELI_IMPLEMENTS = URIRef("http://data.europa.eu/eli/ontology#implements")  # deprecated since ELI 1.1: never used

LDO_TERMS = sorted(LDO.__annotations__)
NORMATIVE = LDT["van-ban-quy-pham-phap-luat"]
ADMINISTRATIVE = LDT["van-ban-hanh-chinh"]
TYPE_CONCEPTS = [type_iri(t) for t in DOC_TYPES]
ALL_CONCEPTS = [*TYPE_CONCEPTS, NORMATIVE, ADMINISTRATIVE]


@cache
def _parse(path: Path) -> Graph:
    return Graph().parse(path, format="turtle")


def ontology() -> Graph:
    return _parse(LUOCDO)


def types() -> Graph:
    return _parse(TYPES)


def both() -> Graph:
    merged = Graph()
    for triple in ontology():
        merged.add(triple)
    for triple in types():
        merged.add(triple)
    return merged


def _context() -> dict[str, Any]:
    data = json.loads(CONTEXT.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def _iris(graph: Graph) -> Iterator[URIRef]:
    for triple in graph:
        for node in triple:
            if isinstance(node, URIRef):
                yield node


def _langs(graph: Graph, subject: URIRef, *predicates: URIRef) -> list[str | None]:
    return [o.language for p in predicates for o in graph.objects(subject, p) if isinstance(o, Literal)]


def _diff(name: str, expected: set[str], actual: set[str]) -> str:
    return (f"{name}: missing {sorted(expected - actual)}, unexpected {sorted(actual - expected)}")


# --------------------------------------------------------------------------------------------------
# (a) the files parse; (g) nothing is imported
# --------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("path", [LUOCDO, TYPES], ids=lambda p: p.name)
def test_turtle_parses(path: Path) -> None:
    assert len(_parse(path)) > 100


def test_ontology_header() -> None:
    g = ontology()
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in g
    assert g.value(ONTOLOGY_IRI, OWL.versionInfo) is not None
    dct = "http://purl.org/dc/terms/"
    for prop in ("title", "description"):
        langs = _langs(g, ONTOLOGY_IRI, URIRef(dct + prop))
        assert sorted(langs, key=str) == ["en", "vi"], f"dct:{prop} languages: {langs}"


@pytest.mark.parametrize("path", [LUOCDO, TYPES], ids=lambda p: p.name)
def test_no_imports(path: Path) -> None:
    assert list(_parse(path).triples((None, OWL.imports, None))) == []
    assert "owl:imports" not in path.read_text(encoding="utf-8")


@pytest.mark.parametrize("path", [LUOCDO, TYPES, CONTEXT], ids=lambda p: p.name)
def test_text_is_nfc(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert unicodedata.is_normalized("NFC", text)


# --------------------------------------------------------------------------------------------------
# (b) the terms of LDO and of luocdo.ttl are the same set
# --------------------------------------------------------------------------------------------------

def test_ldo_class_is_read() -> None:
    # A guard for the tests below: the annotations of the class are its terms.
    assert "Citation" in LDO_TERMS and "basedOn" in LDO_TERMS and not any(t.startswith("_") for t in LDO_TERMS)
    assert all(str(getattr(LDO, t)) == LDO_NS + t for t in LDO_TERMS)


def test_defined_terms_equal_namespace_class() -> None:
    defined = {str(s)[len(LDO_NS):] for s in ontology().subjects(RDF.type, None)
               if isinstance(s, URIRef) and str(s).startswith(LDO_NS)}
    assert defined == set(LDO_TERMS), _diff("ldo: terms defined in luocdo.ttl vs. LDO", set(LDO_TERMS), defined)


@pytest.mark.parametrize("path", [LUOCDO, TYPES], ids=lambda p: p.name)
def test_no_undefined_ldo_term_is_used(path: Path) -> None:
    used = {str(i)[len(LDO_NS):] for i in _iris(_parse(path)) if str(i).startswith(LDO_NS)}
    assert used <= set(LDO_TERMS), f"ldo: terms used in {path.name} but not in LDO: {sorted(used - set(LDO_TERMS))}"


_KINDS = {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, SKOS.ConceptScheme}


@pytest.mark.parametrize("term", LDO_TERMS)
def test_term_has_one_kind(term: str) -> None:
    kinds = set(ontology().objects(LDO[term], RDF.type)) & _KINDS
    if term == "documentTypes":
        expected = {SKOS.ConceptScheme}
    elif term[0].isupper():
        expected = {OWL.Class}
    else:
        assert len(kinds) == 1 and kinds <= {OWL.ObjectProperty, OWL.DatatypeProperty}, f"ldo:{term}: {kinds}"
        return
    assert kinds == expected, f"ldo:{term}: {kinds}"


# --------------------------------------------------------------------------------------------------
# (c) labels and definitions in Vietnamese and English
# --------------------------------------------------------------------------------------------------

def _check_labels(g: Graph, subject: URIRef, name: str) -> None:
    labels = _langs(g, subject, RDFS.label, SKOS.prefLabel)
    definitions = _langs(g, subject, SKOS.definition)
    for lang in ("vi", "en"):
        assert lang in labels, f"{name} has no rdfs:label or skos:prefLabel @{lang} (has {labels})"
        assert lang in definitions, f"{name} has no skos:definition @{lang} (has {definitions})"
    for predicate in (RDFS.label, SKOS.prefLabel, SKOS.definition):
        langs = _langs(g, subject, predicate)
        assert len(langs) == len(set(langs)), f"{name}: two {g.qname(predicate)} in one language: {langs}"
    for literal in g.objects(subject, None):
        if isinstance(literal, Literal) and literal.language == "vi":
            assert str(literal).strip() and unicodedata.is_normalized("NFC", str(literal)), f"{name}: {literal!r}"


@pytest.mark.parametrize("term", LDO_TERMS)
def test_term_is_labelled_and_defined(term: str) -> None:
    _check_labels(ontology(), LDO[term], f"ldo:{term}")


@pytest.mark.parametrize("concept", ALL_CONCEPTS, ids=lambda c: str(c)[len(LDT_NS):])
def test_concept_is_labelled_and_defined(concept: URIRef) -> None:
    _check_labels(types(), concept, f"ldt:{str(concept)[len(LDT_NS):]}")


def test_vietnamese_labels_have_diacritics() -> None:
    # An ASCII-only Vietnamese label is a sign of text typed without its accents.
    plain = [str(o) for s, p, o in both() if p in (RDFS.label, SKOS.prefLabel) and isinstance(o, Literal)
             and o.language == "vi" and str(o).isascii() and " " in str(o)]
    assert plain == []


# --------------------------------------------------------------------------------------------------
# (d) alignment: relations, classes, evidence and sources
# --------------------------------------------------------------------------------------------------

RELATION_SUPERS = [
    (LDO.basedOn, ELI.based_on),
    (LDO.guides, ELI.based_on),
    (LDO.amends, ELI.amends),
    (LDO.replaces, ELI.repeals),
    (LDO.repeals, ELI.repeals),
    (LDO.implements, ELI.cites),
]


@pytest.mark.parametrize(("prop", "parent"), RELATION_SUPERS, ids=lambda n: str(n).rsplit("#", 1)[-1])
def test_relation_super_property(prop: URIRef, parent: URIRef) -> None:
    g = ontology()
    assert (prop, RDFS.subPropertyOf, parent) in g
    assert (prop, RDFS.subPropertyOf, ELI.cites) in g, f"{prop}: every reference edge is also eli:cites"
    assert (prop, RDFS.domain, ELI.LegalResource) in g and (prop, RDFS.range, ELI.LegalResource) in g
    definition = {o.language: str(o) for o in g.objects(prop, SKOS.definition) if isinstance(o, Literal)}
    assert "eli:cites" in definition["en"] and "eli:cites" in definition["vi"], f"{prop}: definitions must say so"


def test_relation_properties_are_exactly_these() -> None:
    g = ontology()
    under_eli = {s for s, o in g.subject_objects(RDFS.subPropertyOf)
                 if str(o).startswith(str(ELI.cites)[:-len("cites")]) and str(s).startswith(LDO_NS)}
    assert under_eli == {p for p, _ in RELATION_SUPERS}


@pytest.mark.parametrize("path", [LUOCDO, TYPES, CONTEXT], ids=lambda p: p.name)
def test_eli_implements_is_not_used(path: Path) -> None:
    if path == CONTEXT:
        assert ELI_IMPLEMENTS not in set(_context_terms().values())
        return
    assert ELI_IMPLEMENTS not in set(_iris(_parse(path)))


def test_implements_says_why_not_eli_implements() -> None:
    definitions = [str(o) for o in ontology().objects(LDO.implements, SKOS.definition)]
    assert len(definitions) == 2
    assert all("eli:implements" in d and "1.1" in d for d in definitions)


AXIOMS: list[tuple[URIRef, URIRef, URIRef]] = [
    (LDO.Citation, RDFS.subClassOf, PROV.Entity),
    (LDO.Evidence, RDFS.subClassOf, PROV.Entity),
    (LDO.SourceText, RDFS.subClassOf, PROV.Entity),
    (LDO.CampaignMention, RDFS.subClassOf, PROV.Entity),
    (LDO.Stub, RDFS.subClassOf, ELI.LegalResource),
    (LDO.start, RDFS.subPropertyOf, OA.start),
    (LDO.end, RDFS.subPropertyOf, OA.end),
    (LDO.mention, RDFS.subPropertyOf, OA.exact),
    (LDO.source, RDFS.subPropertyOf, PROV.hadPrimarySource),
    (LDO.source, RDFS.range, LDO.SourceText),
    (LDO.start, RDFS.range, XSD.integer),
    (LDO.end, RDFS.range, XSD.integer),
    (LDO.year, RDFS.range, XSD.integer),
    (LDO.value, RDFS.range, XSD.decimal),
    (LDO.numberInText, RDFS.range, XSD.boolean),
    (LDO.yearInferred, RDFS.range, XSD.boolean),
    (LDO.due, RDFS.range, RDFS.Literal),
    (LDO.relation, RDFS.range, RDF.Property),
    (LDO.evidence, RDFS.range, LDO.Evidence),
    (LDO.statedBy, RDFS.range, ELI.LegalResource),
    (LDO.citing, RDFS.domain, LDO.Citation),
    (LDO.cited, RDFS.domain, LDO.Citation),
    (LDO.addressee, RDFS.range, ORG.Organization),
    (LDO.recipient, RDFS.range, ORG.Organization),
    (LDO.lead, RDFS.range, ORG.Organization),
    (LDO.partner, RDFS.range, ORG.Organization),
    (LDO.launches, RDFS.range, LDO.Campaign),
    (LDO.mentionsCampaign, RDFS.range, LDO.Campaign),
    (LDO.campaign, RDFS.range, LDO.Campaign),
    (LDO.document, RDFS.domain, LDO.CampaignMention),
    (LDO.assigns, RDFS.range, LDO.Task),
    (LDO.setsTarget, RDFS.range, LDO.Target),
    (LDO.documentTypes, RDF.type, SKOS.ConceptScheme),
]


@pytest.mark.parametrize("axiom", AXIOMS, ids=lambda t: " ".join(str(n).rsplit("#", 1)[-1] for n in t))
def test_alignment_axiom(axiom: tuple[URIRef, URIRef, URIRef]) -> None:
    assert axiom in ontology()


def _union(g: Graph, node: Node | None) -> set[Node]:
    assert node is not None
    members = g.value(node, OWL.unionOf)
    return set(Collection(g, members)) if members is not None else {node}


@pytest.mark.parametrize("term", [LDO.key, LDO.scope], ids=["key", "scope"])
def test_identity_applies_to_documents_and_agencies(term: URIRef) -> None:
    g = ontology()
    assert _union(g, g.value(term, RDFS.domain)) >= {ELI.LegalResource, ORG.Organization}


def test_comparator_values() -> None:
    g = ontology()
    datatype = g.value(LDO.comparator, RDFS.range)
    assert datatype is not None and (datatype, RDF.type, RDFS.Datatype) in g
    members = g.value(datatype, OWL.oneOf)
    assert members is not None, "the comparator's range is not an enumeration"
    values = {str(v) for v in Collection(g, members)}
    assert values == {"=", ">=", "<=", ">", "<"}


# --------------------------------------------------------------------------------------------------
# (e) the document types
# --------------------------------------------------------------------------------------------------

def test_concepts_are_exactly_the_document_types_and_groups() -> None:
    concepts = {str(c) for c in types().subjects(RDF.type, SKOS.Concept)}
    expected = {str(c) for c in ALL_CONCEPTS}
    assert concepts == expected, _diff("ldt: concepts", expected, concepts)


@pytest.mark.parametrize("doc_type", DOC_TYPES, ids=slug)
def test_document_type_concept(doc_type: str) -> None:
    g, concept = types(), type_iri(doc_type)
    assert (concept, RDF.type, SKOS.Concept) in g, f"no concept {concept} for {doc_type!r}"
    assert (concept, SKOS.inScheme, LDO.documentTypes) in g
    assert Literal(doc_type, lang="vi") in set(g.objects(concept, SKOS.prefLabel)), \
        f"{concept}: prefLabel@vi is not exactly {doc_type!r}"


NO_NOTATION = {"Hiến pháp", "Bộ luật", "Luật", "Công văn", "Văn bản"}


@pytest.mark.parametrize("doc_type", DOC_TYPES, ids=slug)
def test_document_type_notation(doc_type: str) -> None:
    notations = [str(n) for n in types().objects(type_iri(doc_type), SKOS.notation)]
    if doc_type in NO_NOTATION:
        assert notations == []
    else:
        assert len(notations) == 1, f"{doc_type}: notations {notations}"
        assert TYPE_BY_CODE.get(notations[0]) == doc_type, f"{doc_type}: {notations[0]} is not its code in vocab.py"


NORMATIVE_TYPES = {"Hiến pháp", "Bộ luật", "Luật", "Pháp lệnh", "Nghị định", "Thông tư", "Thông tư liên tịch", "Lệnh"}
EITHER_TYPES = {"Nghị quyết", "Quyết định"}


@pytest.mark.parametrize("doc_type", DOC_TYPES, ids=slug)
def test_document_type_rank(doc_type: str) -> None:
    broader = set(types().objects(type_iri(doc_type), SKOS.broader))
    if doc_type in EITHER_TYPES:
        expected = {NORMATIVE, ADMINISTRATIVE}
    elif doc_type in NORMATIVE_TYPES:
        expected = {NORMATIVE}
    else:
        expected = {ADMINISTRATIVE}
    assert broader == expected


def test_rank_groups_are_top_concepts() -> None:
    g = both()
    for group in (NORMATIVE, ADMINISTRATIVE):
        assert (LDO.documentTypes, SKOS.hasTopConcept, group) in g
        assert (group, SKOS.topConceptOf, LDO.documentTypes) in g
        assert (group, SKOS.inScheme, LDO.documentTypes) in g
        assert g.value(group, SKOS.broader) is None


# --------------------------------------------------------------------------------------------------
# (f) the JSON-LD context: offline, and it maps data to the ontology's terms
# --------------------------------------------------------------------------------------------------

def _context_terms() -> dict[str, URIRef]:
    """Each term of the context and the IRI it expands to."""
    ctx = _context()["@context"]
    prefixes = {k: v for k, v in ctx.items() if isinstance(v, str) and v.endswith(("#", "/"))}
    terms: dict[str, URIRef] = {}
    for name, value in ctx.items():
        if name.startswith("@") or name in prefixes:
            continue
        iri = value["@id"] if isinstance(value, dict) else value
        if iri.startswith("@"):
            continue
        prefix, local = iri.split(":", 1)
        terms[name] = URIRef(prefixes[prefix] + local)
    return terms


def _walk(value: Any, key: str | None = None) -> Iterator[tuple[str | None, Any]]:
    yield key, value
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _walk(v, k)
    elif isinstance(value, list):
        for v in value:
            yield from _walk(v, key)


def test_context_is_local() -> None:
    data = _context()
    ctx = data["@context"]
    assert isinstance(ctx, dict), "a string or a list under @context would load a remote context"
    for key, value in _walk(ctx):
        assert key not in ("@import", "@propagate"), f"{key} in the context"
        if key == "@context":
            assert isinstance(value, dict), f"scoped context {value!r} is not embedded"
        if isinstance(value, str) and value.startswith(("http://", "https://")):
            assert key is not None and ":" not in key and not key.startswith("@") and value.endswith(("#", "/")), \
                f"{key!r}: {value!r} is not a namespace prefix"


def test_context_prefixes() -> None:
    ctx = _context()["@context"]
    assert ctx["ldo"] == LDO_NS and ctx["ldt"] == LDT_NS and ctx["eli"] == str(ELI.cites)[:-len("cites")]
    for prefix in ("org", "prov", "skos", "xsd", "oa", "dct"):
        assert prefix in ctx, f"prefix {prefix} missing"
    assert ctx["org"] == str(ORG) and ctx["prov"] == str(PROV) and ctx["oa"] == str(OA.start)[:-len("start")]


@pytest.mark.parametrize("name", sorted(_context_terms()))
def test_context_term_matches_ontology(name: str) -> None:
    """Coercions follow the ontology: @id for object properties, the range's datatype, @vi for langString."""
    iri = _context_terms()[name]
    definition = _context()["@context"][name]
    coercion = definition.get("@type") if isinstance(definition, dict) else None
    language = definition.get("@language") if isinstance(definition, dict) else None
    if not str(iri).startswith(LDO_NS):
        return
    assert str(iri)[len(LDO_NS):] in LDO_TERMS, f"{name} -> {iri} is not an LDO term"
    g = ontology()
    kinds = set(g.objects(iri, RDF.type))
    if OWL.ObjectProperty in kinds:
        assert coercion in ("@id", "@vocab"), f"{name}: object property without @type @id"
    elif OWL.DatatypeProperty in kinds:
        rng = g.value(iri, RDFS.range)
        if rng == RDF.langString:
            assert language == "vi" and coercion is None, f"{name}: text as written is @vi"
        elif rng in (XSD.string, RDFS.Literal) or (rng, RDF.type, RDFS.Datatype) in g:
            assert coercion is None and language is None, f"{name}: plain literal expected"
        else:
            assert rng is not None and coercion == "xsd:" + str(rng)[len(str(XSD)):], f"{name}: range {rng}"


DOC = "https://w3id.org/luocdo/id/doc/"
SAMPLE: dict[str, Any] = {"@graph": [
    {"id": DOC + "lao-cai/2024/01-ct-ubnd", "type": "LegalResource",
     "number": "01/CT-UBND", "date": "2024-01-19", "year": 2024, "key": "lao-cai/2024/01-ct-ubnd",
     "scope": "Lào Cai", "documentType": "ldt:chi-thi", "title": "Về đẩy mạnh phong trào thi đua",
     "passedBy": "https://w3id.org/luocdo/id/org/lao-cai/uy-ban-nhan-dan",
     "implements": DOC + "vn/2016/05-ct-tw", "cites": DOC + "vn/2016/05-ct-tw",
     "yearInferred": False, "source": "https://w3id.org/luocdo/id/source/ab12",
     "launches": "https://w3id.org/luocdo/id/campaign/ca-nuoc-chung-tay"},
    {"id": "https://w3id.org/luocdo/id/org/lao-cai/uy-ban-nhan-dan", "type": "Organization",
     "prefLabel": "Ủy ban nhân dân", "altLabel": "UBND tỉnh Lào Cai", "scope": "Lào Cai"},
    {"id": DOC + "lao-cai/2024/01-ct-ubnd/citation/1", "type": "Citation",
     "citing": DOC + "lao-cai/2024/01-ct-ubnd", "cited": DOC + "vn/2016/05-ct-tw", "relation": "implements",
     "statedBy": DOC + "lao-cai/2024/01-ct-ubnd", "numberInText": True,
     "evidence": {"id": DOC + "lao-cai/2024/01-ct-ubnd/citation/1/evidence", "type": "Evidence",
                  "start": 120, "end": 151, "mention": "Chỉ thị số 05-CT/TW",
                  "derivedFrom": "https://w3id.org/luocdo/id/source/ab12"}},
    {"id": DOC + "lao-cai/2024/01-ct-ubnd/target/1", "type": "Target", "indicator": "Tỷ lệ che phủ rừng",
     "comparator": ">=", "value": "59.2", "unit": "%"},
    {"id": DOC + "lao-cai/2024/01-ct-ubnd/task/1", "type": "Task",
     "due": {"@value": "2024-06", "@type": "xsd:gYearMonth"}, "dueText": "trước tháng 6/2024"},
]}

EXPECTED = """
@prefix ldo: <https://w3id.org/luocdo/ontology#> . @prefix ldt: <https://w3id.org/luocdo/type/> .
@prefix eli: <http://data.europa.eu/eli/ontology#> . @prefix org: <http://www.w3.org/ns/org#> .
@prefix prov: <http://www.w3.org/ns/prov#> . @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> . @prefix doc: <https://w3id.org/luocdo/id/doc/> .
@prefix id: <https://w3id.org/luocdo/id/> .

doc:lao-cai\\/2024\\/01-ct-ubnd a eli:LegalResource ;
    eli:id_local "01/CT-UBND" ; eli:date_document "2024-01-19"^^xsd:date ; ldo:year 2024 ;
    ldo:key "lao-cai/2024/01-ct-ubnd" ; ldo:scope "Lào Cai" ; eli:type_document ldt:chi-thi ;
    eli:title "Về đẩy mạnh phong trào thi đua"@vi ; eli:passed_by id:org\\/lao-cai\\/uy-ban-nhan-dan ;
    ldo:implements doc:vn\\/2016\\/05-ct-tw ; eli:cites doc:vn\\/2016\\/05-ct-tw ;
    ldo:yearInferred false ; ldo:source id:source\\/ab12 ; ldo:launches id:campaign\\/ca-nuoc-chung-tay .

id:org\\/lao-cai\\/uy-ban-nhan-dan a org:Organization ;
    skos:prefLabel "Ủy ban nhân dân"@vi ; skos:altLabel "UBND tỉnh Lào Cai"@vi ; ldo:scope "Lào Cai" .

doc:lao-cai\\/2024\\/01-ct-ubnd\\/citation\\/1 a ldo:Citation ;
    ldo:citing doc:lao-cai\\/2024\\/01-ct-ubnd ; ldo:cited doc:vn\\/2016\\/05-ct-tw ; ldo:relation ldo:implements ;
    ldo:statedBy doc:lao-cai\\/2024\\/01-ct-ubnd ; ldo:numberInText true ;
    ldo:evidence doc:lao-cai\\/2024\\/01-ct-ubnd\\/citation\\/1\\/evidence .

doc:lao-cai\\/2024\\/01-ct-ubnd\\/citation\\/1\\/evidence a ldo:Evidence ;
    ldo:start 120 ; ldo:end 151 ; ldo:mention "Chỉ thị số 05-CT/TW"@vi ; prov:wasDerivedFrom id:source\\/ab12 .

doc:lao-cai\\/2024\\/01-ct-ubnd\\/target\\/1 a ldo:Target ;
    ldo:indicator "Tỷ lệ che phủ rừng"@vi ; ldo:comparator ">=" ; ldo:value 59.2 ; ldo:unit "%" .

doc:lao-cai\\/2024\\/01-ct-ubnd\\/task\\/1 a ldo:Task ;
    ldo:due "2024-06"^^xsd:gYearMonth ; ldo:dueText "trước tháng 6/2024"@vi .
"""


@pytest.fixture
def offline(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any attempt of the JSON-LD parser to load a remote context fails the test."""

    def refuse(source: object, *args: object, **kwargs: object) -> object:
        raise AssertionError(f"remote context requested: {source!r}")

    monkeypatch.setattr(jsonld_context, "source_to_json", refuse)


def _parse_jsonld(document: dict[str, Any]) -> Graph:
    return Graph().parse(data=json.dumps(document, ensure_ascii=False), format="json-ld")


@pytest.mark.usefixtures("offline")
def test_offline_guard_works() -> None:
    with pytest.raises(AssertionError, match="remote context"):
        _parse_jsonld({"@context": "https://example.org/context.jsonld", "@id": DOC + "x", "p": "v"})


@pytest.mark.usefixtures("offline")
def test_sample_document_parses_to_expected_triples() -> None:
    parsed = _parse_jsonld({"@context": _context()["@context"], **SAMPLE})
    expected = Graph().parse(data=EXPECTED, format="turtle")
    if not isomorphic(parsed, expected):
        got, want = to_isomorphic(parsed), to_isomorphic(expected)
        extra = sorted(map(str, got - want))
        missing = sorted(map(str, want - got))
        pytest.fail(f"JSON-LD with the context gives other triples:\nunexpected {extra}\nmissing {missing}")


@pytest.mark.usefixtures("offline")
def test_sample_uses_only_defined_terms() -> None:
    parsed = _parse_jsonld({"@context": _context()["@context"], **SAMPLE})
    used = {p for p in parsed.predicates() if str(p).startswith(LDO_NS)}
    used |= {o for o in parsed.objects(None, RDF.type) if str(o).startswith(LDO_NS)}
    assert used and all(str(u)[len(LDO_NS):] in LDO_TERMS for u in used)
