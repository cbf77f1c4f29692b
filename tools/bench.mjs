// `make bench`: the native benchmark (cargo bench) and the same cases through the JS API in headless
// Chromium, written to BENCHMARKS.md with the machine and the date. Calls are timed in batches and the
// median batch mean reported: performance.now() is coarse in browsers, and these machines are noisy.

import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { cpus, totalmem } from 'node:os';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { serve } from './serve.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(new URL('../www/package.json', import.meta.url));
const { chromium } = require('playwright-core');

function native() {
  const out = execFileSync('cargo', ['bench', '--bench', 'edit'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  return out.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l));
}

/** Runs in the page: the same cases as benches/edit.rs, through the wasm build's JS API. */
async function inPage({ batches, perBatch }) {
  const { PlanSession } = await import('/pkg/plancalc.js');
  const text = await (await fetch('/presets/tongren.json')).text();
  const measure = (f) => {
    for (let i = 0; i < perBatch; i++) f(i);
    const means = [];
    for (let b = 0; b < batches; b++) {
      const t0 = performance.now();
      for (let i = 0; i < perBatch; i++) f(i);
      means.push(((performance.now() - t0) * 1000) / perBatch);
    }
    means.sort((a, b) => a - b);
    return { median_us: means[batches >> 1], p95_us: means[Math.floor(batches * 0.95)] };
  };
  const s = new PlanSession(text);
  const values = ['370', '371.5'];
  return [
    { case: 'edit → all results (tongren)', ...measure((i) => s.setValue('industrial', '2022-2023', values[i & 1])) },
    { case: 'all results, no edit (tongren)', ...measure(() => s.results()) },
    { case: 'goal seek (tongren, additive)', ...measure(() => s.goalSeek('industrial-share', 'industrial', 'additive')) },
    { case: 'load plan (tongren)', ...measure(() => new PlanSession(text).free()) },
  ].map((r) => ({ layer: 'wasm', ...r }));
}

async function wasm() {
  const { server, url } = await serve({ root: `${ROOT}www`, port: 0 });
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run'],
  });
  try {
    const page = await browser.newPage();
    await page.goto(new URL('index.html?preset=tongren', url).href);
    await page.locator('body[data-ready="true"]').waitFor();
    return await page.evaluate(inPage, { batches: 31, perBatch: 500 });
  } finally {
    await browser.close();
    server.close();
  }
}

const rows = [...native(), ...(await wasm())];
const fmt = (x) => x.toFixed(1);
const cases = [...new Set(rows.map((r) => r.case))];
const cell = (layer, c, k) => rows.find((r) => r.layer === layer && r.case === c)?.[k];
let table = '| case | native median µs | native p95 µs | wasm median µs | wasm p95 µs | wasm ÷ native |\n|---|---:|---:|---:|---:|---:|\n';
for (const c of cases) {
  const [n, np, w, wp] = [cell('native', c, 'median_us'), cell('native', c, 'p95_us'), cell('wasm', c, 'median_us'), cell('wasm', c, 'p95_us')];
  table += `| ${c} | ${fmt(n)} | ${fmt(np)} | ${fmt(w)} | ${fmt(wp)} | ${(w / n).toFixed(1)}× |\n`;
}
const editWasm = cell('wasm', 'edit → all results (tongren)', 'median_us');
const chromiumVersion = execFileSync('/usr/bin/chromium', ['--version'], { encoding: 'utf8' }).trim();
const rustc = execFileSync('rustc', ['--version'], { encoding: 'utf8' }).trim();
const doc = `# Benchmarks

Written by \`make bench\` (\`tools/bench.mjs\`); do not edit by hand.

- Date: ${new Date().toISOString().slice(0, 10)}
- Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB
- ${rustc}; ${chromiumVersion} (headless); wasm built by \`make build\` (release, wasm-opt -Oz)
- Plan: the Tongren preset, the largest (25 series, 24 targets, 3 breakdowns, 14 warnings).
- Method: 31 batches of calls (2,000 native, 500 in wasm); the median and 95th percentile of the per-call batch
  means. One run; these machines are noisy, so compare ratios rather than single figures.

"Edit → all results" is one \`setValue\` that returns everything it changed (the figures, targets, breakdowns and
warnings it reaches), which is what the page needs to show every number again. In wasm it includes handing the
result to JavaScript as plain objects.

${table}
Goal (issue 3): edit → all results, median under 20 µs in wasm. This run: ${fmt(editWasm)} µs, ${
  editWasm < 20 ? 'met' : `not met (${(editWasm / 20).toFixed(1)}× the goal)`}.
`;
writeFileSync(`${ROOT}BENCHMARKS.md`, doc);
console.log(table);
