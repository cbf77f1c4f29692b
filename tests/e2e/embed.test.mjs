// <plan-calc> on a mock portal page under the strict Content-Security-Policy, twice on one page.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, allPainted, ARTIFACTS, ROOT } from './harness.mjs';
import { serve, CSP } from '../../tools/serve.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env?.close(); });

/** The embed example, both calculators rendered. */
async function portal(base = env.url, path = 'embed-example.html') {
  const p = await env.browser.newPage();
  p.problems = [];
  p.on('console', (m) => m.type() === 'error' && p.problems.push(`console: ${m.text()}`));
  p.on('pageerror', (e) => p.problems.push(`page error: ${e.message}`));
  p.on('response', (r) => r.status() >= 400 && p.problems.push(`HTTP ${r.status()}: ${r.url()}`));
  const response = await p.goto(new URL(path, base).href);
  p.csp = response.headers()['content-security-policy'];
  await p.locator('#first .card').first().waitFor();
  await p.locator('#second .card').first().waitFor();
  await allPainted(p);
  return p;
}

const shadow = (p, id, selector) => p.locator(`#${id}`).locator(selector);

test('two calculators under the strict policy, independent of each other', async () => {
  const p = await portal();
  assert.equal(p.csp, CSP);
  assert.equal(await shadow(p, 'first', '.card').count(), 22);
  assert.equal(await shadow(p, 'second', '.card').count(), 2);
  assert.equal(await shadow(p, 'first', '.card[data-target="industrial-share"] .value').textContent(), '21.3%');
  // Chinese text in Chinese punctuation and units, as plans print them.
  const card = shadow(p, 'first', '.card[data-target="industrial-share"]');
  assert.equal(await card.locator('.margin').textContent(), '差距：−8.7 个百分点');
  assert.equal(await card.locator('.soft').textContent(), '（力争）');
  assert.match(await card.locator('.needed').textContent(), /^恰好达标需变动：工业投资 \+590\.00 亿元$/);
  // Typing in the second leaves the first as it was, and the host page hears the change event.
  await shadow(p, 'second', 'input[data-series="industrial"]').fill('300');
  assert.equal(await shadow(p, 'second', '.card[data-target="industrial-share"] .value').textContent(), '30.0%');
  assert.equal(await shadow(p, 'second', '.card[data-target="industrial-share"] .status').textContent(), '✔ Met');
  assert.equal(await p.locator('#host-status').textContent(), 'industrial share: 30.0% (met)');
  assert.equal(await shadow(p, 'first', '.card[data-target="industrial-share"] .value').textContent(), '21.3%');
  await p.screenshot({ path: `${ARTIFACTS}/embed-example.png`, fullPage: true });
  assert.deepEqual(p.problems, []);
});

test('the host page styles stay out and the element styles stay in', async () => {
  const p = await portal();
  const card = shadow(p, 'second', '.card').first();
  assert.ok(await card.isVisible(), 'the host rule `.card { display: none }` does not reach the cards');
  const h3 = await card.locator(':is(h3, h4)').evaluate((e) => getComputedStyle(e).color);
  assert.notEqual(h3, 'rgb(255, 0, 0)');
  const input = await shadow(p, 'second', 'input').first().evaluate((e) => getComputedStyle(e).backgroundColor);
  assert.notEqual(input, 'rgb(255, 192, 203)');
  // Theming goes through the custom properties: the second calculator's title takes the portal's red.
  const title = await shadow(p, 'second', 'header h2').evaluate((e) => getComputedStyle(e).color);
  assert.equal(title, 'rgb(140, 28, 19)');
  // And nothing of the element's leaks out: the host's own heading keeps the host font.
  const font = await p.locator('.portal-main h1').evaluate((e) => getComputedStyle(e).fontFamily);
  assert.match(font, /Georgia/);
  assert.deepEqual(p.problems, []);
});

test('attributes and properties mirror each other; methods set values and goal-seek', async () => {
  const p = await portal();
  const result = await p.locator('#second').evaluate(async (el) => {
    el.lang = 'zh-CN';
    const attr = el.getAttribute('lang');
    el.compact = true;
    const compactAttr = el.hasAttribute('compact');
    el.setValue('private', '2024', '600');
    const goal = el.goalSeek('industrial-share', 'industrial', 'additive');
    el.applyEdit(goal.outcome.edit);
    await new Promise((r) => queueMicrotask(r));
    const shares = el.results.targets.map((t) => [t.id, t.value.exact, t.status]);
    let error = null;
    try { el.setValue('industrial', '2024', '1,2,3'); } catch (e) { error = [e.code, e.path]; }
    return { attr, compactAttr, edit: goal.outcome.edit.set, shares, error };
  });
  assert.deepEqual(result, {
    attr: 'zh-CN',
    compactAttr: true,
    // (280 + x) / (1000 + x) = 30% → x = 20/0.7; industrial = 2160/7; private 600 of 7200/7 = 58.3%.
    edit: '2160/7',
    shares: [['industrial-share', '30', 'met'], ['private-share', '58.333333333333333333333333333', 'met']],
    error: ['number.invalid', 'series[1].values.2024'],
  });
  assert.equal(await shadow(p, 'second', '.card[data-target="industrial-share"] .status').textContent(), '✔ 已达标');
  assert.deepEqual(p.problems, []);
});

