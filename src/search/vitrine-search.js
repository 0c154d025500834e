// vitrine's search runtime: an ES module without dependencies or build step.
//
// It reads the static index that `vitrine build` writes under search/<lang>/, fetching only
// the shards a query needs, and ranks by the rules of src/search/rank.rs (its reference,
// which the suite requires this file to equal):
//
//   A query is a list of words, folded as indexed; the last one is a prefix unless the
//   query ends with a separator. A word stands for itself, when the corpus has it; the last
//   word also for its completions (the most frequent forms that start with it), or, when it
//   has 1 or 2 letters, for its class: the titles with a word that starts with it, counted
//   only for documents that match another word (unless it is the only one), so that a
//   letter or two narrow the results instead of flooding them; a word of 5+ letters also
//   for the forms within 1 typo, 2 from 9 letters, taken among the forms that share its
//   first two letters or its last three (a typo can make another real word or the start of
//   one, house for horse, spade for space: the corrections of a word the corpus has or
//   completes rank below it by the typo rule, and are searched in titles and names only,
//   so only the forms of titles and names, files of their own, are read for them); a single
//   letter being typed stands for itself in titles only (not as an initial in a name).
//   Titles and names match by form, long text by stem. Documents are ordered by, in turn:
//     1. more query words matched;
//     2. fewer typos (a word corrected in titles and names, found as typed only in long
//        text, counts one: "The falling" finds "The Calling" before summaries saying it);
//     3. the words found as typed: per word, 0 as a word of a title or name, 1 as a
//        completion there or as a word of long text only, 2 as a completion in long text;
//        the sum (the word typed before its completions, and a word being typed that
//        completes in a title before the word found only in a summary);
//     4. exactness: first the whole title equal to the query, or the query equal to the
//        name of a director or author, whole or its last words ("Jackson", "Peter
//        Jackson"), the way people are named; then a query of one word equal to another
//        person's surname, a performer's ("Stone": Oliver Stone's films, then Sharon
//        Stone's, then "Romancing the Stone"; one word of a longer title is not exact);
//     5. the fields matched: per word its best field, title < directors and authors <
//        other people < summary < body (no positions are indexed, so no proximity rule:
//        the field rule brings words of one title first);
//     6. fewer words of the title left out by the query's words ("Night Watch" before
//        "His Night Out" for "night");
//     7. BM25 (tantivy's, with field boosts), then the document's position.
//
//   const index = await open("/search/fr/");
//   const { total, results, facets } = await index.search("cinéma", { facets: ["themes"] });

const f32 = Math.fround;
const K1 = f32(1.2);
const B = f32(0.75);
const ONE_PLUS_K1 = f32(1 + K1);
const ONE_MINUS_B = f32(1 - B);

// tantivy's field-norm table: lengths up to 40 exactly, then groups of 8 steps that double.
const NORMS = [];
for (let i = 0; i <= 40; i++) NORMS.push(i);
for (let v = 40, step = 2; NORMS.length < 256; step *= 2) {
  for (let i = 0; i < 8 && NORMS.length < 256; i++) NORMS.push((v += step));
}

const WORD = /[\p{Alphabetic}\p{N}]+/gu;
const SPECIAL = { "œ": "oe", "æ": "ae", "ß": "ss", "ø": "o", "đ": "d", "ð": "d", "ł": "l", "þ": "th", "ı": "i", "\u0640": "", "ٱ": "ا", "ى": "ي", "ة": "ه" };
const encoder = new TextEncoder();

/** Lower-cases character by character, as tantivy's LowerCaser does. */
export function lower(word) {
  let out = "";
  for (const c of word) out += c.toLowerCase();
  return out;
}

/** Folds a lower-cased word: compatibility forms as their letters (ﬁ, ｆ, ﻣ), no
 *  nonspacing marks, then a few letters spelt plainly. */
export function fold(word) {
  if (/^[\x00-\x7f]*$/.test(word)) return word;
  const bare = word.normalize("NFKD").replace(/\p{Mn}/gu, "").normalize("NFC");
  let out = "";
  for (const c of bare) out += SPECIAL[c] ?? c;
  return out;
}

