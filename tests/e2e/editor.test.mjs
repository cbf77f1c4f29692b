// The plan editor: a plan built from nothing with the keyboard (periods, a breakdown, a series within another, a
// share target) that evaluates; a change the core refuses shows its coded message at the field and leaves the plan
// as it was; deleting a series that others use names them and asks first; plan changes undo.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, ready, ARTIFACTS } from './harness.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env?.close(); });

const path = (p, x) => p.locator(`#editor [data-path="${x}"]`);

/** Types `text` into the field at data-path `x` with the keyboard, then leaves it (Tab), which commits it. */
async function type(p, x, text) {
  await path(p, x).focus();
  await p.keyboard.press('Control+A');
  await p.keyboard.type(text);
  await p.keyboard.press('Tab');
}

/** Presses the editor's button `action` for `list` (and item `index`) with the keyboard. */
async function press(p, action, list, index) {
  const sel = `#editor button[data-do="${action}"][data-list="${list}"]${index === undefined ? '' : `[data-index="${index}"]`}`;
  await p.locator(sel).focus();
  await p.keyboard.press('Enter');
}

test('a plan built from nothing with the keyboard evaluates; refusals and deletions are explained', async () => {
  const p = await ready(env, 'preset=zunyi&lang=en');
  await p.locator('#mine-open').focus();
  await p.keyboard.press('Enter');
  await p.locator('#mine-dialog[open]').waitFor(); // it opens once My plans are read from IndexedDB
  await p.locator('#mine-new').focus();
  await p.keyboard.press('Enter');
  await p.locator('#editor:not([hidden])').waitFor();
  const year = new Date().getFullYear();
  // A second period, two more figures (industrial in a breakdown of FAI, private within FAI), a share target.
  await press(p, 'add', 'periods');
  await path(p, 'periods.1.previous').waitFor();
  assert.equal(await path(p, 'periods.1.id').inputValue(), String(year + 1));
  await press(p, 'add', 'series');
  await path(p, 'series.1.label.zh-CN').waitFor();
  await type(p, 'series.1.label.zh-CN', '工业投资');
  await type(p, 'series.1.label.en', 'Industrial');
  await press(p, 'add', 'series');
  await path(p, 'series.2.label.en').waitFor();
  await type(p, 'series.2.label.en', 'Private');
  await path(p, 'series.2.within').focus();
  await p.keyboard.press('ArrowDown'); // (none) → FAI
  await p.waitForFunction(() => document.querySelector('[data-path="series.2.within"]')?.value === 'fai');
  await press(p, 'add', 'breakdowns');
  await path(p, 'breakdowns.0.parent').waitFor();
  await press(p, 'add', 'targets');
  await path(p, 'targets.0.indicator.kind').focus();
  await p.keyboard.press('ArrowDown'); await p.keyboard.press('ArrowDown'); // amount → cumulative → share
  await path(p, 'targets.0.indicator.part').waitFor();
  await path(p, 'targets.0.indicator.part').focus();
  await p.keyboard.press('ArrowDown'); // FAI → Industrial
  await p.waitForFunction(() => document.querySelector('[data-path="targets.0.indicator.part"]')?.value === 's2');
  await type(p, 'targets.0.value', '30');
  // The figures, typed in the what-if table: 320 of 1000 is 32.0%, met.
  await p.locator(`#figures input[type="text"][data-series="fai"][data-period="${year}"]`).fill('1000');
  await p.locator(`#figures input[type="text"][data-series="s2"][data-period="${year}"]`).fill('320');
  await p.locator('.card[data-target="t1"] .value').filter({ hasText: '32.0%' }).waitFor();
  assert.match(await p.locator('.card[data-target="t1"]').textContent(), /Met/i);
  await p.screenshot({ path: `${ARTIFACTS}/editor.png`, fullPage: true });
  // A refused change: a second series called "fai". The message is at the field; the plan is as it was.
  await type(p, 'series.1.id', 'fai');
  const alert = p.locator('#editor .field-error');
  await alert.waitFor();
  assert.match(await alert.textContent(), /\[id\.duplicate series\[1\]\.id\]/);
  assert.equal(await path(p, 'series.1.id').getAttribute('aria-invalid'), 'true');
  assert.equal(await p.locator('.card[data-target="t1"] .value').textContent(), '32.0%');
  // Deleting FAI names what uses it and asks first; declined, nothing changes; accepted, they go with it.
  let asked = '';
  p.once('dialog', (d) => { asked = d.message(); d.dismiss(); });
  await press(p, 'delete', 'series', 0);
  await p.waitForFunction(() => true);
  assert.match(asked, /target t1/);
  assert.match(asked, /breakdown b1/);
  assert.equal(await p.locator('.card').count(), 1);
  p.once('dialog', (d) => d.accept());
  await press(p, 'delete', 'series', 0);
  await p.waitForFunction(() => document.querySelectorAll('.card').length === 0);
  // And undone.
  await p.locator('#editor button[data-do="undo"]').focus();
  await p.keyboard.press('Enter');
  await p.locator('.card[data-target="t1"]').waitFor();
  assert.deepEqual(p.problems, []);
  await p.context().close();
});

test('a series over projects takes its filter from the editor', async () => {
  const p = await ready(env, 'preset=projects-demo&lang=en');
  await p.locator('#editor-toggle').click();
  const i = await p.evaluate(() => [...document.querySelectorAll('#editor [data-path^="series."][data-path$=".id"]')]
    .find((x) => x.value === 'industrial').dataset.path.split('.')[1]);
  const sectors = p.locator(`#editor [data-path="series.${i}.projects.where.sector"]`);
  await sectors.waitFor();
  const all = await sectors.locator('option').evaluateAll((os) => os.map((o) => o.value));
  const cell = (id) => p.locator(`#figures td[data-series="${id}"], #figures input[type="text"][data-series="${id}"]`).first();
  const total = await cell('all').evaluate((x) => x.value ?? x.textContent);
  await sectors.selectOption(all); // every sector: the industrial sum becomes the sum of all projects
  await p.waitForFunction(([a]) => {
    const v = (id) => { const x = document.querySelector(`#figures td[data-series="${id}"], #figures input[data-series="${id}"]`); return x?.value || x?.textContent; };
    return v('industrial') === a;
  }, [total]);
  assert.deepEqual(p.problems, []);
  await p.context().close();
});
