// The admin page's record format (src/cms/record-format.js) on its own, in node, with the
// `yaml` package the admin page vendors: what a save writes for a record read from a file,
// given the values the form hands back. The real form drives it in tests/browser/cms.test.mjs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as YAML from 'yaml';
import { recordFormat, textFormat, ORIGINAL } from '../../src/cms/record-format.js';

const locales = ['fr', 'en', 'ar'];
const text = { widget: 'object', fields: locales.map((name) => ({ name, widget: 'string', required: false })) };
const fields = [
  { name: 'themes', widget: 'select', multiple: true },
  { name: 'published', widget: 'datetime' },
  { name: 'draft', widget: 'boolean', required: false },
  { name: 'year', widget: 'number' },
  { name: 'duration', widget: 'number' },
  { name: 'credits', widget: 'list', fields: [{ name: 'name', widget: 'string' }, { name: 'role', widget: 'select' }] },
  { name: 'images', widget: 'list', fields: [
    { name: 'file', widget: 'image' },
    { name: 'alt', ...text },
    { name: 'decorative', widget: 'boolean', required: false },
    { name: 'credit', widget: 'string' },
  ] },
];
const format = recordFormat(YAML, { fields }, { locales, default_locale: 'fr' });

const file = `# A film.
id: le-film
themes: [migrations, cinema]
published: 2026-01-21

year: 2024 # the year of its release
credits:
  - name: Ana
    role: director
  - name: Bruno
    role: performer
images:
  - file: poster.jpg
    alt: Affiche du film
    credit: "CC0 · Studio"
`;

/** What a save writes when the form changes the values read with `edit`. */
function save(edit) {
  const values = structuredClone(format.fromFile(file.trim()));
  edit(values);
  return `${format.toFile(values).trim()}\n`;
}

/** The lines of `after` that differ from the file's, as [removed, added]. */
function changed(after) {
  const a = file.split('\n');
  const b = after.split('\n');
  return [a.filter((l) => !b.includes(l)), b.filter((l) => !a.includes(l))];
}

test('the form sees a plain translatable text as the default language\'s, and the id as it is', () => {
  const values = format.fromFile(file.trim());
  assert.deepEqual(values.images[0].alt, { fr: 'Affiche du film' });
  assert.equal(values.id, 'le-film');
  assert.equal(values.published, '2026-01-21');
  assert.equal(values[ORIGINAL], file.trim());
});

test('a save that changes nothing writes the file as it was, even with switches off added', () => {
  assert.equal(save(() => {}), file);
  assert.equal(save((v) => { v.draft = false; v.images[0].decorative = false; }), file);
});

test('one field changed is one line changed; comments, blank lines and quotes kept', () => {
  assert.equal(save((v) => { v.year = 2025; }), file.replace('year: 2024', 'year: 2025'));
  assert.equal(save((v) => { v.images[0].credit = 'CC0 · Studio Sud'; }), file.replace('· Studio"', '· Studio Sud"'));
});

test('a plain text stays plain while only the default language has a text', () => {
  assert.deepEqual(changed(save((v) => { v.images[0].alt = { fr: 'Nouvelle affiche', en: '' }; })),
    [['    alt: Affiche du film'], ['    alt: Nouvelle affiche']]);
  const both = save((v) => { v.images[0].alt = { fr: 'Affiche du film', en: 'Poster' }; });
  assert.deepEqual(changed(both), [['    alt: Affiche du film'], ['    alt:', '      fr: Affiche du film', '      en: Poster']]);
  assert.deepEqual(YAML.parse(both).images[0].alt, { fr: 'Affiche du film', en: 'Poster' });
});

test('an emptied field is removed; a new one goes where the form has it, without defaults', () => {
  assert.deepEqual(changed(save((v) => { v.images[0].alt = { fr: '' }; })), [['    alt: Affiche du film'], []]);
  assert.deepEqual(changed(save((v) => { v.duration = 98; })), [[], ['duration: 98']]);
  const after = save((v) => { v.duration = 98; });
  assert.ok(after.includes('year: 2024 # the year of its release\nduration: 98\ncredits:'), after);
});

test('a one-line list stays on one line; list items added and removed keep the others', () => {
  assert.deepEqual(changed(save((v) => { v.themes.push('sciences'); })),
    [['themes: [migrations, cinema]'], ['themes: [migrations, cinema, sciences]']]);
  assert.deepEqual(changed(save((v) => { v.credits.shift(); })), [['  - name: Ana', '    role: director'], []]);
  const added = save((v) => { v.images.push({ file: 'still.jpg', alt: { fr: 'Une scène', en: '' }, decorative: false }); });
  assert.ok(added.endsWith('    credit: "CC0 · Studio"\n  - file: still.jpg\n    alt:\n      fr: Une scène\n'), added);
});

test('a new record is written in the form\'s order, one item a line, no switch left off', () => {
  const written = format.toFile({
    year: 2026, images: [{ decorative: false, alt: { fr: 'Affiche', en: '' }, file: 'poster.jpg' }],
    draft: false, themes: ['cinema'], published: '2026-11-01',
  });
  assert.equal(written, 'themes:\n  - cinema\npublished: 2026-11-01\nyear: 2026\nimages:\n  - file: poster.jpg\n    alt:\n      fr: Affiche\n');
});

const texts = textFormat(YAML, {
  fields: [{ name: 'title', widget: 'string' }, { name: 'summary', widget: 'text', required: false },
    { name: 'keywords', widget: 'list', required: false }, { name: 'body', widget: 'markdown' }],
}, { locales, default_locale: 'fr' });

const page = '---\n# Checked by the author.\ntitle: "Le film"\nkeywords: [exil, mer]\n---\nUn texte.\n\nSur deux paragraphes.';

test('a text keeps its front matter as written and its body as it was, or spaced as it was', () => {
  const values = texts.fromFile(page);
  assert.equal(values.body, 'Un texte.\n\nSur deux paragraphes.');
  assert.equal(values.title, 'Le film');
  assert.equal(texts.toFile(structuredClone(values)), page);
  assert.equal(texts.toFile({ ...structuredClone(values), title: 'Le beau film' }), page.replace('"Le film"', '"Le beau film"'));
  assert.equal(texts.toFile({ ...structuredClone(values), body: 'Un texte.' }), page.replace(/Un texte[^]*$/, 'Un texte.'));
  const spaced = page.replace('---\nUn', '---\n\nUn');
  assert.equal(texts.toFile({ ...texts.fromFile(spaced), body: 'Un texte.' }), spaced.replace(/Un texte[^]*$/, 'Un texte.'));
});

test('a new text is its front matter in the form\'s order, then its body after a blank line', () => {
  assert.equal(texts.toFile({ summary: 'En bref.', title: 'Nouveau' }), '---\ntitle: Nouveau\nsummary: En bref.\n---\n');
  assert.equal(texts.toFile({ title: 'Nouveau', body: 'Texte.' }), '---\ntitle: Nouveau\n---\n\nTexte.');
  // A language the editor adds carries its locale code (the hidden field's default), not a text.
  assert.equal(texts.toFile({ title: 'جديد', [ORIGINAL]: 'ar' }), '---\ntitle: جديد\n---\n');
});
