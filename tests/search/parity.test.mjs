// Runs the queries that tests/search.rs put through the Rust reference of the ranking rules
// with vitrine-search.js over the built files, and requires the same candidates per word,
// the same total, the same top 10 and the same BM25 scores (within 1e-6 relative). Started
// by `cargo test --test search`, which sets VITRINE_PUBLIC (the built site) and
// VITRINE_PARITY (the reference's answers).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const publicDir = process.env.VITRINE_PUBLIC;
const runsDir = process.env.VITRINE_RUNS;
const edgeDir = process.env.VITRINE_EDGE;
const emptyDir = process.env.VITRINE_EMPTY;
const parity = process.env.VITRINE_PARITY;
if (!publicDir || !runsDir || !edgeDir || !emptyDir || !parity) throw new Error("run through `cargo test --test search`");

const { open } = await import(pathToFileURL(join(publicDir, "search/vitrine-search.js")));
const cases = JSON.parse(await readFile(parity, "utf8"));

const close = (a, b) => Math.abs(a - b) <= 1e-6 * Math.max(Math.abs(a), Math.abs(b));

// The built site, then the export with every field's norms as runs, then a made-up corpus
// of extreme postings.
const runs = [];
for (const c of cases) {
  if (c.edge) runs.push(["edge cases", edgeDir, c]);
  else runs.push(["built", publicDir, c], ["norms as runs", runsDir, c]);
}
for (const [variant, dir, { lang, docs, tokens, queries, facets }] of runs) {
  test(`${lang} (${variant}): ${queries.length} queries rank as the reference`, async () => {
    const load = async (url) => new Uint8Array(await readFile(join(dir, url)));
    const index = await open(`/search/${lang}/`, { load });
    if (variant !== "edge cases") assert.equal(index.inline.some((x) => x), variant === "built", "norms per posting in the built site only");
    assert.equal(index.manifest.docs, docs, "documents in the index");
    assert.deepEqual(index.manifest.fields.map((f) => f.tokens), tokens, "tokens per field");
    const failures = [];
    let exact = 0;
    for (const { q, kind, words, total, top } of queries) {
      const filters = kind === null ? {} : { kind: [kind] };
      const got = await index.search(q, { filters, limit: 10 });
      const problem = compare(got, words, total, top);
      if (problem) failures.push(`${JSON.stringify(q)} kind=${kind}: ${problem}`);
      else if (got.results.every((r, i) => r.doc === top[i][0])) exact++;
      // The second page, where the reference gave 20: the runtime picks the first results
      // without sorting every match (a word in every record matches 3,000 here).
      if (variant === "edge cases" && top.length === 20) {
        const second = await index.search(q, { filters, limit: 10, offset: 10 });
        const want = top.slice(10).map(([doc]) => doc);
        if (JSON.stringify(second.results.map((r) => r.doc)) !== JSON.stringify(want)) failures.push(`${JSON.stringify(q)}: second page ${JSON.stringify(second.results.map((r) => r.doc))} instead of ${JSON.stringify(want)}`);
      }
    }
    assert.deepEqual(failures.slice(0, 20), [], `${failures.length} of ${queries.length} queries differ`);
    // Totals and counts per facet value, as counted from tantivy's matches.
    for (const { q, filters, total, counts } of facets ?? []) {
      const got = await index.search(q, { filters, facets: true, limit: 10 });
      assert.equal(got.total, total, `${JSON.stringify(q)} ${JSON.stringify(filters)}: total`);
      for (const [name, want] of Object.entries(counts)) {
        const have = Object.fromEntries(got.facets[name].filter((v) => v.count > 0).map((v) => [JSON.stringify(v.id), v.count]));
        assert.deepEqual(have, want, `${JSON.stringify(q)} ${JSON.stringify(filters)}: counts of ${name}`);
      }
    }
    // Ties broken differently are allowed only where scores are equal: that must stay rare.
    assert.ok(exact >= queries.length * 0.99, `${exact} of ${queries.length} in exactly the same order`);
  });
}

test("an index without records (a new site) answers nothing, and fails on nothing", async () => {
  const load = async (url) => new Uint8Array(await readFile(join(emptyDir, url)));
  const index = await open("/search/fr/", { load });
  for (const q of ["cinéma ", "cin", "deux mots "]) {
    const got = await index.search(q, { facets: true, filters: { kind: [0], themes: ["x"] } });
    assert.equal(got.total, 0);
    assert.deepEqual(got.results, []);
    assert.deepEqual(got.facets.themes, []);
  }
});

/** Why `got` differs from the reference's `words`, `total` and `top` (up to 20
 *  [doc, score]), or null. */
function compare(got, words, total, top) {
  const have = got.words.map((w) => w.map((c) => [c.form, c.typos, c.prefix, c.fields]));
  if (JSON.stringify(have) !== JSON.stringify(words)) {
    return `candidates ${JSON.stringify(have)} instead of ${JSON.stringify(words)}`;
  }
  if (got.total !== total) return `${got.total} matches instead of ${total}`;
  const want = Math.min(10, top.length);
  if (got.results.length !== want) return `${got.results.length} results instead of ${want}`;
  for (let i = 0; i < want; i++) {
    const { doc, score } = got.results[i];
    if (!close(score, top[i][1])) return `score ${score} at ${i + 1} instead of ${top[i][1]}`;
    if (doc !== top[i][0]) {
      // Equal scores: a tie within 1e-6 may be broken the other way; the document must
      // still be one the reference ranks with that score.
      const twin = top.find(([d, s]) => d === doc && close(s, score));
      if (!twin) return `document ${doc} at ${i + 1} instead of ${top[i][0]}`;
    }
  }
  return null;
}
