#!/usr/bin/env node
// Search quality on real data: does the search find what visitors type?
//
//   node scripts/bench-search-quality.mjs [--vitrine target/release/vitrine]
//        [--cache DIR] [--sample 200] [--seed 1] [--langs fr,en] [--engines vitrine,minisearch,pagefind]
//        [--runtime FILE] [--no-scan 1] [--failures FILE]
//        [--movies FILE[,FILE…] --films 16000]
//        [--books FILE [--book-langs fr,de] [--names as-written|first-last] --films 16000]
//        [--records FILE --films 16000]
//
// The real data is `movies.json` of the `vega-datasets` npm package (3,201 films with
// titles, directors, genres, running times; BSD-3-Clause), installed aside at bench time
// into the cache folder (default: $XDG_CACHE_HOME or ~/.cache, then vitrine-search-quality),
// with Pagefind 1.6 and MiniSearch 7 to compare: none of them is a dependency of vitrine
// and nothing of them is committed. The films become a catalogue (one bulk file of film
// records in French and English: title, director as a credit, a summary and a short text
// made of the film's facts), which `vitrine build` builds.
//
// --movies takes another film list instead, one or more JSON files each holding an array of
// films shaped as `movies.json` of github.com/prust/wikipedia-movie-data (American films from
// Wikipedia, CC BY-SA; its per-decade files `movies-1900s.json`…): `title`, `year`, `cast`
// (names), `genres`, `extract` (the article's first paragraph), and optionally `directors`
// (names). Without `directors`, a film's director is read from its extract ("directed by
// First Last"), when it says so. The extract is the summary, the cast are performers'
// credits; --films samples that many films of the list (seeded). The data is read where it
// lies and never copied into the repository.
//
// --books takes a catalogue of books instead: Project Gutenberg's catalogue, `pg_catalog.csv`
// (public-domain metadata; its columns Text#, Type, Issued, Title, Language, Authors, Subjects,
// LoCC, Bookshelves). Project Gutenberg publishes it as a weekly feed; a snapshot is in the
// public GitHub repository sage-khan/project-gutenberg-explorer-python, `data/pg_catalog.csv`
// (7,660 records, March 2025: mostly English, 95 French, 161 German, Spanish, Italian…),
// readable with `git show HEAD:data/pg_catalog.csv` from a clone. Texts only (no audio); each
// becomes a record of the kind `books`, its title as written (a subtitle on a second line
// joins the title after a colon, as catalogues print it), its authors as `author` credits
// (the directing role of a book: the surname query asks for them) and its translators,
// editors and illustrators (`[Translator]`…) under those roles, the life dates dropped.
// Names stay "Last, First" as library catalogues write them, or become "First Last" with
// `--names first-last`; with a comma, the surname is what comes before it. The subjects are
// the summary, the bookshelves the text, in both languages. --book-langs keeps only the
// books in one of those languages (`fr`: French titles, elisions, accents).
//
// --records takes any list in one generic JSON shape, an array of
//   { "kind": "films" | "books", "title": "À bout de souffle", "year": 1960,
//     "makers": ["Jean-Luc Godard"], "people": ["Jean Seberg", "Jean-Paul Belmondo"],
//     "summary": "…", "languages": ["fr"] }
// (makers: the directors of a film, the authors of a book; people: performers, other
// credits; only kind and title required); one title for every language of the catalogue.
//
// Query types, each over the same seeded sample of films, typed as on the search page (the
// last word is a prefix while there is no space after it):
//   exact     the title as written; a hit is the film, or a film with the same title
//   plain     lower case, accents and punctuation removed
//   typing    the first 60 % of the title's characters
//   typo      one letter of a word of 5+ letters replaced by another
//   real typo one letter of a title's word of 5+ letters replaced so that it makes another
//             word of the titles (house → horse)
//   director  the director's surname; a hit is a film of a director of that surname (a
//             visitor typing "Anderson" cannot mean one Anderson rather than another)
//   performer a performer's surname (films with casts only); a hit is a film with a
//             performer of that surname
//   all       every title of the catalogue, as written (first / top 10 / unfindable)
// Printed per engine and type: the rate first, in the top 10 and with no result; bytes per
// query p50/p90 (what a fresh visitor's browser fetches after the fixed cost: vitrine's
// shards and cards; Pagefind's index chunks and fragments of the top 10; MiniSearch fetches
// its whole index once, counted as fixed cost; Pagefind fetches nothing before the first
// query, so its runtime and WebAssembly count in every query's bytes, as for a visitor's
// first query); and the query time (node, files in memory). --runtime runs another copy of
// vitrine-search.js over the same index (to see what a rule moves); --no-scan skips the
// scan of every title; --failures writes vitrine's misses.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, readFile, readdir, rm, stat, writeFile, cp } from "node:fs/promises";
import { homedir } from "node:os";
import { join, resolve, dirname } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";
import { performance } from "node:perf_hooks";

