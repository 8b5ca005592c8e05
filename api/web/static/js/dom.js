// DOM helpers. Every piece of data reaches the page as a text node or an attribute value set with
// setAttribute, never through innerHTML: a title "<img src=x onerror=alert(1)>" shows as those characters.

/**
 * Create an element: h("a", {href: "#/", class: "x"}, "text", child, [more, children]).
 * Attributes named on<event> take a function (a listener), never a string.
 */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name === "class") {
      el.className = value;
    } else if (name === "dataset") {
      Object.assign(el.dataset, value);
    } else if (name.startsWith("on")) {
      if (typeof value !== "function") throw new TypeError(`${name} must be a function`);
      el.addEventListener(name.slice(2), value);
    } else {
      el.setAttribute(name, value === true ? "" : String(value));
    }
  }
  append(el, children);
  return el;
}

/** Append children: nodes as they are, everything else as text. */
export function append(el, children) {
  for (const child of [children].flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

/** Replace all children of el. */
export function replace(el, ...children) {
  el.replaceChildren();
  return append(el, children);
}

/** Trigger a download of a Blob (or a URL) under a file name. */
export function download(what, fileName) {
  const url = what instanceof Blob ? URL.createObjectURL(what) : what;
  const a = h("a", { href: url, download: fileName, class: "hidden" });
  document.body.append(a);
  a.click();
  a.remove();
  if (what instanceof Blob) setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A file name made from a document key: "lai-chau/2024/503-kh-ubnd" -> "lai-chau_2024_503-kh-ubnd". */
export function fileStem(key) {
  return String(key).replace(/[^A-Za-z0-9._-]+/g, "_");
}

/** Group items by a key function, keeping the first-seen order of the groups. */
export function groupBy(items, keyOf) {
  const groups = new Map();
  for (const item of items) {
    const k = keyOf(item);
    if (!groups.has(k)) groups.set(k, []);
    groups.get(k).push(item);
  }
  return groups;
}
