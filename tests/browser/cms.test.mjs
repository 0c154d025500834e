// The CMS editors use, in a real browser: the admin page vitrine publishes (VITRINE_PUBLIC/
// admin/, Sveltia CMS and the generated config.yml) editing a copy of the example site
// (VITRINE_CMS_SITE, a git repository) in Sveltia's local-folder mode, while `vitrine serve`
// (VITRINE_BIN) previews that copy.
//
// The local-folder mode works on the folder the editor picks in the browser's directory
// picker (File System Access). Headless Chromium cannot hand it a folder of the disk:
// Playwright's file chooser never sees `showDirectoryPicker` (Chromium rejects it, "Intercepted
// by Page.setInterceptFileChooserDialog()"), without interception headless Chromium cancels
// the dialog, and a folder dropped through CDP's Input.dispatchDragEvent closes the page
// when asked for its handle. So the one stand-in here is the dialog: `showDirectoryPicker`
// returns a folder of the browser's own file system (origin-private, a real
// FileSystemDirectoryHandle), filled with the copy's files before the CMS opens it. The CMS
// reads and writes it through the same API as a folder of the disk; after each save the test
// copies what the CMS wrote back into the copy on disk, as the browser would have written it
// there, and looks at it with git, `vitrine check` and the preview server.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { readFile, writeFile, readdir, mkdir } from 'node:fs/promises';
import { join, dirname, relative } from 'node:path';
import YAML from 'yaml';
import { setUp, site, screenshot } from './harness.mjs';

const copy = process.env.VITRINE_CMS_SITE;
const bin = process.env.VITRINE_BIN;

setUp();

/** `vitrine serve` on the copy: its address once it listens. */
const preview = { base: '', child: null };

before(async () => {
  assert.ok(copy && bin, 'VITRINE_CMS_SITE and VITRINE_BIN must name the copy and vitrine');
  preview.child = spawn(bin, ['serve', '--port', '0', '--date', '2026-11-28', '--root', copy],
    { stdio: ['ignore', 'pipe', 'pipe'] });
  preview.child.stderr.resume();
  preview.base = await new Promise((ok, fail) => {
    let out = '';
    preview.child.stdout.on('data', (chunk) => {
      out += chunk;
      const m = out.match(/serving (http:\/\/\S+?)\/? /);
      if (m) ok(m[1]);
    });
    preview.child.on('exit', (code) => fail(new Error(`vitrine serve stopped (${code}): ${out}`)));
  });
});

after(() => preview.child?.kill());

/** The files of the copy the CMS is given (not its git folder nor vitrine's cache). */
async function siteFiles(dir = copy, out = []) {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (['.git', '.vitrine', 'public'].includes(entry.name)) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) await siteFiles(path, out);
    else out.push(relative(copy, path));
  }
  return out;
}

/**
 * A tab on the admin page in `locale`, whose directory picker answers with an in-browser
 * folder holding the copy's files, signed in to the local folder. `outside` lists every
 * request to a host other than the admin page's and the preview's; each is refused.
 */
async function openCms(locale) {
  const context = await site.browser.newContext({ locale, viewport: { width: 1280, height: 900 } });
  const outside = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(`${site.base}/`) || url.startsWith(`${preview.base}/`)
      || url.startsWith('blob:') || url.startsWith('data:')) return route.continue();
    outside.push(url);
    return route.abort();
  });
  await context.addInitScript(() => {
    window.showDirectoryPicker = async () => (await navigator.storage.getDirectory()).getDirectoryHandle('site');
  });
  const page = await context.newPage();
  await page.goto(`${site.base}/admin/`);
  const files = [];
  for (const rel of await siteFiles()) files.push([rel, (await readFile(join(copy, rel))).toString('base64')]);
  await page.evaluate(async (files) => {
    const opfs = await navigator.storage.getDirectory();
    await opfs.removeEntry('site', { recursive: true }).catch(() => {});
    const root = await opfs.getDirectoryHandle('site', { create: true });
    // Sveltia asks for the root of a git repository.
    await root.getDirectoryHandle('.git', { create: true });
    for (const [path, base64] of files) {
      const parts = path.split('/');
      let dir = root;
      for (const name of parts.slice(0, -1)) dir = await dir.getDirectoryHandle(name, { create: true });
      const writable = await (await dir.getFileHandle(parts.at(-1), { create: true })).createWritable();
      await writable.write(Uint8Array.from(atob(base64), (c) => c.charCodeAt(0)));
      await writable.close();
    }
  }, files);
  await page.getByRole('button', { name: /local/i }).first().click();
  // Signed in, the CMS opens its first collection.
  await page.waitForURL(/#\/collections\//);
  return { context, page, outside };
}

