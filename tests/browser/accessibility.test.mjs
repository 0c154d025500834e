// Accessibility of the default theme (RGAA / WCAG 2.1 AA), page type by page type, in French
// and in Arabic: axe-core finds nothing, light and dark, from 1280 px down to 320 px where no
// page scrolls sideways; the keyboard goes from the skip link into the page; a record prints
// black on white with the addresses of its files; text in another language says which.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { setUp, open, done, screenshot, tabTo, axe, explain, requested, site } from './harness.mjs';

setUp();

// What each page shows, its French and Arabic addresses (null: the page has no Arabic
// version), and the screenshot to keep of the French one.
const PAGES = [
  ['home', '/fr/', '/ar/', 'fr-home.png'],
  ['kind list', '/fr/films/', '/ar/أفلام/', 'fr-list.png'],
  ['second page of a term', '/fr/langues/français/page/2/', '/ar/لغات/الفرنسية/page/2/'],
  ['film', '/fr/films/les-toits-de-beyrouth/', '/ar/أفلام/les-toits-de-beyrouth/'],
  ['book with a table, borrowed text in Arabic', '/fr/livres/bulles-d-abidjan/', '/ar/كتب/bulles-d-abidjan/'],
  ['music with tracks', '/fr/musique/nuits-de-gnaoua/', '/ar/موسيقى/nuits-de-gnaoua/'],
  ['upcoming webinar', '/fr/webinaires/traduire-la-bande-dessinee/', '/ar/ندوات-رقمية/traduire-la-bande-dessinee/'],
  ['past webinar', '/fr/webinaires/enseigner-avec-la-chanson/', '/ar/ندوات-رقمية/enseigner-avec-la-chanson/'],
  ['production with downloads', '/fr/productions/voyages-en-francais/', '/ar/إنتاجات/voyages-en-francais/'],
  ['production with a gallery', '/fr/productions/regards-de-femmes-du-sahel/', '/ar/إنتاجات/regards-de-femmes-du-sahel/'],
  ['taxonomy', '/fr/themes/', '/ar/مواضيع/'],
  ['term', '/fr/themes/patrimoine/', '/ar/مواضيع/التراث/'],
  ['collections', '/fr/dossiers/', '/ar/ملفات/'],
  ['collection', '/fr/dossiers/ecrans-d-afrique/', '/ar/ملفات/ecrans-d-afrique/'],
  ['free page', '/fr/a-propos/', '/ar/about/'],
  ['accessibility statement', '/fr/accessibilite/', '/ar/accessibility/'],
  ['free page with code', '/fr/guide-de-redaction/', null],
  ['not found', '/fr/404.html', '/ar/404.html'],
];
const SEARCH = { fr: '/fr/recherche/?q=musique', ar: '/ar/بحث/?q=بيروت' };
const RECORD = { fr: '/fr/films/les-toits-de-beyrouth/', ar: '/ar/أفلام/les-toits-de-beyrouth/' };

/** The search page once its results and all its filters are shown. */
async function searched(path, options) {
  const page = await open(path, options);
  await page.waitForFunction(() => document.querySelectorAll('#search-results li').length > 0
    && !document.getElementById('search-facets').hidden
    && document.querySelector('#search-facets input[type=checkbox]'));
  for (const name of ['themes', 'countries', 'languages', 'year']) {
    await page.click(`#facet-group-${name} summary`);
    await page.waitForSelector(`#search-facets input[data-facet="${name}"]`);
  }
  return page;
}

/** Fails with every problem axe found on the page, and checks that axe did look at it. */
async function assertAccessible(page, what) {
  const { violations, passes } = await axe(page);
  assert.equal(violations.length, 0, `${what}: ${violations.length} accessibility problems\n${explain(violations)}`);
  for (const rule of ['color-contrast', 'landmark-one-main']) {
    assert.ok(passes.includes(rule), `${what}: axe did not check ${rule}`);
  }
  // axe 4 no longer checks this one (WCAG 2.2 dropped it), RGAA 8.2 still does.
  const ids = await page.$$eval('[id]', (all) => all.map((e) => e.id));
  assert.deepEqual(ids.filter((id, i) => ids.indexOf(id) !== i), [], `${what}: ids used twice`);
}

/**
 * Fails if the page at its current width is wider than the window, naming what sticks out,
 * or if a box inside it scrolls sideways without taking the keyboard's focus.
 */
async function assertReflows(page, what) {
  const { scroll, client, wide, scrolling } = await page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const name = (e) => `${e.localName}${e.className ? `.${String(e.className).replace(/ /g, '.')}` : ''}`;
    const all = [...document.body.querySelectorAll('*')];
    const wide = all.filter((e) => { const r = e.getBoundingClientRect(); return r.width > 0 && (r.right > width + 1 || r.left < -1); });
    const scrolling = all.filter((e) => e.scrollWidth > e.clientWidth + 1 && e.tabIndex < 0
      && ['auto', 'scroll'].includes(getComputedStyle(e).overflowX));
    return { scroll: document.documentElement.scrollWidth, client: width, wide: wide.slice(0, 3).map(name), scrolling: scrolling.map(name) };
  });
  assert.ok(scroll <= client, `${what}: ${scroll} px wide in a ${client} px window (${wide.join(', ')})`);
  assert.deepEqual(scrolling, [], `${what}: boxes that scroll sideways, out of the keyboard's reach`);
}