/** The words of a text as the index sees them before stemming, with their positions. */
export function words(text) {
  const out = [];
  for (const m of text.matchAll(WORD)) {
    if (encoder.encode(m[0]).length >= 40) continue;
    out.push({ form: fold(lower(m[0])), start: m.index, end: m.index + m[0].length });
  }
  return out;
}

/** The first character of the key of a prefix class (see src/search/rank.rs). */
const CLASS = "\u0001";

/** Compares strings by UTF-16 code units, as the export sorts them. */
const cmp = (a, b) => (a < b ? -1 : a > b ? 1 : 0);

/** The words of a query, folded: { form, prefix }, the last a prefix unless the query ends
 *  with a separator. */
export function queryWords(query) {
  const list = words(query).map(({ form, end }) => ({ form, prefix: end === query.length }));
  return list;
}

/** Levenshtein distance with swaps of neighbours counting one (optimal string alignment)
 *  between two arrays of characters, or null past `max`. */
export function distance(a, b, max) {
  if (Math.abs(a.length - b.length) > max) return null;
  const w = b.length + 1;
  const d = new Uint16Array((a.length + 1) * w);
  for (let j = 0; j < w; j++) d[j] = j;
  for (let i = 1; i <= a.length; i++) {
    d[i * w] = i;
    for (let j = 1; j <= b.length; j++) {
      let v = Math.min(d[(i - 1) * w + j] + 1, d[i * w + j - 1] + 1, d[(i - 1) * w + j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[(i - 2) * w + j - 2] + 1);
      d[i * w + j] = v;
    }
  }
  const v = d[a.length * w + b.length];
  return v <= max ? v : null;
}

/** Position of the last start <= key (starts[0] is ""). */
function shardOf(starts, key) {
  let lo = 0, hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= key) lo = mid; else hi = mid - 1;
  }
  return lo;
}

/** The first `k` of `items` in the order of `before` (a total order), as sorting them all
 *  would give them: a query word as common as "the" matches nearly every document, and a
 *  page shows ten. */
function firsts(items, k, before) {
  if (k <= 0) return [];
  if (items.length <= 4 * k + 64) return items.sort(before).slice(0, k);
  const top = [];
  for (const item of items) {
    if (top.length === k && before(item, top[k - 1]) >= 0) continue;
    let lo = 0, hi = top.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (before(item, top[mid]) < 0) hi = mid;
      else lo = mid + 1;
    }
    top.splice(lo, 0, item);
    if (top.length > k) top.pop();
  }
  return top;
}

async function inflate(bytes) {
  if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return bytes; // the server inflated it already
  // Written and read directly: going through a Blob and a Response costs twice as long.
  const stream = new DecompressionStream("gzip");
  const writer = stream.writable.getWriter();
  writer.write(bytes);
  writer.close();
  const reader = stream.readable.getReader();
  const parts = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    parts.push(value);
    size += value.length;
  }
  if (parts.length === 1) return parts[0];
  const out = new Uint8Array(size);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

