// Keeping and sharing work: scenarios and comparison, share links, import and export.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { start, ready, card, field, ROOT } from './harness.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env?.close(); });

const page = (query) => ready(env, query);

test('scenarios: save the edits under a name, switch, compare side by side in percentage points', async () => {
  const p = await page('preset=zunyi&lang=en');
  await p.locator('#scenario-name').fill('more industry');
  await p.locator('#scenario-add').click();
  assert.equal(await p.locator('#scenario').inputValue(), 'more industry');
  await field(p, 'industrial').fill('2040');
  await p.locator('#compare-with').selectOption('baseline');
  const row = p.locator('#compare tr[data-kind="target"][data-id="industrial-share"]');
  assert.equal(await row.locator('td.delta').textContent(), '+8.7 pp');
  assert.match(await row.textContent(), /21\.3% ✘.*30\.0% ✔/);
  // A figure that differs is listed too.
  assert.equal(await p.locator('#compare tr[data-kind="series"][data-id="industrial"] td.delta').textContent(), '+590.00 亿元');
  await p.locator('#scenario').selectOption('scenario 1');
  assert.equal(await card(p, 'industrial-share').locator('.value').textContent(), '21.3%');
  assert.equal(await field(p, 'industrial').inputValue(), '1450');
  // A name used twice is refused with the core's code.
  await p.locator('#scenario-name').fill('more industry');
  await p.locator('#scenario-add').click();
  assert.match(await p.locator('#import-error').textContent(), /\[id\.duplicate\]/);
  assert.deepEqual(p.problems, []);
});

test('a share link reopens the same plan, scenarios and edits in a fresh browser', async () => {
  const p = await page('preset=zunyi&lang=en');
  await field(p, 'industrial').fill('1700');
  await p.locator('#scenario-name').fill('plan B');
  await p.locator('#scenario-add').click();
  await field(p, 'industrial').fill('2040');
  await p.locator('#share').click();
  await p.locator('#share-url').waitFor({ state: 'visible' }); // the link is compressed asynchronously
  const url = await p.locator('#share-url').inputValue();
  assert.match(url, /#s=[A-Za-z0-9_-]+$/);
  const q = await env.open(url.replace(env.url, ''));
  await q.locator('body[data-ready="true"]').waitFor();
  assert.deepEqual(await q.locator('#scenario option').allTextContents(), ['scenario 1', 'plan B']);
  assert.equal(await q.locator('#scenario').inputValue(), 'plan B');
  assert.equal(await card(q, 'industrial-share').locator('.value').textContent(), '30.0%');
  await q.locator('#scenario').selectOption('scenario 1');
  assert.equal(await card(q, 'industrial-share').locator('.value').textContent(), '25.0%');
  assert.deepEqual(p.problems, []);
  assert.deepEqual(q.problems, []);
});

test('importing a malformed plan shows its code and keeps the current plan; a good one replaces it', async () => {
  const p = await page('preset=zunyi&lang=en');
  await field(p, 'industrial').fill('2040');
  const upload = (name, text) => p.locator('#import').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
  await upload('bad.json', '{"schema": 1, "id": "x", "title": {"zh-CN": "x", "en": "x"}, "periods": [{"id": "y", "label": {"zh-CN": "y", "en": "y"}}], "series": [{"id": "a", "label": {"zh-CN": "a", "en": "a"}, "values": {"y": "NaN"}}]}');
  await p.locator('#import-error', { hasText: 'Cannot import: [number.not_finite] series[0].values.y' }).waitFor();
  assert.equal(await card(p, 'industrial-share').locator('.value').textContent(), '30.0%');
  await upload('not-json.json', 'this is not JSON');
  await p.locator('#import-error', { hasText: '[json.syntax]' }).waitFor();
  await upload('tongren.json', readFileSync(`${ROOT}www/presets/tongren.json`, 'utf8'));
  await p.locator('#plan-title', { hasText: 'Tongren' }).waitFor();
  assert.ok(await p.locator('#import-error').isHidden());
  // The imported plan is kept across a reload.
  await p.reload();
  await p.locator('body[data-ready="true"]').waitFor();
  assert.match(await p.locator('#plan-title').textContent(), /Tongren/);
  assert.deepEqual(p.problems, []);
});

test('export the plan as JSON that loads back, and the results as CSV', async () => {
  const p = await page('preset=zunyi&lang=en');
  await field(p, 'industrial').fill('2,040');
  const [json] = await Promise.all([p.waitForEvent('download'), p.locator('#export').click()]);
  const doc = JSON.parse(readFileSync(await json.path(), 'utf8'));
  assert.equal(doc.schema, 1);
  assert.equal(doc.series.find((s) => s.id === 'industrial').values['2021-2023'], '2040');
  const [csv] = await Promise.all([p.waitForEvent('download'), p.locator('#export-csv').click()]);
  const lines = readFileSync(await csv.path(), 'utf8').replace(/^\ufeff/, '').trim().split('\r\n');
  assert.equal(lines[0], 'kind,id,label,period,exact,display,unit,status,target,margin');
  assert.ok(lines.includes('target,industrial-share,Industrial share of FAI,2021-2023,30,30.0,%,met,>= 30.0,0.0'), lines.join('\n'));
  // The exported plan loads back with the same figure.
  await p.locator('#import').setInputFiles({ name: 'back.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(doc)) });
  await p.waitForURL(/preset=mine-/); // an imported plan becomes one of My plans
  assert.equal(await card(p, 'industrial-share').locator('.value').textContent(), '30.0%');
  assert.deepEqual(p.problems, []);
});