describe('axe finds nothing on any page type, in French and in Arabic', { concurrency: 4 }, () => {
  for (const [what, fr, ar, shot] of PAGES) {
    for (const [lang, path] of [['fr', fr], ['ar', ar]]) {
      if (!path) continue;
      test(`${lang} ${what}: ${path}`, async () => {
        const page = await open(path);
        await assertAccessible(page, path);
        if (lang === 'fr' && shot) await screenshot(page, shot);
        // Reflow (WCAG 1.4.10): 320 px is 1280 px zoomed to 400 %.
        await page.setViewportSize({ width: 320, height: 900 });
        await assertReflows(page, `${path} at 320 px`);
        done(page);
      });
    }
  }
  for (const [lang, path] of Object.entries(SEARCH)) {
    test(`${lang} search with results and filters: ${path}`, async () => {
      const page = await searched(path);
      await assertAccessible(page, path);
      await page.setViewportSize({ width: 320, height: 900 });
      await assertReflows(page, `${path} at 320 px`);
      done(page);
    });
  }
  test('language chooser: /', async () => {
    const page = await open('/');
    assert.equal(await page.evaluate(() => document.body.className), 'type-chooser', 'the chooser stays in place');
    await assertAccessible(page, '/');
    done(page);
  });
});

describe('dark and narrow: home, record and search', { concurrency: 4 }, () => {
  for (const lang of ['fr', 'ar']) {
    const pages = [['home', `/${lang}/`, open], ['record', RECORD[lang], open], ['search', SEARCH[lang], searched]];
    for (const [what, path, load] of pages) {
      test(`${lang} ${what} in dark mode: ${path}`, async () => {
        const page = await load(path, { colorScheme: 'dark' });
        // The theme's dark colours are in use, not only the browser's.
        const paper = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
        assert.ok(luminance(paper) < 0.05, `${path}: the page is dark (${paper})`);
        await assertAccessible(page, `${path} (dark)`);
        if (lang === 'fr' && what === 'home') await screenshot(page, 'fr-home-dark.png');
        done(page);
      });
      test(`${lang} ${what} at 320 px: ${path}`, async () => {
        const page = await load(path, { viewport: { width: 320, height: 700 } });
        await assertReflows(page, `${path} at 320 px`);
        await assertAccessible(page, `${path} at 320 px`);
        if (lang === 'fr' && what === 'home') await screenshot(page, 'fr-home-320.png');
        done(page);
      });
    }
  }
});

test('the audit reports the problems it is shown', async () => {
  const page = await open('/fr/');
  await page.evaluate(() => {
    const main = document.querySelector('main');
    main.insertAdjacentHTML('beforeend', '<p style="color:#aaa;background:#fff">pâle</p><img src="/static/none.png">');
  });
  const { violations } = await axe(page);
  assert.deepEqual(violations.map((v) => v.id).sort(), ['color-contrast', 'image-alt']);
  done(page);
});

