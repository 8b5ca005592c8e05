// How the lineage graph looks: a colour per document type, a line style per relation, the Cytoscape
// stylesheet, and the legal rank used when a node comes without the server's `level`.

export const TYPE_GROUPS = [
  { types: ["Hiến pháp", "Bộ luật", "Luật", "Pháp lệnh"], color: "#b91c1c" },
  { types: ["Nghị định", "Nghị quyết"], color: "#c2410c" },
  { types: ["Thông tư", "Thông tư liên tịch"], color: "#a16207" },
  { types: ["Chỉ thị", "Lệnh"], color: "#7e22ce" },
  { types: ["Quyết định", "Quy định", "Quy chế"], color: "#15803d" },
  { types: ["Kế hoạch", "Chương trình", "Đề án", "Phương án"], color: "#1d4ed8" },
  { types: ["Hướng dẫn", "Thông báo", "Kết luận", "Báo cáo", "Tờ trình", "Công điện"], color: "#0f766e" },
  { types: ["Công văn", "Văn bản"], color: "#4b5563" },
];
const OTHER_COLOR = "#6b7280";
const COLOR_BY_TYPE = new Map(TYPE_GROUPS.flatMap((g) => g.types.map((ty) => [ty, g.color])));

export function typeColor(type) {
  return COLOR_BY_TYPE.get(type) || OTHER_COLOR;
}

// Strongest relation first, as the API orders them.
export const RELATION_STYLE = {
  based_on: { color: "#1e3a8a", line: "solid", width: 2.6 },
  implements: { color: "#15803d", line: "solid", width: 2.6 },
  guides: { color: "#7e22ce", line: "dashed", width: 2 },
  amends: { color: "#c2410c", line: "dashed", width: 2 },
  replaces: { color: "#b91c1c", line: "dashed", width: 2 },
  repeals: { color: "#b91c1c", line: "solid", width: 2 },
  cites: { color: "#6b7280", line: "dotted", width: 1.6 },
};
export const DASHES = { solid: null, dashed: "8 5", dotted: "2 4" };

export function relationStyle(relation) {
  return RELATION_STYLE[relation] || RELATION_STYLE.cites;
}

// Legal rank when the server gives no level: 0 at the top (constitution, laws), letters at the bottom.
const RANK = {
  "Hiến pháp": 0, "Bộ luật": 1, "Luật": 1, "Pháp lệnh": 2, "Nghị quyết": 3, "Nghị định": 3, "Lệnh": 3,
  "Thông tư": 4, "Thông tư liên tịch": 4, "Chỉ thị": 5, "Quyết định": 5, "Quy định": 5, "Quy chế": 5,
  "Kế hoạch": 6, "Chương trình": 6, "Đề án": 6, "Phương án": 6, "Hướng dẫn": 7, "Thông báo": 7, "Kết luận": 7,
  "Báo cáo": 8, "Tờ trình": 8, "Công điện": 8, "Công văn": 8, "Văn bản": 8,
};

export function levelOf(node) {
  if (Number.isFinite(node.level)) return node.level;
  return RANK[node.type] ?? 8;
}

/** The Cytoscape stylesheet; `large` trades edge labels and curves for speed. */
export function stylesheet({ large }) {
  const edgeStyles = Object.entries(RELATION_STYLE).map(([relation, s]) => ({
    selector: `edge[relation = "${relation}"]`,
    style: { "line-color": s.color, "target-arrow-color": s.color, "line-style": s.line, width: s.width },
  }));
  return [
    {
      selector: "node",
      style: {
        shape: "round-rectangle",
        width: 168,
        height: 54,
        "background-color": "data(color)",
        "border-width": 1.5,
        "border-color": "data(color)",
        label: "data(label)",
        color: "#ffffff",
        "font-size": 11,
        "font-family": 'system-ui, "Segoe UI", Roboto, "Noto Sans", sans-serif',
        "text-wrap": "wrap",
        "text-max-width": 158,
        "text-valign": "center",
        "text-halign": "center",
        "min-zoomed-font-size": large ? 7 : 0,
      },
    },
    {
      selector: "node.stub",
      style: { "background-color": "#ffffff", "border-style": "dashed", "border-width": 2, color: "data(color)" },
    },
    {
      selector: "node.focus",
      style: { "border-width": 4, "border-color": "#111827", "font-weight": "bold", "underlay-color": "#fde047",
               "underlay-opacity": 0.7, "underlay-padding": 5 },
    },
    { selector: "node.expanded", style: { "outline-width": 2, "outline-color": "#94a3b8", "outline-offset": 3 } },
    { selector: "node:selected", style: { "border-width": 4, "border-color": "#f59e0b" } },
    {
      selector: "edge",
      style: {
        "curve-style": large ? "straight" : "bezier",
        "target-arrow-shape": "triangle",
        "arrow-scale": 1.1,
        label: large ? "" : "data(label)",
        "font-size": 10,
        color: "#1f2937",
        "text-background-color": "#ffffff",
        "text-background-opacity": 0.85,
        "text-background-padding": 2,
        "text-rotation": "autorotate",
        "min-zoomed-font-size": large ? 8 : 0,
      },
    },
    ...edgeStyles,
    // Thousands of edges: thin and half transparent, so that the nodes and the selected edge stand out.
    ...(large ? [{ selector: "edge", style: { width: 1, opacity: 0.45, "arrow-scale": 0.8 } }] : []),
    {
      selector: "edge:selected",
      style: { width: 5, opacity: 1, "line-color": "#f59e0b", "target-arrow-color": "#f59e0b", label: "data(label)",
               "z-index": 10 },
    },
    { selector: "edge.dim, node.dim", style: { opacity: 0.25 } },
  ];
}
