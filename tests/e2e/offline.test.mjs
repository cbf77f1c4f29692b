// The one-file build (`make dist` → dist/plancalc-offline.html): the planner's page opened from file://, as from a USB
// stick on an intranet — no server, no request anywhere, the CSV and text workers and autosave working as on the
// served page.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { start, ARTIFACTS } from './harness.mjs';
import { onefile } from '../../tools/onefile.mjs';

let env;
let dir;
let file;
before(async () => {
  env = await start();
  dir = mkdtempSync(join(tmpdir(), 'usb-'));
  file = await onefile(join(dir, 'plancalc-offline.html'));
});
after(async () => {
  await env?.close();
  rmSync(dir, { recursive: true, force: true });
});

test('opened from file:// it shows a plan, keeps an edit across a reload, imports a CSV and reads a plan text in its workers', async () => {
  const context = await env.browser.newContext({ viewport: { width: 1200, height: 900 } });
  const p = await context.newPage();
  const problems = [];
  const away = [];
  p.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
  p.on('pageerror', (e) => problems.push(e.message));
  context.on('request', (r) => !/^(file|data|blob):/.test(r.url()) && away.push(r.url()));
  await p.goto(`${pathToFileURL(file).href}?preset=zunyi&lang=en`);
  await p.locator('body[data-ready="true"]').waitFor();
  assert.equal(await p.locator('.card[data-target="industrial-share"] .value').textContent(), '21.3%');
  await p.locator('#figures input[type="text"][data-series="industrial"]').first().fill('1,700');
  await p.waitForFunction(() => localStorage.getItem('plancalc:v1:zunyi') !== null);
  await p.reload();
  await p.locator('body[data-ready="true"]').waitFor();
  assert.equal(await p.locator('#figures input[type="text"][data-series="industrial"]').first().inputValue(), '1700');
  // The project plan, and a CSV list read by the worker the page builds from its own copy of the core.
  await p.goto(`${pathToFileURL(file).href}?preset=projects-demo&lang=en`);
  await p.locator('body[data-ready="true"]').waitFor();
  const csv = '项目编号,项目名称,行业,县区,投资主体,建设性质,标记,总投资（万元）,2023年计划投资（万元）,2023年完成投资（万元）\r\n'
    + 'A1,甲,工业,县1,民营,新开工,重点,5000,1200,300\r\nA2,乙,交通,县2,国有,续建,,8000,2400,600\r\n';
  await p.locator('#import-csv').setInputFiles({ name: 'list.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await p.locator('#csv-start:not([disabled])').click();
  await p.waitForFunction(() => /2 projects imported/.test(document.getElementById('announce').textContent), null, { timeout: 10000 })
    .catch(async (e) => { throw new Error(`${e.message}; announced: ${await p.locator('#announce').textContent()}; ${problems}`); });
  await p.screenshot({ path: `${ARTIFACTS}/offline-file.png` });
  // A plan's text read by the reader's own core, inside the page too; the draft kept in My plans.
  await p.locator('#text-open-dialog').click();
  await p.locator('#text-input').fill('2024年,确保全市固定资产投资增长8%以上,民间投资占比达到50%以上。');
  await p.locator('#text-read').click();
  await p.locator('#text-targets tbody tr').nth(1).waitFor();
  await p.locator('#text-open').click();
  await p.locator('#text-dialog').waitFor({ state: 'hidden' });
  await p.locator('.card').nth(1).waitFor();
  assert.equal(await p.locator('.card').count(), 2);
  assert.deepEqual(away, [], 'nothing is requested from anywhere');
  assert.deepEqual(problems, []);
  await context.close();
});
