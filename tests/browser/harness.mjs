// What every browser test file shares: the built site (VITRINE_PUBLIC) served over HTTP on
// a free port, one headless Chromium, where screenshots go (VITRINE_SCREENSHOTS), keyboard
// and axe-core helpers. A test file calls `setUp()` once; node --test runs each file in its
// own process, so each file has its own server and browser.
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { readFile, stat, mkdir } from 'node:fs/promises';
import { join, extname, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = process.env.VITRINE_PUBLIC;
const shotsDir = process.env.VITRINE_SCREENSHOTS;
const types = { '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.js': 'text/javascript', '.json': 'application/json', '.jpg': 'image/jpeg', '.png': 'image/png', '.xml': 'application/xml', '.pdf': 'application/pdf' };

/** Filled by `setUp()`'s `before` hook: the address of the site and the browser. */
export const site = { base: '', browser: null };

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

/** Starts the server and the browser before the file's tests, stops them after. */
export function setUp() {
  let server;
  before(async () => {
    assert.ok(root, 'VITRINE_PUBLIC must name the built site');
    server = createServer(serve);
    await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
    site.base = `http://127.0.0.1:${server.address().port}`;
    site.browser = await chromium.launch({
      executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    if (shotsDir) await mkdir(shotsDir, { recursive: true });
  });
  after(async () => {
    await site.browser?.close();
    server?.close();
  });
}

// Pages are reused from test to test: opening a tab and compiling axe-core in it again
// costs more than most tests' own work.
const idle = [];
let context; // a promise of the browser context the reused pages live in
/** Every address the pages of `open` requested, for the test that no page calls another host. */
export const requested = [];

/**
 * A page showing `path`, which must be served, in the `colorScheme` and `viewport` given.
 * Give it back with `done(page)` when the test is over.
 */
export async function open(path, { colorScheme = 'light', viewport = { width: 1280, height: 900 } } = {}) {
  context ??= site.browser.newContext().then((c) => {
    c.on('request', (r) => requested.push(r.url()));
    return c;
  });
  const page = idle.pop() ?? await (await context).newPage();
  await page.emulateMedia({ media: 'screen', colorScheme });
  await page.setViewportSize(viewport);
  // The language chooser sends a visitor arriving from elsewhere to another page: here the
  // visitor comes from the site itself.
  const response = await page.goto(site.base + encodeURI(path), { referer: `${site.base}/` });
  assert.equal(response.status(), 200, `${path} is served`);
  return page;
}

/** Hands a page from `open` on to the next test, which navigates it elsewhere. */
export function done(page) {
  idle.push(page);
}

/** Saves a full-page screenshot as `name` when VITRINE_SCREENSHOTS is set. */
export async function screenshot(page, name) {
  if (shotsDir) await page.screenshot({ path: join(shotsDir, name), fullPage: true });
}

/** Tab from where the focus is until `selector` has it; the number of presses. */
export async function tabTo(page, selector, most = 40) {
  for (let i = 1; i <= most; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((s) => document.activeElement?.matches(s), selector)) return i;
  }
  assert.fail(`${selector} is not reached with the keyboard in ${most} presses`);
}

const axeSource = readFile(fileURLToPath(import.meta.resolve('axe-core/axe.min.js')), 'utf8');

/** The WCAG 2.1 A and AA rules, and the page structure rules axe files as best practice. */
const AXE_OPTIONS = {
  runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
  rules: Object.fromEntries(['landmark-one-main', 'landmark-unique', 'landmark-no-duplicate-banner',
    'landmark-no-duplicate-contentinfo', 'landmark-banner-is-top-level', 'landmark-contentinfo-is-top-level',
    'landmark-main-is-top-level', 'region', 'page-has-heading-one', 'heading-order', 'empty-heading',
  ].map((id) => [id, { enabled: true }])),
  resultTypes: ['violations'],
};

/** Runs axe-core on the page; the violations, and the ids of the rules that found nothing. */
export async function axe(page) {
  await page.addScriptTag({ content: await axeSource });
  return page.evaluate((options) => window.axe.run(document, options).then((r) => ({
    violations: r.violations.map(({ id, impact, help, nodes }) => ({ id, impact, help, targets: nodes.map((n) => n.target.join(' ')) })),
    passes: r.passes.map((p) => p.id),
  })), AXE_OPTIONS);
}

/** The violations as a person fixing them wants to read them. */
export function explain(violations) {
  return violations.map((v) => `  ${v.id} (${v.impact}): ${v.help}\n`
    + v.targets.slice(0, 3).map((t) => `      ${t}\n`).join('')
    + (v.targets.length > 3 ? `      … and ${v.targets.length - 3} more\n` : '')).join('');
}
