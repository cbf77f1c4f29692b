// Workbooks in the page: the plan exported as .xlsx by the worker (the workbook build loaded on first use), a
// plancalc workbook opened back as a plan, figures read from a workbook's sheet as undoable edits, a table of targets
// from a workbook LibreOffice wrote, a project list taken from a sheet through the CSV mapping step, and a file that
// is no workbook refused with its code.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { start, ready, card, ARTIFACTS, ROOT } from './harness.mjs';
import init, { PlanSession, exportWorkbook, WorkbookFile } from '../../www/pkg/plancalc_xlsx.js';

let env;
before(async () => {
  env = await start();
  await init({ module_or_path: readFileSync(`${ROOT}www/pkg/plancalc_xlsx_bg.wasm`) });
});
after(async () => { await env?.close(); });

const value = (p, id) => card(p, id).locator('.value').textContent();
const preset = (name) => readFileSync(`${ROOT}www/presets/${name}.json`, 'utf8');

async function upload(p, name, buffer) {
  await p.locator('#import-xlsx').setInputFiles({ name, mimeType: 'application/octet-stream', buffer: Buffer.from(buffer) });
}

test('export a workbook, then open it back as a plan', async () => {
  const p = await ready(env, 'preset=zunyi&lang=en');
  const before = await value(p, 'industrial-share');
  const [download] = await Promise.all([p.waitForEvent('download'), p.locator('#export-xlsx').click()]);
  assert.match(download.suggestedFilename(), /^zunyi.*\.xlsx$/);
  const path = `${ARTIFACTS}/zunyi.xlsx`;
  await download.saveAs(path);
  const bytes = readFileSync(path);
  assert.equal(bytes.subarray(0, 2).toString(), 'PK');
  // The workbook holds the targets as formulas over the figures, in the page's language.
  const book = new WorkbookFile(bytes);
  const names = book.sheets().map((s) => s.name);
  assert.deepEqual(names.slice(0, 2), ['Targets', 'Figures']);
  assert.match(await p.locator('#xlsx-status').textContent(), /formulas/);

  await upload(p, 'zunyi.xlsx', bytes);
  await p.locator('#xlsx-open-plan:not([hidden])').waitFor();
  const sheets = await p.locator('#xlsx-sheets h3').allTextContents();
  assert.deepEqual(sheets.slice(0, 2), ['Targets', 'Figures'], 'the hidden plan sheet is not offered');
  await p.locator('#xlsx-open-plan').click();
  await p.locator('#xlsx-dialog').waitFor({ state: 'hidden' });
  assert.equal(await value(p, 'industrial-share'), before);
  assert.deepEqual(p.problems, []);
  await p.context().close();
});

test('figures read from a workbook are undoable edits', async () => {
  // A colleague's workbook: the same plan with industrial investment at 2040.
  const colleague = new PlanSession(preset('zunyi'));
  colleague.setValue('industrial', '2021-2023', '2040');
  const bytes = exportWorkbook(colleague, 'zh-CN');
  const p = await ready(env, 'preset=zunyi&lang=en');
  assert.equal(await value(p, 'industrial-share'), '21.3%');
  await upload(p, 'colleague.xlsx', bytes);
  const figures = p.locator('.xlsx-sheet', { has: p.locator('h3', { hasText: '数据' }) });
  await figures.waitFor();
  assert.match(await figures.locator('.hint').textContent(), /looks like figures/);
  await figures.locator('button[data-action="figures"]').click();
  await p.locator('#xlsx-status', { hasText: '1 figures entered' }).waitFor();
  await p.locator('#xlsx-close').click();
  assert.equal(await value(p, 'industrial-share'), '30.0%');
  await p.locator('#undo').click();
  assert.equal(await value(p, 'industrial-share'), '21.3%');
  assert.deepEqual(p.problems, []);
  await p.context().close();
});