const repo = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const args = Object.fromEntries(process.argv.slice(2).reduce((acc, a, i, all) => (a.startsWith("--") ? [...acc, [a.slice(2), all[i + 1]]] : acc), []));
const cache = resolve(args.cache ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), ".cache"), "vitrine-search-quality"));
const vitrine = resolve(args.vitrine ?? join(repo, "target/release/vitrine"));
const sampleSize = Number(args.sample ?? 200);
const langs = (args.langs ?? "fr,en").split(",");
const engines = (args.engines ?? "vitrine,minisearch,pagefind").split(",");
let seed = Number(args.seed ?? 1) || 1;
const random = () => ((seed = (seed * 48271) % 2147483647) / 2147483647);

// 1. The packages, aside.
const PACKAGES = ["vega-datasets@3.2.1", "pagefind@1.6.0", "minisearch@7.2.0"];
await mkdir(cache, { recursive: true });
if (!existsSync(join(cache, "node_modules/vega-datasets/data/movies.json")) || !existsSync(join(cache, "node_modules/minisearch")) || !existsSync(join(cache, "node_modules/pagefind"))) {
  console.error(`installing ${PACKAGES.join(", ")} into ${cache}`);
  await writeFile(join(cache, "package.json"), JSON.stringify({ private: true }));
  execFileSync("npm", ["install", "--no-audit", "--no-fund", "--prefix", cache, ...PACKAGES], { stdio: "inherit" });
}
const films = args.books
  ? await gutenbergBooks(resolve(args.books), Number(args.films ?? 16000))
  : args.records
    ? await genericRecords(resolve(args.records), Number(args.films ?? 16000))
    : args.movies
      ? await castFilms(args.movies.split(","), Number(args.films ?? 16000))
      : vegaFilms(JSON.parse(await readFile(join(cache, "node_modules/vega-datasets/data/movies.json"), "utf8")));

