// Layouts of the lineage graph, top-down by legal rank (`level`: 0 = constitution and laws at the top).
//
// Small graphs use dagre with a rank constraint per edge taken from the levels. Large graphs (thousands of
// nodes) get positions computed here in linear time per sweep: one band per level, nodes ordered by the
// barycentre of their neighbours (a few sweeps down and up), wide bands wrapped into rows.

import { levelOf } from "./graphstyle.js";

export const LARGE = 300;
const X_GAP = 186;
const ROW_GAP = 72;
const LEVEL_GAP = 120;

/** dagre options: edges point from the citing (lower) document to the cited one, drawn bottom to top. */
export function dagreLayout(levels) {
  return {
    name: "dagre",
    rankDir: "BT",
    nodeSep: 26,
    rankSep: 64,
    edgeSep: 12,
    animate: false,
    fit: true,
    padding: 24,
    // The citing document sits at least (its level - the cited level) ranks below: a law and a decree cited
    // by a plan are drawn at their own ranks even when nothing else links them.
    minLen: (edge) => Math.max(1, (levels.get(edge.data("source")) ?? 0) - (levels.get(edge.data("target")) ?? 0)),
    edgeWeight: (edge) => (edge.data("relation") === "cites" ? 1 : 2),
    // Edges follow dagre's routes (around the nodes of the ranks they cross), not straight lines.
    useDagreEdgeControlPoints: true,
    automaticDagreEdgeStyle: true,
    dagreEdgeStyle: {
      "curve-style": "unbundled-bezier",
      "control-point-weights": (ele) => ele.scratch("controlPointWeights"),
      "control-point-distances": (ele) => ele.scratch("controlPointDistances"),
      "edge-distances": "intersection",
    },
  };
}

/**
 * Positions {id: {x, y}} for nodes [{id, level, sort}] and links [{source, target}], one band per level.
 * Bands wider than about sqrt(n) nodes wrap into rows so that 2,000 nodes stay legible when zoomed in.
 */
export function layeredPositions(nodes, links, { sweeps = 4 } = {}) {
  const ids = nodes.map((n) => n.id);
  const index = new Map(ids.map((id, i) => [id, i]));
  const neighbours = ids.map(() => []);
  for (const link of links) {
    const a = index.get(link.source);
    const b = index.get(link.target);
    if (a === undefined || b === undefined || a === b) continue;
    neighbours[a].push(b);
    neighbours[b].push(a);
  }
  const levelOfIndex = nodes.map((n) => levelOf(n));
  const bands = new Map();
  for (const [i, node] of nodes.entries()) {
    const lv = levelOfIndex[i];
    if (!bands.has(lv)) bands.set(lv, []);
    bands.get(lv).push(i);
  }
  const levels = [...bands.keys()].sort((a, b) => a - b);
  for (const lv of levels) bands.get(lv).sort((a, b) => String(nodes[a].sort ?? ids[a]).localeCompare(String(nodes[b].sort ?? ids[b])));

  // Relative place (0..1) of each node in its band; barycentre ordering against the bands already placed.
  const place = new Float64Array(ids.length);
  const setPlaces = (band) => band.forEach((n, k) => { place[n] = band.length > 1 ? k / (band.length - 1) : 0.5; });
  levels.forEach((lv) => setPlaces(bands.get(lv)));
  const reorder = (lv, fromAbove) => {
    const band = bands.get(lv);
    const key = new Map();
    for (const n of band) {
      let sum = 0;
      let count = 0;
      for (const m of neighbours[n]) {
        const other = levelOfIndex[m];
        if (fromAbove ? other < lv : other > lv) {
          sum += place[m];
          count += 1;
        }
      }
      key.set(n, count ? sum / count : place[n]);
    }
    band.sort((a, b) => key.get(a) - key.get(b));
    setPlaces(band);
  };
  for (let s = 0; s < sweeps; s += 1) {
    const order = s % 2 === 0 ? levels : [...levels].reverse();
    for (const lv of order) reorder(lv, s % 2 === 0);
  }

  const perRow = Math.max(10, Math.ceil(Math.sqrt(ids.length)));
  const positions = {};
  let y = 0;
  for (const lv of levels) {
    const band = bands.get(lv);
    const rows = Math.ceil(band.length / perRow);
    for (let r = 0; r < rows; r += 1) {
      const row = band.slice(r * perRow, (r + 1) * perRow);
      // Alternate rows are offset by half a gap so that edges between rows are not hidden behind nodes.
      const shift = (r % 2) * (X_GAP / 2);
      row.forEach((n, k) => {
        positions[ids[n]] = { x: (k - (row.length - 1) / 2) * X_GAP + shift, y };
      });
      y += ROW_GAP;
    }
    y += LEVEL_GAP - ROW_GAP;
  }
  return positions;
}
