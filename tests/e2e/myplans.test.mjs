// My plans: a plan read from a text is kept in the browser and listed; renamed, copied, deleted and the deletion
// undone; everything still there after a reload. The embed code with the plan inside it runs in a portal page under
// the strict policy.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { start, ready, ROOT } from './harness.mjs';
import { serve } from '../../tools/serve.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env?.close(); });

const TEXT = '示例市扩大有效投资行动方案\n2024年,确保全市固定资产投资增长8%以上,工业投资占比提高到30%以上。';

async function readAndOpen(p) {
  await p.locator('#text-open-dialog').click();
  await p.locator('#text-input').fill(TEXT);
  await p.locator('#text-read').click();
  await p.locator('#text-targets tbody tr').first().waitFor();
  await p.locator('#text-open').click();
  await p.locator('#text-dialog').waitFor({ state: 'hidden' });
  await p.locator('#plan-title').filter({ hasText: '示例市扩大有效投资行动方案' }).waitFor();
}

const rows = (p) => p.locator('#mine-list tbody tr');

test('My plans: kept, listed, renamed, copied, deleted and restored, and still there after a reload', async () => {
  const p = await ready(env, 'preset=zunyi&lang=en');
  await readAndOpen(p);
  await p.locator('#mine-open').click();
  await rows(p).first().waitFor();
  assert.equal(await rows(p).count(), 1);
  const name = rows(p).first().locator('.mine-name');
  assert.match(await name.inputValue(), /示例市扩大有效投资行动方案/);
  // Rename in place.
  await name.fill('Example city, draft 1');
  await name.press('Enter');
  await name.blur();
  await p.waitForFunction(() => document.querySelector('#mine-list .mine-name')?.value === 'Example city, draft 1');
  // Copy, then delete the copy and undo the deletion.
  await rows(p).first().locator('button[data-action="duplicate"]').click();
  await p.waitForFunction(() => document.querySelectorAll('#mine-list tbody tr').length === 2);
  const copyId = await p.evaluate(() => [...document.querySelectorAll('#mine-list .mine-name')]
    .find((input) => input.value === 'Example city, draft 1 (copy)')?.dataset.id);
  assert.ok(copyId, 'the copy is listed under its name');
  await p.locator(`#mine-list button[data-action="delete"][data-id="${copyId}"]`).click();
  await p.waitForFunction(() => document.querySelectorAll('#mine-list tbody tr').length === 1);
  assert.match(await p.locator('#mine-status').textContent(), /Deleted "Example city, draft 1 \(copy\)"/);
  await p.locator('#mine-undo').click();
  await p.waitForFunction(() => document.querySelectorAll('#mine-list tbody tr').length === 2);
  // Export one as a plan file.
  const [download] = await Promise.all([p.waitForEvent('download'), rows(p).first().locator('button[data-action="export"]').click()]);
  assert.match(download.suggestedFilename(), /\.json$/);
  await p.locator('#mine-close').click();
  // An edit, then a reload: the plan, the edit and both entries are still there.
  const field = p.locator('#figures input[type="text"]').first();
  await field.fill('1200');
  await p.waitForTimeout(400);
  await p.reload();
  await p.locator('body[data-ready="true"]').waitFor();
  assert.match(await p.locator('#plan-title').textContent(), /示例市扩大有效投资行动方案/);
  assert.match(new URL(p.url()).search, /preset=mine-/);
  assert.equal(await p.locator('#figures input[type="text"]').first().inputValue(), '1200');
  await p.locator('#mine-open').click();
  await p.waitForFunction(() => document.querySelectorAll('#mine-list tbody tr').length === 2);
  // Open the other one from the list.
  await rows(p).nth(1).locator('button[data-action="open"]').click();
  await p.locator('#mine-dialog').waitFor({ state: 'hidden' });
  assert.deepEqual(p.problems, []);
  await p.context().close();
});

test('the embed code with the plan inside it runs in a portal page under the strict policy', async () => {
  const p = await ready(env, 'preset=bijie&lang=en');
  await p.locator('#embed-open').click();
  await p.locator('#embed-inline').check();
  const code = await p.locator('#embed-snippet').inputValue();
  assert.match(code, /<plan-calc lang="en" mode="what-if" loading="lazy"><script type="application\/json">/);
  assert.doesNotMatch(code, /src="[^"]*\.json"/);
  await p.context().close();
  // The portal: its page at the root, the copied plancalc folder beside it, the strict policy on every response.
  const root = mkdtempSync(join(tmpdir(), 'inline-'));
  symlinkSync(`${ROOT}www`, join(root, 'plancalc'));
  writeFileSync(join(root, 'page.html'), `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>portal</title></head><body>${code}</body></html>`);
  const site = await serve({ root, port: 0 });
  try {
    const context = await env.browser.newContext();
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(new URL('page.html', site.url).href);
    const card = page.locator('plan-calc .card[data-target="fai-growth"]');
    await card.waitFor();
    assert.match(await page.locator('plan-calc .title').textContent(), /Bijie/);
    assert.deepEqual(errors, []);
    await context.close();
  } finally {
    await new Promise((ok) => site.server.close(ok));
    rmSync(root, { recursive: true, force: true });
  }
});
