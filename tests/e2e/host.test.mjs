// <plan-calc> in hostile hosts: page styles that reset everything, root font sizes from 62.5% to 200%, a policy
// without 'wasm-unsafe-eval', a browser without WebAssembly, a plan that is not there. Each host page is served
// from the dev server's origin through a route, with the headers a portal would send.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, allPainted, ARTIFACTS } from './harness.mjs';
import { CSP } from '../../tools/serve.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env?.close(); });

const NO_WASM_CSP = "default-src 'self'; script-src 'self'; style-src 'self'";

/** A host page at `/host/<name>.html` with `css` as its stylesheet and `body` inside, under `policy`; `setup(page)` runs
 *  before it is opened (routes of its own). */
async function host(name, { css = '', body, policy = CSP, lang = 'zh-CN', init, setup } = {}) {
  const context = await env.browser.newContext({ viewport: { width: 1000, height: 800 } });
  const p = await context.newPage();
  p.console = [];
  p.problems = [];
  p.on('console', (m) => m.type() === 'error' && p.console.push(m.text()));
  p.on('pageerror', (e) => p.problems.push(`page error: ${e.message}`));
  if (init) await p.addInitScript(init);
  if (setup) await setup(p);
  const html = `<!doctype html><html lang="${lang}"><head><meta charset="utf-8">
    <link rel="stylesheet" href="/host/${name}.css"><script type="module" src="/plan-calc.js"></script></head>
    <body>${body}</body></html>`;
  await p.route(`${env.url}host/${name}.html`, (r) => r.fulfill({
    body: html, headers: { 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': policy },
  }));
  await p.route(`${env.url}host/${name}.css`, (r) => r.fulfill({ body: css, headers: { 'Content-Type': 'text/css' } }));
  await p.goto(`${env.url}host/${name}.html`);
  return p;
}

const ZUNYI = '<plan-calc id="c" src="/presets/zunyi.json" compact></plan-calc>';

/** The element's height and the sizes inside it, once its cards are there. */
async function measure(p) {
  await p.locator('#c .card').first().waitFor();
  await allPainted(p);
  const box = await p.locator('#c').boundingBox();
  const inside = await p.locator('#c').evaluate((e) => {
    const pc = getComputedStyle(e.shadowRoot.querySelector('.pc'));
    const h3 = getComputedStyle(e.shadowRoot.querySelector('.card :is(h3, h4)'));
    return { font: pc.fontSize, line: pc.lineHeight, spacing: pc.letterSpacing, h3: h3.fontSize, family: h3.fontFamily };
  });
  // The width is the host's container's (a block element); everything else is the element's own.
  return { height: Math.round(box.height), ...inside };
}

test('the element measures the same whatever the host page does to its fonts and boxes', async () => {
  const plain = await host('plain', { body: ZUNYI });
  const base = await measure(plain);
  assert.equal(base.font, '16px');
  assert.match(base.family, /^"Microsoft YaHei"/);
  for (const [name, css] of [
    ['small-root', 'html { font-size: 62.5%; }'],
    ['large-root', 'html { font-size: 200%; }'],
    ['hostile', `* { margin: 0; padding: 0; box-sizing: content-box; font: 30px serif !important;
       letter-spacing: 3px !important; line-height: 3 !important; text-transform: uppercase !important; }
       div { display: none !important; } table, ul, li, p, h2, h3, h4 { all: unset !important; }`],
  ]) {
    const p = await host(name, { css, body: ZUNYI });
    assert.deepEqual(await measure(p), base, name);
    if (name === 'hostile') await p.screenshot({ path: `${ARTIFACTS}/embed-hostile-host.png`, fullPage: true });
    assert.deepEqual([...p.console, ...p.problems], [], name);
    await p.context().close();
  }
  await plain.context().close();
});

test('Chinese text is set in a Chinese font first, by the language the element is in', async () => {
  for (const [lang, first] of [['zh-CN', /^"Microsoft YaHei"/], ['zh-TW', /^"Microsoft JhengHei"/], ['en', /^system-ui/]]) {
    const p = await host(`font-${lang}`, { body: ZUNYI, lang });
    const { family } = await measure(p);
    assert.match(family, first, lang);
    assert.equal(await p.locator('#c').evaluate((e) => e.shadowRoot.querySelector('.pc').lang), lang);
    await p.context().close();
  }
});

test('--plan-calc-font-size scales it, and `large` gives larger text, more spacing and stronger contrast', async () => {
  const p = await host('scaled', {
    css: '#c { --plan-calc-font-size: 20px; }',
    body: `${ZUNYI}<plan-calc id="old" src="/presets/zunyi.json" compact large></plan-calc>`,
  });
  const scaled = await measure(p);
  assert.equal(scaled.font, '20px');
  const large = await p.locator('#old').evaluate(async (e) => {
    while (!e.shadowRoot.querySelector('.card')) await new Promise((ok) => setTimeout(ok, 20));
    const pc = getComputedStyle(e.shadowRoot.querySelector('.pc'));
    return { font: pc.fontSize, line: parseFloat(pc.lineHeight) / parseFloat(pc.fontSize), fg: pc.color,
      status: e.shadowRoot.querySelector('.card .status').textContent };
  });
  assert.equal(large.font, '20px');
  assert.ok(large.line >= 1.3, `line spacing ${large.line}`);
  assert.equal(large.fg, 'rgb(0, 0, 0)');
  assert.match(large.status, /^[✔✘]/, 'the status carries a sign, not only a colour');
  await p.context().close();
});

test('under a policy without wasm-unsafe-eval it says so in the page language and tells the developer the fix', async () => {
  const p = await host('strict', {
    policy: NO_WASM_CSP,
    body: `<plan-calc id="zh" src="/presets/zunyi.json"></plan-calc>
           <plan-calc id="en" lang="en" src="/presets/zunyi.json"></plan-calc>
           <section lang="zh-Hant-TW"><plan-calc id="tw" src="/presets/zunyi.json"></plan-calc></section>`,
  });
  const message = (id) => p.locator(`#${id} .error`);
  await message('en').waitFor();
  assert.equal(await message('zh').textContent(), '此计算器无法在本页运行：网站的安全设置阻止了它所需的计算组件。请联系网站管理员。');
  assert.match(await message('en').textContent(), /^This calculator cannot run on this page: the site's security settings/);
  assert.match(await message('tw').textContent(), /^此計算器無法在本頁運行/);
  assert.equal(await message('en').getAttribute('role'), 'alert');
  const fixes = p.console.filter((t) => t.startsWith('plan-calc:'));
  assert.equal(fixes.length, 1, 'one line for the developer, however many elements');
  assert.match(fixes[0], /add 'wasm-unsafe-eval' to script-src/i);
  await p.screenshot({ path: `${ARTIFACTS}/embed-blocked.png` });
  await p.context().close();
});

test('a browser without WebAssembly gets a sentence it can act on, the developer the dual-core hint', async () => {
  const p = await host('no-wasm', { body: ZUNYI, init: () => { delete globalThis.WebAssembly; } });
  await p.locator('#c .error').waitFor();
  assert.match(await p.locator('#c .error').textContent(), /^此计算器无法在当前浏览器中运行。.*极速模式/);
  assert.ok(p.console.some((t) => t.includes('<meta name="renderer" content="webkit">')), p.console.join('\n'));
  await p.context().close();
});

test('a plan that is missing or invalid is named, with the core error code', async () => {
  const p = await host('bad-plan', {
    lang: 'en',
    body: `<plan-calc id="missing" src="/presets/nope.json"></plan-calc>
           <plan-calc id="invalid"><script type="application/json">{"schema": 1, "id": "x"}</script></plan-calc>`,
  });
  await p.locator('#invalid .error').waitFor();
  await p.locator('#missing .error').waitFor();
  assert.equal(await p.locator('#missing .error').textContent(), 'The plan file could not be read.');
  assert.match(await p.locator('#invalid .error').textContent(), /^The plan file could not be read\. \[[a-z_]+\.[a-z_]+/);
  assert.ok(p.console.some((t) => t.includes('/presets/nope.json')), p.console.join('\n'));
  await p.context().close();
});

test('a core file that does not arrive is named for the public, the developer told how to serve it, and asked for again', async () => {
  let there = false; // the portal's server, before and after the folder is copied whole
  const p = await host('no-core', {
    body: `<plan-calc id="zh" src="/presets/zunyi.json"></plan-calc>
           <plan-calc id="en" lang="en" src="/presets/zunyi.json"></plan-calc>`,
    setup: (page) => page.route('**/pkg/plancalc_embed_bg.wasm', (r) => (there ? r.continue() : r.fulfill({ status: 404, body: 'Not Found' }))),
  });
  await p.locator('#en .error').waitFor();
  assert.equal(await p.locator('#zh .error').textContent(), '此计算器的程序文件未能载入。请稍后刷新页面再试；如仍不行，请联系网站管理员。');
  assert.equal(await p.locator('#en .error').textContent(),
    "This calculator's program files could not be loaded. Please reload the page later; if it still fails, contact the site's administrator.");
  const fixes = p.console.filter((t) => t.startsWith('plan-calc:'));
  assert.equal(fixes.length, 1, 'one line for the developer, however many elements');
  assert.match(fixes[0], /404/);
  assert.match(fixes[0], /pkg\/ included/);
  assert.match(fixes[0], /application\/wasm/);
  // The next load asks for the core again: once the file is there, the plan shows and the sentence goes.
  there = true;
  await p.locator('#en').evaluate((e) => { e.src = '/presets/changzhi.json'; });
  await p.locator('#en .card').first().waitFor();
  assert.equal(await p.locator('#en .error').isHidden(), true);
  assert.deepEqual(p.problems, []);
  await p.context().close();
});

test('under Trusted Types, with no policy allowed, every mode runs and explains with nothing refused', async () => {
  const p = await host('trusted-types', {
    policy: `${CSP}; require-trusted-types-for 'script'; trusted-types 'none'`,
    body: `<plan-calc id="summary" mode="summary" src="/presets/zunyi.json"></plan-calc>
           <plan-calc id="what-if" src="/presets/zunyi.json"></plan-calc>
           <plan-calc id="full" mode="full" src="/presets/zunyi.json"></plan-calc>`,
  });
  for (const id of ['summary', 'what-if', 'full']) await p.locator(`#${id} .card`).first().waitFor();
  const card = p.locator('#full .card').first();
  await card.getByRole('button', { name: '逐步解释' }).click();
  await card.locator('math').first().waitFor();
  await card.getByRole('button', { name: '怎样才能达标？' }).click();
  await allPainted(p);
  assert.deepEqual([...p.console, ...p.problems], []);
  await p.context().close();
});
