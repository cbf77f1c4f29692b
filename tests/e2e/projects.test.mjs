// Project lists in the page: the table with filter and search, amounts edited in place, and CSV import through a
// worker — the mapping step, the progress bar, every bad row listed, nothing changed on failure — up to 100,000
// projects, scrolled from end to end and kept across a reload.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, ready, card, ARTIFACTS } from './harness.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env?.close(); });

const count = (p) => p.locator('#project-count').textContent();
const value = (p, id) => card(p, id).locator('.value').textContent();

/** A project list as a planner's spreadsheet has it: Chinese headers, amounts in 万元. */
function csv(n, bad = []) {
  const own = ['民营', '国有', '外资', '混合'];
  const stage = ['储备', '新开工', '续建', '竣工'];
  const lines = ['项目编号,项目名称,行业,县区,投资主体,建设性质,标记,总投资（万元）,2023年计划投资（万元）,2023年完成投资（万元）'];
  for (let i = 0; i < n; i++) {
    lines.push(`P${i},项目${i},${['工业', '交通', '能源'][i % 3]},县${i % 9},${own[i % 4]},${stage[i % 4]},${i % 10 ? '' : '重点'},`
      + `${i * 10 + 5000},${(i % 97) * 100 + 50},${i % 50}`);
  }
  for (const [line, text] of bad) lines[line - 1] = text;
  return `${lines.join('\r\n')}\r\n`;
}

async function upload(p, name, text) {
  await p.locator('#import-csv').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(text) });
  await p.locator('#csv-start:not([disabled])').waitFor();
}

test('the sample project plan: filter, search and an amount edited in place', async () => {
  const p = await ready(env, 'preset=projects-demo&lang=en');
  assert.equal(await count(p), '60 projects');
  await p.locator('#project-sector').selectOption('工业');
  assert.equal(await count(p), '12 projects');
  await p.locator('#project-search').fill('XM001');
  assert.equal(await count(p), '1 projects');
  assert.equal(await p.locator('#project-body tr:not(.spacer)').count(), 1);
  assert.equal(await value(p, 'industrial-share'), '26.6%');
  // XM001 is industrial: raising its annual plan raises the industrial share, as one undoable edit.
  const annual = p.locator('#project-body input[data-project="XM001"][data-field="annual"]');
  await annual.fill('40');
  await annual.press('Enter');
  assert.notEqual(await value(p, 'industrial-share'), '26.6%');
  await p.locator('#undo').click();
  assert.equal(await value(p, 'industrial-share'), '26.6%');
  // Bad input in the table: the core's message, and nothing changes.
  await annual.fill('abc');
  await annual.press('Enter');
  assert.match(await p.locator('#project-error').textContent(), /number\.invalid/);
  assert.equal(await value(p, 'industrial-share'), '26.6%');
  assert.deepEqual(p.problems, []);
});

test('a CSV with bad rows lists every one with its line and changes nothing', async () => {
  const p = await ready(env, 'preset=projects-demo&lang=en');
  const before = await value(p, 'private-share');
  await upload(p, 'bad.csv', csv(1000, [
    [5, 'P3,项目3,工业,县1,民营,新开工,,5000,abc,0'],
    [40, 'P38,项目38,工业,县1,民营,someday,,5000,10,0'],
    [700, 'P1,dup,工业,县1,民营,新开工,,5000,10,0'],
    [901, 'P899,短行,工业'],
  ]));
  assert.equal(await p.locator('#csv-role-0').inputValue(), 'id');
  assert.equal(await p.locator('#csv-unit').inputValue(), '万元');
  await p.locator('#csv-start').click();
  await p.locator('#csv-errors:not([hidden])').waitFor();
  assert.equal(await p.locator('#csv-errors-title').textContent(), '4 bad rows; nothing was imported:');
  const items = await p.locator('#csv-errors-list li').allTextContents();
  assert.equal(items.length, 4);
  assert.match(items[0], /^line 5 · 2023年计划投资（万元） · \[number\.invalid\]/);
  assert.match(items[1], /^line 40 · 建设性质 · \[field\.invalid\]/);
  assert.match(items[2], /^line 700 · 项目编号 · \[id\.duplicate\] .*line 3/);
  assert.match(items[3], /^line 901 · \[csv\.columns\]/);
  await p.locator('#csv-dialog').screenshot({ path: `${ARTIFACTS}/csv-import-errors.png` });
  await p.locator('#csv-cancel').click();
  assert.equal(await count(p), '60 projects');
  assert.equal(await value(p, 'private-share'), before);
  assert.deepEqual(p.problems, []);
});

