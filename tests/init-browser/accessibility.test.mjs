// Accessibility of a site made by `vitrine init --languages fr,en,ar` and built with the
// binary alone (the theme compiled in): axe-core finds nothing on any of its page types, in
// French and in Arabic (right to left), at 1280 px and at 320 px.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { setUp, open, done, axe, explain } from '../browser/harness.mjs';

setUp();

// Kinds without any record (books…) have no list page, so only the films' pages are here.
const PAGES = ['', 'films/', 'films/le-voyage-dans-la-lune/', 'themes/', 'decades/1900/',
  'search/', 'about/', 'accessibility/', 'legal-notice/', '404.html'];

describe('axe finds nothing on the pages of a new site', { concurrency: 4 }, () => {
  for (const lang of ['fr', 'ar']) {
    for (const rest of PAGES) {
      const path = `/${lang}/${rest}`;
      test(path, async () => {
        const page = await open(path);
        const dir = await page.evaluate(() => document.documentElement.dir);
        assert.equal(dir, lang === 'ar' ? 'rtl' : 'ltr', `${path}: direction`);
        for (const width of [1280, 320]) {
          await page.setViewportSize({ width, height: 900 });
          const { violations, passes } = await axe(page);
          assert.equal(violations.length, 0, `${path} at ${width} px: ${violations.length} accessibility problems\n${explain(violations)}`);
          assert.ok(passes.includes('color-contrast'), `${path}: axe did not check contrast`);
          const wide = await page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
          assert.ok(!wide, `${path} scrolls sideways at ${width} px`);
        }
        done(page);
      });
    }
  }
  test('language chooser: /', async () => {
    const page = await open('/');
    const { violations } = await axe(page);
    assert.equal(violations.length, 0, explain(violations));
    done(page);
  });
});
