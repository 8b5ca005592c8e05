// The lineage graph of a document with Cytoscape.js: laws at the top, letters at the bottom; controls for
// direction, depth and relations; click a node to open it or expand its neighbours; click an edge to read
// the sentence behind it; export PNG, SVG and GraphML.

import cytoscape from "/vendor/cytoscape/cytoscape.esm.min.mjs";
import cytoscapeDagre from "/vendor/cytoscape-dagre/cytoscape-dagre.mjs";
import { api } from "./api.js";
import { download, fileStem, h, replace } from "./dom.js";
import { docLink, docName, errorBox, quote } from "./components.js";
import { formatDate, formatNumber, RELATIONS, relationLabel, t } from "./i18n.js";
import { levelOf, RELATION_STYLE, stylesheet, TYPE_GROUPS, typeColor } from "./graphstyle.js";
import { dagreLayout, LARGE, layeredPositions } from "./layout.js";
import { graphToSvg } from "./svgexport.js";

cytoscape.use(cytoscapeDagre);

export const DEFAULTS = { direction: "both", depth: 3, relations: RELATIONS };

/** Graph options from the URL: direction, depth, relations (comma-separated). */
export function graphOptions(params) {
  const direction = ["up", "down", "both"].includes(params.get("direction")) ? params.get("direction")
    : DEFAULTS.direction;
  const depth = Math.min(10, Math.max(1, parseInt(params.get("depth") || "", 10) || DEFAULTS.depth));
  const asked = (params.get("relations") || "").split(",").filter((r) => RELATIONS.includes(r));
  return { direction, depth, relations: asked.length ? asked : [...RELATIONS] };
}

// Long issuer names shortened the way clerks write them, for the node labels only.
const SHORT = [[/Ủy ban nhân dân|Uỷ ban nhân dân/g, "UBND"], [/Hội đồng nhân dân/g, "HĐND"]];

function nodeLabel(doc) {
  const first = docName(doc);
  const issuer = SHORT.reduce((text, [pattern, short]) => text.replace(pattern, short), doc.issuer || "");
  return [first, issuer, formatDate(doc.date) || doc.year].filter(Boolean).join("\n");
}

function nodeElement(doc, focusKey) {
  const classes = [doc.stub ? "stub" : "", doc.key === focusKey ? "focus" : ""].filter(Boolean).join(" ");
  return {
    group: "nodes",
    data: {
      id: doc.key, doc, label: nodeLabel(doc), color: typeColor(doc.type), level: levelOf(doc),
      tooltip: [docName(doc), doc.title, doc.issuer].filter(Boolean).join(" — "),
    },
    classes,
  };
}

function edgeElement(link) {
  return {
    group: "edges",
    data: {
      id: `${link.source}→${link.target}`, source: link.source, target: link.target, relation: link.relation,
      label: relationLabel(link.relation), evidence: Array.isArray(link.evidence) ? link.evidence
        : link.evidence ? [link.evidence] : [],
    },
  };
}

export class LineageGraph {
  /**
   * @param {HTMLElement} root  where the toolbar, canvas, legend and evidence panel go
   * @param {object} o  {key, options: {direction, depth, relations}, onOptions(options), onOpen(key), signal}
   */
  constructor(root, { key, options, onOptions, onOpen, signal }) {
    this.key = key;
    this.options = { ...options };
    this.onOptions = onOptions;
    this.onOpen = onOpen;
    this.signal = signal;
    this.clickMode = "open";
    this.cy = null;
    this.large = false;
    this.build(root);
  }

  build(root) {
    const directions = ["up", "down", "both"].map((d) => h("option", { value: d }, t(`graph.direction.${d}`)));
    this.directionSelect = h("select", { id: "graph-direction", onchange: () => this.optionsChanged() }, directions);
    this.directionSelect.value = this.options.direction;
    this.depthSelect = h("select", { id: "graph-depth", onchange: () => this.optionsChanged() },
      [1, 2, 3, 4, 5, 6, 8, 10].map((d) => h("option", { value: d }, String(d))));
    this.depthSelect.value = String(this.options.depth);
    this.relationBoxes = RELATIONS.map((r) => {
      const box = h("input", { type: "checkbox", value: r, onchange: () => this.optionsChanged() });
      box.checked = this.options.relations.includes(r);
      const swatch = h("span", { class: `line-swatch line-${RELATION_STYLE[r].line}` });
      swatch.style.borderTopColor = RELATION_STYLE[r].color;
      return h("label", { class: "check", dataset: { relation: r } }, box, swatch, relationLabel(r));
    });
    this.clickSelect = h("select", { id: "graph-click", onchange: () => { this.clickMode = this.clickSelect.value; } },
      h("option", { value: "open" }, t("graph.click.open")), h("option", { value: "expand" }, t("graph.click.expand")));

    const toolbar = h("div", { class: "graph-toolbar" },
      h("label", null, h("span", null, t("graph.direction")), this.directionSelect),
      h("label", null, h("span", null, t("graph.depth")), this.depthSelect),
      h("fieldset", { class: "relations" }, h("legend", null, t("graph.relations")), this.relationBoxes),
      h("label", null, h("span", null, t("graph.click")), this.clickSelect),
      h("div", { class: "buttons" },
        h("button", { type: "button", id: "graph-fit", onclick: () => this.cy && this.cy.fit(undefined, 24) },
          t("graph.fit")),
        h("button", { type: "button", id: "export-png", onclick: () => this.exportPng() }, t("graph.png")),
        h("button", { type: "button", id: "export-svg", onclick: () => this.exportSvg() }, t("graph.svg")),
        h("button", { type: "button", id: "export-graphml", onclick: () => this.exportGraphml() },
          t("graph.graphml"))));
    this.status = h("p", { class: "graph-status muted", id: "graph-status", role: "status" });
    this.canvas = h("div", { class: "graph-canvas", id: "graph-canvas" });
    this.evidence = h("div", { class: "evidence-body", id: "evidence" },
      h("p", { class: "muted" }, t("graph.evidence.hint")));
    this.legend = h("div", { class: "legend", id: "graph-legend" });
    const panel = h("aside", { class: "graph-side" },
      h("h3", null, t("graph.evidence")), this.evidence, h("h3", null, t("graph.legend")), this.legend);
    replace(root, toolbar, this.status, h("div", { class: "graph-body" }, this.canvas, panel));
  }