// 2. The catalogue.
function vegaFilms(movies) {
  const films = [];
  for (const [i, m] of movies.entries()) {
    if (m.Title === null || m.Title === undefined || String(m.Title).trim() === "") continue;
    const year = Number(/(\d{4})$/.exec(m["Release Date"] ?? "")?.[1]);
    if (!year) continue;
    films.push({
      id: `film-${String(i).padStart(4, "0")}`,
      title: String(m.Title).trim(),
      director: m.Director ?? null,
      cast: [],
      genre: m["Major Genre"] ?? null,
      year,
      duration: m["Running Time min"] ?? 90,
      distributor: m.Distributor ?? null,
      source: m.Source ?? null,
      creative: m["Creative Type"] ?? null,
      rating: m["MPAA Rating"] ?? null,
    });
  }
  return films;
}
async function castFilms(files, count) {
  const all = [];
  for (const file of files) all.push(...JSON.parse(await readFile(resolve(file), "utf8")));
  const usable = all.filter((m) => typeof m.title === "string" && m.title.trim() !== "" && Number.isInteger(m.year));
  const picked = [];
  {
    const pool = usable.map((_, i) => i);
    const want = Math.min(count, pool.length);
    while (picked.length < want) picked.push(pool.splice(Math.floor(random() * pool.length), 1)[0]);
    picked.sort((a, b) => a - b);
  }
  // "directed by Jane Q. Doe" (and "Jane Doe and John Roe"), names capitalised word by word.
  // A word with a dot is an initial ("Q.", "W.S."): "directed by Tod Browning. It stars …"
  // ends the name at the full stop, not at "It".
  const word = "(?:\\p{Lu}\\.(?:\\p{Lu}\\.)*|\\p{Lu}[\\p{L}'’-]*)";
  const name = `${word}(?: (?:${word}|(?:del|der|de|van|von|da|di|le|la)(?= )))*`;
  const directedBy = new RegExp(`directed by (${name})(?:,? and (${name}))?`, "u");
  const clean = (s) => s.replace(/[.,]+$/, "").trim();
  return picked.map((at, i) => {
    const m = usable[at];
    const said = directedBy.exec(m.extract ?? "");
    const directors = Array.isArray(m.directors) ? m.directors : said ? [said[1], said[2]].filter(Boolean).map(clean) : [];
    return {
      id: `film-${String(i).padStart(5, "0")}`,
      title: m.title.trim(),
      director: directors.length > 0 ? directors.join("; ") : null,
      directors,
      cast: (m.cast ?? []).filter((c) => typeof c === "string" && c.trim() !== "").map((c) => c.trim()),
      genre: m.genres?.[0] ?? null,
      year: m.year,
      duration: null,
      extract: m.extract?.trim() || null,
    };
  });
}
// `count` of `list`, picked with the seeded generator, in their order.
function pick(list, count) {
  const pool = list.map((_, i) => i);
  const picked = [];
  const n = Math.min(count, pool.length);
  while (picked.length < n) picked.push(pool.splice(Math.floor(random() * pool.length), 1)[0]);
  return picked.sort((a, b) => a - b).map((i) => list[i]);
}
// RFC 4180 CSV: quoted fields may hold commas, doubled quotes and line breaks.
function csvRows(text) {
  const rows = [];
  let row = [], field = "", quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") row.push(field), (field = "");
    else if (c === "\n") row.push(field), rows.push(row), (row = []), (field = "");
    else if (c !== "\r") field += c;
  }
  if (field !== "" || row.length > 0) row.push(field), rows.push(row);
  return rows;
}
// "Hugo, Victor, 1802-1885 [Translator]" → { name: "Hugo, Victor", role: "translator" }.
function gutenbergName(raw) {
  const roles = { translator: "translator", editor: "editor", compiler: "editor", illustrator: "illustrator" };
  const role = /\[([^\]]+)\]\s*$/.exec(raw)?.[1].toLowerCase();
  let name = raw.replace(/\s*\[[^\]]*\]\s*$/, "").replace(/\s*\([^)]*\)/g, "");
  // Life dates: "1802-1885", "1942-", "-1650", "active 1200", "1810?-1865", "19th cent.", "BCE".
  name = name.replace(/,\s*(?:active |approximately )?[-\d?]*\d[-\d?]*(?:\s*BCE)?(?:-[\d?]+(?:\s*BCE)?)?\s*$/i, "").replace(/,\s*\d+(?:st|nd|rd|th) cent\.?$/i, "").trim();
  if (args.names === "first-last" && name.includes(",")) {
    const [last, ...rest] = name.split(",").map((p) => p.trim());
    name = `${rest.filter((p) => !/^(?:Sir|Baron|graf|Jr\.|Mrs\.)$/i.test(p)).join(" ")} ${last}`.trim();
  }
  return { name, role: role === undefined ? "author" : roles[role] ?? null };
}
async function gutenbergBooks(file, count) {
  const [head, ...rows] = csvRows(await readFile(file, "utf8"));
  const col = Object.fromEntries(head.map((h, i) => [h, i]));
  const keep = args["book-langs"]?.split(",");
  const books = rows
    .filter((r) => r[col.Type] === "Text" && r[col.Title]?.trim())
    .map((r) => ({ r, langs: r[col.Language].split(/;\s*/).filter(Boolean) }))
    .filter(({ langs }) => !keep || langs.some((l) => keep.includes(l)));
  return pick(books, count).map(({ r, langs }) => {
    const credits = r[col.Authors].split(/;\s*/).filter(Boolean).map(gutenbergName).filter((c) => c.role && c.name);
    const authors = credits.filter((c) => c.role === "author").map((c) => c.name);
    const subjects = r[col.Subjects].split(/;\s*/).filter(Boolean).join(", ");
    return {
      id: `book-${String(r[col["Text#"]]).padStart(5, "0")}`,
      kind: "books",
      title: r[col.Title].trim().split(/\s*\r?\n\s*/).join(": "),
      director: authors.length > 0 ? authors.join("; ") : null,
      directors: authors,
      cast: [],
      credits: credits.filter((c) => c.role !== "author").map((c) => [c.name, c.role]),
      languages: langs,
      year: Number(r[col.Issued].slice(0, 4)) || null,
      summary: subjects || null,
      text: r[col.Bookshelves].split(/;\s*/).filter(Boolean).join(", ") || null,
    };
  });
}
async function genericRecords(file, count) {
  const list = JSON.parse(await readFile(file, "utf8"));
  if (!Array.isArray(list)) throw new Error(`${file}: an array of records is expected`);
  const usable = list.filter((r) => ["films", "books"].includes(r.kind) && typeof r.title === "string" && r.title.trim() !== "");
  return pick(usable, count).map((r, i) => ({
    id: `record-${String(i).padStart(5, "0")}`,
    kind: r.kind,
    title: r.title.trim(),
    director: (r.makers ?? []).length > 0 ? r.makers.join("; ") : null,
    directors: r.makers ?? [],
    cast: [],
    credits: (r.people ?? []).map((n) => [n, r.kind === "books" ? "editor" : "performer"]),
    languages: r.languages,
    year: Number.isInteger(r.year) ? r.year : null,
    summary: typeof r.summary === "string" ? r.summary : null,
  }));
}
const q = (s) => JSON.stringify(s);
const makers = (f) => f.directors ?? (f.director ? [f.director] : []);
function summary(f, lang) {
  if (f.extract) return f.extract;
  if (f.kind) return f.summary ?? (lang === "fr" ? `Un ${f.kind === "books" ? "livre" : "film"}.` : `A ${f.kind === "books" ? "book" : "film"}.`);
  if (lang === "fr") {
    const by = f.director ? ` réalisé par ${f.director}` : "";
    return `Film${f.genre ? ` (${f.genre})` : ""}${by}, sorti en ${f.year}${f.distributor ? `, distribué par ${f.distributor}` : ""}.`;
  }
  const by = f.director ? ` directed by ${f.director}` : "";
  return `A ${f.genre ? `${f.genre} ` : ""}film${by}, released in ${f.year}${f.distributor ? ` by ${f.distributor}` : ""}.`;
}
function text(f, lang) {
  if (f.kind) return f.text ?? (f.year ? `${f.title} (${f.year}).` : f.title);
  const parts = [];
  if (lang === "fr") {
    parts.push(f.duration ? `${f.title} dure ${f.duration} minutes.` : `${f.title} (${f.year}).`);
    if (f.source) parts.push(`Source : ${f.source}.`);
    if (f.creative) parts.push(`Type de récit : ${f.creative}.`);
    if (f.rating) parts.push(`Classement MPAA : ${f.rating}.`);
  } else {
    parts.push(f.duration ? `${f.title} runs ${f.duration} minutes.` : `${f.title} (${f.year}).`);
    if (f.source) parts.push(`Source: ${f.source}.`);
    if (f.creative) parts.push(`Creative type: ${f.creative}.`);
    if (f.rating) parts.push(`MPAA rating: ${f.rating}.`);
  }
  return parts.join(" ");
}
const site = join(cache, "site");
const publicDir = join(cache, "public");
{
  await rm(site, { recursive: true, force: true });
  for (const kind of new Set(films.map((f) => f.kind ?? "films"))) await mkdir(join(site, "content", kind), { recursive: true });
  await cp(join(repo, "data"), join(site, "data"), { recursive: true });
  await cp(join(repo, "themes"), join(site, "themes"), { recursive: true });
  await writeFile(join(site, "site.yaml"), [
    "title: {fr: Films, en: Films}",
    "base_url: https://films.example.org/",
    "default_language: fr",
    "languages:",
    "  - code: fr",
    "    name: Français",
    "  - code: en",
    "    name: English",
    "theme: default",
    "taxonomies: [themes, countries, languages]",
    "",
  ].join("\n"));
  const record = (f) => {
    const lines = [`- id: ${f.id}`, `  languages: [${(f.languages ?? ["en"]).join(", ")}]`, "  countries: [US]", "  published: 2026-01-01"];
    if (f.year) lines.push(`  year: ${f.year}`);
    if (f.duration) lines.push(`  duration: ${f.duration}`);
    const lead = f.kind === "books" ? "author" : "director";
    const credits = [...makers(f).map((n) => [n, lead]), ...f.cast.map((n) => [n, "performer"]), ...(f.credits ?? [])];
    if (credits.length > 0) lines.push("  credits:", ...credits.flatMap(([n, role]) => [`    - name: ${q(n)}`, `      role: ${role}`]));
    lines.push(`  title: {fr: ${q(f.title)}, en: ${q(f.title)}}`);
    lines.push(`  summary: {fr: ${q(summary(f, "fr"))}, en: ${q(summary(f, "en"))}}`);
    lines.push(`  text: {fr: ${q(text(f, "fr"))}, en: ${q(text(f, "en"))}}`);
    return lines;
  };
  // Bulk files of at most 1,000 films (a YAML file is limited in size and in values).
  const PER_FILE = 1000;
  for (const kind of new Set(films.map((f) => f.kind ?? "films"))) {
    const ofKind = films.filter((f) => (f.kind ?? "films") === kind);
    for (let start = 0; start < ofKind.length; start += PER_FILE) {
      const name = start === 0 ? "movies.yaml" : `movies-${start / PER_FILE}.yaml`;
      await writeFile(join(site, "content", kind, name), ofKind.slice(start, start + PER_FILE).flatMap(record).join("\n") + "\n");
    }
  }
  const t = performance.now();
  execFileSync(vitrine, ["build", "--root", site, "--date", "2026-11-28", "--output", publicDir], { stdio: ["ignore", "ignore", "inherit"] });
  const source = args.books ? `${films.length} books of ${args.books}${args["book-langs"] ? ` (${args["book-langs"]})` : ""}, names ${args.names ?? "as-written"}` : args.records ? `${films.length} records of ${args.records}` : null;
  if (source) console.log(`catalogue: ${source}, ${films.filter((f) => f.director).length} with a maker, languages ${langs.join(", ")}; vitrine build ${((performance.now() - t) / 1000).toFixed(1)} s`);
  else console.log(`catalogue: ${films.length} films of ${args.movies ? `${args.movies} (${films.filter((f) => f.cast.length > 0).length} with a cast, ${films.filter((f) => f.director).length} with a director)` : "movies.json (vega-datasets)"}, languages ${langs.join(", ")}; vitrine build ${((performance.now() - t) / 1000).toFixed(1)} s`);
}