/** Relative luminance of a CSS `rgb()` colour. */
function luminance(rgb) {
  const [r, g, b] = rgb.match(/[\d.]+/g).slice(0, 3).map((c) => {
    const s = Number(c) / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrast(a, b) {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/** The focused element's outline and the colour behind it. */
async function focusRing(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    const style = getComputedStyle(el);
    let behind = el.parentElement;
    while (behind && getComputedStyle(behind).backgroundColor.replace(/\s/g, '').match(/^rgba\(.*,0\)$|^transparent$/)) behind = behind.parentElement;
    return {
      name: `${el.localName}${el.id ? `#${el.id}` : ''}${el.className ? `.${el.className}` : ''}`,
      style: style.outlineStyle, width: parseFloat(style.outlineWidth), color: style.outlineColor,
      behind: behind ? getComputedStyle(behind).backgroundColor : 'rgb(255, 255, 255)',
    };
  });
}

function assertVisibleFocus(ring) {
  assert.ok(ring.style !== 'none' && ring.width >= 2, `${ring.name} shows where the focus is (${ring.style} ${ring.width}px)`);
  const ratio = contrast(ring.color, ring.behind);
  assert.ok(ratio >= 3, `${ring.name}: focus ring ${ring.color} on ${ring.behind} is ${ratio.toFixed(2)}:1`);
}

for (const colorScheme of ['light', 'dark']) {
  test(`keyboard (${colorScheme}): the skip link comes first, then the header's search, and the skip link leads into the page`, async () => {
    const page = await open(RECORD.fr, { colorScheme });
    await page.keyboard.press('Tab');
    const skip = await page.evaluate(() => {
      const a = document.activeElement;
      const r = a.getBoundingClientRect();
      return { skip: a.matches('a.skip-link[href="#main"]'), shown: r.top >= 0 && r.bottom <= innerHeight && r.width > 1 };
    });
    assert.deepEqual(skip, { skip: true, shown: true }, 'the first Tab shows the skip link');
    assertVisibleFocus(await focusRing(page));
    // The site's name, then the search box.
    await tabTo(page, '#site-search-q', 2);
    assertVisibleFocus(await focusRing(page));
    await tabTo(page, '.site-nav a', 10);
    assertVisibleFocus(await focusRing(page));
    // Back up to the skip link, and through it.
    const onSkipLink = () => page.evaluate(() => document.activeElement.matches('.skip-link'));
    for (let i = 0; i < 10 && !(await onSkipLink()); i++) await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'main', 'Enter on the skip link moves the focus to the main content');
    await page.keyboard.press('Tab');
    const next = await page.evaluate(() => ({ inMain: !!document.activeElement.closest('main'), text: document.activeElement.textContent.trim() }));
    assert.ok(next.inMain, `the next Tab stays in the main content (${next.text})`);
    assertVisibleFocus(await focusRing(page));
    done(page);
  });
}

test('the search boxes\' placeholders are as readable as text, light and dark', async () => {
  for (const colorScheme of ['light', 'dark']) {
    const page = await open('/fr/recherche/', { colorScheme });
    const boxes = await page.$$eval('#site-search-q, #search-q', (inputs) => inputs.map((i) => ({
      id: i.id, text: getComputedStyle(i, '::placeholder').color, paper: getComputedStyle(i).backgroundColor,
    })));
    assert.equal(boxes.length, 2);
    for (const { id, text, paper } of boxes) {
      const ratio = contrast(text, paper);
      assert.ok(ratio >= 4.5, `${colorScheme}: #${id}'s placeholder ${text} on ${paper} is ${ratio.toFixed(2)}:1`);
    }
    done(page);
  }
});

test('print: a record is black on white, without navigation, with the address of each download', async () => {
  const page = await open('/fr/productions/voyages-en-francais/', { colorScheme: 'dark' });
  await page.emulateMedia({ media: 'print' });
  const printed = await page.evaluate(() => {
    const shown = (s) => [...document.querySelectorAll(s)].some((e) => getComputedStyle(e).display !== 'none');
    const site = document.querySelector('link[rel=canonical]').href;
    return {
      hidden: { skip: shown('.skip-link'), nav: shown('.site-nav, .languages'), search: shown('.site-search'), footer: shown('.site-footer') },
      ink: getComputedStyle(document.body).color,
      paper: getComputedStyle(document.body).backgroundColor,
      addresses: [...document.querySelectorAll('.resources a')].map((a) => ({
        printed: getComputedStyle(a, '::after').content,
        expected: `"<${new URL(a.getAttribute('href'), site).href}>"`,
      })),
    };
  });
  assert.deepEqual(printed.hidden, { skip: false, nav: false, search: false, footer: false });
  assert.deepEqual([printed.ink, printed.paper], ['rgb(0, 0, 0)', 'rgb(255, 255, 255)']);
  assert.ok(printed.addresses.length >= 2, 'the record has downloads');
  for (const { printed: p, expected } of printed.addresses) assert.equal(p, expected);
  done(page);
});

test('every download link says the format, size and language of its file', async () => {
  for (const [path, language] of [['/fr/productions/voyages-en-francais/', 'français'], ['/ar/إنتاجات/voyages-en-francais/', 'الفرنسية']]) {
    const page = await open(path);
    const links = await page.$$eval('.resources a', (as) => as.map((a) => ({ href: a.getAttribute('href'), text: a.textContent })));
    assert.ok(links.length >= 2, `${path} has a download and its accessible version`);
    for (const { href, text } of links) {
      const format = href.split('.').pop().toUpperCase();
      assert.match(text, new RegExp(`\\(${format}[,،] [\\d٠-٩]+(?:[.,٫][\\d٠-٩]+)? ?(?:o|Ko|Mo|Go|B|KB|MB|GB)[,،] ${language}\\)`), `${path}: ${href}`);
    }
    done(page);
  }
});

test('text in another language than the page\'s is marked with its language', async () => {
  const page = await open('/ar/كتب/bulles-d-abidjan/');
  const marks = await page.evaluate(() => ({
    // The French text shown on an Arabic page, and the name of its language in the notice.
    borrowed: ['h1', '.lede', '.prose', '.notice-untranslated bdi'].map((s) => document.querySelector(s)?.closest('[lang]').lang),
    // Each language's name in the switcher, in that language.
    switcher: [...document.querySelectorAll('.languages a')].map((a) => a.lang && a.lang === a.hreflang),
  }));
  assert.deepEqual(marks.borrowed, ['fr', 'fr', 'fr', 'fr']);
  assert.ok(marks.switcher.length > 1 && marks.switcher.every(Boolean), 'every entry of the switcher has lang and hreflang');
  done(page);
});

// Last: every page type above, in both languages, searched and printed, asked nothing of
// another host (no fonts, scripts or pictures from third parties).
test('no page requests anything from another host', () => {
  assert.ok(requested.length > 100, `${requested.length} requests seen`);
  const elsewhere = requested.filter((url) => !url.startsWith(site.base + '/') && !url.startsWith('data:'));
  assert.deepEqual(elsewhere, []);
});