  currentOptions() {
    const relations = this.relationBoxes.map((l) => l.querySelector("input")).filter((b) => b.checked)
      .map((b) => b.value);
    return { direction: this.directionSelect.value, depth: parseInt(this.depthSelect.value, 10), relations };
  }

  optionsChanged() {
    this.options = this.currentOptions();
    if (this.onOptions) this.onOptions(this.options);
    this.load();
  }

  apiParams(extra) {
    const all = this.options.relations.length === RELATIONS.length;
    return { direction: this.options.direction, depth: this.options.depth,
             relations: all ? null : this.options.relations.join(","), ...extra };
  }

  /** Fetch the lineage with the current options and draw it. */
  async load() {
    replace(this.status, t("loading"));
    if (!this.options.relations.length) {
      this.draw({ nodes: [], links: [] });
      return;
    }
    let data;
    try {
      data = await api.lineage(this.key, this.apiParams({ format: "json" }), { signal: this.signal });
    } catch (err) {
      if (err.name === "AbortError") throw err;
      replace(this.status, errorBox(err));
      return;
    }
    this.draw(data);
  }

  /** Replace the drawing with the node-link data {nodes, links}. */
  draw(data) {
    const started = performance.now();
    const nodes = data.nodes || [];
    const links = data.links || [];
    if (this.cy) this.cy.destroy();
    this.large = nodes.length > LARGE;
    const keys = new Set(nodes.map((n) => n.key));
    const unique = new Map();
    for (const l of links) {
      if (keys.has(l.source) && keys.has(l.target) && l.source !== l.target) unique.set(`${l.source}→${l.target}`, l);
    }
    const drawn = [...unique.values()];
    const elements = [...nodes.map((n) => nodeElement(n, this.key)), ...drawn.map(edgeElement)];
    this.cy = cytoscape({
      container: this.canvas,
      elements,
      style: stylesheet({ large: this.large }),
      layout: { name: "null" },
      minZoom: 0.02,
      maxZoom: 3,
      boxSelectionEnabled: false,
      selectionType: "single",
      textureOnViewport: this.large,
      hideEdgesOnViewport: this.large,
      hideLabelsOnViewport: this.large,
      pixelRatio: this.large ? 1 : "auto",
    });
    window.luocdo.cy = this.cy;
    window.luocdo.graph = this;
    this.cy.on("tap", "edge", (event) => this.showEvidence(event.target));
    this.cy.on("tap", "node", (event) => this.nodeClicked(event.target));
    this.layout();
    this.updateLegend();
    const ms = performance.now() - started;
    this.showStatus();
    if (!nodes.length) this.status.append(" — ", t("graph.empty"));
    document.dispatchEvent(new CustomEvent("luocdo:graph", {
      detail: { nodes: nodes.length, links: drawn.length, ms, large: this.large },
    }));
  }

  layout() {
    const cy = this.cy;
    if (!cy.nodes().length) return;
    if (cy.nodes().length > LARGE) {
      const nodes = cy.nodes().map((n) => ({ id: n.id(), level: n.data("level"),
                                             sort: `${n.data("doc").scope || ""} ${n.id()}` }));
      const links = cy.edges().map((e) => ({ source: e.data("source"), target: e.data("target") }));
      const positions = layeredPositions(nodes, links);
      cy.layout({ name: "preset", positions: (n) => positions[n.id()], animate: false, fit: true, padding: 24 }).run();
    } else {
      const levels = new Map(cy.nodes().map((n) => [n.id(), n.data("level")]));
      cy.layout(dagreLayout(levels)).run();
    }
    // A few documents would be drawn huge when fitted: no closer than a little over life size.
    if (cy.zoom() > 1.25) {
      cy.zoom(1.25);
      cy.center();
    }
    const focus = cy.getElementById(this.key);
    if (this.large && focus.nonempty()) {
      cy.zoom({ level: 0.6, position: focus.position() });
      cy.center(focus);
    }
  }

