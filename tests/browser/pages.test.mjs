// Browser tests in headless Chromium: the built example site, served over HTTP, read as a
// visitor's browser reads it. Run by tests/browser.rs, which builds the site and passes its
// folder in VITRINE_PUBLIC and where to save screenshots in VITRINE_SCREENSHOTS.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setUp, site, open, done, screenshot, tabTo, requested } from './harness.mjs';

setUp();

/** Where the first and last entries of the main navigation sit, and the page's direction. */
async function layout(path) {
  const page = await open(path);
  const facts = await page.evaluate(() => {
    const items = [...document.querySelectorAll('.site-nav li')];
    const first = items[0].getBoundingClientRect();
    // The second entry, on the same row as the first however many rows the menu takes.
    const last = items[1].getBoundingClientRect();
    return {
      direction: getComputedStyle(document.documentElement).direction,
      lang: document.documentElement.lang,
      width: document.documentElement.clientWidth,
      firstLeft: first.left, firstRight: first.right, lastLeft: last.left,
      skipLink: getComputedStyle(document.querySelector('.skip-link')).direction,
    };
  });
  return { page, facts };
}

test('an Arabic record page is right-to-left and its layout is mirrored', async () => {
  const { page, facts } = await layout('/ar/أفلام/les-toits-de-beyrouth/');
  assert.equal(facts.lang, 'ar');
  assert.equal(facts.direction, 'rtl');
  assert.ok(facts.firstRight > facts.width / 2, `the navigation starts on the right (${facts.firstRight} of ${facts.width})`);
  assert.ok(facts.firstLeft > facts.lastLeft, 'the first entry is to the right of the second');
  await screenshot(page, 'ar-record.png');
  done(page);
});

test('the same record in French is left-to-right, the navigation starting on the left', async () => {
  const { page, facts } = await layout('/fr/films/les-toits-de-beyrouth/');
  assert.equal(facts.direction, 'ltr');
  assert.ok(facts.firstLeft < facts.width / 2, 'the navigation starts on the left');
  assert.ok(facts.firstLeft < facts.lastLeft);
  await screenshot(page, 'fr-record.png');
  done(page);
});

test('borrowed text on an Arabic page keeps its own direction', async () => {
  const { page } = await layout('/ar/كتب/bulles-d-abidjan/');
  const heading = await page.evaluate(() => {
    const h1 = document.querySelector('h1');
    return { lang: h1.lang, direction: getComputedStyle(h1).direction, page: getComputedStyle(document.body).direction };
  });
  assert.deepEqual(heading, { lang: 'fr', direction: 'ltr', page: 'rtl' });
  await screenshot(page, 'ar-untranslated-record.png');
  done(page);
});

test('an upcoming webinar shows its time in the visitor\'s own time zone too', async () => {
  const page = await site.browser.newPage({ timezoneId: 'America/Mexico_City', locale: 'fr-FR' });
  const response = await page.goto(site.base + '/fr/webinaires/traduire-la-bande-dessinee/');
  assert.equal(response.status(), 200);
  const local = await page.evaluate(() => document.querySelector('.local-time')?.textContent ?? '');
  // 18:30 in Paris on 10 December 2026 is 11:30 in Mexico City.
  assert.match(local, /11:30/, local);
  assert.match(local, /chez vous/, local);
  await page.close();
});

test('search: typed from the header with the keyboard, the expected record comes first', async () => {
  const page = await open('/fr/');
  await tabTo(page, '#site-search-q');
  await page.keyboard.type('gnaoua');
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/fr\/recherche\/\?q=gnaoua/);
  await page.waitForFunction(() => document.querySelectorAll('#search-results li').length > 0);
  assert.equal(await page.textContent('#search-results li:first-child .result-title'), 'Nuits de Gnaoua');
  assert.match(await page.textContent('#search-status'), /^\d+ résultats?$/);
  assert.equal(await page.getAttribute('#search-status', 'role'), 'status');
  assert.equal(await page.textContent('#search-results li:first-child mark'), 'Gnaoua');
  // The results are reached with the keyboard, right after the search box.
  await page.focus('#search-q');
  await tabTo(page, '#search-results a', 3);
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Nuits de Gnaoua');
  done(page);
});