// 3. Queries.
const fold = (s) => s.normalize("NFD").replace(/\p{Mn}/gu, "");
const norm = (s) => fold(s.toLowerCase()).replace(/[^\p{L}\p{N}]+/gu, " ").trim();
const sample = [];
{
  const pool = [...films];
  while (sample.length < Math.min(sampleSize, pool.length)) sample.push(pool.splice(Math.floor(random() * pool.length), 1)[0]);
}
const letters = "abcdefghijklmnopqrstuvwxyz";
function typo(title) {
  const words = [...title.matchAll(/\p{L}{5,}/gu)];
  if (words.length === 0) return null;
  const w = words[Math.floor(random() * words.length)];
  const at = Math.floor(random() * w[0].length);
  let c;
  do c = letters[Math.floor(random() * letters.length)]; while (c === fold(w[0][at].toLowerCase()));
  const pos = w.index + [...w[0]].slice(0, at).join("").length;
  return title.slice(0, pos) + c + title.slice(pos + [...w[0]][at].length);
}
// The surname of a name: its last word, or what comes before a comma ("Hugo, Victor").
const surnameOf = (name) => (name.includes(",") ? name.slice(0, name.indexOf(",")).trim().split(/\s+/).at(-1) : name.split(/\s+/).at(-1));
const surname = (name) => norm(surnameOf(name)).split(" ").at(-1);
const bySurname = (peopleOf) => {
  const map = new Map();
  for (const f of films) for (const n of peopleOf(f)) map.set(surname(n), [...(map.get(surname(n)) ?? []), f.id]);
  return map;
};
// A query type of people's surnames: a sample of films with such a person, one person each;
// a hit is a film with a person of that surname.
function surnameType(name, peopleOf) {
  const named = (f) => peopleOf(f).filter((n) => /\p{L}{2,}$/u.test(surnameOf(n)));
  const withSurname = bySurname(peopleOf);
  const picked = [];
  const pool = films.filter((f) => named(f).length > 0);
  while (picked.length < Math.min(sampleSize, pool.length)) picked.push(pool.splice(Math.floor(random() * pool.length), 1)[0]);
  const cases = picked.map((f) => {
    const people = named(f);
    const person = people.length === 1 ? people[0] : people[Math.floor(random() * people.length)];
    return { q: surnameOf(person), hit: (r) => withSurname.get(surname(person)).includes(r.id) };
  });
  return { name, cases };
}
const sameTitle = (a, b) => norm(a) === norm(b);
const types = [];
types.push({ name: "exact title", cases: sample.map((f) => ({ q: f.title, hit: (r) => sameTitle(r.title, f.title) })) });
types.push({ name: "lower, no accents/punct.", cases: sample.map((f) => ({ q: norm(f.title), hit: (r) => sameTitle(r.title, f.title) })) });
types.push({ name: "first 60 % typed", cases: sample.map((f) => ({ q: [...f.title].slice(0, Math.max(1, Math.ceil([...f.title].length * 0.6))).join(""), hit: (r) => sameTitle(r.title, f.title) })) });
types.push({ name: "one typo (5+ letters)", cases: sample.map((f) => ({ f, q: typo(f.title) })).filter((c) => c.q).map(({ f, q }) => ({ q, hit: (r) => sameTitle(r.title, f.title) })) });
if (films.some((f) => makers(f).length > 0)) types.push(surnameType(args.books ? "author's surname" : "director's surname", makers));
{
  // A typo that makes another word of the catalogue's titles (house → horse): one letter of
  // a title's word of 5+ letters replaced so that the word is another title word.
  const vocabulary = new Set(films.flatMap((f) => norm(f.title).split(" ")));
  const cases = [];
  const pool = [...films];
  while (cases.length < sampleSize && pool.length > 0) {
    const f = pool.splice(Math.floor(random() * pool.length), 1)[0];
    const real = [];
    for (const m of f.title.matchAll(/\p{L}{5,}/gu)) {
      const w = norm(m[0]);
      if ([...w].length !== [...m[0]].length) continue;
      for (let at = 0; at < w.length; at++) {
        for (const c of letters) {
          const other = w.slice(0, at) + c + w.slice(at + 1);
          if (other !== w && vocabulary.has(other)) real.push(f.title.slice(0, m.index) + other + f.title.slice(m.index + m[0].length));
        }
      }
    }
    if (real.length > 0) cases.push({ q: real[Math.floor(random() * real.length)], hit: (r) => sameTitle(r.title, f.title) });
  }
  types.push({ name: "typo making another word", cases });
}
if (films.some((f) => f.cast.length > 0)) types.push(surnameType("performer's surname", (f) => f.cast));
if (args.books || args.records) {
  // Long titles with a subtitle after a colon, searched by their main title as people
  // cite them ("Le rouge et le noir" for "Le rouge et le noir: chronique du XIXe siècle");
  // a hit is the record, or one whose title starts alike.
  const subtitled = pick(films.filter((f) => /\S: \S/.test(f.title)), sampleSize);
  const main = (t) => t.slice(0, t.indexOf(": "));
  types.push({ name: "main title (before the colon)", cases: subtitled.map((f) => ({ q: main(f.title), hit: (r) => sameTitle(r.title, f.title) || norm(r.title).startsWith(`${norm(main(f.title))} `) || sameTitle(r.title, main(f.title)) })) });
}
if (!args["no-scan"]) types.push({ name: "every title scanned", cases: films.map((f) => ({ q: f.title, hit: (r) => sameTitle(r.title, f.title) })) });

