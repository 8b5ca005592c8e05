// Document view: metadata, the lineage graph, references out and in grouped by relation, the documents
// implementing it, campaigns, tasks (lead / partners / due), targets and recipients.

import { api } from "./api.js";
import { groupBy, h, replace } from "./dom.js";
import {
  agencyLink, agencyList, docLink, docName, dueLabel, errorBox, lazyDetails, loading, quote, route, section, table,
} from "./components.js";
import { formatDate, formatNumber, RELATIONS, relationLabel, t } from "./i18n.js";
import { graphOptions, LineageGraph } from "./lineage.js";

export async function renderDocument(container, { key, params, signal }) {
  replace(container, loading());
  const doc = await api.document(key, { signal });
  const options = graphOptions(params);

  const graphRoot = h("div", { class: "graph" });
  const implementedBy = h("div", { id: "implemented-by-list" }, loading());
  const transitive = h("input", { type: "checkbox", id: "implemented-by-transitive" });
  transitive.checked = params.get("transitive") === "1";
  const loadImplementedBy = () => showImplementedBy(implementedBy, doc.key, transitive.checked, signal);
  transitive.addEventListener("change", loadImplementedBy);

  replace(container,
    header(doc),
    h("section", { class: "card graph-card", id: "lineage" }, h("h2", null, t("graph.title")), graphRoot),
    h("div", { class: "columns" },
      section(t("doc.references"), grouped(doc.references, "target", false), { id: "references",
        count: (doc.references || []).length }),
      section(t("doc.citedBy"), citedBy(doc), { id: "cited-by", count: doc.cited_by_count ?? (doc.cited_by || []).length }),
      h("section", { class: "card", id: "implemented-by" },
        h("h2", null, t("doc.implementedBy")),
        h("label", { class: "check" }, transitive, t("doc.transitive")), implementedBy),
      section(t("doc.campaigns"), campaigns(doc.campaigns), { id: "campaigns", count: new Set((doc.campaigns || []).map((c) => c.key)).size }),
      section(t("doc.recipients"), recipients(doc.recipients), { id: "recipients",
        count: (doc.recipients || []).length })),
    section(t("doc.tasks"), tasks(doc.tasks), { id: "tasks", count: (doc.tasks || []).length }),
    section(t("doc.targets"), targets(doc.targets), { id: "targets", count: (doc.targets || []).length }));

  const graph = new LineageGraph(graphRoot, {
    key: doc.key,
    options,
    signal,
    onOptions: (o) => window.history.replaceState(null, "", route("doc", doc.key, hashParams(o))),
    onOpen: (k) => { window.location.hash = route("doc", k, hashParams(graph.options)); },
  });
  await Promise.all([graph.load(), loadImplementedBy()]);
  return () => graph.destroy();
}

function hashParams(o) {
  return { direction: o.direction, depth: o.depth,
           relations: o.relations.length === RELATIONS.length ? null : o.relations.join(",") };
}

function header(doc) {
  const rows = [
    [t("doc.type"), doc.type],
    [t("doc.number"), doc.number],
    [t("doc.date"), formatDate(doc.date) || (doc.year ? String(doc.year) : null)],
    [t("doc.issuer"), doc.issuer],
    [t("doc.scope"), doc.scope],
    [t("doc.source"), doc.source],
    [t("doc.key"), doc.key],
    [t("doc.iri"), doc.iri],
  ].filter(([, v]) => v !== null && v !== undefined && v !== "");
  return h("section", { class: "card doc-header", id: "document" },
    h("h1", { id: "doc-name" }, docName(doc),
      doc.stub ? [" ", h("span", { class: "badge stub" }, t("doc.stub"))] : null),
    h("p", { class: "doc-title", id: "doc-title" }, doc.title || t("doc.untitled")),
    doc.stub ? h("p", { class: "note" }, t("doc.stubNote")) : null,
    h("dl", { class: "meta" }, rows.map(([k, v]) => [h("dt", null, k), h("dd", null, String(v))])));
}

