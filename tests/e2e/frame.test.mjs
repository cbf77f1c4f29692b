// The iframe for content systems that strip scripts: embed.html on one origin, framed by a portal page on another,
// sized by the host's optional script (plan-calc-frame.js) through postMessage; and lazy starts, framed or not.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { start, ARTIFACTS, ROOT } from './harness.mjs';
import { serve } from '../../tools/serve.mjs';

let env; // plancalc's origin: embed.html, the element, the presets
let portalSite; // the portal's origin: its pages and its copy of plan-calc-frame.js, in a folder of their own
let portalRoot;
before(async () => {
  env = await start();
  portalRoot = mkdtempSync(join(tmpdir(), 'portal-'));
  copyFileSync(`${ROOT}www/plan-calc-frame.js`, join(portalRoot, 'plan-calc-frame.js'));
  const frameSrc = new URL(env.url).origin;
  portalSite = await serve({
    root: portalRoot, port: 0, csp: `default-src 'self'; script-src 'self'; style-src 'self'; frame-src ${frameSrc}`,
  });
});
after(async () => {
  await env?.close();
  await new Promise((ok) => portalSite?.server.close(ok));
  rmSync(portalRoot, { recursive: true, force: true });
});

/** A portal page on its own origin, as a file its server sends with a strict policy that allows plancalc's frames. */
async function portal(name, body, { script = true } = {}) {
  writeFileSync(join(portalRoot, `${name}.html`), `<!doctype html><html lang="en"><head><meta charset="utf-8">
    <title>portal</title>${script ? '<script src="plan-calc-frame.js"></script>' : ''}</head><body>${body}</body></html>`);
  const context = await env.browser.newContext({ viewport: { width: 900, height: 700 } });
  const p = await context.newPage();
  p.problems = [];
  // A portal without a favicon is no failure of ours; every other failed response is.
  p.on('console', (m) => m.type() === 'error' && !m.text().startsWith('Failed to load resource') && p.problems.push(`console: ${m.text()}`));
  p.on('response', (r) => r.status() >= 400 && !r.url().endsWith('/favicon.ico') && p.problems.push(`HTTP ${r.status()}: ${r.url()}`));
  p.on('pageerror', (e) => p.problems.push(`page error: ${e.message}`));
  p.requests = [];
  context.on('request', (r) => p.requests.push(r.url()));
  await p.goto(`${portalSite.url}${name}.html`);
  return p;
}

const frameTag = (query, attrs = '') =>
  `<iframe data-plan-calc title="plancalc" src="${env.url}embed.html?${query}" ${attrs} width="100%" frameborder="0" height="300"></iframe>`;

/** embed.html opened on its own (not framed) at `address` (a query or a hash), after `setup(page)`; `errors` collects
 *  the console's errors. */
async function frameAlone(address, setup = () => {}) {
  const context = await env.browser.newContext();
  const p = await context.newPage();
  p.errors = [];
  p.on('console', (m) => m.type() === 'error' && p.errors.push(m.text()));
  await setup(p);
  await p.goto(`${env.url}embed.html${address}`);
  return p;
}

const frameHeight = (p, n = 0) => p.locator('iframe').nth(n).evaluate((f) => f.getBoundingClientRect().height);

test('across origins the frame grows and shrinks with its calculator', async () => {
  const p = await portal('sized', frameTag('plan=presets/bijie.json&lang=en'));
  const frame = p.frameLocator('iframe');
  await frame.locator('plan-calc .card').first().waitFor();
  // Sized to the content, not the 300 px it was given.
  const inner = () => p.frames()[1].evaluate(() => Math.ceil(document.documentElement.getBoundingClientRect().height));
  await p.waitForFunction(() => document.querySelector('iframe').getBoundingClientRect().height > 300);
  const full = await frameHeight(p);
  assert.equal(full, await inner());
  // Compact drops the figures: the frame follows down, then up again.
  await p.frames()[1].evaluate(() => { document.querySelector('plan-calc').compact = true; });
  await p.waitForFunction((h) => document.querySelector('iframe').getBoundingClientRect().height < h, full);
  assert.equal(await frameHeight(p), await inner());
  await p.frames()[1].evaluate(() => { document.querySelector('plan-calc').compact = false; });
  await p.waitForFunction((h) => document.querySelector('iframe').getBoundingClientRect().height === h, full);
  // A message that does not come from the frame (here the host page itself) changes nothing.
  await p.evaluate(() => window.postMessage({ type: 'plan-calc:height', height: 5 }, '*'));
  await p.waitForTimeout(100);
  assert.equal(await frameHeight(p), full);
  // The calculator works inside: typing changes a card.
  const field = frame.locator('plan-calc input').first();
  await field.fill('1');
  assert.equal(await frame.locator('plan-calc .error').isHidden(), true);
  await p.screenshot({ path: `${ARTIFACTS}/embed-iframe.png`, fullPage: true });
  assert.deepEqual(p.problems, []);
  await p.context().close();
});