test('100,000 projects from CSV: bad rows found anywhere, then read off the main thread, scrolled end to end, edited, kept across a reload', async () => {
  const p = await ready(env, 'preset=projects-demo&lang=en');
  // A 100,000-project file with three bad rows — near the start, in the middle, the very last — is refused as a
  // whole, each row listed with its line, and the plan keeps its own 60 projects.
  await upload(p, 'projects-bad.csv', csv(100000, [
    [3, 'P0,重复,工业,县1,民营,新开工,,5000,10,0'],
    [50001, 'P49999,项目49999,工业,县1,民营,新开工,,5000,十万,0'],
    [100001, 'P99999,短行'],
  ]));
  await p.locator('#csv-start').click();
  await p.locator('#csv-errors:not([hidden])').waitFor({ timeout: 120000 });
  assert.equal(await p.locator('#csv-errors-title').textContent(), '3 bad rows; nothing was imported:');
  const items = await p.locator('#csv-errors-list li').allTextContents();
  assert.equal(items.length, 3);
  assert.match(items[0], /^line 3 · 项目编号 · \[id\.duplicate\] .*line 2/);
  assert.match(items[1], /^line 50001 · 2023年计划投资（万元） · \[number\.invalid\]/);
  assert.match(items[2], /^line 100001 · \[csv\.columns\]/);
  await p.locator('#csv-cancel').click();
  assert.equal(await count(p), '60 projects');
  // (Playwright builds the 4 MB file inside the page: a long task of its own, so watching starts after it.)
  await upload(p, 'projects.csv', csv(100000));
  await p.evaluate(() => {
    window.longTasks = [];
    new PerformanceObserver((list) => window.longTasks.push(...list.getEntries().map((e) => e.duration)))
      .observe({ type: 'longtask' });
  });
  await p.locator('#csv-start').click();
  await p.locator('#csv-dialog').waitFor({ state: 'hidden', timeout: 120000 });
  assert.equal(await count(p), '100,000 projects');
  assert.match(await p.locator('#announce').textContent(), /100,000 projects imported/);
  // Reading happened in the worker: the page's own long task is installing the list and one render (~150 ms
  // here), not the parse (~1 s).
  const longest = await p.evaluate(() => Math.max(0, ...window.longTasks));
  assert.ok(longest < 400, `longest main-thread task during the import: ${longest} ms`);
  // Only the rows in view exist; scrolling to the end shows the last project.
  assert.ok(await p.locator('#project-body tr').count() < 80);
  await p.locator('#project-scroll').evaluate((box) => { box.scrollTop = box.scrollHeight; });
  await p.locator('#project-body th', { hasText: '项目99999' }).waitFor();
  await p.locator('#project-scroll').evaluate((box) => { box.scrollTop = box.scrollHeight / 2; });
  await p.locator('#project-body th', { hasText: '项目50000' }).waitFor();
  await p.screenshot({ path: `${ARTIFACTS}/projects-100k.png` });
  // An edit to one project in a list of 100,000.
  const before = await value(p, 'private-share');
  await p.locator('#project-search').fill('P4');
  await p.locator('#project-ownership').selectOption('private');
  const first = p.locator('#project-body input[data-field="annual"]').first();
  await first.fill('99999');
  await first.press('Enter');
  assert.notEqual(await value(p, 'private-share'), before);
  const after = await value(p, 'private-share');
  // Reload: the imported list comes back from IndexedDB with the edit.
  await p.evaluate(() => dispatchEvent(new Event('pagehide')));
  await p.reload();
  await p.locator('body[data-ready="true"]').waitFor({ timeout: 60000 });
  await p.locator('#project-search').fill('');
  assert.equal(await count(p), '100,000 projects');
  assert.equal(await value(p, 'private-share'), after);
  assert.deepEqual(p.problems, []);
});