/** What the CMS's folder holds at `rel`, or null. */
function cmsFile(page, rel) {
  return page.evaluate(async (rel) => {
    let dir = await (await navigator.storage.getDirectory()).getDirectoryHandle('site');
    const parts = rel.split('/');
    try {
      for (const name of parts.slice(0, -1)) dir = await dir.getDirectoryHandle(name);
      return await (await (await dir.getFileHandle(parts.at(-1))).getFile()).text();
    } catch {
      return null;
    }
  }, rel);
}

/** Waits until the CMS's file at `rel` is no longer `before` (a save landed); its text. */
async function saved(page, rel, before) {
  for (let i = 0; i < 300; i++) {
    const now = await cmsFile(page, rel);
    if (now !== null && now !== before) return now;
    await page.waitForTimeout(100);
  }
  assert.fail(`the CMS did not write ${rel}`);
}

/** Copies what the CMS wrote (new or changed files) into the copy on disk; their paths. */
async function mirror(page) {
  const files = await page.evaluate(async () => {
    const out = [];
    const walk = async (dir, prefix) => {
      for await (const [name, handle] of dir.entries()) {
        if (name === '.git') continue;
        if (handle.kind === 'directory') await walk(handle, `${prefix}${name}/`);
        else {
          const bytes = new Uint8Array(await (await handle.getFile()).arrayBuffer());
          let binary = '';
          for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
          out.push([prefix + name, btoa(binary)]);
        }
      }
    };
    await walk(await (await navigator.storage.getDirectory()).getDirectoryHandle('site'), '');
    return out;
  });
  const written = [];
  for (const [rel, base64] of files) {
    const bytes = Buffer.from(base64, 'base64');
    const path = join(copy, rel);
    const old = await readFile(path).catch(() => null);
    if (old && old.equals(bytes)) continue;
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, bytes);
    written.push(rel);
  }
  return written.sort();
}

/** A record's text read as data: what vitrine reads, whatever the layout. */
const data = (text) => YAML.parse(text);

const git = (...args) => execFileSync('git', args, { cwd: copy, encoding: 'utf8' });

/** The lines a diff removes and adds, without its headers. */
function changedLines(diff) {
  return diff.split('\n').filter((l) => /^[-+](?![-+]{2})/.test(l));
}

/** The preview's page at `path` once `ready(html)` holds; how long that took, in ms. */
async function previewShows(path, ready, deadline = 20000) {
  const started = Date.now();
  for (;;) {
    const html = await (await fetch(preview.base + encodeURI(path))).text();
    if (ready(html)) return Date.now() - started;
    assert.ok(Date.now() - started < deadline, `the preview of ${path} did not change`);
    await new Promise((ok) => setTimeout(ok, 50));
  }
}

test('the admin page asks nothing of another host, in French and in Arabic', async () => {
  for (const [locale, button] of [['fr-FR', 'Travailler avec un dépôt local'], ['ar', 'العمل مع مستودع محلي']]) {
    const context = await site.browser.newContext({ locale });
    const outside = [];
    await context.route('**/*', (route) => {
      if (route.request().url().startsWith(`${site.base}/`)) return route.continue();
      outside.push(route.request().url());
      return route.abort();
    });
    const page = await context.newPage();
    await page.goto(`${site.base}/admin/`);
    // Its UI translation came from the site.
    await page.getByRole('button', { name: button }).waitFor();
    const html = await (await fetch(`${site.base}/admin/`)).text();
    assert.match(html, /<meta name="robots" content="noindex">/);
    // The icons are drawn by their font, served from the site too.
    assert.ok(await page.evaluate(async () => {
      await document.fonts.ready;
      return document.fonts.check('24px "Material Symbols Outlined"', 'edit')
        && [...document.fonts].some((f) => f.family.includes('Material Symbols') && f.status === 'loaded');
    }), 'the icon font is loaded');
    await screenshot(page, `cms-login-${locale}.png`);
    assert.deepEqual(outside, [], 'no request to another host');
    await context.close();
  }
});

