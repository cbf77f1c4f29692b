// Sliders, charts, speed and the keyboard: dragging a figure recomputes every number at once without a long
// task; the charts follow; everything works without a mouse.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, ready, card, field, slider, ARTIFACTS } from './harness.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env?.close(); });

test('a slider step updates the field, the cards and the numbers in the same task', async () => {
  const p = await ready(env, 'preset=zunyi&lang=en');
  const s = slider(p, 'industrial');
  assert.equal(await s.getAttribute('aria-label'), 'Industrial investment 2021–2023 cumulative (亿元) slider');
  // Set the slider as a drag would and read the page before the browser gets to paint.
  const seen = await p.evaluate(() => {
    const range = document.querySelector('#figures input[type="range"][data-series="industrial"]');
    range.value = '2040';
    range.dispatchEvent(new Event('input', { bubbles: true }));
    const cardNode = document.querySelector('.card[data-target="industrial-share"]');
    return {
      field: document.querySelector('#figures input[type="text"][data-series="industrial"]').value,
      value: cardNode.querySelector('.value').textContent,
      status: cardNode.dataset.status,
    };
  });
  assert.deepEqual(seen, { field: '2040', value: '30.0%', status: 'met' });
  // One undo step takes the whole drag back.
  await p.keyboard.press('Control+z');
  assert.equal(await field(p, 'industrial').inputValue(), '1450');
  assert.deepEqual(p.problems, []);
});

test('dragging a slider end to end produces no long task', async () => {
  const p = await ready(env, 'preset=tongren&lang=en');
  await p.evaluate(() => {
    window.longTasks = [];
    new PerformanceObserver((list) => window.longTasks.push(...list.getEntries().map((e) => e.duration)))
      .observe({ type: 'longtask' });
  });
  const before = await card(p, 'industrial-share').locator('.value').textContent();
  const s = slider(p, 'industrial');
  await s.scrollIntoViewIfNeeded();
  const box = await s.boundingBox();
  const y = box.y + box.height / 2;
  await p.mouse.move(box.x + 2, y);
  await p.mouse.down();
  for (let i = 1; i <= 60; i++) await p.mouse.move(box.x + 2 + ((box.width - 4) * i) / 60, y);
  await p.mouse.up();
  await p.evaluate(() => new Promise((ok) => requestAnimationFrame(() => setTimeout(ok, 100))));
  const long = await p.evaluate(() => window.longTasks);
  assert.deepEqual(long, [], `long tasks (ms) while dragging: ${long.join(', ')}`);
  // The drag reached the top of the range: the field shows the slider's maximum, and the card follows.
  const max = await s.getAttribute('max');
  assert.equal(Number(await field(p, 'industrial').inputValue()), Number(max));
  assert.match(await card(p, 'industrial-amount').locator('.value').textContent(), new RegExp(Number(max).toLocaleString('en')));
  // The charts, off screen during the drag, show where it ended once they are scrolled to.
  const share = await card(p, 'industrial-share').locator('.value').textContent();
  assert.notEqual(share, before);
  await p.locator('#charts-box').scrollIntoViewIfNeeded();
  await p.waitForFunction((v) => document.querySelector('figure[data-chart="shares"] tbody tr')?.textContent.includes(v), share);
  assert.deepEqual(p.problems, []);
});

test('charts: shares against their targets and the composition, with titles and the numbers as tables; they follow edits', async () => {
  const p = await ready(env, 'preset=zunyi&lang=en');
  const shares = p.locator('figure[data-chart="shares"]');
  assert.equal(await shares.locator('svg[role="img"] > title').textContent(), 'Shares against their targets');
  assert.ok((await shares.locator('svg > desc').textContent()).length > 0);
  const rows = shares.locator('table.chart-data tbody tr');
  assert.equal(await rows.first().textContent(), 'Industrial share of FAI21.3%30.0%');
  const composition = p.locator('figure[data-chart="composition"]').first();
  assert.match(await composition.locator('figcaption').textContent(), /Composition/);
  assert.ok(await composition.locator('table.chart-data tbody tr').count() >= 15);
  await field(p, 'industrial').fill('2040');
  // The row shows the share and its target (30.0% both now).
  await p.waitForFunction(() => document.querySelector('figure[data-chart="shares"] tbody tr')?.textContent === 'Industrial share of FAI30.0%30.0%');
  assert.equal(await shares.locator('rect.bar').first().getAttribute('data-status'), 'met');
  await p.locator('#charts-box').screenshot({ path: `${ARTIFACTS}/page-charts.png` });
  assert.deepEqual(p.problems, []);
});

test('completion against time-progress and each county’s contribution to growth', async () => {
  const p = await ready(env, 'preset=wuzhong&lang=en');
  assert.ok(await p.locator('#charts-box').isHidden(), 'no chart without figures');
  const set = (id, period, v) => p.locator(`#figures input[type="text"][data-series="${id}"][data-period="${period}"]`).fill(v);
  await set('key-plan', '2023', '200');
  await set('key-done', '2023', '150');
  const completion = p.locator('figure[data-chart="completion"]');
  await completion.waitFor();
  assert.match(await completion.locator('tbody tr').first().textContent(), /75\.0%/);
  assert.equal(await completion.locator('line.mark.progress').count(), 1);
  const counties = ['litong', 'hongsibu', 'qingtongxia', 'yanchi', 'tongxin', 'taiyangshan', 'jinji'];
  for (const id of counties) {
    await set(id, '2022', '100');
    await set(id, '2023', id === 'litong' ? '120' : '110');
  }
  const contributions = p.locator('figure[data-chart="contributions"]');
  await contributions.waitFor();
  // Litong adds 20 to a base of 700: 20/7 ≈ 2.9 pp; each other county 10/7 ≈ 1.4 pp.
  assert.match(await contributions.locator('tbody tr').first().textContent(), /Litong.*\+2\.9 pp$/);
  assert.match(await contributions.locator('tbody tr').last().textContent(), /\+1\.4 pp$/);
  assert.equal(await contributions.locator('tbody tr').count(), 7);
  assert.deepEqual(p.problems, []);
});

test('keyboard only: reach a target, ask what it takes, apply it; move a slider with the arrow keys', async () => {
  const p = await ready(env, 'preset=zunyi&lang=en');
  const focused = () => p.evaluate(() => {
    const a = document.activeElement;
    return `${a?.dataset.action ?? a?.type ?? ''}:${a?.dataset.target ?? a?.dataset.series ?? a?.id ?? ''}`;
  });
  let reached = false;
  for (let i = 0; i < 300 && !reached; i++) {
    await p.keyboard.press('Tab');
    reached = (await focused()) === 'seek:industrial-share';
  }
  assert.ok(reached, 'the "what would it take?" button is reachable by Tab');
  await p.keyboard.press('Enter');
  await p.locator('#seek[open]').waitFor();
  reached = false;
  for (let i = 0; i < 20 && !reached; i++) {
    await p.keyboard.press('Tab');
    reached = (await focused()).endsWith(':seek-apply');
  }
  assert.ok(reached, 'the apply button is reachable by Tab inside the dialog');
  await p.keyboard.press('Enter');
  assert.equal(await card(p, 'industrial-share').getAttribute('data-status'), 'met');
  assert.match(await p.locator('#announce').textContent(), /Industrial share of FAI: Met/);
  await slider(p, 'fai').focus();
  const before = await field(p, 'fai').inputValue();
  await p.keyboard.press('ArrowRight');
  assert.notEqual(await field(p, 'fai').inputValue(), before);
  assert.deepEqual(p.problems, []);
});
