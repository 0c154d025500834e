#!/usr/bin/env node
// Search benchmark: what a visitor's browser fetches, and how long a query takes, on a
// built site's index (search/<lang>/).
//
//   node scripts/bench-search.mjs --public DIR [--lang fr] [--queries 300] [--seed 1]
//                                 [--write-queries FILE] [--read-queries FILE]
//
// Queries are made of words of the records' titles (what visitors look for), seeded:
// half one complete word, a quarter two words, a quarter a typeahead prefix of 3 to 5
// letters. Each query runs on a fresh instance (nothing cached but the manifest), so the
// bytes are those of a first query; files are counted at their size on disk (shards and
// cards are gzip already; index.json and the runtime are counted gzipped, as servers send
// them). Query time: files preloaded in memory, fresh instance per query (inflate, parse,
// score, cards), median and p90 of each query's best of 3. Queries made only of stop words
// find nothing and fetch little, so the figures are also given without them. With the
// facet disclosures of the theme open, the first query also fetches their lists.
// --write-queries saves the queries (for bench-pagefind.mjs, or to compare two builds);
// --read-queries runs saved ones instead of drawing new ones.
import { readFile, readdir, stat } from "node:fs/promises";
import { gunzipSync, gzipSync } from "node:zlib";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { performance } from "node:perf_hooks";

const args = Object.fromEntries(process.argv.slice(2).reduce((acc, a, i, all) => (a.startsWith("--") ? [...acc, [a.slice(2), all[i + 1]]] : acc), []));
const dir = args.public;
if (!dir) { console.error("usage: bench-search.mjs --public DIR [--lang fr] [--queries 300] [--seed 1]"); process.exit(2); }
const lang = args.lang ?? "fr";
const count = Number(args.queries ?? 300);
let seed = Number(args.seed ?? 1) || 1;
const random = () => ((seed = (seed * 48271) % 2147483647) / 2147483647);
const pick = (list) => list[Math.floor(random() * list.length)];

const { open, words } = await import(pathToFileURL(join(dir, "search/vitrine-search.js")));
const root = join(dir, "search", lang);
const manifestBytes = await readFile(join(root, "index.json"));
const manifest = JSON.parse(manifestBytes);
const folder = join(root, manifest.dir);
const names = await readdir(folder);
const sizes = new Map();
for (const name of names) sizes.set(name, (await stat(join(folder, name))).size);
const sum = (pred) => [...sizes].filter(([n]) => pred(n)).reduce((a, [, s]) => a + s, 0);
const runtime = gzipSync(await readFile(join(dir, "search/vitrine-search.js")), { level: 9 }).length;
const manifestGz = gzipSync(manifestBytes, { level: 9 }).length;

// Words of titles, from the cards.
const titles = [];
for (const name of names.filter((n) => n.startsWith("c"))) {
  for (const card of JSON.parse(gunzipSync(await readFile(join(folder, name))))) titles.push(card.t);
}
const titleWords = titles.flatMap((t) => [...t.matchAll(/[\p{Alphabetic}\p{N}]{3,}/gu)].map((m) => m[0]));
const queries = [];
for (let i = 0; i < count; i++) {
  const r = i % 4;
  if (r < 2) queries.push(pick(titleWords) + " ");
  else if (r === 2) queries.push(`${pick(titleWords)} ${pick(titleWords)} `);
  else { const w = pick(titleWords); queries.push(w.slice(0, 3 + Math.floor(random() * 3))); }
}

if (args["read-queries"]) {
  // Queries written by --write-queries, e.g. to compare two builds on the same queries.
  queries.splice(0, queries.length, ...JSON.parse(await readFile(args["read-queries"], "utf8")));
}
if (args["write-queries"]) {
  // For scripts/bench-pagefind.mjs: the same queries against Pagefind.
  const { writeFile } = await import("node:fs/promises");
  await writeFile(args["write-queries"], JSON.stringify(queries));
}

