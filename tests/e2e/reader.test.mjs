// Reading a plan's text in the page: paste a seed plan (traditional characters, as published), see each target
// beside its sentence, reject and edit some, open the draft as a plan, and find it again after a reload. The
// text stays text.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { start, ready, ROOT, ARTIFACTS } from './harness.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env?.close(); });

const seed = (name) => readFileSync(`${ROOT}tests/seeds/${name}`, 'utf8');

test('a seed plan read from its text opens as a plan that evaluates and survives a reload', async () => {
  const p = await ready(env, 'preset=zunyi&lang=en');
  await p.locator('#text-open-dialog').click();
  // Wuzhong's plan, in traditional characters with the pinyin glosses of its source.
  await p.locator('#text-input').fill(seed('003_71a6f3adcac7ff31.txt'));
  await p.locator('#text-read').click();
  const rows = p.locator('#text-targets tbody tr');
  await rows.first().waitFor();
  assert.equal(await rows.count(), 14);
  assert.match(await p.locator('#text-notes').textContent(), /14 targets read/);
  // The first target, FAI growth ≥ 11%, and its sentence marked in the text.
  const first = rows.first();
  assert.equal(await first.locator('.subject').inputValue(), '固定资产投资');
  assert.equal(await first.locator('.indicator').inputValue(), 'growth');
  assert.equal(await first.locator('.cmp').inputValue(), '>=');
  assert.equal(await first.locator('.value').inputValue(), '11');
  await first.locator('.subject').focus();
  const current = p.locator('#text-view mark.current');
  assert.match(await current.textContent(), /確保全年固定資產\(chǎn\)投資增長11%以上/);
  // The text is shown as text: its characters, not markup.
  assert.equal(await p.locator('#text-view script, #text-view img').count(), 0);
  await p.screenshot({ path: `${ARTIFACTS}/reader-wuzhong.png` });
  // Reject the last target, raise the city's growth target to 12, and open the draft.
  await rows.last().locator('.accept').uncheck();
  await first.locator('.value').fill('12');
  await p.locator('#text-open').click();
  await p.locator('#text-dialog').waitFor({ state: 'hidden' });
  await p.locator('.card').first().waitFor();
  assert.equal(await p.locator('.card').count(), 13);
  assert.match(await p.locator('#targets').textContent(), /12/);
  assert.deepEqual(p.problems, []);
  // A reload reopens the draft (kept in the browser), not the preset.
  await p.reload();
  await p.locator('body[data-ready="true"]').waitFor();
  assert.equal(await p.locator('.card').count(), 13);
  assert.match(new URL(p.url()).search, /preset=mine-/);
  // It is one of My plans, under the plan's own title.
  await p.locator('#mine-open').click();
  await p.locator('#mine-list tbody tr').first().waitFor();
  assert.match(await p.locator('#mine-list .mine-name').first().inputValue(), /吴忠/);
  await p.context().close();
});

test('a text with no targets says so; HTML pasted is read as text', async () => {
  const p = await ready(env, 'preset=zunyi&lang=en');
  await p.locator('#text-open-dialog').click();
  await p.locator('#text-input').fill('<img src=x onerror="document.title=\'pwned\'"><p>Hello</p>');
  await p.locator('#text-read').click();
  await p.locator('#text-notes').filter({ hasText: 'No targets found' }).waitFor();
  assert.equal(await p.locator('#text-targets tbody tr').count(), 0);
  assert.ok(await p.locator('#text-open').isDisabled());
  assert.equal(await p.locator('#text-view img').count(), 0);
  assert.notEqual(await p.title(), 'pwned');
  assert.deepEqual(p.problems, []);
  await p.context().close();
});

test('5 MB of random characters: read in the worker with progress, the page stays responsive', async () => {
  const p = await ready(env, 'preset=zunyi&lang=en');
  await p.locator('#text-open-dialog').click();
  // Digits, units, markers and Chinese characters without a plan in them; filled in the page (not typed).
  await p.evaluate(() => {
    const alphabet = '0123456789.,%亿元个以上左右占比增长分别和、力争确保2023年—到的投资,。\n 甲乙丙丁abc<>';
    let x = 7;
    let text = '';
    for (let i = 0; i < 5_000_000 / 3; i++) {
      x = (x * 1103515245 + 12345) % 2147483648;
      text += alphabet[x % alphabet.length];
    }
    document.getElementById('text-input').value = text;
  });
  await p.locator('#text-read').click();
  // While the worker reads, the main thread answers (a frozen page would not run this at once).
  const t0 = Date.now();
  await p.evaluate(() => new Promise((ok) => setTimeout(ok, 0)));
  assert.ok(Date.now() - t0 < 1000, 'the page answers while the text is read');
  await p.locator('#text-notes').filter({ hasText: 'targets read' }).waitFor({ timeout: 60000 });
  assert.ok(await p.locator('#text-targets tbody tr').count() <= 300);
  assert.match(await p.locator('#text-unread').textContent(), /more not listed/);
  assert.deepEqual(p.problems, []);
  await p.context().close();
});
