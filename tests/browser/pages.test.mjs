// Browser tests in headless Chromium: the built example site, served over HTTP, read as a
// visitor's browser reads it. Run by tests/browser.rs, which builds the site and passes its
// folder in VITRINE_PUBLIC and where to save screenshots in VITRINE_SCREENSHOTS.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { readFile, stat, mkdir } from 'node:fs/promises';
import { join, extname, normalize } from 'node:path';
import { chromium } from 'playwright-core';

const root = process.env.VITRINE_PUBLIC;
const shots = process.env.VITRINE_SCREENSHOTS;
const types = { '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.js': 'text/javascript', '.json': 'application/json', '.jpg': 'image/jpeg', '.png': 'image/png', '.xml': 'application/xml', '.pdf': 'application/pdf' };

let server, browser, base;

async function serve(req, res) {
  let path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname));
  if (path.includes('..')) { res.writeHead(400).end(); return; }
  let file = join(root, path);
  try {
    if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
    res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' });
    res.end(await readFile(file));
  } catch {
    res.writeHead(404, { 'content-type': types['.html'] }).end(await readFile(join(root, '404.html')));
  }
}

before(async () => {
  assert.ok(root, 'VITRINE_PUBLIC must name the built site');
  server = createServer(serve);
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  base = `http://127.0.0.1:${server.address().port}`;
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  if (shots) await mkdir(shots, { recursive: true });
});

after(async () => {
  await browser?.close();
  server?.close();
});

/** Where the first and last entries of the main navigation sit, and the page's direction. */
async function layout(path) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const response = await page.goto(base + encodeURI(path));
  assert.equal(response.status(), 200, `${path} is served`);
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
  if (shots) await page.screenshot({ path: join(shots, 'ar-record.png'), fullPage: true });
  await page.close();
});

test('the same record in French is left-to-right, the navigation starting on the left', async () => {
  const { page, facts } = await layout('/fr/films/les-toits-de-beyrouth/');
  assert.equal(facts.direction, 'ltr');
  assert.ok(facts.firstLeft < facts.width / 2, 'the navigation starts on the left');
  assert.ok(facts.firstLeft < facts.lastLeft);
  if (shots) await page.screenshot({ path: join(shots, 'fr-record.png'), fullPage: true });
  await page.close();
});

test('borrowed text on an Arabic page keeps its own direction', async () => {
  const { page } = await layout('/ar/كتب/bulles-d-abidjan/');
  const heading = await page.evaluate(() => {
    const h1 = document.querySelector('h1');
    return { lang: h1.lang, direction: getComputedStyle(h1).direction, page: getComputedStyle(document.body).direction };
  });
  assert.deepEqual(heading, { lang: 'fr', direction: 'ltr', page: 'rtl' });
  if (shots) await page.screenshot({ path: join(shots, 'ar-untranslated-record.png'), fullPage: true });
  await page.close();
});

test('an upcoming webinar shows its time in the visitor\'s own time zone too', async () => {
  const page = await browser.newPage({ timezoneId: 'America/Mexico_City', locale: 'fr-FR' });
  const response = await page.goto(base + '/fr/webinaires/traduire-la-bande-dessinee/');
  assert.equal(response.status(), 200);
  const local = await page.evaluate(() => document.querySelector('.local-time')?.textContent ?? '');
  // 18:30 in Paris on 10 December 2026 is 11:30 in Mexico City.
  assert.match(local, /11:30/, local);
  assert.match(local, /chez vous/, local);
  await page.close();
});

/** Tab from the top of the page until `selector` has the focus; the number of presses. */
async function tabTo(page, selector, most = 40) {
  for (let i = 1; i <= most; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((s) => document.activeElement?.matches(s), selector)) return i;
  }
  assert.fail(`${selector} is not reached with the keyboard in ${most} presses`);
}

test('search: typed from the header with the keyboard, the expected record comes first', async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(`${base}/fr/`);
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
  await page.close();
});

test('search: results come as the visitor types and a facet narrows them', async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(`${base}/fr/recherche/`);
  await page.click('#search-q');
  await page.keyboard.type('musique', { delay: 40 });
  await page.waitForFunction(() => /résultat/.test(document.getElementById('search-status').textContent));
  const count = () => page.$$eval('#search-results li', (l) => l.length);
  const before = await count();
  assert.ok(before > 2, `${before} results for « musique »`);
  // A theme that only some of the results have.
  const choice = await page.$$eval('#search-facets input[data-facet="themes"]', (boxes, total) => {
    const box = boxes.find((b) => Number(b.labels[0].querySelector('.count').textContent.replace(/\D/g, '')) < total);
    return { id: box.id, n: Number(box.labels[0].querySelector('.count').textContent.replace(/\D/g, '')) };
  }, before);
  await page.focus(`#${choice.id}`);
  await page.keyboard.press('Space');
  await page.waitForFunction((n) => document.querySelectorAll('#search-results li').length === n, choice.n);
  assert.ok(choice.n < before);
  assert.equal(await page.evaluate(() => document.activeElement.id), choice.id, 'the focus stays on the filter');
  if (shots) await page.screenshot({ path: join(shots, 'fr-search.png'), fullPage: true });
  await page.close();
});

test('search: an Arabic search page is right-to-left and finds Arabic text', async () => {
  const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
  await page.goto(`${base}/ar/${encodeURIComponent('بحث')}/?q=${encodeURIComponent('بيروت')}`);
  await page.waitForFunction(() => document.querySelectorAll('#search-results li').length > 0);
  assert.equal(await page.evaluate(() => getComputedStyle(document.getElementById('search')).direction), 'rtl');
  assert.equal(await page.textContent('#search-results li:first-child .result-title'), 'سطوح بيروت');
  if (shots) await page.screenshot({ path: join(shots, 'ar-search.png'), fullPage: true });
  await page.close();
});
