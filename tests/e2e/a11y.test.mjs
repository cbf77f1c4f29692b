// axe-core on the planner's page (every preset, with a dialog and the explanation open) and on the embed
// example: no serious or critical violation. axe is injected as a script of the test's own, so these pages
// are opened with the content security policy bypassed; the other tests check the page under the policy.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { start, ready, card, allPainted, ROOT } from './harness.mjs';

const AXE = `${ROOT}www/node_modules/axe-core/axe.min.js`;
let env;
before(async () => { env = await start(); });
after(async () => { await env?.close(); });

/** The serious and critical violations axe finds, as readable lines. */
async function audit(page) {
  await page.addScriptTag({ path: AXE });
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
}

test('the planner page has no serious or critical accessibility violation', async () => {
  for (const [preset, lang] of [['zunyi', 'zh-CN'], ['tongren', 'en'], ['wuzhong', 'zh-TW'], ['bijie', 'en'], ['changzhi', 'zh-CN']]) {
    const p = await ready(env, `preset=${preset}&lang=${lang}`, { bypassCSP: true });
    assert.deepEqual(await audit(p), [], `${preset} ${lang}`);
    await p.context().close();
  }
  const p = await ready(env, 'preset=zunyi&lang=en', { bypassCSP: true });
  await card(p, 'industrial-share').locator('button[data-action="explain"]').click();
  assert.deepEqual(await audit(p), [], 'with the explanation open');
  await card(p, 'industrial-share').locator('button[data-action="seek"]').click();
  await p.locator('#seek[open]').waitFor();
  assert.deepEqual(await audit(p), [], 'with the goal-seek dialog open');
  // The audit does find what it should: a field without a label is reported.
  await p.evaluate(() => document.querySelector('#seek').append(Object.assign(document.createElement('input'), { type: 'text' })));
  assert.match((await audit(p)).join('\n'), /^label \(critical\)/m);
  assert.deepEqual(p.problems, []);
});

test('the project table and the CSV mapping step have no serious or critical accessibility violation', async () => {
  const p = await ready(env, 'preset=projects-demo&lang=zh-CN', { bypassCSP: true });
  assert.deepEqual(await audit(p), [], 'with the project table');
  const csv = '项目编号,项目名称,投资主体,建设性质,2023年计划投资\nA1,甲,民营,新开工,abc\n';
  await p.locator('#import-csv').setInputFiles({ name: 'a.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await p.locator('#csv-start:not([disabled])').click();
  await p.locator('#csv-errors:not([hidden])').waitFor();
  assert.deepEqual(await audit(p), [], 'with the mapping step and its errors');
  assert.deepEqual(p.problems, []);
});

test('the embed example has no serious or critical accessibility violation', async () => {
  const p = await env.open('embed-example.html', { bypassCSP: true });
  await p.locator('plan-calc').first().locator('.card').first().waitFor();
  await allPainted(p);
  assert.deepEqual(await audit(p), []);
  assert.deepEqual(p.problems, []);
});

test('the embed dialog has no serious or critical accessibility violation', async () => {
  const p = await ready(env, 'preset=zunyi&lang=zh-TW', { bypassCSP: true });
  await p.locator('#embed-open').click();
  await p.locator('#embed-dialog[open]').waitFor();
  await p.locator('#embed-dialog input[value="iframe"]').check();
  assert.deepEqual(await audit(p), []);
  assert.match(await p.locator('#embed-snippet').inputValue(), /embed\.html\?plan=presets%2Fzunyi\.json&amp;lang=zh-TW/);
  assert.deepEqual(p.problems, []);
});

test('the workbook dialog has no serious or critical accessibility violation', async () => {
  const p = await ready(env, 'preset=zunyi&lang=zh-CN', { bypassCSP: true });
  const bytes = readFileSync(new URL('../fixtures/targets-calc.xlsx', import.meta.url));
  await p.locator('#import-xlsx').setInputFiles({ name: 'targets.xlsx', mimeType: 'application/octet-stream', buffer: bytes });
  await p.locator('#xlsx-sheets .xlsx-sheet').first().waitFor();
  assert.deepEqual(await audit(p), []);
  assert.deepEqual(p.problems, []);
});

test('monthly progress and a pasted release have no serious or critical accessibility violation', async () => {
  const p = await ready(env, 'preset=monthly-demo&lang=zh-TW', { bypassCSP: true });
  await p.locator('.progress-grid').waitFor();
  await p.locator('#release-box summary').click();
  await p.locator('#release-input').fill('1—10月,全市固定资产投资完成1010亿元,完成年度计划的84.2%,超序时进度0.9个百分点。甲县完成投资250亿元。');
  await p.locator('#release-read').click();
  await p.locator('.release-table').waitFor();
  assert.deepEqual(await audit(p), []);
  assert.deepEqual(p.problems, []);
});

test('reading a plan text and My plans have no serious or critical accessibility violation, with the keyboard alone', async () => {
  const p = await ready(env, 'preset=zunyi&lang=en', { bypassCSP: true });
  // Keyboard only: to the "read a plan's text" button, type a plan, read it, open the draft.
  await p.locator('#text-open-dialog').focus();
  await p.keyboard.press('Enter');
  await p.locator('#text-dialog[open]').waitFor();
  await p.keyboard.type('2024年,确保全市固定资产投资增长8%以上,民间投资占比达到50%以上。');
  await p.keyboard.press('Tab');
  await p.keyboard.press('Enter');
  await p.locator('#text-targets tbody tr').first().waitFor();
  assert.deepEqual(await audit(p), []);
  await p.locator('#text-open').focus();
  await p.keyboard.press('Enter');
  await p.locator('#text-dialog').waitFor({ state: 'hidden' });
  await p.locator('#mine-open').focus();
  await p.keyboard.press('Enter');
  await p.locator('#mine-list tbody tr').first().waitFor();
  assert.deepEqual(await audit(p), []);
  assert.deepEqual(p.problems, []);
});

test('the plan editor has no serious or critical accessibility violation', async () => {
  const p = await ready(env, 'preset=changzhi&lang=zh-CN', { bypassCSP: true });
  await p.locator('#editor-toggle').click();
  await p.locator('#editor [data-path="title.zh-CN"]').waitFor();
  assert.deepEqual(await audit(p), []);
  assert.deepEqual(p.problems, []);
});
