// Search: by số ký hiệu in any spacing or case, or by title words (accent-insensitive on the server),
// filtered by province, type and year. Results show type, number, date and issuer.

import { api } from "./api.js";
import { h, replace } from "./dom.js";
import { errorBox, loading, route, table } from "./components.js";
import { formatDate, formatNumber, t } from "./i18n.js";

const PAGE = 50;
let vocabulary = null;

/** Provinces and document types for the filters (served from graph/vocab.py), fetched once. */
export function vocab() {
  if (!vocabulary) {
    vocabulary = api.vocab().catch(() => ({ provinces: [], types: [], relations: [] }));
  }
  return vocabulary;
}

/** A số ký hiệu has a digit and a slash or dash: "503/kh-ubnd", "34-CT/TW", "06/2022/QH15". */
export function looksLikeNumber(text) {
  return /\d/.test(text) && /[/-]/.test(text) && !/\s\S+\s/.test(text.trim());
}

export async function renderSearch(container, { params, signal }) {
  const q = (params.get("q") || "").trim();
  const filters = { scope: params.get("scope") || "", type: params.get("type") || "", year: params.get("year") || "" };
  const offset = Math.max(0, parseInt(params.get("offset") || "0", 10) || 0);
  const words = await vocab();

  const qInput = h("input", { type: "search", name: "q", id: "search-q", value: q, autocomplete: "off",
                              placeholder: t("search.placeholder") });
  const scopeSelect = h("select", { name: "scope", id: "search-scope" },
    h("option", { value: "" }, t("search.scope.all")),
    h("option", { value: "VN" }, t("search.scope.vn")),
    (words.provinces || []).map((p) => h("option", { value: p }, p)));
  scopeSelect.value = filters.scope;
  const typeSelect = h("select", { name: "type", id: "search-type" },
    h("option", { value: "" }, t("search.type.all")),
    (words.types || []).map((ty) => h("option", { value: ty }, ty)));
  typeSelect.value = filters.type;
  const yearInput = h("input", { type: "number", name: "year", id: "search-year", min: "1945", max: "2100",
                                 value: filters.year, inputmode: "numeric" });
  const form = h("form", { class: "search-form", id: "search-form" },
    h("label", null, h("span", null, t("search.q")), qInput),
    h("label", null, h("span", null, t("search.scope")), scopeSelect),
    h("label", null, h("span", null, t("search.type")), typeSelect),
    h("label", { class: "narrow" }, h("span", null, t("search.year")), yearInput),
    h("button", { type: "submit" }, t("search.go")));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    window.location.hash = route("search", null, {
      q: qInput.value.trim(), scope: scopeSelect.value, type: typeSelect.value, year: yearInput.value.trim(),
    });
  });

  const results = h("div", { id: "search-results" }, loading());
  replace(container, h("section", { class: "card" }, h("h1", null, t("search.title")), form), results);
  document.getElementById("quick-q").value = q;

  try {
    const found = await search(q, filters, offset, signal);
    replace(results, renderResults(found, { q, filters, offset }));
  } catch (err) {
    if (err.name === "AbortError") throw err;
    replace(results, errorBox(err));
  }
}

async function search(q, filters, offset, signal) {
  const base = { ...filters, limit: PAGE, offset };
  if (q && looksLikeNumber(q)) {
    const byNumber = await api.documents({ ...base, number: q }, { signal });
    if (byNumber.count > 0 || byNumber.items.length) return byNumber;
  }
  return api.documents(q ? { ...base, q } : base, { signal });
}

function renderResults(found, { q, filters, offset }) {
  const items = found.items || [];
  const count = found.count ?? items.length;
  const anyFilter = q || filters.scope || filters.type || filters.year;
  const heading = h("h2", null, anyFilter ? t("search.results", { n: formatNumber(count) }) : t("search.recent"));
  if (!items.length) return h("section", { class: "card" }, heading, h("p", { class: "muted" }, t("search.empty")));
  const rows = items.map((doc) => [
    doc.type || "",
    h("a", { href: route("doc", doc.key), class: "doc-link", dataset: { key: doc.key } }, doc.number || t("doc.noNumber")),
    formatDate(doc.date) || (doc.year ? String(doc.year) : ""),
    doc.issuer || "",
    [doc.title || "", doc.stub ? h("span", { class: "badge stub" }, t("doc.stub")) : null],
  ]);
  const out = h("section", { class: "card" }, heading,
    table([t("doc.type"), t("doc.number"), t("doc.date"), t("doc.issuer"), t("doc.title")], rows,
      { className: "data results" }));
  if (count > items.length) out.append(pager(count, offset, items.length, { q, ...filters }));
  return out;
}

function pager(count, offset, shown, params) {
  const nav = h("nav", { class: "pager" });
  if (offset > 0) nav.append(h("a", { href: route("search", null, { ...params, offset: Math.max(0, offset - PAGE) }) },
    t("search.prev")));
  nav.append(h("span", { class: "muted" },
    t("search.page", { from: offset + 1, to: offset + shown, n: formatNumber(count) })));
  if (offset + shown < count) nav.append(h("a", { href: route("search", null, { ...params, offset: offset + PAGE }) },
    t("search.next")));
  return nav;
}