  showStatus() {
    const n = this.cy ? this.cy.nodes().length : 0;
    const m = this.cy ? this.cy.edges().length : 0;
    replace(this.status, t("graph.status", { nodes: formatNumber(n), links: formatNumber(m) }), " · ",
      t(n > LARGE ? "graph.layout.layers" : "graph.layout.dagre"));
  }

  updateLegend() {
    const present = new Set(this.cy.nodes().map((n) => n.data("doc").type || "Văn bản"));
    const items = [];
    for (const group of TYPE_GROUPS) {
      const types = group.types.filter((ty) => present.has(ty));
      if (!types.length) continue;
      const swatch = h("span", { class: "swatch" });
      swatch.style.backgroundColor = group.color;
      items.push(h("li", null, swatch, types.join(", ")));
    }
    const other = [...present].filter((ty) => !TYPE_GROUPS.some((g) => g.types.includes(ty)));
    if (other.length) {
      const swatch = h("span", { class: "swatch" });
      swatch.style.backgroundColor = typeColor(null);
      items.push(h("li", null, swatch, other.join(", ")));
    }
    items.push(h("li", null, h("span", { class: "swatch stub" }), t("graph.legend.stub")));
    items.push(h("li", null, h("span", { class: "swatch focus" }), t("graph.legend.focus")));
    const relations = RELATIONS.map((r) => {
      const swatch = h("span", { class: `line-swatch line-${RELATION_STYLE[r].line}` });
      swatch.style.borderTopColor = RELATION_STYLE[r].color;
      return h("li", null, swatch, relationLabel(r));
    });
    replace(this.legend, h("ul", { class: "legend-types" }, items), h("ul", { class: "legend-relations" }, relations));
  }

  /** The evidence of an edge: who cites whom, how, and the sentence with the cited part highlighted. */
  showEvidence(edge) {
    const source = edge.source().data("doc");
    const target = edge.target().data("doc");
    const evidence = edge.data("evidence") || [];
    const head = h("p", { class: "evidence-head" },
      `${t("graph.evidence.from")} `, docLink(source, { details: false }), " ",
      h("strong", { class: "relation" }, relationLabel(edge.data("relation"))), ` ${t("graph.evidence.to")} `,
      docLink(target, { details: false }));
    const quotes = evidence.length ? evidence.map((ev) => quote(ev))
      : [h("p", { class: "muted" }, t("graph.evidence.none"))];
    replace(this.evidence, head, quotes);
    this.evidence.dataset.edge = edge.id();
    document.dispatchEvent(new CustomEvent("luocdo:evidence", { detail: { edge: edge.id() } }));
  }

  nodeClicked(node) {
    if (this.clickMode === "expand") {
      this.expand(node.id());
    } else if (this.onOpen) {
      this.onOpen(node.id());
    }
  }

  /** Add the neighbours (one step up and down, same relations) of a node to the drawing. */
  async expand(key) {
    let data;
    try {
      data = await api.lineage(key, this.apiParams({ direction: "both", depth: 1, format: "json" }),
        { signal: this.signal });
    } catch (err) {
      if (err.name === "AbortError") return;
      replace(this.status, errorBox(err));
      return;
    }
    const cy = this.cy;
    const newNodes = (data.nodes || []).filter((n) => cy.getElementById(n.key).empty());
    const keys = new Set([...cy.nodes().map((n) => n.id()), ...newNodes.map((n) => n.key)]);
    const newLinks = (data.links || []).filter((l) => keys.has(l.source) && keys.has(l.target)
      && l.source !== l.target && cy.getElementById(`${l.source}→${l.target}`).empty());
    cy.add([...newNodes.map((n) => nodeElement(n, this.key)), ...newLinks.map(edgeElement)]);
    cy.getElementById(key).addClass("expanded");
    this.layout();
    this.updateLegend();
    this.showStatus();
    this.status.append(" — ", t("graph.expanded", { key, n: newNodes.length }));
  }

  exportPng() {
    if (!this.cy) return;
    const blob = this.cy.png({ output: "blob", full: true, scale: 2, bg: "#ffffff", maxWidth: 8000, maxHeight: 8000 });
    download(blob, `${fileStem(this.key)}-lineage.png`);
  }

  svg() {
    return graphToSvg(this.cy, { title: `${t("graph.title")}: ${this.key}`, description: t("graph.status", {
      nodes: this.cy.nodes().length, links: this.cy.edges().length }) });
  }

  exportSvg() {
    if (!this.cy) return;
    download(new Blob([this.svg()], { type: "image/svg+xml" }), `${fileStem(this.key)}-lineage.svg`);
  }

  exportGraphml() {
    download(api.lineageUrl(this.key, this.apiParams({ format: "graphml" })), `${fileStem(this.key)}-lineage.graphml`);
  }

  destroy() {
    if (this.cy) this.cy.destroy();
    if (window.luocdo.cy === this.cy) window.luocdo.cy = null;
    if (window.luocdo.graph === this) window.luocdo.graph = null;
    this.cy = null;
  }
}