async function fetchBytes(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`search: ${url}: HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

/** Shard keys as the manifest front-codes them: each one's first character is the length
 *  (from code 48) of the prefix it shares with the key before it, then the rest. */
function unfront(coded) {
  let previous = "";
  return coded.map((c) => (previous = previous.slice(0, c.charCodeAt(0) - 48) + c.slice(1)));
}

/** Opens the index at `url` (the folder of index.json, ending with "/"). `load(url)` may
 *  replace fetch: it gives the bytes of a file. */
export async function open(url, { load = fetchBytes } = {}) {
  const manifest = JSON.parse(new TextDecoder().decode(await load(url + "index.json")));
  for (const list of ["terms", "forms", "ends", "nameForms", "nameEnds"]) manifest[list] = unfront(manifest[list]);
  return new SearchIndex(url, manifest, load);
}

class SearchIndex {
  constructor(url, manifest, load) {
    this.manifest = manifest;
    this.files = new Map();
    this.fetchFile = (name) => {
      if (!this.files.has(name)) {
        this.files.set(name, load(`${url}${manifest.dir}/${name}`).then(inflate));
      }
      return this.files.get(name);
    };
    const n = f32(manifest.docs);
    this.fields = manifest.fields.map(({ boost, tokens, norms }) => {
      const average = f32(f32(tokens) / n);
      const cache = NORMS.map((norm) => f32(K1 * f32(ONE_MINUS_B + f32(f32(B * f32(norm)) / average))));
      // Norm ids given as runs [first doc, id, …] rather than per posting.
      let normOf = null;
      if (norms) {
        normOf = new Uint8Array(manifest.docs);
        for (let i = 0; i < norms.length; i += 2) normOf.fill(norms[i + 1], norms[i], norms[i + 2] ?? manifest.docs);
      }
      return { boost: f32(boost), cache, normOf };
    });
    this.ranks = manifest.fields.map((field) => field.rank);
    this.inline = this.fields.map((f) => f.normOf === null);
    this.kindOf = new Uint8Array(manifest.docs);
    for (const [kind, start, end] of manifest.kinds) this.kindOf.fill(kind, start, end);
  }

  /** Word-form shard `i`, by start ("w") or by end ("r"): [{ form, term, weight }]. */
  async forms(i, by = "w") {
    const key = `parsed ${by}${i}`;
    if (!this.files.has(key)) {
      this.files.set(key, this.fetchFile(`${by}${i}.bin`).then((bytes) =>
        new TextDecoder().decode(bytes).split("\n").filter(Boolean).map((line) => {
          const [form, term, weight] = line.split("\t");
          return { form, term: term || form, weight: Number(weight) };
        })));
    }
    return this.files.get(key);
  }

  /** The lines of the shards whose keys may start with `prefix` (keys in `starts`). */
  async linesFrom(starts, prefix, by) {
    if (starts.length === 0) return [];
    const shards = [shardOf(starts, prefix)];
    while (shards.at(-1) + 1 < starts.length && starts[shards.at(-1) + 1].startsWith(prefix)) shards.push(shards.at(-1) + 1);
    return (await Promise.all(shards.map((i) => this.forms(i, by)))).flat();
  }

  async terms(i) {
    if (!this.files.has(`parsed t${i}`)) {
      this.files.set(`parsed t${i}`, this.fetchFile(`t${i}.bin`).then((bytes) => parseTerms(bytes, this.inline)));
    }
    return this.files.get(`parsed t${i}`);
  }

  /** The candidates of each word of `query` (see the rules above). */
  async candidates(query) {
    const m = this.manifest;
    const all = m.fields.length;
    const make = (e, typos, prefix, fields) => ({ form: e.form, term: e.term, typos, prefix, fields });
    return Promise.all(queryWords(query).map(async ({ form: word, prefix }) => {
      const out = [];
      // Completions need every shard of forms starting with the word; the word alone, its
      // own shard (a short prefix stands for its class, not its completions).
      const completes = prefix && [...word].length > m.shortPrefix;
      const around = completes || m.forms.length === 0 ? await this.linesFrom(m.forms, word, "w") : await this.forms(shardOf(m.forms, word), "w");
      const own = around.find((e) => e.form === word);
      const short = prefix && [...word].length <= m.shortPrefix;
      // A letter being typed starts a word of a title: as a word, it is searched in titles
      // only (an initial in a name is not what the visitor is typing).
      if (own) out.push(make(own, 0, false, prefix && [...word].length === 1 ? 1 : all));
      if (short) {
        out.push({ form: CLASS + word, term: "", typos: 0, prefix: true, fields: 1 });
      } else if (prefix) {
        around.filter((e) => e.form !== word && e.form.startsWith(word))
          .sort((a, b) => b.weight - a.weight || cmp(a.form, b.form))
          .slice(0, m.completions)
          .forEach((e) => out.push(make(e, 0, true, all)));
      }
      // A word the corpus has, or completes, is corrected in titles and names only.
      const completed = out.some((c) => c.prefix);
      const names = !!own || completed;
      if (!completed || prefix) {
        out.push(...(await this.typos(word, names)).filter((c) => c.form !== word).map((c) => (names ? { ...c, fields: m.nameFields } : c)));
      }
      return out;
    }));
  }

  /** Forms within the typos allowed of `word`, sharing its first two letters or its last
   *  three (every form when the corpus lacks `word`, only the forms of titles and names
   *  when it has it): the closest, then the most frequent. */
  async typos(word, own) {
    const chars = [...word];
    const max = chars.length >= 9 ? 2 : chars.length >= 5 ? 1 : 0;
    if (max === 0) return [];
    const head = chars.slice(0, 2).join("");
    const tail = chars.slice(-3).join("");
    const m = this.manifest;
    const back = [...tail].reverse().join("");
    const [front, end] = await Promise.all(own
      ? [this.linesFrom(m.nameForms, head, "m"), this.linesFrom(m.nameEnds, back, "n")]
      : [this.linesFrom(m.forms, head, "w"), this.linesFrom(m.ends, back, "r")]);
    const found = new Map();
    // A shard holds its neighbours too: from each, only the forms of its start or end.
    for (const e of [...front.filter((e) => e.form.startsWith(head)), ...end.filter((e) => e.form.endsWith(tail))]) {
      if (found.has(e.form)) continue;
      const d = distance(chars, [...e.form], max);
      if (d !== null) found.set(e.form, { e, d });
    }
    return [...found.values()].sort((a, b) => a.d - b.d || b.e.weight - a.e.weight || cmp(a.e.form, b.e.form))
      .slice(0, this.manifest.typoCandidates)
      .map(({ e, d }) => ({ form: e.form, term: e.term, typos: d, prefix: false, fields: this.manifest.fields.length }));
  }

  /** Ranks the words' candidates: the tally of every matching document. */
  async tally(words) {
    const n = this.manifest.docs;
    const names = this.manifest.nameFields;
    const starts = this.manifest.terms;
    // Every (field, key) of every word, fetched at once.
    const plan = words.map((cands) => {
      // A word the catalogue has and corrects in titles and names: found as typed only in
      // long text, it counts as one typo, as much as a correction in a title.
      const corrected = cands.some((c) => c.typos === 0) && cands.some((c) => c.typos > 0);
      const seen = new Set();
      const entries = [];
      for (const c of cands) {
        for (let f = 0; f < c.fields; f++) {
          const key = f < names ? c.form : c.term;
          if (!key || seen.has(`${f}\t${key}`)) continue;
          seen.add(`${f}\t${key}`);
          // Typos, then how the word is found (see tally), then the field.
          const how = f < names ? (c.prefix ? 1 : 0) : c.prefix ? 2 : 1;
          const typos = corrected && f >= names ? 1 : c.typos;
          entries.push({ f, key, code: typos * 32 + how * 8 + f, exact: c.typos === 0 && !c.prefix });
        }
      }
      return entries;
    });
    const keys = [...new Set(plan.flat().map((e) => e.key))];
    const lists = new Map();
    await Promise.all(keys.map(async (key) => {
      if (starts.length > 0) lists.set(key, (await this.terms(shardOf(starts, key))).get(key));
    }));
    const t = {
      words: new Uint8Array(n), typos: new Uint16Array(n), prefix: new Uint8Array(n), fields: new Uint16Array(n),
      exact: new Uint8Array(n), titleWords: new Uint8Array(n), titleLen: new Uint32Array(n), titleTf: new Uint32Array(n), maker: new Uint8Array(n), surname: new Uint8Array(n),
      personSurname: new Uint8Array(n),
      score: new Float32Array(n), matched: [],
    };
    const [surnames, forenames] = this.manifest.makers;
    const [peopleSurnames] = this.manifest.people;
    const any = new Uint8Array(n);
    const best = new Uint8Array(n).fill(255);
    const several = plan.length > 1;
    // A word typed twice counts its occurrences in the title once (the exactness rule).
    const ownForm = words.map((cands) => cands.find((c) => c.typos === 0 && !c.prefix)?.form);
    for (const [w, entries] of plan.entries()) {
      const last = w === plan.length - 1;
      const repeated = ownForm[w] !== undefined && ownForm.slice(0, w).includes(ownForm[w]);
      const touched = [];
      const exactHere = new Uint8Array(n);
      const makerHere = new Uint8Array(n);
      for (const { f, key, code, exact } of entries) {
        const list = lists.get(key)?.lists()[f];
        if (!list) continue;
        if (key[0] === CLASS) {
          // A prefix class: no score, and only documents another word matched.
          for (const doc of list.docs) {
            if (several && !any[doc]) continue;
            if (best[doc] === 255) touched.push(doc);
            if (code < best[doc]) best[doc] = code;
          }
          continue;
        }
        const df = list.docs.length;
        const { boost, cache, normOf } = this.fields[f];
        const N = f32(n);
        const idf = f32(Math.log(f32(1 + f32(f32(f32(N - df) + 0.5) / f32(f32(df) + 0.5)))));
        let weight = f32(idf * ONE_PLUS_K1);
        if (boost !== 1) weight = f32(weight * boost);
        const { docs, tfs, norms } = list;
        for (let i = 0; i < df; i++) {
          const doc = docs[i];
          const tf = tfs[i];
          const norm = norms === null ? normOf[doc] : norms[i];
          t.score[doc] = f32(t.score[doc] + f32(weight * f32(tf / f32(tf + cache[norm]))));
          if (best[doc] === 255) touched.push(doc);
          if (code < best[doc]) best[doc] = code;
          if (f === 0) t.titleWords[doc] = Math.min(NORMS[norm], 255);
          if (exact && f === 0) {
            exactHere[doc] = 1;
            t.titleLen[doc] = NORMS[norm];
            if (!repeated) t.titleTf[doc] += tf;
          }
          if (exact && (f === surnames || f === forenames)) {
            makerHere[doc] = 1;
            if (last && f === surnames) t.surname[doc] = 1;
          }
          if (exact && last && f === peopleSurnames) t.personSurname[doc] = 1;
        }
      }
      for (const doc of touched) {
        const code = best[doc];
        t.words[doc]++;
        t.typos[doc] += code >> 5;
        t.prefix[doc] += (code >> 3) & 3;
        t.fields[doc] += this.ranks[code & 7];
        t.exact[doc] += exactHere[doc];
        t.maker[doc] += makerHere[doc];
        best[doc] = 255;
        if (!any[doc]) { any[doc] = 1; t.matched.push(doc); }
      }
    }
    t.matched.sort((a, b) => a - b);
    return t;
  }

  /** The values of facet `name` (year, themes…): [{ id, label, docs }]. */
  async facetList(name) {
    const key = `parsed f-${name}`;
    if (!this.files.has(key)) {
      this.files.set(key, this.fetchFile(`f-${name}.bin`).then((bytes) =>
        JSON.parse(new TextDecoder().decode(bytes)).map(([id, label, ...gaps]) => {
          const docs = new Uint32Array(gaps.length);
          let doc = 0;
          gaps.forEach((gap, i) => (docs[i] = doc += gap));
          return { id, label, docs };
        })));
    }
    return this.files.get(key);
  }

  /** Searches. `filters` maps a facet (kind, year, themes, countries, languages) to the
   *  values wanted; values of one facet are alternatives, facets add up. Counts per kind
   *  come with every answer; `facets` (true for all, or a list of names) asks for the
   *  counts per value of other facets too, which fetches their lists once. A facet's
   *  counts are over the results filtered by the other facets. */
  async search(query, { filters = {}, facets = false, limit = 10, offset = 0 } = {}) {
    const words = await this.candidates(query);
    const t = await this.tally(words);
    const { matched } = t;
    const count = words.length;
    const n = this.manifest.docs;
    const active = Object.entries(filters).filter(([, values]) => values && values.length > 0);
    const counted = facets === true ? this.manifest.facets : (facets || []).filter((name) => this.manifest.facets.includes(name));
    const needed = new Set([...counted, ...active.map(([name]) => name).filter((name) => name !== "kind")]);
    const lists = {};
    await Promise.all([...needed].map(async (name) => (lists[name] = this.manifest.facets.includes(name) ? await this.facetList(name) : [])));
    // One mask per active filter: the documents it keeps.
    const masks = active.map(([name, values]) => {
      const mask = new Uint8Array(n);
      if (name === "kind") {
        for (const [kind, start, end] of this.manifest.kinds) if (values.includes(kind)) mask.fill(1, start, end);
      } else {
        for (const v of lists[name] ?? []) if (values.includes(v.id)) for (const doc of v.docs) mask[doc] = 1;
      }
      return mask;
    });
    // Per matched document: 0 when every filter keeps it, i + 1 when only filter i drops
    // it, 255 when several do (facet counts need the second case).
    const verdict = new Uint8Array(n).fill(255);
    const kept = [];
    for (const doc of matched) {
      let failed = 0, which = 0;
      for (let i = 0; i < masks.length; i++) if (masks[i][doc] === 0) { failed++; which = i + 1; }
      verdict[doc] = failed === 0 ? 0 : failed === 1 ? which : 255;
      if (failed === 0) kept.push(doc);
    }
    const total = kept.length;
    // 2: the whole title, or a director's or author's name; 1: another person's surname
    // alone (the words of a longer query may come from several of the cast).
    const exact = (d) => ((t.exact[d] === count && t.titleLen[d] === count && t.titleTf[d] === count) || (t.maker[d] === count && t.surname[d]) ? 2
      : count === 1 && t.personSurname[d] ? 1 : 0);
    // Fewer words of the title left out by the query's words (256: no word in the title).
    const shorter = (d) => (t.titleWords[d] ? t.titleWords[d] - Math.min(t.titleTf[d], t.titleWords[d]) : 256);
    const before = (a, b) => t.words[b] - t.words[a] || t.typos[a] - t.typos[b] || t.prefix[a] - t.prefix[b] ||
      exact(b) - exact(a) || t.fields[a] - t.fields[b] || shorter(a) - shorter(b) || (t.score[b] - t.score[a]) || a - b;
    const page = firsts(kept, offset + limit, before).slice(offset);
    const cards = await Promise.all(page.map((doc) => this.card(doc)));
    const results = page.map((doc, i) => ({ doc, score: t.score[doc], card: cards[i] }));
    const analysis = {
      terms: [...new Set(words.flat().flatMap((c) => [c.form, c.term]))],
      known: new Map(words.flat().map((c) => [c.form, c.term])),
      prefix: queryWords(query).at(-1)?.prefix ? queryWords(query).at(-1).form : null,
    };
    const out = { query, words, total, results, highlight: (text) => highlight(text, analysis), facets: {} };
    const countable = (name) => {
      const own = active.findIndex(([n]) => n === name) + 1;
      return (doc) => verdict[doc] === 0 || (own > 0 && verdict[doc] === own);
    };
    const kindCounts = new Uint32Array(256);
    const ownKind = active.findIndex(([name]) => name === "kind") + 1;
    for (const doc of matched) {
      const v = verdict[doc];
      if (v === 0 || (ownKind > 0 && v === ownKind)) kindCounts[this.kindOf[doc]]++;
    }
    out.facets.kind = this.manifest.kindLabels.map((label, id) => ({ id, label, count: kindCounts[id] }))
      .filter((v) => v.count > 0 || filters.kind?.includes(v.id));
    for (const name of counted) {
      const keep = countable(name);
      out.facets[name] = lists[name].map(({ id, label, docs }) => {
        let count = 0;
        for (const doc of docs) if (keep(doc)) count++;
        return { id, label, count };
      }).filter((v) => v.count > 0 || filters[name]?.includes(v.id));
    }
    return out;
  }

  async card(doc) {
    const per = this.manifest.cards;
    const name = `parsed c${Math.floor(doc / per)}`;
    if (!this.files.has(name)) {
      this.files.set(name, this.fetchFile(`c${Math.floor(doc / per)}.bin`).then((b) => JSON.parse(new TextDecoder().decode(b))));
    }
    const card = (await this.files.get(name))[doc % per];
    return { ...card, kindLabel: this.manifest.kindLabels[card.k] };
  }
}

/** Splits `text` into [{ text, match }] pieces, a word matching when its form maps to a
 *  term of the query, starts with one of them (stems are prefixes of their forms) or
 *  starts with the prefix being typed. */
export function highlight(text, { terms, known, prefix }) {
  const pieces = [];
  let at = 0;
  for (const w of words(text)) {
    const term = known.get(w.form);
    const match = (term !== undefined && terms.includes(term)) ||
      terms.some((t) => t.length > 2 && w.form.startsWith(t)) || (prefix !== null && prefix.length > 1 && w.form.startsWith(prefix));
    if (!match) continue;
    if (w.start > at) pieces.push({ text: text.slice(at, w.start), match: false });
    pieces.push({ text: text.slice(w.start, w.end), match: true });
    at = w.end;
  }
  if (at < text.length) pieces.push({ text: text.slice(at), match: false });
  return pieces;
}

/** A term shard: term → { lists() }, each list decoded on first use (see export.rs). */
function parseTerms(bytes, inline) {
  let at = 0;
  const varint = () => {
    let v = 0, shift = 0, b;
    do {
      b = bytes[at++];
      v += (b & 0x7f) * 2 ** shift;
      shift += 7;
    } while (b & 0x80);
    return v;
  };
  const decoder = new TextDecoder();
  const out = new Map();
  for (let count = varint(); count > 0; count--) {
    const length = varint();
    const key = decoder.decode(bytes.subarray(at, (at += length)));
    const dfs = inline.map(() => varint());
    const ks = dfs.map((df) => (df > 0 ? bytes[at++] : 0));
    const size = varint();
    const bits = at;
    const norms = (at += size);
    // Prefix classes carry no norms.
    const own = key[0] === CLASS ? inline.map(() => false) : inline;
    for (let f = 0; f < dfs.length; f++) if (own[f]) at += dfs[f];
    let lists = null;
    out.set(key, { lists: () => (lists ??= decode(bytes, bits, norms, dfs, ks, own)) });
  }
  return out;
}

/** The postings of one term: per field, null or { docs, tfs, norms } (norms null when the
 *  manifest gives them). Gaps are Rice-coded, frequencies unary, bits least significant
 *  first. */
function decode(bytes, bits, normsAt, dfs, ks, inline) {
  let p = bits * 8;
  const unary = () => {
    let n = 0;
    for (;;) {
      const off = p & 7;
      const zeros = ~(bytes[p >> 3] >> off) & (0xff >> off);
      if (zeros === 0) {
        n += 8 - off;
        p += 8 - off;
      } else {
        const z = 31 - Math.clz32(zeros & -zeros);
        p += z + 1;
        return n + z;
      }
    }
  };
  const read = (k) => {
    let v = 0, got = 0;
    while (got < k) {
      const off = p & 7;
      const take = Math.min(8 - off, k - got);
      v += ((bytes[p >> 3] >> off) & ((1 << take) - 1)) * 2 ** got;
      got += take;
      p += take;
    }
    return v;
  };
  return dfs.map((df, f) => {
    if (df === 0) return null;
    const k = ks[f];
    const scale = 2 ** k;
    const docs = new Uint32Array(df);
    const tfs = new Uint32Array(df);
    for (let i = 0, doc = -1; i < df; i++) docs[i] = doc += unary() * scale + read(k) + 1;
    for (let i = 0; i < df; i++) tfs[i] = unary() + 1;
    let norms = null;
    if (inline[f]) {
      norms = bytes.subarray(normsAt, normsAt + df);
      normsAt += df;
    }
    return { docs, tfs, norms };
  });
}