test('a saved duration changes that one line, and the preview shows it', async () => {
  const { context, page, outside } = await openCms('fr-FR');
  await page.goto(`${site.base}/admin/#/collections/films`);
  await page.getByText('atlas-des-vents', { exact: true }).first().waitFor();
  await screenshot(page, 'cms-list.png');
  await page.getByText('atlas-des-vents', { exact: true }).first().click();
  const rel = 'content/films/atlas-des-vents/record.yaml';
  const before = await cmsFile(page, rel);
  await page.getByRole('spinbutton', { name: 'Durée' }).fill('83');
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await saved(page, rel, before);
  await screenshot(page, 'cms-film-facts.png');
  assert.deepEqual(await mirror(page), [rel]);
  const diff = git('diff', '--', rel);
  assert.deepEqual(changedLines(diff), ['-duration: 82', '+duration: 83'], diff);
  const ms = await previewShows('/fr/films/atlas-des-vents/', (html) => html.includes('"duration":"PT83M"'));
  console.log(`the preview showed the saved duration ${ms} ms after the file changed`);
  assert.deepEqual(outside, []);
  await context.close();
});

/** Scrolls the form until `button` (a locator, or a button's name) is drawn (Sveltia draws fields lazily). */
async function scrollTo(page, name) {
  const button = typeof name === 'object' && 'count' in name ? name : page.getByRole('button', { name });
  for (let i = 0; i < 300 && await button.count() === 0; i++) {
    await page.mouse.move(200, 500);
    await page.mouse.wheel(0, 600);
    await page.waitForTimeout(100);
  }
  return button.first();
}

/** The message Sveltia shows when a save is refused for invalid fields. */
const refused = /champs? comporte/;

test('a film created with French and Arabic texts and a poster lands in its folder', async () => {
  const { context, page, outside } = await openCms('fr-FR');
  const dir = 'content/films/le-vent-de-tanger';
  // Its texts: French, then Arabic, which the editor adds.
  await page.goto(`${site.base}/admin/#/collections/films-texts/new`);
  await page.getByRole('textbox', { name: 'Titre', exact: true }).first().fill('Le vent de Tanger');
  await page.getByText('Arabe', { exact: true }).first().click();
  await page.getByRole('button', { name: /Activer.*Arabe/ }).click();
  const arabic = page.locator('input[lang=ar]').first();
  await arabic.fill('ريح طنجة');
  assert.equal(await arabic.getAttribute('dir'), 'rtl');
  for (const field of await page.locator('input[lang=ar], textarea[lang=ar]').all()) {
    assert.equal(await field.getAttribute('dir'), 'rtl', 'every Arabic input is right-to-left');
  }
  // The Markdown text's editor takes its language from the Arabic pane around it (`lang` is
  // inherited): what a screen reader or a spelling checker reads is Arabic.
  assert.deepEqual(await page.evaluate(() => [...document.querySelectorAll('section[data-key-path=body] textarea')]
    .map((t) => [t.matches(':lang(ar)'), t.getAttribute('dir')])), [[true, 'rtl']], 'the Arabic text is Arabic');
  await page.getByRole('textbox', { name: 'Slug' }).last().fill('le-vent-de-tanger');
  await screenshot(page, 'cms-film-texts-fr-ar.png');
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  const fr = await saved(page, `${dir}/index.fr.md`, null);
  assert.equal(fr, '---\ntitle: Le vent de Tanger\n---\n');
  assert.equal(await cmsFile(page, `${dir}/index.ar.md`), '---\ntitle: ريح طنجة\n---\n');
  assert.equal(await cmsFile(page, `${dir}/index.en.md`), null, 'no file for a language not written');
  // Its facts, with a poster.
  await page.goto(`${site.base}/admin/#/collections/films/new`);
  await page.getByRole('textbox', { name: 'Slug' }).last().fill('le-vent-de-tanger');
  await page.locator('input[type=date]').first().fill('2026-11-01');
  await page.getByRole('spinbutton', { name: 'Année' }).fill('2026');
  await (await scrollTo(page, /Ajouter.*Images/)).click();
  await page.locator('input[type=file]').first().setInputFiles(join(copy, 'content/films/atlas-des-vents/poster.jpg'));
  // `vitrine check` wants an alt text for a picture that is not decorative.
  await page.getByRole('checkbox', { name: /Ajouter.*Texte alternatif/ }).check();
  await page.getByRole('textbox', { name: 'Français' }).fill('Affiche du film Le vent de Tanger');
  await screenshot(page, 'cms-film-facts-new.png');
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  const record = await saved(page, `${dir}/record.yaml`, null);
  // As `vitrine new` writes it: the form's order, no switch left off (`draft: false`).
  assert.equal(record, [
    'published: 2026-11-01',
    'year: 2026',
    'images:',
    '  - file: poster.jpg',
    '    alt:',
    '      fr: Affiche du film Le vent de Tanger',
    '',
  ].join('\n'));
  assert.deepEqual(await mirror(page), [`${dir}/index.ar.md`, `${dir}/index.fr.md`, `${dir}/poster.jpg`, `${dir}/record.yaml`]);
  assert.ok((await readFile(join(copy, dir, 'poster.jpg'))).equals(await readFile(join(copy, 'content/films/atlas-des-vents/poster.jpg'))));
  // vitrine takes the files as the CMS wrote them (execFileSync throws on a failed check).
  execFileSync(bin, ['check', '--date', '2026-11-28', '--root', copy], { encoding: 'utf8', stdio: 'pipe' });
  await previewShows('/fr/films/le-vent-de-tanger/', (html) => html.includes('Le vent de Tanger'));
  assert.deepEqual(outside, []);
  await context.close();
});

