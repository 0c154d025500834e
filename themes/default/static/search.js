// The search page: results as the visitor types, facet filters with counts, a live
// region that says how many results there are. Kinds are counted with every answer; each
// other facet is a disclosure whose list is fetched only once the visitor opens it. Everything taken from the index is put
// into the page as text, never as HTML.
const root = document.getElementById("search");
const $ = (id) => document.getElementById(id);
const input = $("search-q");
const status = $("search-status");
const list = $("search-results");
const facetsBox = $("search-facets");
const more = $("search-more");
const strings = JSON.parse(root.dataset.strings);
const lang = root.dataset.lang;
const plurals = new Intl.PluralRules(lang);
const numbers = new Intl.NumberFormat(lang);
const PAGE = 20;
const KINDS = ["film", "book", "music", "webinar", "production"];

function say(key, n) {
  const s = strings[key];
  const text = typeof s === "string" ? s : s[plurals.select(n)] ?? s.other;
  return text.replace("{n}", numbers.format(n));
}

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined && v !== null) node.setAttribute(k, v);
  node.append(...children);
  return node;
}

function highlighted(pieces) {
  return pieces.map((p) => (p.match ? el("mark", {}, p.text) : document.createTextNode(p.text)));
}

let index;
let sequence = 0;
let limit = PAGE;
// The facets shown as disclosures, and whether each is open.
const groups = { themes: false, countries: false, languages: false, year: false };
const filters = { kind: [], themes: [], countries: [], languages: [], year: [] };

function card({ card: c }, highlight) {
  const textLang = c.l ? { lang: c.l, dir: "auto" } : {};
  const image = c.i ? el("img", { src: c.i, alt: "", loading: "lazy", decoding: "async", width: 60, height: 90 }) : "";
  const meta = el("p", { class: "result-meta" }, el("span", { class: "badge" }, c.kindLabel));
  if (c.y) meta.append(" · ", String(c.y));
  if (c.l) meta.append(" · ", el("span", { class: "badge badge-untranslated" }, strings.not_translated_short));
  return el("li", { class: `result kind-${KINDS[c.k]}` },
    image,
    el("div", { class: "result-text" },
      el("h2", { class: "result-title" }, el("a", { href: c.u, ...textLang }, ...highlighted(highlight(c.t)))),
      meta,
      el("p", { class: "result-summary", ...textLang }, ...highlighted(highlight(c.s)))));
}

function facet(name, legend, values, expand = (id) => [id]) {
  if (values.length === 0) return null;
  const box = el("fieldset", { class: "facet" }, el("legend", {}, legend));
  const ul = el("ul");
  for (const v of values) {
    const id = `facet-${name}-${v.id}`;
    // A value may stand for several of the index's (a decade for its ten years).
    const ids = expand(v.id);
    const checkbox = el("input", { type: "checkbox", id, "data-facet": name, "data-value": String(v.id) });
    checkbox.checked = ids.every((x) => filters[name].includes(x));
    checkbox.addEventListener("change", () => {
      filters[name] = checkbox.checked ? [...new Set([...filters[name], ...ids])] : filters[name].filter((x) => !ids.includes(x));
      limit = PAGE;
      run();
    });
    ul.append(el("li", {}, checkbox, el("label", { for: id }, `${v.label} `, el("span", { class: "count" }, `(${numbers.format(v.count)})`))));
  }
  box.append(ul);
  return box;
}

/** Years counted by decade, the latest first. */
function decades(years) {
  const counts = new Map();
  for (const { id, count } of years) {
    const decade = Math.floor(id / 10) * 10;
    counts.set(decade, (counts.get(decade) ?? 0) + count);
  }
  return [...counts].sort((a, b) => b[0] - a[0])
    .map(([decade, count]) => ({ id: decade, label: strings.decade.replace("{n}", String(decade)), count }));
}

const tenYears = (decade) => Array.from({ length: 10 }, (_, i) => decade + i);

/** A facet as a disclosure: its counts are asked for (and its list fetched) once open. */
function group(name, label, values, expand) {
  const box = el("details", { class: "facet-group", id: `facet-group-${name}` }, el("summary", {}, label));
  box.open = groups[name];
  const list = groups[name] && values ? facet(name, label, values, expand) : null;
  if (list) {
    list.querySelector("legend").className = "visually-hidden";
    box.append(list);
  }
  box.addEventListener("toggle", () => {
    if (box.open === groups[name]) return;
    groups[name] = box.open;
    if (box.open) run();
  });
  return box;
}