test('each project’s month: lit against time-progress, counted over the filter, ranked behind first', async () => {
  const l = (x) => ({ 'zh-CN': x, en: x });
  const projects = Array.from({ length: 3000 }, (_, i) => ({
    id: `M${i}`, name: `项目${i}`, sector: i % 2 ? '工业' : '交通', ownership: 'state', stage: 'continuing',
    annual: { 2023: '120' }, completed: { '2023-09': String(60 + (i % 50)), '2023-10': String(70 + (i % 60)) },
  }));
  const plan = {
    schema: 1, id: 'months', title: l('months'),
    periods: [{ id: '2023', label: l('2023'), kind: 'year' }, { id: '2023-09', label: l('Jan–Sep 2023'), kind: 'month' },
      { id: '2023-10', label: l('Jan–Oct 2023'), kind: 'month' }],
    series: [{ id: 'all', label: l('all'), projects: { field: 'annual' } }], targets: [], projects,
  };
  const p = await ready(env, 'preset=zunyi&lang=en');
  await p.locator('#import').setInputFiles({ name: 'months.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(plan)) });
  await p.locator('#project-count', { hasText: '3,000 projects' }).waitFor();
  // October (70 + i mod 60 of 120): 100 is on time-progress (83.3%); 94 to 99 within 5 pp (yellow); below, red.
  await p.locator('#project-period').selectOption({ label: 'Jan–Oct 2023' });
  await p.locator('#project-months:not([hidden])').waitFor();
  assert.equal(await p.locator('#project-months').textContent(), 'Jan–Oct: ● 1,500 green · ▲ 300 yellow · ■ 1,200 red · 0 without a light');
  await p.locator('#project-sector').selectOption('工业');
  assert.match(await p.locator('#project-months').textContent(), /● 750 green · ▲ 150 yellow · ■ 600 red/);
  await p.locator('#project-rank').check();
  const first = p.locator('#project-body tr:not(.spacer)').first();
  assert.match(await first.textContent(), /^M1项目1.*59\.2%.*−24\.2 pp.*■ red/);
  // M1's October raised to 100: green, and the counts follow once typing pauses.
  await first.locator('input[data-field="completed"]').fill('100');
  await first.locator('input[data-field="completed"]').press('Enter');
  await p.locator('#project-months', { hasText: '● 751 green' }).waitFor();
  assert.match(await p.locator('#project-body tr:not(.spacer)').first().textContent(), /83\.3%.*0\.0 pp.*● green/);
  // The year: the grid of projects × months, a light per month with its word for assistive technology.
  await p.locator('#project-period').selectOption({ label: '2023' });
  const head = await p.locator('#project-head th').allTextContents();
  assert.deepEqual(head.slice(-2), ['Jan–Sep 2023', 'Jan–Oct 2023']);
  await p.locator('#project-search').fill('M2');
  const m2 = p.locator('#project-body tr:not(.spacer)').first();
  // M2: 62 of 120 by September (51.7% against 75.0%: red), 72 by October (60.0% against 83.3%: red).
  assert.deepEqual(await m2.locator('.grid-light .light').evaluateAll((xs) => xs.map((x) => `${x.textContent} ${x.getAttribute('aria-label')}`)),
    ['■ red (well behind time-progress)', '■ red (well behind time-progress)']);
  assert.deepEqual(p.problems, []);
  await p.context().close();
});