test('the form refuses an invalid id and an invalid year, and writes nothing', async () => {
  const { context, page } = await openCms('fr-FR');
  await page.goto(`${site.base}/admin/#/collections/films/new`);
  await page.locator('input[type=date]').first().fill('2026-11-01');
  await page.getByRole('textbox', { name: 'Slug' }).last().fill('Le Vent!');
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await page.getByText(refused).first().waitFor();
  await page.getByRole('textbox', { name: 'Slug' }).last().fill('le-vent-du-sud');
  await page.getByRole('spinbutton', { name: 'Année' }).fill('20266');
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await page.getByText(refused).first().waitFor();
  await screenshot(page, 'cms-refused.png');
  await page.getByRole('spinbutton', { name: 'Année' }).fill('2026');
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  // Once both are right, it saves: the refusals above were the form's.
  await saved(page, 'content/films/le-vent-du-sud/record.yaml', null);
  for (const bad of ['Le Vent!', 'le-vent-du-sud-20266']) {
    assert.equal(await cmsFile(page, `content/films/${bad}/record.yaml`), null);
  }
  await context.close();
});

test('a save changes the one line edited: a plain-text alt, a comment, [a, b] lists and the id stay', async () => {
  const { context, page, outside } = await openCms('fr-FR');
  await page.goto(`${site.base}/admin/#/collections/films`);
  await page.getByText('la-riviere-de-hue', { exact: true }).first().click();
  const film = 'content/films/la-riviere-de-hue/record.yaml';
  const before = await cmsFile(page, film);
  // `alt: Affiche du film La rivière de Huế`, one text for every language: the form shows it
  // as the French text, which the other languages fall back to.
  const french = await scrollTo(page, page.getByRole('textbox', { name: 'Français' }));
  assert.equal(await french.inputValue(), 'Affiche du film La rivière de Huế');
  await french.fill('Affiche du film La rivière de Huế, en vert et violet');
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  const first = await saved(page, film, before);
  assert.deepEqual(await mirror(page), [film]);
  let diff = git('diff', '--', film);
  assert.deepEqual(changedLines(diff), [
    '-    alt: Affiche du film La rivière de Huế',
    '+    alt: Affiche du film La rivière de Huế, en vert et violet',
  ], diff);
  // With a text of its own in another language, it is written per language.
  await page.goto(`${site.base}/admin/#/collections/films`);
  await page.getByText('la-riviere-de-hue', { exact: true }).first().click();
  await (await scrollTo(page, page.getByRole('textbox', { name: 'English' }))).fill('Poster of the film The River of Huế');
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await saved(page, film, first);
  assert.deepEqual(await mirror(page), [film]);
  diff = git('diff', '--', film);
  assert.deepEqual(changedLines(diff), [
    '-    alt: Affiche du film La rivière de Huế',
    '+    alt:',
    '+      fr: Affiche du film La rivière de Huế, en vert et violet',
    '+      en: Poster of the film The River of Huế',
  ], diff);
  execFileSync(bin, ['check', '--date', '2026-11-28', '--root', copy], { encoding: 'utf8', stdio: 'pipe' });
  assert.deepEqual(outside, []);
  await context.close();
});