test('labels come from the plan text: an input series without figures gets a field, a sum a computed cell', async () => {
  const p = await portal();
  await p.evaluate(() => {
    const plan = {
      schema: 1, id: 'mini', title: { 'zh-CN': '小方案', en: 'Mini plan' },
      periods: [{ id: '2024', label: { 'zh-CN': '2024年', en: '2024' } }],
      series: [
        { id: 'a', label: { 'zh-CN': '甲', en: 'Part A' }, values: { 2024: '40' } },
        { id: 'b', label: { 'zh-CN': '乙', en: 'Part B' } },
        { id: 'total', label: { 'zh-CN': '合计', en: 'Total' }, sum: ['a', 'b'] }],
      targets: [{ id: 'a-share', label: { 'zh-CN': '甲占比', en: 'Share of A' }, indicator: { kind: 'share', part: 'a', whole: 'total' },
        period: '2024', cmp: '>=', value: '50', soft: true }],
    };
    const el = document.createElement('plan-calc');
    el.id = 'third';
    el.lang = 'en';
    const script = document.createElement('script');
    script.type = 'application/json';
    script.textContent = JSON.stringify(plan);
    el.append(script);
    document.body.append(el);
  });
  await shadow(p, 'third', '.card').first().waitFor();
  assert.equal(await shadow(p, 'third', '.title').textContent(), 'Mini plan');
  assert.equal(await shadow(p, 'third', 'input[data-series="a"]').inputValue(), '40');
  assert.equal(await shadow(p, 'third', 'input[data-series="b"]').inputValue(), '');
  assert.equal(await shadow(p, 'third', 'input[data-series="total"]').count(), 0);
  // A sum with a part missing has no figure.
  assert.equal(await shadow(p, 'third', 'td.computed[data-series="total"]').textContent(), '—');
  await shadow(p, 'third', 'input[data-series="b"]').fill('40');
  assert.equal(await shadow(p, 'third', 'td.computed[data-series="total"]').textContent(), '80.00 亿元');
  assert.equal(await shadow(p, 'third', '.card[data-target="a-share"] .value').textContent(), '50.0%');
  assert.match(await shadow(p, 'third', '.card[data-target="a-share"] :is(h3, h4)').textContent(), /^Share of A \(strive for\)$/);
  assert.deepEqual(p.problems, []);
});

test('the plan property: a plan object in, a copy out, a bad one refused with its code, null back to the plan inside', async () => {
  const p = await portal();
  const mini = {
    schema: 1, id: 'mini', title: { 'zh-CN': '小方案', en: 'Mini plan' },
    periods: [{ id: '2024', label: { 'zh-CN': '2024年', en: '2024' } }],
    series: [
      { id: 'a', label: { 'zh-CN': '甲', en: 'Part A' }, values: { 2024: '60' } },
      { id: 'total', label: { 'zh-CN': '合计', en: 'Total' }, values: { 2024: '100' } }],
    targets: [{ id: 'a-share', label: { 'zh-CN': '甲占比', en: 'Share of A' }, indicator: { kind: 'share', part: 'a', whole: 'total' },
      period: '2024', cmp: '>=', value: '50' }],
  };
  const out = await p.locator('#second').evaluate(async (el, plan) => {
    const changed = new Promise((ok) => el.addEventListener('change', ok, { once: true }));
    el.plan = plan;
    await changed;
    const copy = el.plan;
    copy.title.en = 'changed by the host';
    return { id: el.plan.id, title: el.plan.title.en, share: el.results.targets[0].value.exact };
  }, mini);
  assert.deepEqual(out, { id: 'mini', title: 'Mini plan', share: '60' });
  assert.equal(await shadow(p, 'second', '.title').textContent(), 'Mini plan');
  assert.equal(await shadow(p, 'second', '.card').count(), 1);

  // A plan the core refuses: its sentence, code and path; the plan before it stays in effect.
  await p.locator('#second').evaluate((el, plan) => { el.plan = { ...plan, periods: [] }; }, mini);
  await shadow(p, 'second', '.error:not([hidden])').waitFor();
  assert.match(await shadow(p, 'second', '.error').textContent(), /\[[\w.]+( [^\]]+)?\]$/);
  assert.equal(await p.locator('#second').evaluate((el) => el.plan.id), 'mini');
  assert.equal(await shadow(p, 'second', '.card[data-target="a-share"] .value').textContent(), '60.0%');
  p.problems = p.problems.filter((x) => !/plan-calc: the plan could not be loaded/.test(x));

  // null goes back to the plan inside the element.
  const inline = await p.locator('#second').evaluate((el) => JSON.parse(el.querySelector('script').textContent).title.en);
  await p.locator('#second').evaluate((el) => { el.plan = null; });
  await shadow(p, 'second', '.error[hidden]').waitFor({ state: 'attached' });
  await p.waitForFunction((title) => document.querySelector('#second').plan?.title.en === title, inline);
  assert.equal(await shadow(p, 'second', '.title').textContent(), inline);

  // A plan set before the element is defined (the property sits on the element until it upgrades).
  await p.evaluate((plan) => {
    const late = document.createElement('plan-calc-late');
    late.id = 'late';
    late.lang = 'en';
    late.plan = plan;
    document.body.append(late);
    customElements.define('plan-calc-late', class extends customElements.get('plan-calc') {});
  }, mini);
  await shadow(p, 'late', '.card').first().waitFor();
  assert.equal(await shadow(p, 'late', '.title').textContent(), 'Mini plan');
  assert.deepEqual(p.problems, []);
});

test('it works from a sub-path of a portal', async () => {
  const { server, url } = await serve({ root: ROOT, port: 0 });
  try {
    const p = await portal(url, 'www/embed-example.html');
    assert.equal(await shadow(p, 'first', '.card').count(), 22);
    assert.deepEqual(p.problems, []);
  } finally {
    server.close();
  }
});
