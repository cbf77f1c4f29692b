// Monthly progress on the page: the made-up monthly sample shows each unit's months with lights that carry a symbol
// and a word; a month's figure typed changes its completion and light at once.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, ready } from './harness.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env?.close(); });

test('months, lights with words and symbols, and a monthly figure edited', async () => {
  const p = await ready(env, 'preset=monthly-demo&lang=en');
  const grid = p.locator('.progress-grid');
  await grid.waitFor();
  assert.equal(await grid.locator('tbody tr').count(), 3);
  assert.match(await p.locator('#bulletin-text').textContent(), /Red: County B\./);
  // Ranked by the core: County A first, County B last.
  assert.match(await p.locator('.progress-ranking').textContent(), /^County A: \+4\.0 pp.*City FAI: \+0\.4 pp.*County B: −13\.8 pp/s);
  // County B is well behind by October: red, said in words and with a symbol.
  const countyB = p.locator('.progress-table').nth(2);
  const october = countyB.locator('tbody tr').last();
  assert.match(await october.textContent(), /69\.6%.*83\.3%.*−13\.8 pp/);
  assert.match(await october.locator('.light').textContent(), /^■ red/);
  // October's figure raised to 200 of 230: 87.0%, ahead of 83.3% — green.
  await p.locator('#figures input[type="text"][data-series="b"][data-period="2023-10"]').fill('200');
  await p.waitForFunction(() => document.querySelectorAll('.progress-table')[2]?.querySelector('tbody tr:last-child .light')?.textContent.startsWith('● green'));
  assert.match(await p.locator('.progress-table').nth(2).locator('tbody tr').last().textContent(), /87\.0%/);
  // The month's bulletin follows: County B is no longer listed red.
  assert.match(await p.locator('#bulletin-text').textContent(), /^January to month 10: .*Green: City FAI, County A, County B\.$/);
  assert.deepEqual(p.problems, []);
  await p.context().close();
});

test('monthly figures imported from a CSV: all entered, or none with every bad row listed', async () => {
  const p = await ready(env, 'preset=monthly-demo&lang=en');
  await p.locator('.progress-grid').waitFor();
  const bad = '单位,1—10月\n乙县,200\n丙县,10\n';
  await p.locator('#progress-csv').setInputFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
  await p.locator('#progress-error:not([hidden])').waitFor();
  assert.match(await p.locator('#progress-error').textContent(), /line 3.*csv\.unknown_unit/s);
  assert.match(await p.locator('.progress-table').nth(2).locator('tbody tr').last().textContent(), /69\.6%/);
  const good = '单位,月份,完成投资（万元）\n乙县,1—10月,2000000\n';
  await p.locator('#progress-unit').selectOption('万元');
  await p.locator('#progress-csv').setInputFiles({ name: 'good.csv', mimeType: 'text/csv', buffer: Buffer.from(good) });
  await p.waitForFunction(() => /87\.0%/.test(document.querySelectorAll('.progress-table')[2]?.querySelector('tbody tr:last-child')?.textContent ?? ''));
  assert.ok(await p.locator('#progress-error').isHidden());
  assert.deepEqual(p.problems, []);
  await p.context().close();
});
