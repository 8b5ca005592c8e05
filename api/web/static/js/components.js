// Small pieces shared by the views: links to documents and agencies, evidence quotes, tables, states.

import { append, h } from "./dom.js";
import { ApiError } from "./api.js";
import { formatDate, t } from "./i18n.js";

/** Hash route of a view: route("doc", key) -> "#/doc/lai-chau/2024/503-kh-ubnd". */
export function route(view, key, params) {
  let hash = `#/${view}`;
  if (key) hash += `/${String(key).split("/").map(encodeURIComponent).join("/")}`;
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params || {})) {
    if (value !== null && value !== undefined && value !== "") query.set(name, String(value));
  }
  const qs = query.toString();
  return qs ? `${hash}?${qs}` : hash;
}

/** "Kế hoạch 503/KH-UBND" (or "Văn bản (không số)"). */
export function docName(doc) {
  const type = doc.type || "Văn bản";
  return `${type} ${doc.number || t("doc.noNumber")}`;
}

/** A document as a link to its view, with its issuer and date after it. */
export function docLink(doc, { details = true } = {}) {
  const link = h("a", { href: route("doc", doc.key), class: "doc-link", dataset: { key: doc.key } }, docName(doc));
  const parts = [link];
  if (doc.stub) parts.push(" ", h("span", { class: "badge stub", title: t("doc.stubNote") }, t("doc.stub")));
  if (!details && !doc.number && doc.issuer) parts.push(h("span", { class: "muted" }, ` · ${doc.issuer}`));
  if (details) {
    const meta = [doc.issuer, formatDate(doc.date) || doc.year].filter(Boolean).join(" · ");
    if (meta) parts.push(h("span", { class: "muted" }, ` · ${meta}`));
    if (doc.title) parts.push(h("div", { class: "doc-title" }, doc.title));
  }
  return h("span", { class: "doc-ref" }, parts);
}

export function agencyLink(agency) {
  if (!agency) return null;
  if (typeof agency === "string") return h("span", { class: "agency" }, agency);
  if (!agency.key) return h("span", { class: "agency" }, agency.name || "");
  return h("a", { href: route("agency", agency.key), class: "agency" }, agency.name || agency.key);
}

/**
 * When a task is due, for people: the day it is due by and, when the text said it otherwise, as written
 * ("31/01/2024 (Tháng 01)"); "Thường xuyên" alone when there is no day. The API gives `due` as written and
 * `due_by` as an ISO date.
 */
export function dueLabel(task) {
  const written = task.due_text || task.due || "";
  const day = formatDate(task.due_by || (/^\d{4}-\d{2}/.test(written) ? written : ""));
  if (day && written && written !== task.due_by && formatDate(written) !== day) return `${day} (${written})`;
  return day || written;
}

/** A list of agencies separated by commas. */
export function agencyList(agencies) {
  const out = [];
  for (const [i, a] of (agencies || []).entries()) {
    if (i) out.push(", ");
    out.push(agencyLink(a));
  }
  return out;
}

/**
 * Split text around the mention: [before, mention, after], or null when the mention is not in it.
 * Tries the exact string, then case-insensitively, then with any run of white space matching any other.
 */
export function locateMention(text, mention) {
  if (!text || !mention) return null;
  let at = text.indexOf(mention);
  if (at >= 0) return [text.slice(0, at), mention, text.slice(at + mention.length)];
  const lower = text.toLocaleLowerCase("vi");
  const lowerMention = mention.toLocaleLowerCase("vi");
  if (lower.length === text.length && lowerMention.length === mention.length) {
    at = lower.indexOf(lowerMention);
    if (at >= 0) {
      const end = at + mention.length;
      return [text.slice(0, at), text.slice(at, end), text.slice(end)];
    }
  }
  const words = mention.trim().split(/\s+/).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  if (!words.length || !words[0]) return null;
  const m = new RegExp(words.join("\\s+"), "iu").exec(text);
  if (!m) return null;
  return [text.slice(0, m.index), m[0], text.slice(m.index + m[0].length)];
}

/** The evidence sentence with the cited part in <mark>, as text nodes. */
export function quote(evidence, { withSource = true } = {}) {
  if (!evidence) return null;
  const text = evidence.text || "";
  const mention = evidence.mention || "";
  const parts = locateMention(text, mention);
  const sentence = h("blockquote", { class: "evidence-text" });
  if (parts) {
    sentence.append(parts[0], h("mark", null, parts[1]), parts[2]);
  } else {
    sentence.append(text || mention);
  }
  const out = h("div", { class: "evidence" }, sentence);
  if (!parts && mention && text) {
    out.append(h("p", { class: "muted" }, `${t("graph.evidence.mention")}: `, h("mark", null, mention)));
  }
  if (withSource && evidence.source) {
    out.append(h("p", { class: "evidence-source muted" },
      t("graph.evidence.source", { source: evidence.source, start: evidence.start ?? "?", end: evidence.end ?? "?" })));
  }
  return out;
}

/** A <details> whose content is built the first time it is opened (long lists stay light). */
export function lazyDetails(summary, build) {
  const details = h("details", null, h("summary", null, summary));
  details.addEventListener("toggle", () => {
    if (details.open && details.childElementCount === 1) append(details, [build()]);
  });
  return details;
}

/** A titled section; empty content shows "None." */
export function section(title, content, { id, count } = {}) {
  const heading = h("h2", null, title);
  if (count !== undefined) heading.append(" ", h("span", { class: "count" }, `(${count})`));
  const empty = content === null || content === undefined || (Array.isArray(content) && !content.length);
  return h("section", { class: "card", id }, heading, empty ? h("p", { class: "muted" }, t("none")) : content);
}

/** A table from column titles and rows of cells (nodes or text). */
export function table(columns, rows, { className } = {}) {
  return h("table", { class: className || "data" },
    h("thead", null, h("tr", null, columns.map((c) => h("th", { scope: "col" }, c)))),
    h("tbody", null, rows.map((cells) => h("tr", null, cells.map((c) => h("td", null, c))))));
}

export function loading() {
  return h("p", { class: "loading muted" }, t("loading"));
}

/** An error as a readable box (problem+json title and detail). */
export function errorBox(err) {
  let message;
  if (err instanceof ApiError) {
    if (err.status === 0) message = t("error.network");
    else if (err.status === 404) message = `${t("error.notFound")} ${err.message || ""}`;
    else message = `${err.status} ${err.title || ""}: ${err.message || ""}`;
  } else {
    message = String(err && err.message ? err.message : err);
  }
  return h("div", { class: "error", role: "alert" }, h("strong", null, `${t("error")}: `), message);
}