// The query and the filters live in the page's address, so that a filtered search can be
// shared or linked to: ?q=…&kind=film&themes=…&countries=…&languages=…&decade=1970.
const LISTED = ["themes", "countries", "languages"];

function writeAddress(q) {
  const url = new URL(location.href);
  url.search = "";
  if (q) url.searchParams.set("q", q);
  for (const kind of filters.kind) url.searchParams.append("kind", KINDS[kind]);
  for (const name of LISTED) for (const value of filters[name]) url.searchParams.append(name, value);
  for (const decade of new Set(filters.year.map((y) => Math.floor(y / 10) * 10))) url.searchParams.append("decade", decade);
  history.replaceState(null, "", url);
}

function readAddress() {
  const params = new URLSearchParams(location.search);
  filters.kind = params.getAll("kind").map((k) => KINDS.indexOf(k)).filter((k) => k >= 0);
  for (const name of LISTED) filters[name] = params.getAll(name);
  filters.year = params.getAll("decade").map(Number).filter((d) => Number.isInteger(d) && d % 10 === 0).flatMap(tenYears);
  // A facet filtered by the address is shown open, its choice visible.
  for (const name of Object.keys(groups)) groups[name] = filters[name].length > 0;
  return params.get("q");
}

async function run() {
  const q = input.value;
  writeAddress(q);
  const mine = ++sequence;
  if (!q.trim()) {
    list.replaceChildren();
    facetsBox.replaceChildren();
    facetsBox.hidden = true;
    more.hidden = true;
    status.textContent = "";
    return;
  }
  let r;
  try {
    r = await index.search(q, { filters, facets: Object.keys(groups).filter((name) => groups[name]), limit });
  } catch (e) {
    status.textContent = strings.search_failed;
    throw e;
  }
  if (mine !== sequence) return;
  list.replaceChildren(...r.results.map((hit) => card(hit, r.highlight)));
  status.textContent = r.total > 0 ? say("search_results", r.total) : strings.search_none.replace("{q}", q.trim());
  more.hidden = r.total <= limit;
  // Rebuilding the filters must not lose the keyboard's place.
  const current = document.activeElement;
  const focused = current?.dataset?.facet ? current.id
    : current?.tagName === "SUMMARY" ? current.closest(".facet-group")?.id : null;
  const boxes = [
    facet("kind", strings.search_kind, r.facets.kind),
    group("themes", strings.taxonomy_themes, r.facets.themes),
    group("countries", strings.taxonomy_countries, r.facets.countries),
    group("languages", strings.taxonomy_languages, r.facets.languages),
    group("year", strings.taxonomy_decades, r.facets.year && decades(r.facets.year), tenYears),
  ].filter(Boolean);
  const heading = el("h2", { class: "facets-title" }, strings.search_filters);
  const active = Object.values(filters).some((v) => v.length > 0);
  const clear = active ? el("button", { type: "button", class: "facets-clear" }, strings.search_clear) : "";
  if (clear) clear.addEventListener("click", () => {
    for (const k of Object.keys(filters)) filters[k] = [];
    run();
    input.focus();
  });
  facetsBox.replaceChildren(heading, clear, ...boxes);
  facetsBox.hidden = r.total === 0 && !active;
  const target = focused && document.getElementById(focused);
  (target?.tagName === "DETAILS" ? target.querySelector("summary") : target)?.focus();
}

let timer;
input.addEventListener("input", () => {
  clearTimeout(timer);
  limit = PAGE;
  timer = setTimeout(run, 80);
});
$("search-form").addEventListener("submit", (e) => {
  e.preventDefault();
  clearTimeout(timer);
  run();
});
more.addEventListener("click", () => {
  const first = list.children.length;
  limit += PAGE;
  run().then(() => list.children[first]?.querySelector("a")?.focus());
});

try {
  const { open } = await import(root.dataset.runtime);
  index = await open(root.dataset.index);
} catch (e) {
  status.textContent = strings.search_failed;
  throw e;
}
const initial = readAddress();
if (initial) {
  input.value = initial;
  run();
}
