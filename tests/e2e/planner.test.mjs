// The planner's page as a planner uses it: presets, goal seek, undo/redo, autosave, languages,
// explanations, and plan text that must stay text.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { start, ready, card, field, fullShot, ROOT, ARTIFACTS } from './harness.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env?.close(); });

const page = (query) => ready(env, query);
const preset = (name) => JSON.parse(readFileSync(`${ROOT}www/presets/${name}.json`, 'utf8'));

test('every preset loads and shows all its targets and its source', async () => {
  for (const name of ['zunyi', 'tongren', 'bijie', 'wuzhong', 'changzhi']) {
    const p = await page(`preset=${name}&lang=en`);
    const plan = preset(name);
    assert.equal(await p.locator('.card').count(), plan.targets.length, name);
    assert.equal(await p.locator('#plan-title').textContent(), plan.title.en, name);
    assert.match(await p.locator('#plan-meta').textContent(), /Source:/, name);
    if (name === 'tongren') {
      assert.match(await p.locator('#warnings').textContent(), /91\.05×/);
      await fullShot(p, `${ARTIFACTS}/page-tongren.png`);
    }
    assert.deepEqual(p.problems, [], name);
    await p.context().close();
  }
});

test('what would it take: the exact answer applied turns the target met', async () => {
  const p = await page('preset=zunyi&lang=en');
  await card(p, 'industrial-share').locator('button[data-action="seek"]').click();
  const dialog = p.locator('#seek');
  await dialog.waitFor();
  // New investment: (1450 + x) / (6800 + x) = 30% → industrial 16050/7 ≈ 2,292.86.
  assert.match(await dialog.locator('.answer-value').textContent(), /1,450\.00 亿元 → 2,292\.86 亿元 \(\+842\.86 亿元\)/);
  assert.equal(await dialog.locator('.fraction').textContent(), '= 16050/7');
  assert.ok(await dialog.locator('.explanation math').count() > 0, 'the explanation has formulas');
  // The other mode's answer, as goal seek gives it: reallocation would need 590 but the sectors leave 353.
  assert.match(await dialog.locator('.explanation').textContent(),
    /reallocation \(totals held\): Unreachable with the total held: it needs 590 but only 353 is left in sectors/);
  // Reallocation with FAI held needs 590 but the sectors leave 353 unallocated.
  await dialog.locator('input[value="substitute"]').check();
  assert.match(await dialog.locator('.answer').textContent(), /Unreachable.*590.*353/);
  assert.ok(await p.locator('#seek-apply').isDisabled());
  await dialog.locator('input[value="additive"]').check();
  await p.locator('#seek-apply').click();
  assert.equal(await card(p, 'industrial-share').locator('.value').textContent(), '30.0%');
  assert.equal(await card(p, 'industrial-share').getAttribute('data-status'), 'met');
  assert.equal(await field(p, 'fai').inputValue(), '7642.8571428571428571428571429');
  await fullShot(p, `${ARTIFACTS}/page-goal-applied.png`);
  assert.deepEqual(p.problems, []);
});

test('undo and redo, by button and by keyboard', async () => {
  const p = await page('preset=zunyi&lang=en');
  const value = card(p, 'industrial-share').locator('.value');
  assert.ok(await p.locator('#undo').isDisabled());
  await field(p, 'industrial').fill('2040');
  assert.equal(await value.textContent(), '30.0%');
  await p.locator('#undo').click();
  assert.equal(await value.textContent(), '21.3%');
  assert.equal(await field(p, 'industrial').inputValue(), '1450');
  await p.locator('#redo').click();
  assert.equal(await value.textContent(), '30.0%');
  await p.keyboard.press('Control+z');
  assert.equal(await value.textContent(), '21.3%');
  await p.keyboard.press('Control+Shift+z');
  assert.equal(await value.textContent(), '30.0%');
  assert.deepEqual(p.problems, []);
});

test('edits are saved in the browser and restored after a reload', async () => {
  const p = await page('preset=zunyi&lang=en');
  await field(p, 'industrial').fill('1,700');
  await p.waitForFunction(() => localStorage.getItem('plancalc:v1:zunyi') !== null);
  await p.reload();
  await p.locator('body[data-ready="true"]').waitFor();
  assert.equal(await field(p, 'industrial').inputValue(), '1700');
  assert.equal(await card(p, 'industrial-share').locator('.value').textContent(), '25.0%');
  assert.match(await p.locator('#announce').textContent(), /restored/);
  // Undo still works after the reload: the edits came back, not just the figures.
  await p.locator('#undo').click();
  assert.equal(await field(p, 'industrial').inputValue(), '1450');
  assert.deepEqual(p.problems, []);
});

test('switching language keeps the edits', async () => {
  const p = await page('preset=zunyi&lang=zh-CN');
  await field(p, 'industrial').fill('2040');
  await p.locator('#lang').selectOption('zh-TW');
  assert.equal(await p.locator('html').getAttribute('lang'), 'zh-TW');
  assert.match(await p.locator('#plan-title').textContent(), /遵義市擴大有效投資攻堅行動方案/);
  assert.equal(await card(p, 'industrial-share').locator('.status').textContent(), '✔ 已達標');
  await p.locator('#lang').selectOption('en');
  assert.equal(await card(p, 'industrial-share').locator('.status').textContent(), '✔ Met');
  assert.equal(await field(p, 'industrial').inputValue(), '2040');
  assert.deepEqual(p.problems, []);
});

test('a target explained step by step, with formulas as MathML', async () => {
  const p = await page('preset=zunyi&lang=en');
  await card(p, 'industrial-share').locator('button[data-action="explain"]').click();
  const panel = p.locator('#explain');
  await panel.waitFor();
  const steps = panel.locator('.steps > li');
  assert.deepEqual(await steps.evaluateAll((li) => li.map((x) => x.dataset.kind)).then((k) => k.slice(0, 6)),
    ['formula', 'substitute', 'exact', 'round', 'compare', 'gap']);
  assert.match(await steps.nth(2).textContent(), /725\/34/);
  assert.equal(await panel.locator('math mfrac').count() > 0, true);
  assert.deepEqual(p.problems, []);
});

test('labels with markup and script are shown as text and never run', async () => {
  const plan = preset('zunyi');
  const evil = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script><b>粗体</b>';
  plan.title['zh-CN'] = plan.title.en = `Plan ${evil}`;
  plan.series[1].label.en = `Industrial ${evil}`;
  plan.targets[1].label.en = `Share ${evil}`;
  plan.notes[0].en = `Note ${evil}`;
  const saved = { plan, scenarios: [{ name: 'scenario 1', edits: [] }], active: 'scenario 1' };
  const p = await page('preset=blank&lang=en');
  await p.evaluate((s) => localStorage.setItem('plancalc:v1:zunyi', s), JSON.stringify(saved));
  await p.goto(new URL('index.html?preset=zunyi&lang=en', env.url).href);
  await p.locator('body[data-ready="true"]').waitFor();
  assert.equal(await p.locator('#plan-title').textContent(), `Plan ${evil}`);
  assert.match(await card(p, 'industrial-share').locator('h3').textContent(), /Share <img src=x onerror/);
  assert.equal(await p.locator('main img, main script, main b').count(), 0);
  assert.equal(await p.evaluate(() => window.__pwned), undefined);
  assert.deepEqual(p.problems, []);
});