test('without the host script the frame keeps its height and scrolls by itself', async () => {
  const p = await portal('fixed', frameTag('plan=presets/bijie.json#ignored', ''), { script: false });
  const frame = p.frameLocator('iframe');
  await frame.locator('plan-calc .card').first().waitFor();
  assert.equal(await frameHeight(p), 300);
  const scrolls = await p.frames()[1].evaluate(() => document.scrollingElement.scrollHeight > innerHeight);
  assert.ok(scrolls, 'the calculator is taller than the frame and scrolls inside it');
  assert.deepEqual(p.problems, []);
  await p.context().close();
});

test('the hash form works where a content system strips the query', async () => {
  const p = await portal('hash', `<iframe data-plan-calc title="plancalc" src="${env.url}embed.html#plan=presets/changzhi.json&lang=zh-TW" width="100%"></iframe>`);
  const frame = p.frameLocator('iframe');
  await frame.locator('plan-calc .card').first().waitFor();
  assert.match(await frame.locator('plan-calc .card .status').first().textContent(), /達標|無/);
  await p.context().close();
});

test('thirty calculators on a page start as they are scrolled into view', async () => {
  // Elements with loading="lazy", on a page of plancalc's own origin (the element needs its module from there).
  const elements = Array.from({ length: 30 }, (_, i) =>
    `<plan-calc id="c${i}" loading="lazy" src="/presets/zunyi.json" compact></plan-calc>`).join('');
  const context = await env.browser.newContext({ viewport: { width: 900, height: 700 } });
  const p = await context.newPage();
  const plans = [];
  context.on('request', (r) => r.url().endsWith('/presets/zunyi.json') && plans.push(r.url()));
  await p.route(`${env.url}lazy.html`, (r) => r.fulfill({
    body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><script type="module" src="/plan-calc.js"></script></head><body>${elements}</body></html>`,
    headers: { 'Content-Type': 'text/html; charset=utf-8' },
  }));
  await p.goto(`${env.url}lazy.html`);
  await p.locator('#c0 .card').first().waitFor();
  await p.waitForTimeout(300);
  const first = plans.length;
  // About a viewport and its 200 px margin of empty calculators (96 px each before their plan): not thirty.
  assert.ok(first >= 1 && first <= 12, `${first} of 30 plans fetched before scrolling`);
  await p.locator('#c29').scrollIntoViewIfNeeded();
  await p.locator('#c29 .card').first().waitFor();
  assert.ok(plans.length < 30, `${plans.length} of 30 fetched after jumping to the last`);
  await context.close();
  // Frames: the same with the browser's own loading="lazy" on each (the snippet the page writes has it).
  const frames = Array.from({ length: 30 }, () => frameTag('plan=presets/bijie.json', 'loading="lazy"')).join('');
  const q = await portal('lazy-frames', frames, { script: false });
  await q.frameLocator('iframe >> nth=0').locator('plan-calc .card').first().waitFor();
  await q.waitForTimeout(300);
  const loaded = q.requests.filter((u) => u.includes('/embed.html')).length;
  assert.ok(loaded >= 1 && loaded < 30, `${loaded} of 30 frames loaded before scrolling`);
  await q.context().close();
});

test('the page writes the code for its plan in either form, and the code works as pasted', async () => {
  const page = await env.open('index.html?preset=bijie&lang=en');
  await page.locator('body[data-ready="true"]').waitFor();
  await page.locator('#embed-open').click();
  await page.locator('#embed-dialog[open]').waitFor();
  await page.locator('#embed-base').fill('/');
  await page.locator('#embed-mode').selectOption('summary');
  const element = await page.locator('#embed-snippet').inputValue();
  assert.match(element, /<plan-calc src="\/presets\/bijie\.json" lang="en" mode="summary" loading="lazy">/);
  assert.match(await page.locator('#embed-policy').inputValue(), /'wasm-unsafe-eval'/);
  // Pasted into a page on plancalc's own server: a calculator in summary mode.
  const host = await env.browser.newPage();
  await host.route(`${env.url}pasted.html`, (r) => r.fulfill({
    body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>pasted</title></head><body>${element}</body></html>`,
    headers: { 'Content-Type': 'text/html; charset=utf-8' },
  }));
  await host.goto(`${env.url}pasted.html`);
  await host.locator('plan-calc .summary').waitFor();
  assert.match(await host.locator('plan-calc .summary').textContent(), /met · \d+ not met/);
  await host.close();
  // The iframe form, with plancalc's address, pasted into a portal page on another origin.
  await page.locator('#embed-dialog input[value="iframe"]').check();
  await page.locator('#embed-base').fill(env.url);
  const frame = await page.locator('#embed-snippet').inputValue();
  const csp = (await page.locator('#embed-policy').inputValue()).replace('Content-Security-Policy: ', '');
  assert.match(csp, /frame-src http:\/\/127\.0\.0\.1:\d+$/);
  // A portal of its own whose pages carry exactly the policy the dialog wrote.
  const site = await serve({ root: portalRoot, port: 0, csp });
  writeFileSync(join(portalRoot, 'pasted-frame.html'), `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>portal</title></head><body>${frame}</body></html>`);
  const p = await page.context().newPage();
  const problems = [];
  p.on('console', (m) => m.type() === 'error' && !m.text().startsWith('Failed to load resource') && problems.push(m.text()));
  await p.goto(`${site.url}pasted-frame.html`);
  await p.frameLocator('iframe').locator('plan-calc .summary').waitFor();
  await p.waitForFunction(() => document.querySelector('iframe').getBoundingClientRect().height !== 600);
  assert.deepEqual(problems, []);
  await p.close();
  await new Promise((ok) => site.server.close(ok));
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('the frame under a policy without wasm-unsafe-eval says so; a server sending .wasm under another type still works', async () => {
  const visit = (setup) => frameAlone('?plan=presets/zunyi.json&lang=en', setup);
  const headers = (pattern, change) => (p) => p.route(pattern, async (r) => {
    const response = await r.fetch();
    await r.fulfill({ response, headers: { ...response.headers(), ...change } });
  });

  // A portal's server whose policy for the frame leaves out 'wasm-unsafe-eval'.
  const blocked = await visit(headers(/\/embed\.html\?/, { 'content-security-policy': "default-src 'self'; script-src 'self'; style-src 'self'" }));
  const error = blocked.locator('plan-calc .error');
  await error.waitFor();
  assert.match(await error.textContent(), /^This calculator cannot run on this page/);
  assert.equal(await blocked.locator('plan-calc .card').count(), 0);
  assert.ok(blocked.errors.some((t) => t.startsWith('plan-calc:') && /add 'wasm-unsafe-eval' to script-src/i.test(t)),
    blocked.errors.join('\n'));
  await blocked.context().close();

  // An IIS without the .wasm type: the core still loads (compiled from its bytes instead of as they arrive).
  const octets = await visit(headers('**/pkg/plancalc_embed_bg.wasm', { 'content-type': 'application/octet-stream' }));
  await octets.locator('plan-calc .card').first().waitFor();
  assert.equal(await octets.locator('plan-calc .error').isHidden(), true);
  assert.deepEqual(octets.errors, []);
  await octets.context().close();
});

test('a plan on another server is refused in words, in the frame language, and the console says what to do', async () => {
  for (const [address, text] of [
    ['?plan=https://example.org/plan.json&lang=en', 'This calculator shows plan files from this site only.'],
    ['#plan=//example.org/plan.json&lang=zh-TW', '此計算器只顯示本網站上的方案檔案。'],
    ['?plan=https://example.org/plan.json', '此计算器只显示本网站上的方案文件。'],
  ]) {
    const asked = [];
    const p = await frameAlone(address, (page) => page.on('request', (r) => asked.push(r.url())));
    const { errors } = p;
    const refused = p.locator('#frame .refused');
    await refused.waitFor();
    assert.equal(await refused.textContent(), text, address);
    assert.equal(await refused.getAttribute('role'), 'alert');
    assert.equal(await p.locator('plan-calc').count(), 0);
    assert.ok(errors.some((t) => t.startsWith('plan-calc: embed.html shows plans from its own server only')
      && t.includes('example.org/plan.json')), errors.join('\n'));
    assert.deepEqual(asked.filter((u) => new URL(u).hostname === 'example.org'), [], 'nothing is asked of the other server');
    await p.context().close();
  }
});
