// The planner's page in Chromium, through the project's dev server: what a person sees and types.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, ready, card, field, fullShot, ARTIFACTS } from './harness.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env?.close(); });

/** The Zunyi page, loaded and ready. */
const zunyi = (lang = 'en') => ready(env, `preset=zunyi&lang=${lang}`);

test('the plan as written shows industrial 21.3% against 30%, not met', async () => {
  const page = await zunyi('zh-CN');
  const industrial = card(page, 'industrial-share');
  assert.equal(await industrial.locator('.value').textContent(), '21.3%');
  assert.equal(await industrial.locator('.target').first().textContent(), '≥ 30.0%');
  assert.equal(await industrial.locator('.status').textContent(), '✘ 未达标');
  assert.equal(await field(page, 'fai').inputValue(), '6800');
  assert.equal(await field(page, 'industrial').inputValue(), '1450');
  assert.match(await card(page, 'private-share').locator('.status').textContent(), /无数据/);
  await fullShot(page, `${ARTIFACTS}/page-zunyi.png`);
  assert.deepEqual(page.problems, []);
});

test('typing 2,040 as industrial with the total at 6,800 gives 30.0%, met', async () => {
  const page = await zunyi('en');
  const input = field(page, 'industrial');
  await input.fill('');
  await input.pressSequentially('2040');
  const industrial = card(page, 'industrial-share');
  assert.equal(await industrial.locator('.value').textContent(), '30.0%');
  assert.equal(await industrial.locator('.status').textContent(), '✔ Met');
  assert.equal(await industrial.getAttribute('data-status'), 'met');
  assert.equal(await field(page, 'fai').inputValue(), '6800');
  assert.match(await page.locator('#announce').textContent(), /Industrial share of FAI: Met/);
  await fullShot(page, `${ARTIFACTS}/page-zunyi-met.png`);
  assert.deepEqual(page.problems, []);
});

test('every keystroke recomputes: each prefix of the typed figure is shown', async () => {
  const page = await zunyi('en');
  const input = field(page, 'industrial');
  const value = card(page, 'industrial-share').locator('.value');
  await input.fill('');
  for (const [typed, shown] of [['3', '0.0%'], ['4', '0.5%'], ['0', '5.0%'], ['0', '50.0%']]) {
    await input.press(typed);
    assert.equal(await value.textContent(), shown, `after typing ${typed}`);
  }
  assert.deepEqual(page.problems, []);
});

test('bad input shows the core message next to the field and keeps the last valid figure', async () => {
  const page = await zunyi('en');
  const input = field(page, 'industrial');
  await input.fill('1,2,3');
  const err = page.locator(`#${await input.getAttribute('id')}-err`);
  assert.match(await err.textContent(), /"1,2,3" is not a number/);
  assert.equal(await err.getAttribute('data-code'), 'number.invalid');
  assert.equal(await input.getAttribute('aria-invalid'), 'true');
  assert.equal(await card(page, 'industrial-share').locator('.value').textContent(), '21.3%');
  await input.fill('１，４５０');
  assert.equal(await err.textContent(), '');
  assert.equal(await card(page, 'industrial-share').locator('.value').textContent(), '21.3%');
  assert.deepEqual(page.problems, []);
});

test('undo clears text the core refused: the field shows its last valid figure again', async () => {
  const page = await zunyi('en');
  await field(page, 'private').fill('3536');
  const input = field(page, 'industrial');
  await input.fill('abc');
  assert.equal(await input.getAttribute('aria-invalid'), 'true');
  await page.keyboard.press('Control+z');
  assert.equal(await input.inputValue(), '1450');
  assert.equal(await input.getAttribute('aria-invalid'), null);
  assert.equal(await page.locator(`#${await input.getAttribute('id')}-err`).textContent(), '');
  assert.equal(await field(page, 'private').inputValue(), '');
  assert.deepEqual(page.problems, []);
});

test('private investment entered: 3,536 of 6,800 is 52.0%, met', async () => {
  const page = await zunyi('en');
  await field(page, 'private').fill('3536');
  const priv = card(page, 'private-share');
  assert.equal(await priv.locator('.value').textContent(), '52.0%');
  assert.equal(await priv.locator('.status').textContent(), '✔ Met');
  assert.deepEqual(page.problems, []);
});

test('a core file that does not arrive: the page says so in its language and the console says what to serve', async () => {
  const context = await env.browser.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.route('**/pkg/plancalc_bg.wasm', (r) => r.fulfill({ status: 404, body: 'Not Found' }));
  await page.goto(`${env.url}index.html?preset=zunyi&lang=zh-TW`);
  const message = page.locator('#load-error');
  await message.waitFor();
  assert.equal(await message.textContent(), '此計算器的程式檔案未能載入。請稍後重新整理頁面再試；如仍不行，請聯絡網站管理員。');
  assert.equal(await message.getAttribute('role'), 'alert');
  assert.ok(errors.some((t) => t.startsWith('plancalc: the core') && t.includes('404') && t.includes('application/wasm')), errors.join('\n'));
  await context.close();
});
