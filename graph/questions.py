"""The SPARQL the query API asks of the store, in one place, each with the question it answers.

Values are never spliced into these texts: the variables named in each comment are bound with
:meth:`graph.store.Store.select` ``bindings`` (and must therefore be in the projection).

Every pattern is matched inside one named graph (``GRAPH ?g``): the facts of a citation, a campaign mention, a
task or an agency all sit in the graph of the document that states them, and over the union of all graphs a node
described in thousands of them (a law, a Sở) would multiply the rows by that many for each triple about it.
"""

from __future__ import annotations

from graph.namespaces import ELI, LDO

__all__ = ["AGENCIES", "AGENCIES_IN_GRAPH", "CAMPAIGNS", "CAMPAIGN_MENTIONS", "CITED_BY", "RECIPIENTS", "REFERENCES",
           "TARGETS", "TASKS", "TASKS_OF_AGENCY", "TASKS_OF_DOCUMENT"]

_PREFIXES = f"""PREFIX eli: <{ELI._NS}> PREFIX ldo: <{LDO._NS}> PREFIX org: <http://www.w3.org/ns/org#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#> PREFIX prov: <http://www.w3.org/ns/prov#>
"""

_EVIDENCE = """?c ldo:evidence ?e . ?e ldo:start ?start ; ldo:end ?end .
  OPTIONAL { ?e ldo:sentence ?sentence } OPTIONAL { ?e ldo:mention ?mention }
  OPTIONAL { ?e prov:wasDerivedFrom ?src . ?src ldo:fileName ?file }"""

# ?doc: what a document cites, and the sentence that says so.
REFERENCES = _PREFIXES + f"""SELECT DISTINCT ?doc ?other ?rel ?start ?end ?sentence ?mention ?file WHERE {{
  GRAPH ?g {{
  ?c a ldo:Citation ; ldo:citing ?doc ; ldo:cited ?other ; ldo:relation ?rel . {_EVIDENCE} }} }}"""

# ?doc: the documents that cite it, and the sentence in each.
CITED_BY = _PREFIXES + f"""SELECT DISTINCT ?doc ?other ?rel ?start ?end ?sentence ?mention ?file WHERE {{
  GRAPH ?g {{
  ?c a ldo:Citation ; ldo:cited ?doc ; ldo:citing ?other ; ldo:relation ?rel . {_EVIDENCE} }} }}"""

# ?doc: the campaigns (phong trào thi đua) it launches or mentions.
CAMPAIGN_MENTIONS = _PREFIXES + f"""SELECT DISTINCT ?doc ?campaign ?name ?rel ?period ?start ?end ?sentence ?mention
  ?file WHERE {{ GRAPH ?g {{
  ?c a ldo:CampaignMention ; ldo:document ?doc ; ldo:campaign ?campaign ; ldo:relation ?rel .
  ?campaign skos:prefLabel ?name . OPTIONAL {{ ?c ldo:period ?period }} {_EVIDENCE} }} }}"""

# ?campaign: every document that launches or mentions it (unbound: every campaign, for the list).
CAMPAIGNS = _PREFIXES + f"""SELECT DISTINCT ?campaign ?name ?docKey ?rel ?period ?start ?end ?sentence ?mention
  ?file WHERE {{ GRAPH ?g {{
  ?c a ldo:CampaignMention ; ldo:document ?d ; ldo:campaign ?campaign ; ldo:relation ?rel .
  ?campaign skos:prefLabel ?name . ?d ldo:key ?docKey . OPTIONAL {{ ?c ldo:period ?period }} {_EVIDENCE} }} }}"""

_TASK = f"""?c a ldo:Task . OPTIONAL {{ ?c ldo:description ?text }} OPTIONAL {{ ?c ldo:dueText ?dueText }}
  OPTIONAL {{ ?c ldo:due ?due }} {_EVIDENCE}"""

# ?doc: the tasks it assigns, one row per task and agency (lead or partner).
TASKS_OF_DOCUMENT = _PREFIXES + f"""SELECT DISTINCT ?doc ?c ?role ?agency ?text ?dueText ?due ?start ?end ?sentence
  ?mention ?file WHERE {{ GRAPH ?g {{ ?doc ldo:assigns ?c . {_TASK}
  OPTIONAL {{ VALUES (?role ?p) {{ ("lead" ldo:lead) ("partner" ldo:partner) }} ?c ?p ?agency }} }} }}"""

# ?agency: the tasks it leads or takes part in, with the document that assigns each.
TASKS_OF_AGENCY = _PREFIXES + f"""SELECT DISTINCT ?agency ?c ?role ?docKey ?text ?dueText ?due ?start ?end ?sentence
  ?mention ?file WHERE {{ GRAPH ?g {{
  VALUES (?role ?p) {{ ("lead" ldo:lead) ("partner" ldo:partner) }} ?c ?p ?agency .
  ?d ldo:assigns ?c ; ldo:key ?docKey . {_TASK} }} }}"""

# Every task with its documents' key (and the scope, for ?scope filters on the list of tasks).
TASKS = _PREFIXES + f"""SELECT DISTINCT ?c ?docKey ?text ?dueText ?due ?start ?end ?sentence ?mention ?file WHERE {{
  GRAPH ?g {{
  ?d ldo:assigns ?c ; ldo:key ?docKey . {_TASK} }} }}"""

# Agencies with their names and scope.
AGENCIES = _PREFIXES + """SELECT DISTINCT ?agency ?key ?name ?scope WHERE { GRAPH ?g {
  ?agency a org:Organization ; ldo:key ?key . OPTIONAL { ?agency skos:prefLabel ?name }
  OPTIONAL { ?agency ldo:scope ?scope } } }"""

# ?g: the agencies one document's graph names.
AGENCIES_IN_GRAPH = _PREFIXES + """SELECT DISTINCT ?g ?agency ?key ?name ?scope WHERE { GRAPH ?g {
  ?agency a org:Organization ; ldo:key ?key . OPTIONAL { ?agency skos:prefLabel ?name }
  OPTIONAL { ?agency ldo:scope ?scope } } }"""

# ?doc: its targets (chỉ tiêu).
TARGETS = _PREFIXES + f"""SELECT DISTINCT ?doc ?indicator ?comparator ?value ?unit ?start ?end ?sentence ?mention ?file
WHERE {{ GRAPH ?g {{ ?doc ldo:setsTarget ?c . ?c ldo:indicator ?indicator . OPTIONAL {{ ?c ldo:comparator ?comparator }}
  OPTIONAL {{ ?c ldo:value ?value }} OPTIONAL {{ ?c ldo:unit ?unit }} {_EVIDENCE} }} }}"""

# ?doc: the agencies it is sent to (Nơi nhận) and addressed to (Kính gửi).
RECIPIENTS = _PREFIXES + """SELECT DISTINCT ?doc ?agency WHERE { GRAPH ?g { { ?doc ldo:recipient ?agency } UNION
  { ?doc ldo:addressee ?agency } } }"""
