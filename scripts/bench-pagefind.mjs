#!/usr/bin/env node
// Pagefind, measured the way scripts/bench-search.mjs measures vitrine's search, for the
// comparison the search issue asks for. Pagefind is not a dependency of vitrine: install it
// aside and index a built site first, e.g.
//
//   npm install --prefix /tmp/pf pagefind@1
//   /tmp/pf/node_modules/.bin/pagefind --site DIR --glob "fr/{films,livres,musique,webinaires,productions}/*/index.html"
//   node scripts/bench-search.mjs --public DIR --write-queries /tmp/queries.json
//   node scripts/bench-pagefind.mjs --public DIR --queries /tmp/queries.json
//
// With --engine vitrine, the same harness measures vitrine's runtime over a site built by
// vitrine (--public that site): bytes and query times in the same browser, side by side.
//
//   node scripts/bench-pagefind.mjs --engine vitrine --public DIR --queries /tmp/queries.json
//
// Each query runs in a fresh Chromium context (empty cache): the bytes before the first
// result are what `pagefind.init()` fetches; the bytes of a query are what the search and
// the data of its first 10 results fetch; then a second query on the same page. Pagefind's index files are compressed already;
// pagefind.js is counted gzipped, as servers send it. Needs playwright-core (npm ci) and
// Chromium at /usr/bin/chromium (or CHROMIUM).
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { join, normalize, extname } from "node:path";
import { gzipSync } from "node:zlib";
import { chromium } from "playwright-core";

const args = Object.fromEntries(process.argv.slice(2).reduce((acc, a, i, all) => (a.startsWith("--") ? [...acc, [a.slice(2), all[i + 1]]] : acc), []));
if (!args.public || !args.queries) { console.error("usage: bench-pagefind.mjs --public DIR --queries FILE [--limit N]"); process.exit(2); }
const root = args.public;
const engine = args.engine ?? "pagefind";
if (!["pagefind", "vitrine"].includes(engine)) { console.error("--engine pagefind|vitrine"); process.exit(2); }
const lang = args.lang ?? "fr";
const queries = JSON.parse(await readFile(args.queries, "utf8")).slice(0, Number(args.limit ?? 300));
const sizes = new Map();
const server = createServer(async (req, res) => {
  const path = normalize(decodeURIComponent(new URL(req.url, "http://x").pathname));
  if (path === "/") { res.writeHead(200, { "content-type": "text/html" }).end("<!doctype html><title>bench</title>"); return; }
  try {
    const file = join(root, path);
    const bytes = await readFile(file);
    const type = { ".js": "text/javascript", ".json": "application/json", ".wasm": "application/wasm" }[extname(file)] ?? "application/octet-stream";
    // What a server sends: text gzipped, Pagefind's own files as they are (compressed).
    const sent = type.startsWith("text/") || type === "application/json" ? gzipSync(bytes, { level: 9 }).length : (await stat(file)).size;
    sizes.set(path, sent);
    res.writeHead(200, { "content-type": type }).end(bytes);
  } catch { res.writeHead(404).end(); }
});
await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
const base = `http://127.0.0.1:${server.address().port}`;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
const first = [], perQuery = [], times = [], later = [];
for (const [n, q] of queries.entries()) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const fetched = [];
  page.on("requestfinished", (r) => fetched.push(new URL(r.url()).pathname));
  await page.goto(base + "/");
  // The engine's `run(q)`: search, then the data of the first 10 results.
  await page.evaluate(async ([engine, lang]) => {
    if (engine === "pagefind") {
      const pf = await import("/pagefind/pagefind.js");
      await pf.init();
      window.run = async (q) => {
        const r = await pf.search(q);
        await Promise.all(r.results.slice(0, 10).map((x) => x.data()));
      };
    } else {
      const { open } = await import("/search/vitrine-search.js");
      const index = await open(`/search/${lang}/`);
      window.run = (q) => index.search(q, { limit: 10 });
    }
  }, [engine, lang]);
  const before = fetched.length;
  const ms = await page.evaluate(async (q) => {
    const t = performance.now();
    await window.run(q);
    return performance.now() - t;
  }, q);
  const size = (list) => list.filter((p) => p !== "/").reduce((a, p) => a + (sizes.get(p) ?? 0), 0);
  first.push(size(fetched.slice(0, before)));
  perQuery.push(size(fetched.slice(before)));
  times.push(ms);
  // A second, different query on the same page: what a visitor's next query costs once
  // the runtime and the shared files are cached.
  const after = fetched.length;
  await page.evaluate((q) => window.run(q), queries[(n + 1) % queries.length]);
  later.push(size(fetched.slice(after)));
  await context.close();
}
await browser.close();
server.close();
const quantile = (list, q) => { const s = [...list].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(q * s.length))]; };
const kb = (b) => (b / 1024).toFixed(1) + " KB";
console.log(`${engine} on ${root}: ${queries.length} queries`);
console.log(`before the first result (${engine === "pagefind" ? "pagefind.js gzip + wasm + entry + metadata" : "runtime gzip + manifest gzip"}): ${kb(quantile(first, 0.5))}`);
console.log(`per query (search + data of the first 10 results): p50 ${kb(quantile(perQuery, 0.5))}, p90 ${kb(quantile(perQuery, 0.9))}`);
console.log(`a second query on the same page: p50 ${kb(quantile(later, 0.5))}, p90 ${kb(quantile(later, 0.9))}`);
console.log(`query time in Chromium (search + 10 results): p50 ${quantile(times, 0.5).toFixed(1)} ms, p90 ${quantile(times, 0.9).toFixed(1)} ms`);
