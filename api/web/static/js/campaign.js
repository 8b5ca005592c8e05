// Campaigns (phong trào thi đua): the list, and one campaign with the provinces and documents that launch
// or mention it.

import { api } from "./api.js";
import { groupBy, h, replace } from "./dom.js";
import { docLink, errorBox, lazyDetails, loading, quote, route, section, table } from "./components.js";
import { formatNumber, t } from "./i18n.js";

export async function renderCampaigns(container, { signal }) {
  replace(container, loading());
  const found = await api.campaigns({ signal });
  const items = found.items || [];
  const rows = items.map((c) => [
    h("a", { href: route("campaign", c.key), class: "campaign-link" }, c.name || c.key),
    formatNumber(c.documents ?? 0),
    (c.scopes || []).join(", "),
    (c.launched_by || []).map((d) => h("div", null, docLink(d, { details: false }))),
  ]);
  replace(container, h("section", { class: "card", id: "campaigns" },
    h("h1", null, t("campaigns.title"), " ", h("span", { class: "count" }, `(${items.length})`)),
    rows.length ? table([t("campaigns.name"), t("campaigns.documents"), t("campaigns.scopes"),
      t("campaigns.launchedBy")], rows) : h("p", { class: "muted" }, t("campaigns.empty"))));
}

export async function renderCampaign(container, { key, signal }) {
  replace(container, loading());
  let campaign;
  try {
    campaign = await api.campaign(key, { signal });
  } catch (err) {
    if (err.name === "AbortError") throw err;
    replace(container, errorBox(err));
    return;
  }
  const mentions = campaign.mentions || [];
  const byScope = groupBy(mentions, (m) => (m.document && m.document.scope) || "—");
  const scopes = [...byScope.entries()].sort((a, b) => a[0].localeCompare(b[0], "vi"));
  replace(container,
    h("section", { class: "card", id: "campaign" },
      h("h1", null, campaign.name || campaign.key),
      h("dl", { class: "meta" },
        h("dt", null, t("campaigns.scopes")), h("dd", null, (campaign.scopes || scopes.map(([s]) => s)).join(", ")),
        h("dt", null, t("campaigns.documents")), h("dd", null, formatNumber(campaign.documents ?? mentions.length)),
        h("dt", null, t("campaigns.launchedBy")),
        h("dd", null, (campaign.launched_by || []).length
          ? campaign.launched_by.map((d) => h("div", null, docLink(d, { details: false }))) : "—"))),
    section(t("campaigns.mentions"), scopes.map(([scope, list]) => h("div", { class: "scope-group" },
      h("h3", null, scope, " ", h("span", { class: "count" }, `(${list.length})`)),
      h("ul", { class: "refs" }, list.map((m) => h("li", null,
        docLink(m.document),
        h("span", { class: "muted" }, " · ", m.relation === "launches" ? t("campaign.launches") : t("campaign.mentions"),
          m.period ? ` · ${t("campaign.period")}: ${m.period}` : ""),
        m.evidence ? lazyDetails(t("doc.evidence"), () => quote(m.evidence)) : null))))),
    { id: "mentions", count: mentions.length }));
}