test('a project list taken from a sheet goes through the column mapping', async () => {
  const bytes = exportWorkbook(new PlanSession(preset('projects-demo')), 'en');
  writeFileSync(`${ARTIFACTS}/projects-demo.xlsx`, bytes);
  const p = await ready(env, 'preset=projects-demo&lang=en');
  await p.locator('#project-search').fill('XM001');
  await p.locator('#project-search').fill('');
  await upload(p, 'projects.xlsx', bytes);
  const sheet = p.locator('.xlsx-sheet', { has: p.locator('h3', { hasText: 'Projects' }) });
  await sheet.waitFor();
  assert.match(await sheet.locator('.hint').textContent(), /61 rows .* looks like a project list/);
  await sheet.locator('button[data-action="projects"]').click();
  await p.locator('#csv-start:not([disabled])').waitFor();
  assert.equal(await p.locator('#csv-role-0').inputValue(), 'id');
  assert.equal(await p.locator('#csv-role-4').inputValue(), 'ownership');
  await p.locator('#csv-start').click();
  await p.locator('#project-count', { hasText: '60 projects' }).waitFor();
  assert.deepEqual(p.problems, []);
  await p.context().close();
});

test('a table of targets from a workbook LibreOffice wrote joins the plan', async () => {
  const p = await ready(env, 'preset=zunyi&lang=en');
  await upload(p, 'targets-calc.xlsx', readFileSync(`${ROOT}tests/fixtures/targets-calc.xlsx`));
  const sheet = p.locator('.xlsx-sheet', { has: p.locator('h3', { hasText: 'targets' }) });
  await sheet.waitFor();
  assert.match(await sheet.locator('.hint').textContent(), /looks like a table of targets/);
  await p.screenshot({ path: `${ARTIFACTS}/workbook-dialog.png` });
  await sheet.locator('button[data-action="targets"]').click();
  await p.locator('#xlsx-status', { hasText: '2 targets read' }).waitFor();
  await p.locator('#xlsx-close').click();
  assert.equal(await value(p, 'ind-share-35'), '21.3%');
  assert.match(await card(p, 'ind-share-35').textContent(), /工业投资占比提高到35%/);
  assert.deepEqual(p.problems, []);
  await p.context().close();
});

test('a sheet too large for plancalc: its code, the other sheets usable, the page answering meanwhile', async () => {
  // 260,000 projects: past the 250,000 rows a sheet may hold (a 10.2 MB workbook).
  const big = JSON.parse(preset('projects-demo'));
  const first = big.projects[0];
  big.projects = Array.from({ length: 260000 }, (_, i) => ({ ...first, id: `B${i}`, name: `项目${i}` }));
  const bytes = exportWorkbook(new PlanSession(JSON.stringify(big)), 'en');
  const p = await ready(env, 'preset=projects-demo&lang=en');
  await upload(p, 'big.xlsx', bytes);
  // While the worker reads, the page keeps drawing frames.
  const gaps = [];
  while ((await p.locator('#xlsx-sheets .xlsx-sheet').count()) === 0 && gaps.length < 400) {
    gaps.push(await p.evaluate(() => new Promise((done) => { const t0 = performance.now(); requestAnimationFrame(() => done(performance.now() - t0)); })));
  }
  assert.ok(gaps.length > 3, `the reading took ${gaps.length} frames`);
  assert.ok(Math.max(...gaps) < 200, `a frame took ${Math.max(...gaps)} ms`);
  const projects = p.locator('.xlsx-sheet', { has: p.locator('h3', { hasText: 'Projects' }) });
  assert.match(await projects.locator('.error').textContent(), /\[xlsx\.too_many_rows\]/);
  assert.match(await p.locator('#xlsx-status').textContent(), /xlsx\.too_many_rows/);
  const figures = p.locator('.xlsx-sheet', { has: p.locator('h3', { hasText: 'Figures' }) });
  assert.equal(await figures.locator('button[data-action="figures"]').count(), 1, 'the other sheets can still be taken');
  assert.equal(await p.locator('#project-count').textContent(), '60 projects', 'nothing changed');
  assert.deepEqual(p.problems, []);
  await p.context().close();
});

test('a file that is not a workbook is refused with its code', async () => {
  const p = await ready(env, 'preset=zunyi&lang=zh-CN');
  await upload(p, 'notes.xlsx', 'just some text');
  await p.locator('#xlsx-status', { hasText: 'xlsx.not_zip' }).waitFor();
  assert.match(await p.locator('#xlsx-status').textContent(), /工作簿出错/);
  assert.equal(await value(p, 'industrial-share'), '21.3%');
  assert.deepEqual(p.problems, []);
  await p.context().close();
});