const memory = new Map();
for (const name of names) memory.set(name, new Uint8Array(await readFile(join(folder, name))));
const base = "/search/" + lang + "/";

const quantile = (list, q) => { const s = [...list].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(q * s.length))]; };
const kb = (b) => (b / 1024).toFixed(1) + " KB";

async function measure(facets) {
  const bytes = [], times = [], totals = [];
  for (const q of queries) {
    let fetched = 0;
    const load = async (url) => {
      if (url.endsWith("index.json")) return new Uint8Array(manifestBytes);
      const name = url.slice(url.lastIndexOf("/") + 1);
      fetched += sizes.get(name);
      return memory.get(name);
    };
    const index = await open(base, { load });
    const r = await index.search(q, { facets, limit: 10 });
    bytes.push(fetched);
    totals.push(r.total);
    let best = Infinity;
    for (let k = 0; k < 3; k++) {
      const fresh = await open(base, { load: async (url) => (url.endsWith("index.json") ? new Uint8Array(manifestBytes) : memory.get(url.slice(url.lastIndexOf("/") + 1))) });
      const t = performance.now();
      await fresh.search(q, { facets, limit: 10 });
      best = Math.min(best, performance.now() - t);
    }
    times.push(best);
  }
  return { bytes, times, totals };
}

const plain = await measure(false);
// As the theme asks once its three facet disclosures are open: the lists are fetched by the
// first query.
const withFacets = await measure(["themes", "countries", "languages"]);
const docs = manifest.docs;
const indexBytes = sum((n) => !n.startsWith("c"));
console.log(`site ${dir}, language ${lang}: ${docs} records, ${names.length + 1} index files`);
console.log(`before the first result (runtime ${kb(runtime)} + manifest ${kb(manifestGz)}, gzip): ${kb(runtime + manifestGz)}`);
console.log(`per query, ${queries.length} queries: p50 ${kb(quantile(plain.bytes, 0.5))}, p90 ${kb(quantile(plain.bytes, 0.9))}; with themes, countries and languages open (first query): p50 ${kb(quantile(withFacets.bytes, 0.5))}, p90 ${kb(quantile(withFacets.bytes, 0.9))}`);
{
  const found = plain.bytes.filter((_, i) => plain.totals[i] > 0);
  const times = plain.times.filter((_, i) => plain.totals[i] > 0);
  console.log(`the ${found.length} queries that find something: per query p50 ${kb(quantile(found, 0.5))}, p90 ${kb(quantile(found, 0.9))}; query time p50 ${quantile(times, 0.5).toFixed(2)} ms, p90 ${quantile(times, 0.9).toFixed(2)} ms`);
}
console.log(`facet lists (fetched once, when a facet is opened): ${[...sizes].filter(([n]) => n.startsWith("f-")).map(([n, b]) => `${n.slice(2, -4)} ${kb(b)}`).join(", ")}`);
console.log(`index per record (gzip): ${(indexBytes / docs).toFixed(0)} B (terms ${(sum((n) => n.startsWith("t")) / docs).toFixed(0)} B, forms ${(sum((n) => n.startsWith("w")) / docs).toFixed(0)} B, facets ${(sum((n) => n.startsWith("f-")) / docs).toFixed(0)} B); cards ${(sum((n) => n.startsWith("c")) / docs).toFixed(0)} B`);
console.log(`query time in node: p50 ${quantile(plain.times, 0.5).toFixed(2)} ms, p90 ${quantile(plain.times, 0.9).toFixed(2)} ms; with the three facets open p50 ${quantile(withFacets.times, 0.5).toFixed(2)} ms, p90 ${quantile(withFacets.times, 0.9).toFixed(2)} ms`);
console.log(`results per query: p50 ${quantile(plain.totals, 0.5)}, p90 ${quantile(plain.totals, 0.9)}; ${plain.totals.filter((t) => t === 0).length} of ${queries.length} queries find nothing`);
