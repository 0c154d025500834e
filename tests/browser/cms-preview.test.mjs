// The CMS's preview links (admin/preview.html#<kind>/<id>/<language>, built from a record's
// id by the CMS) open the record's page in that language, whatever its translated slug and
// localized path. Run by tests/browser.rs on the built example, like the other files here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setUp, site } from './harness.mjs';

setUp();

/** Where the preview link `fragment` lands, and that page's language and main heading. */
async function land(fragment) {
  const page = await site.browser.newPage();
  try {
    await page.goto(`${site.base}/admin/preview.html#${fragment}`);
    await page.waitForFunction(() => !location.pathname.endsWith('/admin/preview.html')
      || !document.getElementById('message').textContent.startsWith('Opening'));
    await page.waitForLoadState();
    return await page.evaluate(() => ({
      path: decodeURIComponent(location.pathname),
      lang: document.documentElement.lang,
      h1: document.querySelector('h1')?.textContent.trim(),
      message: document.getElementById('message')?.textContent,
      robots: document.querySelector('meta[name=robots]')?.content,
    }));
  } finally {
    await page.close();
  }
}

test('a preview link opens the record in the language edited, through its translated address', async () => {
  const es = await land('books/le-baobab-qui-parlait/es');
  assert.equal(es.path, '/es/libros/el-baobab-que-hablaba/');
  assert.equal(es.lang, 'es');
  assert.equal(es.h1, 'El baobab que hablaba');
  const ar = await land('films/atlas-des-vents/ar');
  assert.equal(ar.path, '/ar/أفلام/atlas-des-vents/');
  assert.equal(ar.h1, 'أطلس الرياح');
});

test('the facts of a record, with no language of their own, open the default language', async () => {
  const fr = await land('films/atlas-des-vents/');
  assert.equal(fr.path, '/fr/films/atlas-des-vents/');
  assert.equal(fr.lang, 'fr');
});

test('a record without a page in the build says why instead of going nowhere', async () => {
  // A network-only webinar has no page (nor any trace) in a public build.
  const missing = await land('webinars/atelier-droits-de-diffusion/fr');
  assert.equal(missing.path, '/admin/preview.html');
  assert.match(missing.message, /has no page in this build/);
  assert.equal(missing.robots, 'noindex');
});