test('a save keeps 3:54 durations, dates, comments and a plain-text link label as written', async () => {
  const { context, page, outside } = await openCms('fr-FR');
  await page.goto(`${site.base}/admin/#/collections/music`);
  await page.getByText('saudade-a-belleville', { exact: true }).first().click();
  const music = 'content/music/saudade-a-belleville/record.yaml';
  const before = await cmsFile(page, music);
  await page.getByRole('textbox', { name: 'Label' }).fill('Disques Ponte Nord');
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await saved(page, music, before);
  assert.deepEqual(await mirror(page), [music]);
  const diff = git('diff', '--', music);
  assert.deepEqual(changedLines(diff), [
    '-label: Disques Ponte # as printed on the sleeve',
    '+label: Disques Ponte Nord # as printed on the sleeve',
  ], diff);
  execFileSync(bin, ['check', '--date', '2026-11-28', '--root', copy], { encoding: 'utf8', stdio: 'pipe' });
  assert.deepEqual(outside, []);
  await context.close();
});

test('a saved text changes the one line edited, and a language added is a file of its own', async () => {
  const { context, page, outside } = await openCms('fr-FR');
  await page.goto(`${site.base}/admin/#/collections/films-texts`);
  await page.getByText('La rivière de Huế', { exact: true }).first().click();
  const dir = 'content/films/la-riviere-de-hue';
  const before = await cmsFile(page, `${dir}/index.fr.md`);
  await page.getByRole('textbox', { name: 'Titre', exact: true }).first().fill('La rivière de Huế (version restaurée)');
  // Arabic, which the record has no text in yet.
  await page.getByText('Arabe', { exact: true }).first().click();
  await page.getByRole('button', { name: /Activer.*Arabe/ }).click();
  await page.locator('input[lang=ar]').first().fill('نهر هوي');
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await saved(page, `${dir}/index.fr.md`, before);
  assert.deepEqual(await mirror(page), [`${dir}/index.ar.md`, `${dir}/index.fr.md`]);
  const diff = git('diff', '--', `${dir}/index.fr.md`);
  assert.deepEqual(changedLines(diff), ['-title: La rivière de Huế', '+title: La rivière de Huế (version restaurée)'], diff);
  assert.equal(await readFile(join(copy, dir, 'index.ar.md'), 'utf8'), '---\ntitle: نهر هوي\n---\n');
  assert.equal(git('status', '--porcelain', '--', `${dir}/index.en.md`), '', 'the English text is untouched');
  execFileSync(bin, ['check', '--date', '2026-11-28', '--root', copy], { encoding: 'utf8', stdio: 'pipe' });
  assert.deepEqual(outside, []);
  await context.close();
});

// Last: it leaves an error in the copy.
test('a save vitrine finds wrong shows the error overlay on the preview', async () => {
  const { context, page } = await openCms('fr-FR');
  await page.goto(`${site.base}/admin/#/collections/films`);
  await page.getByText('atlas-des-vents', { exact: true }).first().click();
  const rel = 'content/films/atlas-des-vents/record.yaml';
  const before = await cmsFile(page, rel);
  // The only alt text of a poster that is not decorative, emptied: the form allows it.
  await (await scrollTo(page, page.getByRole('textbox', { name: 'Français' }))).fill('');
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await saved(page, rel, before);
  assert.deepEqual(await mirror(page), [rel]);
  const ms = await previewShows('/fr/films/atlas-des-vents/',
    (html) => html.includes('vitrine-overlay') && html.includes('missing-alt'));
  console.log(`the preview showed the error ${ms} ms after the file changed`);
  await context.close();
});