test('search: with the keyboard alone, results come as the visitor types and a facet narrows them', async () => {
  const mark = requested.length;
  const page = await open('/fr/recherche/');
  // From the top of the page: the header's search box, then the page's own.
  await tabTo(page, '#search-q');
  await page.keyboard.type('musique', { delay: 40 });
  await page.waitForFunction(() => /résultat/.test(document.getElementById('search-status').textContent));
  const count = () => page.$$eval('#search-results li', (l) => l.length);
  const before = await count();
  assert.ok(before > 2, `${before} results for « musique »`);
  // The kinds are there at once; the themes once their disclosure is opened, which
  // fetches their list and no other.
  assert.ok(await page.$('#search-facets input[data-facet="kind"]'), 'the kinds are offered');
  assert.equal(await page.$('#search-facets input[data-facet="themes"]'), null);
  const facetFiles = () => requested.slice(mark).filter((url) => /\/f-[a-z]+\.bin$/.test(url)).map((url) => url.replace(/.*\//, ''));
  assert.deepEqual(facetFiles(), []);
  await tabTo(page, '#search-results a', 3);
  await tabTo(page, '#facet-group-themes summary', 80);
  await page.keyboard.press('Enter');
  await page.waitForSelector('#search-facets input[data-facet="themes"]');
  assert.equal(await page.evaluate(() => document.activeElement.closest('details')?.id), 'facet-group-themes', 'the focus stays on the summary');
  assert.deepEqual(facetFiles(), ['f-themes.bin']);
  assert.equal(await page.$('#search-facets input[data-facet="countries"]'), null);
  // A theme that only some of the results have.
  const choice = await page.$$eval('#search-facets input[data-facet="themes"]', (boxes, total) => {
    const box = boxes.find((b) => Number(b.labels[0].querySelector('.count').textContent.replace(/\D/g, '')) < total);
    return { id: box.id, n: Number(box.labels[0].querySelector('.count').textContent.replace(/\D/g, '')) };
  }, before);
  await tabTo(page, `#${choice.id}`, 80);
  await page.keyboard.press('Space');
  await page.waitForFunction((n) => document.querySelectorAll('#search-results li').length === n, choice.n);
  assert.ok(choice.n < before);
  assert.equal(await page.evaluate(() => document.activeElement.id), choice.id, 'the focus stays on the filter');
  await screenshot(page, 'fr-search.png');
  // The filter is in the address: opened again, the page shows the same results, with the
  // theme's box checked in an open disclosure.
  const address = new URL(page.url());
  assert.equal(address.searchParams.get('q'), 'musique');
  assert.deepEqual(address.searchParams.getAll('themes'), [await page.$eval(`#${choice.id}`, (b) => b.dataset.value)]);
  const again = await open(address.pathname + address.search);
  await again.waitForFunction((n) => document.querySelectorAll('#search-results li').length === n, choice.n);
  assert.ok(await again.$eval(`#${choice.id}`, (b) => b.checked && b.closest('details').open));
  done(again);
  done(page);
});

test('search: the runtime and the manifest are fetched beside the page script, once each', async () => {
  const mark = requested.length;
  const page = await open('/fr/recherche/?q=gnaoua');
  await page.waitForFunction(() => document.querySelectorAll('#search-results li').length > 0);
  const paths = requested.slice(mark).map((url) => new URL(url).pathname);
  const manifest = paths.filter((p) => p === '/search/fr/index.json');
  const runtime = paths.filter((p) => /^\/search\/vitrine-search\.[0-9a-f]+\.js$/.test(p));
  assert.equal(manifest.length, 1, 'the preloaded manifest is the one the runtime reads');
  assert.equal(runtime.length, 1, 'the preloaded runtime is the one imported');
  const script = paths.findIndex((p) => /^\/static\/search\.[0-9a-f]+\.js$/.test(p));
  assert.ok(script >= 0);
  assert.ok(paths.indexOf(manifest[0]) < script, 'the manifest is asked for before the page script runs');
  done(page);
});

test('search: a decade narrows the results to its count', async () => {
  // A word found in records of several decades (a one-letter prefix completes in titles
  // only, and finds too few for that).
  const page = await open('/fr/recherche/?q=film');
  await page.waitForFunction(() => document.querySelectorAll('#search-results li').length > 0);
  await page.click('#facet-group-year summary');
  await page.waitForSelector('#search-facets input[data-facet="year"]');
  const total = await page.evaluate(() => Number(document.getElementById('search-status').textContent.replace(/\D/g, '')));
  const decades = await page.$$eval('#search-facets input[data-facet="year"]', (boxes) => boxes.map((b) => ({
    id: b.id, label: b.labels[0].firstChild.textContent.trim(), n: Number(b.labels[0].querySelector('.count').textContent.replace(/\D/g, '')),
  })));
  assert.match(decades[0].label, /^Années \d{3}0$/);
  // Records without a year (the network's own productions, say) are in no decade.
  assert.ok(decades.reduce((a, d) => a + d.n, 0) <= total, 'no more in the decades than in the results');
  const choice = decades.find((d) => d.n < total);
  assert.ok(choice, 'a decade that narrows the results');
  await page.click(`#${choice.id}`);
  await page.waitForFunction((n) => Number(document.getElementById('search-status').textContent.replace(/\D/g, '')) === n, choice.n);
  assert.deepEqual(new URL(page.url()).searchParams.getAll('decade'), [choice.id.replace('facet-year-', '')]);
  done(page);
});

test('search: an Arabic search page is right-to-left and finds Arabic text', async () => {
  const page = await open('/ar/بحث/?q=بيروت', { viewport: { width: 390, height: 844 } });
  await page.waitForFunction(() => document.querySelectorAll('#search-results li').length > 0);
  assert.equal(await page.evaluate(() => getComputedStyle(document.getElementById('search')).direction), 'rtl');
  assert.equal(await page.textContent('#search-results li:first-child .result-title'), 'سطوح بيروت');
  await screenshot(page, 'ar-search.png');
  done(page);
});
