// Every string of the interface, in Vietnamese (default) and English. Data (titles, names, sentences) is
// never translated: it is shown as the documents give it.

const STRINGS = {
  vi: {
    "brand": "Luocdo",
    "title": "Luocdo — lược đồ văn bản",
    "footer": "Lược đồ văn bản: chuỗi căn cứ từ luật đến công văn, với câu trích dẫn làm bằng chứng.",
    "nav.search": "Tìm kiếm",
    "nav.campaigns": "Phong trào",
    "nav.agencies": "Cơ quan",
    "nav.sparql": "SPARQL",
    "nav.api": "API",
    "loading": "Đang tải…",
    "error": "Lỗi",
    "error.network": "Không kết nối được máy chủ.",
    "error.notFound": "Không tìm thấy.",
    "none": "Không có.",
    "unknown": "?",
    "count.documents": "{n} văn bản",
    "count.links": "{n} liên kết",

    "search.title": "Tìm văn bản",
    "search.placeholder": "Số ký hiệu (503/KH-UBND) hoặc từ trong trích yếu",
    "search.go": "Tìm",
    "search.q": "Số ký hiệu hoặc trích yếu",
    "search.scope": "Tỉnh, thành phố",
    "search.scope.all": "Tất cả",
    "search.scope.vn": "Trung ương",
    "search.type": "Loại văn bản",
    "search.type.all": "Tất cả các loại",
    "search.year": "Năm",
    "search.results": "Kết quả: {n} văn bản",
    "search.recent": "Văn bản trong kho",
    "search.empty": "Không tìm thấy văn bản nào.",
    "search.prev": "← Trang trước",
    "search.next": "Trang sau →",
    "search.page": "{from}–{to} trên {n}",

    "doc.type": "Loại",
    "doc.number": "Số ký hiệu",
    "doc.date": "Ngày ban hành",
    "doc.year": "Năm",
    "doc.issuer": "Cơ quan ban hành",
    "doc.scope": "Phạm vi",
    "doc.title": "Trích yếu",
    "doc.key": "Khóa",
    "doc.iri": "IRI",
    "doc.source": "Tệp nguồn",
    "doc.noNumber": "(không số)",
    "doc.untitled": "(chưa rõ trích yếu)",
    "doc.stub": "chưa có trong kho",
    "doc.stubNote": "Văn bản này chưa có trong kho: chỉ biết qua các văn bản trích dẫn nó.",
    "doc.references": "Văn bản được dẫn chiếu",
    "doc.citedBy": "Văn bản dẫn chiếu đến văn bản này",
    "doc.citedByFirst": "Hiển thị {shown} trên {n} lần được dẫn chiếu.",
    "doc.relatedFirst": "Hiển thị {shown} văn bản gần nhất trên {n}.",
    "doc.citedByGraph": "Xem tất cả trên lược đồ (xuống, độ sâu 1)",
    "doc.implementedBy": "Văn bản thực hiện",
    "doc.implements": "Văn bản mà văn bản này thực hiện",
    "doc.transitive": "Kể cả gián tiếp",
    "doc.depth": "bậc {n}",
    "doc.campaigns": "Phong trào thi đua",
    "doc.tasks": "Nhiệm vụ",
    "doc.targets": "Chỉ tiêu",
    "doc.recipients": "Nơi nhận",
    "doc.evidence": "Câu trích",

    "campaign.launches": "phát động",
    "campaign.mentions": "nhắc đến",
    "campaign.period": "Thời gian",

    "task.text": "Nội dung",
    "task.lead": "Chủ trì",
    "task.partners": "Phối hợp",
    "task.due": "Thời hạn",
    "task.document": "Văn bản",
    "task.role": "Vai trò",
    "task.role.lead": "chủ trì",
    "task.role.partner": "phối hợp",
    "task.noDue": "Không có hạn cụ thể",

    "target.indicator": "Chỉ tiêu",
    "target.comparator": "So sánh",
    "target.value": "Giá trị",
    "target.unit": "Đơn vị",

    "graph.title": "Lược đồ văn bản",
    "graph.direction": "Hướng",
    "graph.direction.up": "Lên (căn cứ)",
    "graph.direction.down": "Xuống (thực hiện)",
    "graph.direction.both": "Cả hai",
    "graph.depth": "Độ sâu",
    "graph.relations": "Quan hệ",
    "graph.click": "Nhấp vào văn bản để",
    "graph.click.open": "mở văn bản",
    "graph.click.expand": "mở rộng lân cận",
    "graph.fit": "Vừa khung",
    "graph.png": "Xuất PNG",
    "graph.svg": "Xuất SVG",
    "graph.graphml": "Tải GraphML",
    "graph.status": "{nodes} văn bản, {links} liên kết",
    "graph.layout.dagre": "bố cục phân tầng (dagre)",
    "graph.layout.layers": "bố cục theo tầng cấp",
    "graph.empty": "Không có văn bản liên quan với các lựa chọn này.",
    "graph.expanded": "Đã mở rộng {key}: thêm {n} văn bản.",
    "graph.legend": "Chú giải",
    "graph.legend.stub": "chưa có trong kho (nét đứt)",
    "graph.legend.focus": "văn bản đang xem",
    "graph.evidence": "Bằng chứng",
    "graph.evidence.hint": "Nhấp vào một mũi tên để xem câu trích dẫn trong văn bản nguồn.",
    "graph.evidence.none": "Không có câu trích dẫn cho liên kết này.",
    "graph.evidence.from": "Từ",
    "graph.evidence.to": "đến",
    "graph.evidence.source": "Tệp {source}, ký tự {start}–{end}",
    "graph.evidence.mention": "Phần được trích",
    "graph.node.open": "Mở văn bản",
    "graph.node.expand": "Mở rộng lân cận",

    "rel.based_on": "căn cứ",
    "rel.implements": "thực hiện",
    "rel.guides": "hướng dẫn",
    "rel.amends": "sửa đổi",
    "rel.replaces": "thay thế",
    "rel.repeals": "bãi bỏ",
    "rel.cites": "dẫn chiếu",
    "relInv.based_on": "lấy văn bản này làm căn cứ",
    "relInv.implements": "thực hiện văn bản này",
    "relInv.guides": "hướng dẫn văn bản này",
    "relInv.amends": "sửa đổi văn bản này",
    "relInv.replaces": "thay thế văn bản này",
    "relInv.repeals": "bãi bỏ văn bản này",
    "relInv.cites": "dẫn chiếu văn bản này",

    "campaigns.title": "Phong trào thi đua",
    "campaigns.name": "Tên phong trào",
    "campaigns.documents": "Số văn bản",
    "campaigns.scopes": "Tỉnh, thành phố",
    "campaigns.launchedBy": "Phát động bởi",
    "campaigns.mentions": "Văn bản phát động hoặc nhắc đến",
    "campaigns.empty": "Chưa có phong trào nào.",

    "agencies.title": "Cơ quan",
    "agencies.name": "Tên cơ quan",
    "agencies.scope": "Tỉnh, thành phố",
    "agencies.tasks": "Số nhiệm vụ",
    "agencies.filter": "Lọc",
    "agencies.empty": "Chưa có cơ quan nào.",
    "agency.timeline": "Nhiệm vụ theo thời hạn",
    "agency.dueAfter": "Hạn từ",
    "agency.dueBefore": "đến",
    "agency.apply": "Áp dụng",
    "agency.tasks": "Danh sách nhiệm vụ",
    "agency.empty": "Cơ quan này chưa được giao nhiệm vụ nào.",
  },
  en: {
    "brand": "Luocdo",
    "title": "Luocdo — document lineage",
    "footer": "Document lineage: the chain of legal bases from laws to letters, with the quoted sentence as evidence.",
    "nav.search": "Search",
    "nav.campaigns": "Campaigns",
    "nav.agencies": "Agencies",
    "nav.sparql": "SPARQL",
    "nav.api": "API",
    "loading": "Loading…",
    "error": "Error",
    "error.network": "Cannot reach the server.",
    "error.notFound": "Not found.",
    "none": "None.",
    "unknown": "?",
    "count.documents": "{n} documents",
    "count.links": "{n} links",

    "search.title": "Find documents",
    "search.placeholder": "Number (503/KH-UBND) or words of the title",
    "search.go": "Search",
    "search.q": "Number or title words",
    "search.scope": "Province",
    "search.scope.all": "All",
    "search.scope.vn": "National",
    "search.type": "Document type",
    "search.type.all": "All types",
    "search.year": "Year",
    "search.results": "Results: {n} documents",
    "search.recent": "Documents in the store",
    "search.empty": "No document found.",
    "search.prev": "← Previous",
    "search.next": "Next →",
    "search.page": "{from}–{to} of {n}",

    "doc.type": "Type",
    "doc.number": "Number",
    "doc.date": "Date",
    "doc.year": "Year",
    "doc.issuer": "Issuer",
    "doc.scope": "Scope",
    "doc.title": "Title",
    "doc.key": "Key",
    "doc.iri": "IRI",
    "doc.source": "Source file",
    "doc.noNumber": "(no number)",
    "doc.untitled": "(title unknown)",
    "doc.stub": "not in the store",
    "doc.stubNote": "This document is not in the store: it is known only from the documents citing it.",
    "doc.references": "Documents it cites",
    "doc.citedBy": "Documents citing it",
    "doc.citedByFirst": "Showing {shown} of {n} citations.",
    "doc.relatedFirst": "Showing the nearest {shown} of {n} documents.",
    "doc.citedByGraph": "See them all on the graph (down, depth 1)",
    "doc.implementedBy": "Implemented by",
    "doc.implements": "Documents it implements",
    "doc.transitive": "Include indirect",
    "doc.depth": "depth {n}",
    "doc.campaigns": "Emulation campaigns",
    "doc.tasks": "Tasks",
    "doc.targets": "Targets",
    "doc.recipients": "Recipients",
    "doc.evidence": "Quote",

    "campaign.launches": "launches",
    "campaign.mentions": "mentions",
    "campaign.period": "Period",

    "task.text": "Task",
    "task.lead": "Lead",
    "task.partners": "Partners",
    "task.due": "Due",
    "task.document": "Document",
    "task.role": "Role",
    "task.role.lead": "lead",
    "task.role.partner": "partner",
    "task.noDue": "No specific due date",

    "target.indicator": "Indicator",
    "target.comparator": "Comparator",
    "target.value": "Value",
    "target.unit": "Unit",

    "graph.title": "Lineage graph",
    "graph.direction": "Direction",
    "graph.direction.up": "Up (legal bases)",
    "graph.direction.down": "Down (implementation)",
    "graph.direction.both": "Both",
    "graph.depth": "Depth",
    "graph.relations": "Relations",
    "graph.click": "Clicking a document will",
    "graph.click.open": "open it",
    "graph.click.expand": "expand its neighbours",
    "graph.fit": "Fit",
    "graph.png": "Export PNG",
    "graph.svg": "Export SVG",
    "graph.graphml": "Download GraphML",
    "graph.status": "{nodes} documents, {links} links",
    "graph.layout.dagre": "layered layout (dagre)",
    "graph.layout.layers": "layout by legal rank",
    "graph.empty": "No related documents with these choices.",
    "graph.expanded": "Expanded {key}: {n} documents added.",
    "graph.legend": "Legend",
    "graph.legend.stub": "not in the store (dashed)",
    "graph.legend.focus": "this document",
    "graph.evidence": "Evidence",
    "graph.evidence.hint": "Click an arrow to see the sentence of the source document.",
    "graph.evidence.none": "No quoted sentence for this link.",
    "graph.evidence.from": "From",
    "graph.evidence.to": "to",
    "graph.evidence.source": "File {source}, characters {start}–{end}",
    "graph.evidence.mention": "Cited part",
    "graph.node.open": "Open document",
    "graph.node.expand": "Expand neighbours",

    "rel.based_on": "based on",
    "rel.implements": "implements",
    "rel.guides": "guides",
    "rel.amends": "amends",
    "rel.replaces": "replaces",
    "rel.repeals": "repeals",
    "rel.cites": "cites",
    "relInv.based_on": "are based on it",
    "relInv.implements": "implement it",
    "relInv.guides": "guide it",
    "relInv.amends": "amend it",
    "relInv.replaces": "replace it",
    "relInv.repeals": "repeal it",
    "relInv.cites": "cite it",

    "campaigns.title": "Emulation campaigns",
    "campaigns.name": "Campaign",
    "campaigns.documents": "Documents",
    "campaigns.scopes": "Provinces",
    "campaigns.launchedBy": "Launched by",
    "campaigns.mentions": "Documents launching or mentioning it",
    "campaigns.empty": "No campaigns yet.",

    "agencies.title": "Agencies",
    "agencies.name": "Agency",
    "agencies.scope": "Province",
    "agencies.tasks": "Tasks",
    "agencies.filter": "Filter",
    "agencies.empty": "No agencies yet.",
    "agency.timeline": "Tasks by due date",
    "agency.dueAfter": "Due from",
    "agency.dueBefore": "to",
    "agency.apply": "Apply",
    "agency.tasks": "Tasks",
    "agency.empty": "This agency has no tasks.",
  },
};

