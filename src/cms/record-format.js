// How the CMS reads and writes a record's facts (`content/<kind>/<id>/record.yaml`) and its
// texts (`index.<lang>.md`: YAML front matter, then Markdown) so that a save changes only what
// the editor changed. Sveltia CMS reads a file into its form and
// writes the form back whole: comments, `[a, b]` lists, quotes and the order of keys would be
// lost, a translatable fact written once for every language (`alt: Affiche du film`) would be
// deleted (the form shows it as one input per language), and every switch would be written
// even when off (`draft: false`). This format, registered with `CMS.registerCustomFormat`,
// keeps the file's parsed YAML document and applies to it only the values that changed.
//
// Sveltia gives the format only a file's text (`fromFile`) and the entry's values (`toFile`),
// never the file's path; values the form does not show are handed back as they were. So the
// text read is carried in the entry itself, under ORIGINAL, and `toFile` parses it again and
// compares: the edit is what differs between the values read and the values saved.
//
// Pure: the YAML library (the `yaml` package) is passed in, so node tests can drive it.

/** The key under which an entry carries the text it was read from. */
export const ORIGINAL = 'vitrine_original_text';

/** How a file is written: the options of Sveltia's own YAML output; `[a, b]` as people write it. */
const OUTPUT = { indent: 2, indentSeq: true, lineWidth: 0, singleQuote: true, flowCollectionPadding: false };

const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

function equal(a, b) {
  if (a === b) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => equal(x, b[i]));
  if (isObject(a) && isObject(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].every((k) => equal(a[k], b[k]));
  }
  return false;
}

/** Whether `value` says nothing a missing key would not: an off switch, an empty field. */
function isDefault(value, field) {
  if (value === undefined || value === null || value === '') return true;
  if (Array.isArray(value)) return value.length === 0;
  if (isObject(value)) return Object.values(value).every((v) => isDefault(v));
  if (value === false) return field?.widget === 'boolean' && (field.default === undefined || field.default === false);
  return false;
}

/**
 * The format of one collection of facts: `collection` is its entry of the CMS configuration
 * (its `fields`), `i18n` the configuration's (`locales`, `default_locale`).
 */
