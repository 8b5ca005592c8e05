// Luocdo web page: hash routing between the views, the language switch, the header search.
//
//   #/  or  #/search?q=&scope=&type=&year=     search (search.js)
//   #/doc/<key>?direction=&depth=&relations=    document view with its lineage graph (document.js, lineage.js)
//   #/campaigns, #/campaign/<key>               campaigns (campaign.js)
//   #/agencies, #/agency/<key>                  agencies and their tasks on a timeline (agency.js)

import { replace } from "./js/dom.js";
import { applyStatic, onLangChange, setLang } from "./js/i18n.js";
import { errorBox } from "./js/components.js";
import { renderSearch } from "./js/search.js";
import { renderDocument } from "./js/document.js";
import { renderCampaign, renderCampaigns } from "./js/campaign.js";
import { renderAgencies, renderAgency } from "./js/agency.js";

const VIEWS = {
  "": renderSearch,
  search: renderSearch,
  doc: renderDocument,
  campaigns: renderCampaigns,
  campaign: renderCampaign,
  agencies: renderAgencies,
  agency: renderAgency,
};

// For tests and the benchmark: the current Cytoscape instance and the router's state.
window.luocdo = { cy: null, graph: null, view: null, ready: false };

let current = { controller: null, cleanup: null };

/** "#/doc/lai-chau/2024/503-kh-ubnd?depth=2" -> {view: "doc", key: "lai-chau/2024/503-kh-ubnd", params} */
export function parseHash(hash) {
  const text = hash.replace(/^#\/?/, "");
  const [path, query = ""] = text.split("?", 2);
  const segments = path.split("/").filter(Boolean).map((s) => {
    try {
      return decodeURIComponent(s);
    } catch {
      return s;
    }
  });
  const view = segments.shift() || "";
  return { view, key: segments.join("/"), params: new URLSearchParams(query) };
}

async function show() {
  const container = document.getElementById("view");
  const { view, key, params } = parseHash(window.location.hash);
  if (current.controller) current.controller.abort();
  if (current.cleanup) current.cleanup();
  const controller = new AbortController();
  current = { controller, cleanup: null };
  window.luocdo.view = view;
  window.luocdo.ready = false;
  const render = VIEWS[view] || renderSearch;
  try {
    current.cleanup = (await render(container, { key, params, signal: controller.signal })) || null;
  } catch (err) {
    if (err && err.name === "AbortError") return;
    replace(container, errorBox(err));
  }
  if (!controller.signal.aborted) {
    window.luocdo.ready = true;
    document.dispatchEvent(new CustomEvent("luocdo:view", { detail: { view, key } }));
  }
}

function init() {
  applyStatic(document);
  for (const button of document.querySelectorAll("[data-lang]")) {
    button.addEventListener("click", () => setLang(button.dataset.lang));
  }
  document.getElementById("quick-search").addEventListener("submit", (event) => {
    event.preventDefault();
    const q = document.getElementById("quick-q").value.trim();
    window.location.hash = q ? `#/search?${new URLSearchParams({ q })}` : "#/search";
  });
  onLangChange(() => show());
  window.addEventListener("hashchange", () => show());
  // A stray rejected promise is still logged, but as a clear message rather than an uncaught error.
  window.addEventListener("unhandledrejection", (event) => {
    if (event.reason && event.reason.name === "AbortError") event.preventDefault();
  });
  show();
}

init();
