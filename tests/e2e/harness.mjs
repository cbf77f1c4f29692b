// Shared set-up for the end-to-end tests: the project's dev server on a free port, Debian's
// Chromium driven by playwright-core, and a page that records every console error, uncaught
// error and failed request so that a test can insist there were none.

import { createRequire } from 'node:module';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { serve } from '../../tools/serve.mjs';

const require = createRequire(new URL('../../www/package.json', import.meta.url));
const { chromium } = require('playwright-core');

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const ARTIFACTS = `${ROOT}test-artifacts`;

const ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run', '--disable-dev-shm-usage',
];

/** Starts the server and the browser; returns helpers and a `close()`. */
export async function start() {
  const { server, url } = await serve({ root: `${ROOT}www`, port: 0 });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ARGS, headless: true });
  mkdirSync(ARTIFACTS, { recursive: true });
  return {
    url,
    browser,
    /** A fresh page whose `problems` lists console errors, page errors and failed requests. `options` go to the
     * browser context (`bypassCSP` only where a test injects a script of its own, such as axe). */
    async open(path, options = {}) {
      const context = await browser.newContext({ viewport: { width: 1200, height: 900 }, ...options });
      const page = await context.newPage();
      page.problems = [];
      page.on('console', (m) => m.type() === 'error' && page.problems.push(`console: ${m.text()}`));
      page.on('pageerror', (e) => page.problems.push(`page error: ${e.message}`));
      // A favicon fetch the browser itself abandons (a reload right after the address changed) is no failure of
      // the page; every other failed request is.
      page.on('requestfailed', (r) => {
        const aborted = r.failure()?.errorText === 'net::ERR_ABORTED' && r.url().endsWith('/favicon.png');
        if (!aborted) page.problems.push(`request failed: ${r.url()} ${r.failure()?.errorText}`);
      });
      page.on('response', (r) => r.status() >= 400 && page.problems.push(`HTTP ${r.status()}: ${r.url()}`));
      await page.goto(new URL(path, url).href);
      return page;
    },
    async close() {
      await browser.close();
      await new Promise((ok) => server.close(ok));
    },
  };
}

/** The planner's page with `query`, loaded and ready. */
export async function ready(env, query, options) {
  const page = await env.open(`index.html?${query}`, options);
  await page.locator('body[data-ready="true"]').waitFor();
  return page;
}

/** Waits until every calculator (<plan-calc>) in the page or frame has painted everything: the first paint holds the
 * title, the line of counts and the first cards; the other cards and the table follow a frame later (the
 * `plan-calc:all-figures` mark each sets). */
export const allPainted = (page) => page.waitForFunction(() =>
  performance.getEntriesByName('plan-calc:all-figures').length >= document.querySelectorAll('plan-calc').length);

/** A target's card, and the first field of a series, on the planner's page. */
export const card = (page, id) => page.locator(`.card[data-target="${id}"]`);
export const field = (page, series) => page.locator(`#figures input[type="text"][data-series="${series}"]`).first();
export const slider = (page, series) => page.locator(`#figures input[type="range"][data-series="${series}"]`).first();

/** A full-page screenshot as a reader scrolling down would see it: sections that skip rendering while off screen
 * (`content-visibility: auto`) are drawn for the capture, then left as they were; charts off screen follow an edit
 * once the edits pause (150 ms), so the capture waits that long. */
export async function fullShot(page, path) {
  await page.waitForTimeout(250);
  await page.evaluate(() => {
    for (const node of document.querySelectorAll('body *')) {
      if (getComputedStyle(node).contentVisibility === 'auto') {
        node.dataset.shot = 'auto';
        node.style.contentVisibility = 'visible';
      }
    }
  });
  await page.screenshot({ path, fullPage: true });
  await page.evaluate(() => {
    for (const node of document.querySelectorAll('[data-shot="auto"]')) {
      node.style.contentVisibility = '';
      delete node.dataset.shot;
    }
  });
}