export const LANGS = Object.keys(STRINGS);
export const RELATIONS = ["based_on", "implements", "guides", "amends", "replaces", "repeals", "cites"];
const STORAGE_KEY = "luocdo.lang";
const listeners = new Set();
let current = readStoredLang();

function readStoredLang() {
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY);
    return LANGS.includes(stored) ? stored : "vi";
  } catch {
    return "vi";
  }
}

export function lang() {
  return current;
}

/** Switch the language, remember it, re-label the static page and tell the views. */
export function setLang(next) {
  if (!LANGS.includes(next) || next === current) return;
  current = next;
  try {
    window.localStorage.setItem(STORAGE_KEY, next);
  } catch {
    // private mode: the choice lasts for this page only
  }
  applyStatic(document);
  for (const listener of listeners) listener(next);
}

export function onLangChange(listener) {
  listeners.add(listener);
}

/** The string for key in the current language, with {name} replaced by vars.name. */
export function t(key, vars) {
  const table = STRINGS[current];
  let text = key in table ? table[key] : key in STRINGS.vi ? STRINGS.vi[key] : key;
  if (vars) {
    text = text.replace(/\{(\w+)\}/g, (whole, name) => (name in vars ? String(vars[name]) : whole));
  }
  return text;
}

/** Label of a relation ("based_on" -> "căn cứ"); inverse: as seen from the cited document. */
export function relationLabel(relation, inverse = false) {
  const key = `${inverse ? "relInv" : "rel"}.${relation}`;
  return key in STRINGS.vi ? t(key) : String(relation);
}