/** References (field "target") or citations (field "source") grouped by relation, strongest first. */
function grouped(items, field, inverse) {
  if (!items || !items.length) return null;
  const order = (r) => (RELATIONS.indexOf(r) < 0 ? RELATIONS.length : RELATIONS.indexOf(r));
  const groups = [...groupBy(items, (i) => i.relation).entries()].sort((a, b) => order(a[0]) - order(b[0]));
  return groups.map(([relation, list]) => h("div", { class: "relation-group", dataset: { relation } },
    h("h3", null, relationLabel(relation, inverse), " ", h("span", { class: "count" }, `(${list.length})`)),
    h("ul", { class: "refs" }, list.map((item) => h("li", null,
      docLink(item[field]),
      item.evidence ? lazyDetails(t("doc.evidence"), () => quote(item.evidence)) : null)))));
}

/** The documents citing it; the API sends the first ones of a much-cited document (cited_by_count in all). */
function citedBy(doc) {
  const list = grouped(doc.cited_by, "source", true);
  const total = doc.cited_by_count ?? (doc.cited_by || []).length;
  const shown = (doc.cited_by || []).length;
  if (!list || total <= shown) return list;
  return [h("p", { class: "muted" }, t("doc.citedByFirst", { shown: formatNumber(shown), n: formatNumber(total) }),
    " ", h("a", { href: route("doc", doc.key, { direction: "down", depth: 1 }) }, t("doc.citedByGraph"))), list];
}

async function showImplementedBy(el, key, transitive, signal) {
  replace(el, loading());
  try {
    const found = await api.implementedBy(key, { transitive: transitive ? "true" : "false" }, { signal });
    const items = found.items || [];
    if (!items.length) {
      replace(el, h("p", { class: "muted" }, t("none")));
      return;
    }
    const more = found.count > items.length
      ? h("p", { class: "muted" }, t("doc.relatedFirst", { shown: items.length, n: found.count })) : null;
    replace(el, h("ul", { class: "refs" }, items.map((doc) => h("li", null, docLink(doc),
      h("span", { class: "muted" }, " · ", [doc.relation ? relationLabel(doc.relation) : null,
        doc.depth ? t("doc.depth", { n: doc.depth }) : null].filter(Boolean).join(", "))))), more);
  } catch (err) {
    if (err.name === "AbortError") return;
    replace(el, errorBox(err));
  }
}

/** Campaigns, one line each (a document may name a campaign several times: each quote under it). */
function campaigns(list) {
  if (!list || !list.length) return null;
  const byKey = groupBy(list, (c) => c.key);
  return h("ul", { class: "refs" }, [...byKey.values()].map((mentions) => {
    const c = mentions[0];
    const launches = mentions.some((m) => m.relation === "launches");
    const periods = [...new Set(mentions.map((m) => m.period).filter(Boolean))];
    return h("li", null,
      h("a", { href: route("campaign", c.key) }, c.name || c.key),
      h("span", { class: "muted" }, " · ", launches ? t("campaign.launches") : t("campaign.mentions"),
        periods.length ? ` · ${t("campaign.period")}: ${periods.join(", ")}` : ""),
      lazyDetails(`${t("doc.evidence")} (${mentions.length})`, () => mentions.map((m) => quote(m.evidence))));
  }));
}

function tasks(list) {
  if (!list || !list.length) return null;
  return table([t("task.text"), t("task.lead"), t("task.partners"), t("task.due")],
    list.map((task) => [task.text || "", agencyList(task.lead), agencyList(task.partners), dueLabel(task)]),
    { className: "data tasks" });
}

function targets(list) {
  if (!list || !list.length) return null;
  return table([t("target.indicator"), t("target.comparator"), t("target.value"), t("target.unit")],
    list.map((x) => [x.indicator || "", x.comparator || "", x.value === null || x.value === undefined ? ""
      : String(x.value), x.unit || ""]), { className: "data targets" });
}

function recipients(list) {
  if (!list || !list.length) return null;
  return h("ul", { class: "plain" }, list.map((a) => h("li", null, agencyLink(a))));
}