export function recordFormat(YAML, collection, i18n) {
  const locales = i18n.locales;
  const main = i18n.default_locale;
  /** A translatable fact: an object with one text input per language of the site. */
  const translatable = (field) => field?.widget === 'object' && Array.isArray(field.fields)
    && field.fields.length === locales.length && field.fields.every((f, i) => f.name === locales[i]);
  const named = (fields, key) => (Array.isArray(fields) ? fields.find((f) => f.name === key) : undefined);

  /**
   * The values as the form shows them: a translatable fact written as one text becomes the
   * default language's text, which every other language falls back to (vitrine renders
   * `alt: x` and `alt: {fr: x}` alike).
   */
  function widen(value, fields) {
    if (!isObject(value)) return value;
    const out = {};
    for (const [key, v] of Object.entries(value)) {
      const field = named(fields, key);
      if (translatable(field) && typeof v === 'string') out[key] = { [main]: v };
      else if (isObject(v) && field?.fields) out[key] = widen(v, field.fields);
      else if (Array.isArray(v) && field?.fields) out[key] = v.map((item) => widen(item, field.fields));
      else out[key] = v;
    }
    return out;
  }

  /**
   * New values as `vitrine new` writes them: keys in the form's order, nothing that only says
   * a default (`draft: false`, `decorative: false`, an empty text), a translation left empty
   * left out.
   */
  function clean(value, fields) {
    if (Array.isArray(value)) return value.map((item) => clean(item, fields));
    if (!isObject(value) || !Array.isArray(fields)) return value;
    const order = (key) => {
      const i = fields.findIndex((f) => f.name === key);
      return i < 0 ? fields.length : i;
    };
    const out = {};
    for (const key of Object.keys(value).sort((a, b) => order(a) - order(b))) {
      const field = named(fields, key);
      if (isDefault(value[key], field)) continue;
      out[key] = clean(value[key], field?.fields);
    }
    return out;
  }

  /** The YAML node of a value that was not in the file. */
  const node = (doc, value, fields) => doc.createNode(clean(value, fields));

  /** Applies to the map `map` (a node of `doc`) what differs between `before` and `after`. */
  function applyMap(doc, map, before, after, fields) {
    const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
    for (const key of keys) {
      const [b, a] = [before[key], after[key]];
      if (equal(b, a)) continue;
      const field = named(fields, key);
      if (a === undefined || (isDefault(a, field) && !isDefault(b, field))) {
        map.delete(key);
      } else if (b === undefined) {
        if (!isDefault(a, field)) insert(doc, map, key, node(doc, a, field?.fields), fields);
      } else {
        map.set(key, applyValue(doc, map.get(key, true), b, a, field));
      }
    }
  }

  /** A new key goes before the first key that follows it in the form. */
  function insert(doc, map, key, value, fields) {
    const rank = (k) => (Array.isArray(fields) ? fields.findIndex((f) => f.name === k) : -1);
    const mine = rank(key);
    const pair = doc.createPair(key, value);
    const at = mine < 0 ? -1 : map.items.findIndex((p) => rank(String(p.key?.value ?? p.key)) > mine);
    if (at < 0) map.items.push(pair);
    else map.items.splice(at, 0, pair);
  }

  /** The node `current` (holding `before`) changed to hold `after`: the node to keep. */
  function applyValue(doc, current, before, after, field) {
    if (translatable(field) && YAML.isScalar(current) && typeof current.value === 'string' && isObject(after)) {
      // Written once for every language: it stays so while only the default language has a text.
      const others = locales.filter((l) => l !== main && !isDefault(after[l]));
      if (others.length === 0 && typeof after[main] === 'string') {
        current.value = after[main];
        return current;
      }
      return node(doc, after, field.fields);
    }
    if (YAML.isMap(current) && isObject(before) && isObject(after)) {
      applyMap(doc, current, before, after, field?.fields);
      return current;
    }
    if (YAML.isSeq(current) && Array.isArray(before) && Array.isArray(after)) {
      applySeq(doc, current, before, after, field);
      return current;
    }
    if (YAML.isScalar(current) && !isObject(after) && !Array.isArray(after)) {
      // The same node keeps its quotes and its comment.
      current.value = after;
      return current;
    }
    return node(doc, after, field?.fields);
  }

  /** A list keeps its style (`[a, b]` or one item a line) and its unchanged items' nodes. */
  function applySeq(doc, seq, before, after, field) {
    if (before.length === after.length) {
      after.forEach((item, i) => {
        if (!equal(before[i], item)) seq.items[i] = applyValue(doc, seq.items[i], before[i], item, { fields: field?.fields });
      });
      return;
    }
    const used = new Set();
    seq.items = after.map((item) => {
      const j = before.findIndex((old, k) => !used.has(k) && equal(old, item));
      if (j < 0) return node(doc, item, field?.fields);
      used.add(j);
      return seq.items[j];
    });
  }

  return {
    /** The entry's values from a file's text, with that text (`ORIGINAL`). */
    fromFile(text) {
      const doc = YAML.parseDocument(text);
      if (doc.errors.length > 0) throw doc.errors[0];
      const value = doc.toJS() ?? {};
      if (!isObject(value)) throw new TypeError('a record\'s facts are a map of keys and values');
      return { ...widen(value, collection.fields), [ORIGINAL]: text };
    },
    /** The file's text for the entry's values: the original with the edits applied. */
    toFile(data) {
      const { [ORIGINAL]: original, ...after } = data;
      if (typeof original !== 'string') return YAML.stringify(clean(after, collection.fields), OUTPUT);
      const doc = YAML.parseDocument(original);
      const before = widen(doc.toJS() ?? {}, collection.fields);
      if (equal(before, after)) return original;
      if (!YAML.isMap(doc.contents)) return YAML.stringify(clean(after, collection.fields), OUTPUT);
      applyMap(doc, doc.contents, before, after, collection.fields);
      return doc.toString(OUTPUT);
    },
  };
}

/** A text file: its front matter (without the `---` lines) and what follows them. */
function split(text) {
  const m = /^---\n(?:([\s\S]*?)\n)?---(?:\n([\s\S]*))?$/.exec(text);
  return m ? { head: m[1] ?? '', body: m[2] ?? '' } : null;
}

/**
 * The format of one collection of texts: the front matter goes through `recordFormat`, the
 * Markdown after it is the `body` field. An unchanged body is written back as it was, and a
 * changed one keeps the file's spacing after the front matter (a blank line or none).
 */
export function textFormat(YAML, collection, i18n) {
  const fields = (collection.fields ?? []).filter((f) => f.name !== 'body');
  const front = recordFormat(YAML, { fields }, i18n);
  return {
    fromFile(text) {
      const parts = split(text);
      // No front matter: all of it is the text, as Sveltia's own format reads it.
      if (!parts) return { body: text };
      const values = front.fromFile(parts.head);
      return { ...values, body: parts.body.replace(/^\n/, ''), [ORIGINAL]: text };
    },
    toFile(data) {
      const { [ORIGINAL]: original, body = '', ...values } = data;
      const parts = typeof original === 'string' ? split(original) : null;
      const head = front.toFile(parts ? { ...values, [ORIGINAL]: parts.head } : values).trim();
      let after;
      if (parts && parts.body.replace(/^\n/, '') === body) after = parts.body;
      else after = body === '' ? '' : `${parts && !parts.body.startsWith('\n') ? '' : '\n'}${body}`;
      if (head === '' || head === '{}') return after;
      return `---\n${head}\n---\n${after}`;
    },
  };
}