/** Numbers and dates in the current language's format. */
export function formatNumber(n) {
  return new Intl.NumberFormat(current === "vi" ? "vi-VN" : "en-GB").format(n);
}

/** "2024-02-07" -> "07/02/2024" (vi) or "7 Feb 2024" (en); "2024-03" -> "03/2024"; other text as is. */
export function formatDate(value) {
  if (!value) return "";
  const text = String(value);
  let m = /^(\d{4})-(\d{2})-(\d{2})/.exec(text);
  if (m) {
    if (current === "vi") return `${m[3]}/${m[2]}/${m[1]}`;
    const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
    return d.toLocaleDateString("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
  }
  m = /^(\d{4})-(\d{2})$/.exec(text);
  if (m) return current === "vi" ? `${m[2]}/${m[1]}` : `${m[2]}/${m[1]}`;
  return text;
}

/** Label the static parts of the page: [data-i18n] text, [data-i18n-placeholder] placeholders. */
export function applyStatic(root) {
  document.documentElement.lang = current;
  document.title = t("title");
  for (const el of root.querySelectorAll("[data-i18n]")) el.textContent = t(el.dataset.i18n);
  for (const el of root.querySelectorAll("[data-i18n-placeholder]")) {
    el.setAttribute("placeholder", t(el.dataset.i18nPlaceholder));
  }
  for (const el of root.querySelectorAll("[data-lang]")) {
    el.setAttribute("aria-pressed", String(el.dataset.lang === current));
  }
}
