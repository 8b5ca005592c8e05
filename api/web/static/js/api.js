// The client of the query API (issue 4). Every request goes to the server that served the page.

/** A failed request: the problem+json body's title/detail when the server sent one. */
export class ApiError extends Error {
  constructor(status, title, detail) {
    super(detail || title || `HTTP ${status}`);
    this.status = status;
    this.title = title;
  }
}

/** "lai-chau/2024/503-kh-ubnd" -> "lai-chau/2024/503-kh-ubnd" with each segment URL-encoded. */
export function keyPath(key) {
  return String(key).split("/").map(encodeURIComponent).join("/");
}

/** A same-origin URL with the non-empty params as a query string. */
export function url(path, params) {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params || {})) {
    if (value === null || value === undefined || value === "") continue;
    query.set(name, Array.isArray(value) ? value.join(",") : String(value));
  }
  const qs = query.toString();
  return qs ? `${path}?${qs}` : path;
}

async function get(path, params, { signal } = {}) {
  let response;
  try {
    response = await fetch(url(path, params), { headers: { Accept: "application/json" }, signal });
  } catch (err) {
    if (err.name === "AbortError") throw err;
    throw new ApiError(0, "network", null);
  }
  if (!response.ok) {
    let title = response.statusText;
    let detail = null;
    try {
      const problem = await response.json();
      title = problem.title || title;
      detail = problem.detail || null;
    } catch {
      // not a problem+json body
    }
    throw new ApiError(response.status, title, detail);
  }
  return response.json();
}

export const api = {
  documents: (params, opts) => get("/api/documents", params, opts),
  document: (key, opts) => get(`/api/documents/${keyPath(key)}`, null, opts),
  implementedBy: (key, params, opts) => get(`/api/documents/${keyPath(key)}/implemented-by`, params, opts),
  implements: (key, params, opts) => get(`/api/documents/${keyPath(key)}/implements`, params, opts),
  lineage: (key, params, opts) => get(`/api/documents/${keyPath(key)}/lineage`, params, opts),
  lineageUrl: (key, params) => url(`/api/documents/${keyPath(key)}/lineage`, params),
  path: (from, to, opts) => get("/api/path", { from, to }, opts),
  campaigns: (opts) => get("/api/campaigns", null, opts),
  campaign: (key, opts) => get(`/api/campaigns/${keyPath(key)}`, null, opts),
  agencies: (params, opts) => get("/api/agencies", params, opts),
  agencyTasks: (key, params, opts) => get(`/api/agencies/${keyPath(key)}/tasks`, params, opts),
  stats: (opts) => get("/api/stats", null, opts),
  vocab: (opts) => get("/ui/vocab.json", null, opts),
};
