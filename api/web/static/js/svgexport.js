// SVG export of the lineage graph, written from the nodes' positions and the edges' endpoints (no
// third-party exporter). Built with the DOM (createElementNS + textContent), so labels are escaped by the
// serialiser and can never become mark-up.

import { DASHES, RELATION_STYLE, relationStyle } from "./graphstyle.js";

const NS = "http://www.w3.org/2000/svg";
const FONT = "system-ui, 'Segoe UI', Roboto, 'Noto Sans', sans-serif";

function el(name, attrs, text) {
  const node = document.createElementNS(NS, name);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v !== null && v !== undefined) node.setAttribute(k, String(v));
  }
  if (text !== undefined) node.textContent = text;
  return node;
}

const round = (v) => Math.round(v * 10) / 10;

/** The path of an edge: a straight line, or quadratic pieces through Cytoscape's control points. */
function edgePath(edge) {
  const s = edge.sourceEndpoint();
  const t = edge.targetEndpoint();
  const cps = edge.controlPoints() || [];
  if (!cps.length) return `M${round(s.x)},${round(s.y)} L${round(t.x)},${round(t.y)}`;
  let d = `M${round(s.x)},${round(s.y)}`;
  for (let i = 0; i < cps.length; i += 1) {
    const cp = cps[i];
    const next = i + 1 < cps.length ? { x: (cp.x + cps[i + 1].x) / 2, y: (cp.y + cps[i + 1].y) / 2 } : t;
    d += ` Q${round(cp.x)},${round(cp.y)} ${round(next.x)},${round(next.y)}`;
  }
  return d;
}

function shorten(text, max) {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** The graph as an SVG document (a string); `title` and `description` go in <title>/<desc>. */
export function graphToSvg(cy, { title = "", description = "" } = {}) {
  const visible = cy.elements(":visible");
  const box = visible.boundingBox({ includeLabels: true, includeOverlays: false });
  const pad = 24;
  const width = Math.max(1, Math.ceil(box.w + 2 * pad));
  const height = Math.max(1, Math.ceil(box.h + 2 * pad));
  const svg = el("svg", {
    xmlns: NS, width, height, viewBox: `${round(box.x1 - pad)} ${round(box.y1 - pad)} ${width} ${height}`,
    "font-family": FONT,
  });
  svg.append(el("title", null, title));
  if (description) svg.append(el("desc", null, description));

  const defs = el("defs");
  for (const [relation, s] of [...Object.entries(RELATION_STYLE), ["selected", { color: "#f59e0b" }]]) {
    const marker = el("marker", { id: `arrow-${relation}`, viewBox: "0 0 10 10", refX: 9, refY: 5,
      markerWidth: 7, markerHeight: 7, markerUnits: "strokeWidth", orient: "auto" });
    marker.append(el("path", { d: "M0,0 L10,5 L0,10 z", fill: s.color }));
    defs.append(marker);
  }
  svg.append(defs);
  svg.append(el("rect", { x: box.x1 - pad, y: box.y1 - pad, width, height, fill: "#ffffff" }));

  const edges = el("g", { class: "edges", fill: "none" });
  for (const edge of visible.edges()) {
    const relation = edge.data("relation");
    const s = relationStyle(relation);
    const selected = edge.selected();
    edges.append(el("path", {
      d: edgePath(edge), stroke: selected ? "#f59e0b" : s.color, "stroke-width": selected ? 4 : s.width,
      "stroke-dasharray": DASHES[s.line], "marker-end": `url(#arrow-${selected ? "selected" : relation})`,
    }));
    const label = edge.data("label");
    if (label) {
      const mid = edge.midpoint();
      edges.append(el("text", {
        x: round(mid.x), y: round(mid.y), "font-size": 10, fill: "#1f2937", "text-anchor": "middle",
        "dominant-baseline": "middle", stroke: "#ffffff", "stroke-width": 3, "paint-order": "stroke",
      }, label));
    }
  }
  svg.append(edges);

  const nodes = el("g", { class: "nodes" });
  for (const node of visible.nodes()) {
    const p = node.position();
    const w = node.width();
    const h = node.height();
    const color = node.data("color");
    const stub = node.hasClass("stub");
    const focus = node.hasClass("focus");
    const g = el("g", { class: `node${stub ? " stub" : ""}${focus ? " focus" : ""}` });
    g.append(el("title", null, node.data("tooltip") || node.data("label") || node.id()));
    g.append(el("rect", {
      x: round(p.x - w / 2), y: round(p.y - h / 2), width: round(w), height: round(h), rx: 7,
      fill: stub ? "#ffffff" : color, stroke: focus ? "#111827" : color, "stroke-width": focus ? 4 : stub ? 2 : 1.5,
      "stroke-dasharray": stub ? "6 4" : null,
    }));
    const lines = String(node.data("label") || "").split("\n");
    const text = el("text", {
      x: round(p.x), "font-size": 11, "text-anchor": "middle", fill: stub ? color : "#ffffff",
      "font-weight": focus ? "bold" : null,
    });
    const lineHeight = 13;
    const top = p.y - ((lines.length - 1) * lineHeight) / 2;
    lines.forEach((line, i) => {
      text.append(el("tspan", { x: round(p.x), y: round(top + i * lineHeight), "dominant-baseline": "middle" },
        shorten(line, 28)));
    });
    g.append(text);
    nodes.append(g);
  }
  svg.append(nodes);
  return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(svg)}\n`;
}