// 4. Engines: each gives `search(q)` → { ids: [{ id, title }], bytes, ms } and a fixed cost.
const idOf = (url) => /\/((?:film|book|record)-\d+)\//.exec(url)?.[1] ?? url;
async function vitrineEngine(lang) {
  const root = join(publicDir, "search", lang);
  const manifestBytes = await readFile(join(root, "index.json"));
  const manifest = JSON.parse(manifestBytes);
  const folder = join(root, manifest.dir);
  const memory = new Map();
  for (const name of await readdir(folder)) memory.set(name, new Uint8Array(await readFile(join(folder, name))));
  const runtimeFile = args.runtime ? resolve(args.runtime) : join(publicDir, "search/vitrine-search.js");
  const { open } = await import(pathToFileURL(runtimeFile));
  const runtime = gzipSync(await readFile(runtimeFile), { level: 9 }).length;
  const fixed = runtime + gzipSync(manifestBytes, { level: 9 }).length;
  return {
    fixed,
    async search(query) {
      let bytes = 0, requests = 0;
      const load = async (url) => {
        if (url.endsWith("index.json")) return new Uint8Array(manifestBytes);
        const name = url.slice(url.lastIndexOf("/") + 1);
        bytes += memory.get(name).length;
        requests++;
        return memory.get(name);
      };
      const index = await open(`/search/${lang}/`, { load });
      const t = performance.now();
      const r = await index.search(query, { limit: 10 });
      const ms = performance.now() - t;
      return { ids: r.results.map((x) => ({ id: idOf(x.card.u), title: x.card.t })), bytes, requests, ms };
    },
  };
}
async function minisearchEngine(lang) {
  const { default: MiniSearch } = await import(pathToFileURL(join(cache, "node_modules/minisearch/dist/es/index.js")));
  // As MiniSearch's documentation recommends for a search box: prefix and fuzzy matching,
  // the title boosted.
  const options = { fields: ["title", "director", "cast", "summary", "text"], storeFields: ["title"], searchOptions: { boost: { title: 2 }, fuzzy: 0.2, prefix: true } };
  const ms = new MiniSearch(options);
  ms.addAll(films.map((f) => ({ id: f.id, title: f.title, director: makers(f).join(", "), cast: f.cast.join(", "), summary: summary(f, lang), text: text(f, lang) })));
  const fixed = gzipSync(JSON.stringify(ms), { level: 9 }).length;
  return {
    fixed,
    async search(query) {
      const t = performance.now();
      const r = ms.search(query).slice(0, 10);
      return { ids: r.map((x) => ({ id: x.id, title: x.title })), bytes: 0, requests: 0, ms: performance.now() - t };
    },
  };
}
async function pagefindEngine(lang) {
  const out = join(cache, "pagefind");
  if (!existsSync(join(out, "stamp")) || (await stat(join(out, "stamp"))).mtimeMs < (await stat(join(publicDir, "index.html"))).mtimeMs) {
    await rm(out, { recursive: true, force: true });
    // Record pages only, as a site would configure it.
    execFileSync(join(cache, "node_modules/.bin/pagefind"), ["--site", publicDir, "--output-path", out, "--glob", "{fr,en}/{films,books}/*/index.html"], { stdio: "ignore" });
    await writeFile(join(out, "stamp"), "");
  }
  const files = new Map();
  let bytes = 0, requests = 0;
  const realFetch = globalThis.fetch;
  globalThis.fetch = async (url) => {
    const path = join(out, new URL(url).pathname.replace(/^\/pagefind\//, ""));
    const body = files.get(path) ?? new Uint8Array(await readFile(path));
    files.set(path, body);
    bytes += /\.(js|json)$/.test(path) ? gzipSync(body, { level: 9 }).length : body.length;
    requests++;
    return new Response(body);
  };
  // The page's language picks the index.
  globalThis.document = { querySelector: () => ({ getAttribute: () => lang }) };
  globalThis.location ??= new URL("http://localhost/");
  // A fresh instance per query (a visitor's first query): a new copy of the module.
  let made = 0;
  const fresh = async () => {
    const pagefind = await import(pathToFileURL(join(out, "pagefind.js")) + `?${lang}-${made++}`);
    await pagefind.options({ basePath: "http://localhost/pagefind/", baseUrl: "/" });
    bytes = 0;
    await pagefind.init();
    return pagefind;
  };
  await fresh();
  const fixed = bytes;
  return {
    fixed,
    // Thousands of fresh WebAssembly instances exhaust node: the scan is left out.
    scans: false,
    restore: () => (globalThis.fetch = realFetch),
    async search(query) {
      const pagefind = await fresh();
      bytes = 0;
      requests = 0;
      const t = performance.now();
      const r = await pagefind.search(query);
      const data = await Promise.all(r.results.slice(0, 10).map((x) => x.data()));
      const ms = performance.now() - t;
      await pagefind.destroy();
      return { ids: data.map((d) => ({ id: idOf(d.url), title: d.meta?.title ?? "" })), bytes, requests, ms };
    },
  };
}

// 5. The table.
const quantile = (list, p) => { const s = [...list].sort((a, b) => a - b); return s.length ? s[Math.min(s.length - 1, Math.floor(p * s.length))] : 0; };
const pct = (n, d) => (d === 0 ? "-" : `${((100 * n) / d).toFixed(1)} %`);
const kb = (b) => `${(b / 1024).toFixed(1)} KB`;
const made = { vitrine: vitrineEngine, minisearch: minisearchEngine, pagefind: pagefindEngine };
console.log(`sample: ${sampleSize} films (seed ${args.seed ?? 1}); ${types.at(-1).cases.length} titles scanned`);
console.log("| lang | engine | query type | first | top 10 | no result | bytes/query p50 | p90 | requests p50 | query ms p50 |");
console.log("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
const failures = [];
for (const lang of langs) {
  for (const name of engines) {
    let engine;
    try {
      engine = await made[name](lang);
    } catch (e) {
      console.log(`| ${lang} | ${name} | (not run: ${String(e.message ?? e).split("\n")[0]}) |`);
      continue;
    }
    for (const type of types) {
      if (engine.scans === false && type.name === "every title scanned") continue;
      let first = 0, top = 0, none = 0;
      const bytes = [], times = [], requests = [];
      for (const c of type.cases) {
        const r = await engine.search(c.q);
        if (r.ids.length === 0) none++;
        if (r.ids.length > 0 && c.hit(r.ids[0])) first++;
        else if (name === "vitrine" && failures.length < 400) failures.push(`${lang}\t${type.name}\t${c.q}\t${r.ids.some((x) => c.hit(x)) ? "" : "(not in the top 10) "}→ ${r.ids.slice(0, 3).map((x) => x.title).join(" | ")}`);
        if (r.ids.some((x) => c.hit(x))) top++;
        bytes.push(r.bytes);
        requests.push(r.requests);
        times.push(r.ms);
      }
      const n = type.cases.length;
      const topCell = type.firstOnly ? "-" : pct(top, n);
      const noneCell = type.name === "every title scanned" ? `${n - top} unfindable` : pct(none, n);
      console.log(`| ${lang} | ${name} | ${type.name} | ${pct(first, n)} | ${topCell} | ${noneCell} | ${kb(quantile(bytes, 0.5))} | ${kb(quantile(bytes, 0.9))} | ${quantile(requests, 0.5)} | ${quantile(times, 0.5).toFixed(2)} |`);
    }
    console.log(`| ${lang} | ${name} | fixed cost before the first result (gzip) | | | | ${kb(engine.fixed)} | | | |`);
    engine.restore?.();
  }
}
if (args.failures) await writeFile(args.failures, failures.join("\n") + "\n");
