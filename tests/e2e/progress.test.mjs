// Monthly progress on the page: the made-up monthly sample shows each unit's months with lights that carry a symbol
// and a word; a month's figure typed changes its completion and light at once.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, ready, ARTIFACTS } from './harness.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env?.close(); });

test('months, lights with words and symbols, and a monthly figure edited', async () => {
  const p = await ready(env, 'preset=monthly-demo&lang=en');
  const grid = p.locator('.progress-grid');
  await grid.waitFor();
  assert.equal(await grid.locator('tbody tr').count(), 3);
  assert.match(await p.locator('#bulletin-text').textContent(), /Red: County B\./);
  // What November must bring, in the core's words, and each unit's months as charts with their numbers.
  assert.match(await p.locator('.progress-next').first().textContent(), /^City FAI: .*must reach 1100\.00 亿元 \(95\.00 亿元 in November\)/);
  assert.equal(await p.locator('.chart-box[data-chart="monthly"]').count(), 3);
  assert.match(await p.locator('.chart-box[data-chart="monthly"]').nth(2).locator('table').textContent(), /69\.6%.*83\.3%.*−13\.8 pp/s);
  await p.locator('.chart-box[data-chart="monthly"]').first().screenshot({ path: `${ARTIFACTS}/monthly-chart.png` });
  // A figure of the bulletin opens its explanation: County B's 13.8 pp behind, exact (−950/69) and rounded once.
  await p.locator('#bulletin-text button', { hasText: '13.8' }).click();
  await p.locator('#explain:not([hidden])').waitFor();
  assert.match(await p.locator('#explain-body').textContent(), /County B · Jan–Oct 2023: ahead of or behind time-progress.*\(= -950\/69\).*-13\.8/s);
  // So does a figure in a unit's table.
  await p.locator('.progress-table').nth(0).locator('tbody tr').last().locator('button[data-explain$="|run_rate"]').click();
  assert.match(await p.locator('#explain-body').textContent(), /needed per month = \(annual plan − done to date\) ÷ \(12 − months elapsed\).*97\.50/s);
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
  assert.match(await p.locator('#bulletin-text').textContent(), /^January to October: .*Green: City FAI, County A, County B\.$/);
  // As of September instead: the bulletin and the ranking of that month.
  await p.locator('#progress-month').selectOption({ label: 'Jan–Sep' });
  await p.locator('#bulletin-text', { hasText: /^January to September: / }).waitFor();
  assert.equal(await p.locator('#progress-month').inputValue(), '9', 'the month picked stays picked');
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

test('a release pasted, its figures confirmed and entered as October actuals', async () => {
  const p = await ready(env, 'preset=monthly-demo&lang=en');
  await p.locator('.progress-grid').waitFor();
  await p.locator('#release-box summary').click();
  await p.locator('#release-input').fill('1—10月,全市固定资产投资完成1010亿元,同比增长12.0%,完成年度计划的84.2%,超序时进度0.9个百分点。'
    + '分县看,甲县完成投资2500000万元,乙县完成投资200亿元,丙县完成投资90亿元。');
  await p.locator('#release-read').click();
  await p.locator('#release-status', { hasText: '7 figures read, 3 to enter.' }).waitFor();
  const rows = p.locator('.release-table tbody tr');
  assert.match(await rows.nth(4).textContent(), /甲县.*2500000 万元.*Oct.*250/);
  assert.equal(await rows.nth(4).locator('select').inputValue(), 'a', 'matched to County A by its subject');
  assert.match(await rows.nth(6).textContent(), /丙县.*No figure of the plan is "丙县"/);
  assert.equal(await rows.nth(6).locator('input[type="checkbox"]').isDisabled(), true);
  // The completion rate the release states is checked against its own amounts, not entered.
  assert.match(await p.locator('.release-checks').textContent(), /^✓ agrees: .*超序时进度/);
  // The planner leaves the city's figure out and enters the counties'.
  await rows.nth(0).locator('input[type="checkbox"]').uncheck();
  await p.locator('#release-enter').click();
  await p.locator('#release-status', { hasText: '2 figures entered' }).waitFor();
  const countyB = p.locator('.progress-table').nth(2).locator('tbody tr').last();
  assert.match(await countyB.textContent(), /200.*87\.0%/);
  assert.match(await countyB.locator('.light').textContent(), /^● green/);
  assert.match(await p.locator('.progress-table').nth(0).locator('tbody tr').last().textContent(), /1,005/, 'the unticked figure stayed');
  await p.locator('#undo').click();
  await p.locator('#undo').click();
  await p.waitForFunction(() => document.querySelectorAll('.progress-table')[2]?.querySelector('tbody tr:last-child .light')?.textContent.startsWith('■ red'));
  assert.deepEqual(p.problems, []);
  await p.context().close();
});
