// <plan-calc mode=…>: the summary, what-if (fields and sliders, the targets grouped, not met first) and full (goal seek applied
// in one click, explanations, loaded only when asked for), by keyboard alone, and with axe on each.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, allPainted, ARTIFACTS, ROOT } from './harness.mjs';

const AXE = `${ROOT}www/node_modules/axe-core/axe.min.js`;
let env;
before(async () => { env = await start(); });
after(async () => { await env?.close(); });

/** A page of plancalc's origin with `body`, under the strict policy (or bypassed, for axe). */
async function page(name, body, { bypassCSP = false } = {}) {
  const context = await env.browser.newContext({ viewport: { width: 1000, height: 900 }, bypassCSP });
  const p = await context.newPage();
  p.problems = [];
  p.requests = [];
  p.on('console', (m) => m.type() === 'error' && p.problems.push(`console: ${m.text()}`));
  p.on('pageerror', (e) => p.problems.push(`page error: ${e.message}`));
  context.on('request', (r) => p.requests.push(new URL(r.url()).pathname));
  await p.route(`${env.url}modes/${name}.html`, (r) => r.fulfill({
    body: `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>modes</title>
      <script type="module" src="/plan-calc.js"></script></head><body><main>${body}</main></body></html>`,
    headers: { 'Content-Type': 'text/html; charset=utf-8',
      'Content-Security-Policy': "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'" },
  }));
  await p.goto(`${env.url}modes/${name}.html`);
  await p.locator('plan-calc .card').first().waitFor();
  await allPainted(p);
  return p;
}

async function audit(p) {
  await p.addScriptTag({ path: AXE });
  const result = await p.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
}

const cards = (p) => p.locator('plan-calc .card').evaluateAll((list) => list.map((c) => c.dataset.target));

test('summary: the line of counts and the headline targets, those not met first', async () => {
  const p = await page('summary', '<plan-calc src="/presets/zunyi.json" mode="summary"></plan-calc>');
  assert.equal(await p.locator('plan-calc .summary').textContent(), '20 项达标 · 1 项未达标 · 1 项无数据');
  assert.deepEqual(await cards(p), ['industrial-share', 'private-share', 'fai-total']);
  assert.equal(await p.locator('plan-calc .group-title').count(), 0, 'the headline targets are one list');
  assert.equal(await p.locator('plan-calc .figures').isVisible(), false);
  assert.ok(!p.requests.some((r) => r.endsWith('/plancalc_bg.wasm')), 'the full core is not loaded');
  assert.deepEqual(p.problems, []);
  await p.context().close();
});

test('what-if by keyboard: a field, then a slider, and the cards reorder as targets are met', async () => {
  const p = await page('what-if', '<plan-calc src="/presets/zunyi.json" lang="en"></plan-calc>');
  assert.equal((await cards(p))[0], 'industrial-share', 'not met first');
  // The targets in the core's groups, each under its heading, the cards' names a level below.
  const groups = () => p.locator('plan-calc .group').evaluateAll((list) => list.map((g) => [g.querySelector('h3.group-title').textContent,
    g.querySelectorAll('.card').length, g.querySelectorAll('.card h4').length]));
  assert.deepEqual(await groups(), [['Not met · 1', 1, 1], ['Without data · 1', 1, 1], ['Met · 20', 20, 20]]);
  const field = p.locator('plan-calc input[data-series="industrial"]');
  await field.focus();
  await p.keyboard.press('Control+A');
  await p.keyboard.type('2040');
  await p.locator('plan-calc .summary', { hasText: '21 met · 0 not met' }).waitFor();
  assert.equal((await cards(p))[0], 'private-share');
  assert.deepEqual(await groups(), [['Without data · 1', 1, 1], ['Met · 21', 21, 21]], 'no heading for an empty group');
  // Tab moves on to the slider beside the field; an arrow key moves it one step, which the field then shows.
  await p.keyboard.press('Tab');
  const slider = p.locator('plan-calc input[data-slider="industrial"]');
  assert.equal(await slider.evaluate((e) => e === e.getRootNode().activeElement), true);
  await p.keyboard.press('ArrowLeft');
  assert.equal(await field.inputValue(), (2040 - Number(await slider.getAttribute('step'))).toFixed(await slider.evaluate((e) => Number(e.dataset.places))));
  await p.locator('plan-calc .summary', { hasText: '20 met · 1 not met' }).waitFor();
  assert.deepEqual(p.problems, []);
  await p.context().close();
});

test('full: what would it take, applied by keyboard in one step, and the explanation, loaded when asked for', async () => {
  const p = await page('full', '<plan-calc src="/presets/zunyi.json" lang="en" mode="full"></plan-calc>');
  const card = p.locator('plan-calc .card[data-target="industrial-share"]');
  const seek = card.locator('button[data-action="seek"]');
  await seek.focus();
  await p.keyboard.press('Enter');
  const answer = card.locator('.card-extra .answer-value');
  await answer.waitFor();
  // New investment in industry raises FAI too: 1,450 + 590 ÷ 0.7, exactly.
  assert.equal(await answer.textContent(), 'Industrial investment: 1,450.00 亿元 → 2,292.86 亿元 (+842.86 亿元)');
  await card.locator('.card-extra button.apply').focus();
  await p.keyboard.press('Enter');
  await p.locator('plan-calc .card[data-target="industrial-share"][data-status="met"]').waitFor();
  assert.match(await p.locator('plan-calc input[data-series="industrial"]').inputValue(), /^2292\.857142857/);
  assert.equal(await p.locator('plan-calc .card[data-target="industrial-share"] .value').textContent(), '30.0%');
  await p.locator('plan-calc .card[data-target="private-share"] button[data-action="explain"]').click();
  const steps = p.locator('plan-calc .card[data-target="private-share"] .card-extra .steps li');
  await steps.first().waitFor();
  assert.ok(await steps.count() >= 2);
  // Its title a level below the card's name, which is below its group's heading.
  assert.equal(await p.locator('plan-calc .card[data-target="private-share"] .explanation > h5').count(), 1);
  assert.ok(p.requests.some((r) => r.endsWith('/ui/plan-calc-full.js')), 'the full part loads when asked for');
  await p.screenshot({ path: `${ARTIFACTS}/embed-full-mode.png`, fullPage: true });
  assert.deepEqual(p.problems, []);
  await p.context().close();
});

test('each mode has no serious or critical accessibility violation', async () => {
  for (const mode of ['summary', 'what-if', 'full']) {
    const p = await page(`axe-${mode}`, `<plan-calc src="/presets/zunyi.json" mode="${mode}" large></plan-calc>`, { bypassCSP: true });
    if (mode === 'full') {
      await p.locator('plan-calc .card[data-target="industrial-share"] button[data-action="seek"]').click();
      await p.locator('plan-calc .card-extra').waitFor();
    }
    assert.deepEqual(await audit(p), [], mode);
    await p.context().close();
  }
});
