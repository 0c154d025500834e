// Typing a title letter by letter on the search page of a catalogue whose titles are made
// of common words: the film must be among the first three results before its title is
// complete. The catalogue is tests/fixtures/search/typing/, built by tests/browser.rs into
// VITRINE_TYPING and served here; the browser is the harness's.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { join, extname, normalize } from 'node:path';
import { setUp, site, screenshot } from './harness.mjs';

setUp();
const root = process.env.VITRINE_TYPING;
const types = { '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.js': 'text/javascript', '.json': 'application/json' };
let server, base;

before(async () => {
  assert.ok(root, 'VITRINE_TYPING must name the built typing catalogue');
  server = createServer(async (req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname));
    let file = join(root, path);
    try {
      if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
      res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' }).end(await readFile(file));
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  base = `http://127.0.0.1:${server.address().port}`;
});
after(() => server?.close());

/** Types `title` into the search page of `lang` one letter at a time; the number of letters
 *  typed when the film first shows among the first three results, or null. */
async function typeUntilShown(page, lang, title) {
  const response = await page.goto(`${base}/${lang}/search/`);
  assert.equal(response.status(), 200);
  await page.focus('#search-q');
  for (let i = 1; i <= title.length; i++) {
    await page.keyboard.type(title[i - 1]);
    const shown = await page.waitForFunction((t) => [...document.querySelectorAll('#search-results li .result-title')]
      .slice(0, 3).some((el) => el.textContent === t), title, { timeout: 1500 }).then(() => true, () => false);
    if (shown) return i;
  }
  return null;
}

// An elided article after a curly apostrophe, among titles that share its first words.
for (const [lang, title, shot = lang] of [['en', 'To Be or Not to Be'], ['fr', 'Entre nous'], ['fr', 'L’Homme qui aimait les femmes', 'fr-elision']]) {
  test(`search (${lang}): typing "${title}" letter by letter shows the film in the top 3 before the title is complete`, async () => {
    const page = await site.browser.newPage();
    const at = await typeUntilShown(page, lang, title);
    await screenshot(page, `${shot}-search-typing.png`);
    assert.notEqual(at, null, `${title} never shows in the top 3`);
    assert.ok(at < title.length, `${title} shows only once typed whole`);
    await page.close();
  });
}
