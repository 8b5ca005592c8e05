// Agencies: the list (by province), and one agency's tasks on a timeline by due date, lead vs partner.

import { api } from "./api.js";
import { h, replace } from "./dom.js";
import { agencyList, docLink, dueLabel, errorBox, loading, route, table } from "./components.js";
import { formatNumber, lang, t } from "./i18n.js";
import { vocab } from "./search.js";

export async function renderAgencies(container, { params, signal }) {
  replace(container, loading());
  const scope = params.get("scope") || "";
  const [found, words] = await Promise.all([api.agencies({ scope }, { signal }), vocab()]);
  const items = found.items || [];
  const select = h("select", { id: "agency-scope", name: "scope" },
    h("option", { value: "" }, t("search.scope.all")),
    (words.provinces || []).map((p) => h("option", { value: p }, p)));
  select.value = scope;
  const form = h("form", { class: "search-form" }, h("label", null, h("span", null, t("agencies.scope")), select),
    h("button", { type: "submit" }, t("agencies.filter")));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    window.location.hash = route("agencies", null, { scope: select.value });
  });
  const rows = items.map((a) => [
    h("a", { href: route("agency", a.key), class: "agency-link" }, a.name || a.key),
    a.scope || "",
    formatNumber(a.tasks ?? 0),
  ]);
  replace(container, h("section", { class: "card", id: "agencies" },
    h("h1", null, t("agencies.title"), " ", h("span", { class: "count" }, `(${items.length})`)), form,
    rows.length ? table([t("agencies.name"), t("agencies.scope"), t("agencies.tasks")], rows)
      : h("p", { class: "muted" }, t("agencies.empty"))));
}

/** When a task is due (UTC ms): its due_by day; "2024-03" -> the last day of March; "2024" -> 31 December. */
export function dueTime(task) {
  const due = task.due_by || task.due;
  if (!due) return null;
  const m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$/.exec(String(due));
  if (!m) return null;
  const year = +m[1];
  if (m[3]) return Date.UTC(year, +m[2] - 1, +m[3]);
  if (m[2]) return Date.UTC(year, +m[2], 0);
  return Date.UTC(year, 11, 31);
}

export async function renderAgency(container, { key, params, signal }) {
  replace(container, loading());
  const filters = { due_after: params.get("due_after") || "", due_before: params.get("due_before") || "" };
  let found;
  try {
    found = await api.agencyTasks(key, filters, { signal });
  } catch (err) {
    if (err.name === "AbortError") throw err;
    replace(container, errorBox(err));
    return;
  }
  const agency = found.agency || { key, name: key };
  const items = (found.items || []).map((task, i) => ({ ...task, index: i, time: dueTime(task) }));
  items.sort((a, b) => (a.time ?? Infinity) - (b.time ?? Infinity) || a.index - b.index);

  const after = h("input", { type: "date", id: "due-after", value: filters.due_after });
  const before = h("input", { type: "date", id: "due-before", value: filters.due_before });
  const form = h("form", { class: "search-form" },
    h("label", null, h("span", null, t("agency.dueAfter")), after),
    h("label", null, h("span", null, t("agency.dueBefore")), before),
    h("button", { type: "submit" }, t("agency.apply")));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    window.location.hash = route("agency", key, { due_after: after.value, due_before: before.value });
  });

  const rows = items.map((task) => [
    dueText(task),
    h("span", { class: `badge role-${task.role}` }, t(`task.role.${task.role === "lead" ? "lead" : "partner"}`)),
    [h("div", null, task.text || ""), task.role === "lead" && task.partners && task.partners.length
      ? h("div", { class: "muted" }, `${t("task.partners")}: `, agencyList(task.partners)) : null],
    task.document ? docLink(task.document, { details: false }) : "",
  ]);
  const list = rows.length ? table([t("task.due"), t("task.role"), t("task.text"), t("task.document")], rows,
    { className: "data tasks" }) : h("p", { class: "muted" }, t("agency.empty"));
  list.querySelectorAll("tbody tr").forEach((tr, i) => { tr.id = `task-${items[i].index}`; });

  replace(container,
    h("section", { class: "card", id: "agency" },
      h("h1", null, agency.name || agency.key), agency.scope ? h("p", { class: "muted" }, agency.scope) : null, form),
    h("section", { class: "card", id: "timeline-card" }, h("h2", null, t("agency.timeline")), timeline(items)),
    h("section", { class: "card", id: "agency-tasks" },
      h("h2", null, t("agency.tasks"), " ", h("span", { class: "count" }, `(${items.length})`)), list));
}

function dueText(task) {
  return dueLabel(task) || t("task.noDue");
}

/** Tasks as marks on a time axis, one lane for lead and one for partner; undated tasks listed apart. */
function timeline(items) {
  const dated = items.filter((x) => x.time !== null);
  const undated = items.filter((x) => x.time === null);
  if (!dated.length) return h("p", { class: "muted" }, undated.length ? t("task.noDue") : t("agency.empty"));
  const DAY = 86_400_000;
  let start = Math.min(...dated.map((x) => x.time));
  let end = Math.max(...dated.map((x) => x.time));
  if (end - start < 60 * DAY) {
    start -= 30 * DAY;
    end += 30 * DAY;
  }
  const span = end - start;
  start -= span * 0.03;
  end += span * 0.03;
  const at = (time) => ((time - start) / (end - start)) * 100;

  const axis = h("div", { class: "tl-axis" });
  const first = new Date(start);
  const months = (new Date(end).getUTCFullYear() - first.getUTCFullYear()) * 12
    + new Date(end).getUTCMonth() - first.getUTCMonth();
  const step = Math.max(1, Math.ceil(months / 12));
  for (let m = 1; m <= months; m += step) {
    const tick = Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + m, 1);
    const d = new Date(tick);
    const label = lang() === "vi" ? `${String(d.getUTCMonth() + 1).padStart(2, "0")}/${d.getUTCFullYear()}`
      : d.toLocaleDateString("en-GB", { month: "short", year: "numeric", timeZone: "UTC" });
    const mark = h("span", { class: "tl-tick" }, label);
    mark.style.left = `${at(tick)}%`;
    axis.append(mark);
  }

  const lanes = ["lead", "partner"].map((role) => {
    const lane = h("div", { class: `tl-track role-${role}` });
    const stacked = new Map();
    for (const task of dated.filter((x) => (x.role === "lead") === (role === "lead"))) {
      const slot = stacked.get(task.time) || 0;
      stacked.set(task.time, slot + 1);
      const mark = h("button", {
        type: "button", class: `tl-mark role-${role}`, title: `${dueText(task)} — ${task.text || ""}`,
        "aria-label": `${dueText(task)}: ${task.text || ""}`,
        onclick: () => {
          const row = document.getElementById(`task-${task.index}`);
          if (!row) return;
          document.querySelectorAll("tr.highlight").forEach((r) => r.classList.remove("highlight"));
          row.classList.add("highlight");
          row.scrollIntoView({ block: "center", behavior: "smooth" });
        },
      });
      mark.style.left = `${at(task.time)}%`;
      mark.style.top = `${6 + (slot % 6) * 9}px`;
      lane.append(mark);
    }
    return h("div", { class: "tl-lane" }, h("span", { class: "tl-label" }, t(`task.role.${role}`)), lane);
  });
  const out = h("div", { class: "timeline", id: "timeline" }, lanes, h("div", { class: "tl-lane" },
    h("span", { class: "tl-label" }), axis));
  if (undated.length) {
    out.append(h("p", { class: "muted" }, `${t("task.noDue")}: ${formatNumber(undated.length)}`));
  }
  return out;
}
