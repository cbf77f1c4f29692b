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

/** Runs in the page: a plan of `n` generated projects; load, one project edit, a bulk edit over a tenth of them. */
async function projectsInPage({ sizes }) {
  const { PlanSession } = await import('/pkg/plancalc.js');
  const l = (s) => ({ 'zh-CN': s, en: s });
  const owners = ['private', 'state', 'foreign', 'mixed'];
  const stages = ['reserve', 'new', 'continuing', 'finishing'];
  const median = (xs) => xs.sort((a, b) => a - b)[xs.length >> 1];
  const p95 = (xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length * 0.95)];
  const out = [];
  for (const n of sizes) {
    const projects = Array.from({ length: n }, (_, i) => ({
      id: `p${i}`, sector: ['industry', 'transport', 'energy'][i % 3], county: `c${i % 7}`, ownership: owners[i % 4],
      stage: stages[i % 4], flags: i % 10 === 0 ? ['bulk'] : [], annual: { 2023: `${(i % 97) + 1}.${i % 10}` },
      completed: { 2023: `${i % 50}` },
    }));
    const plan = JSON.stringify({
      schema: 1, id: 'bench', title: l('bench'), periods: [{ id: '2023', label: l('2023') }],
      series: [
        { id: 'all', label: l('all'), projects: { field: 'annual' } },
        { id: 'private', label: l('private'), within: 'all', projects: { field: 'annual', where: { ownership: ['private'] } } },
        { id: 'industrial', label: l('industrial'), within: 'all', projects: { field: 'annual', where: { sector: ['industry'] } } },
        { id: 'done', label: l('done'), projects: { field: 'completed' } },
        { id: 'starts', label: l('starts'), projects: { field: 'count', where: { stage: ['new'] } } },
        { id: 'count', label: l('count'), projects: { field: 'count' } },
      ],
      targets: [
        { id: 'private-share', label: l('p'), indicator: { kind: 'share', part: 'private', whole: 'all' }, period: '2023', cmp: '>=', value: '52' },
        { id: 'industrial-share', label: l('i'), indicator: { kind: 'share', part: 'industrial', whole: 'all' }, period: '2023', cmp: '>=', value: '30' },
        { id: 'completion', label: l('c'), indicator: { kind: 'completion', done: 'done', plan: 'all' }, period: '2023', cmp: '>=', value: '75' },
        { id: 'start-rate', label: l('s'), indicator: { kind: 'share', part: 'starts', whole: 'count' }, period: '2023', cmp: '>=', value: '30' },
      ],
      projects,
    });
    const loads = [];
    let s;
    for (let k = 0; k < (n >= 100000 ? 3 : 7); k++) {
      s?.free();
      const t0 = performance.now();
      s = new PlanSession(plan);
      loads.push(performance.now() - t0);
    }
    // performance.now() is coarse (100 µs here), so edits are timed in batches of 100; median and p95 of the
    // batch means.
    const edits = [];
    for (let b = 0; b < 21; b++) {
      const t0 = performance.now();
      for (let k = 0; k < 100; k++) s.apply({ project: `p${((b * 100 + k) * 7919) % n}`, period: '2023', set: `${k % 90}.5` });
      edits.push(((performance.now() - t0) * 1000) / 100);
    }
    const bulks = [];
    for (let k = 0; k < 9; k++) {
      const t0 = performance.now();
      s.apply({ where: { flags: ['bulk'] }, period: '2023', percent: k % 2 ? '-10' : '10' });
      bulks.push(performance.now() - t0);
    }
    out.push({ n, load_ms: median(loads), edit_us: median(edits), edit_p95_us: p95(edits), bulk_ms: median(bulks),
      bulk_matching: Math.ceil(n / 10) });
    s.free();
  }
  return out;
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
    const rows = await page.evaluate(inPage, { batches: 31, perBatch: 500 });
    const scale = await page.evaluate(projectsInPage, { sizes: [20, 1000, 10000, 100000] });
    return { rows, scale };
  } finally {
    await browser.close();
    server.close();
  }
}

const inBrowser = await wasm();
const rows = [...native(), ...inBrowser.rows];
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
let scaleTable = '| projects | load ms (median) | one project edit µs (median) | p95 µs | bulk edit ms (median) | projects in the bulk edit |\n|---:|---:|---:|---:|---:|---:|\n';
for (const r of inBrowser.scale) {
  scaleTable += `| ${r.n.toLocaleString('en')} | ${r.load_ms.toFixed(1)} | ${r.edit_us.toFixed(1)} | ${r.edit_p95_us.toFixed(1)} | ${r.bulk_ms.toFixed(2)} | ${r.bulk_matching.toLocaleString('en')} |\n`;
}
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

## Project lists at scale (wasm in Chromium)

A generated plan: six series over projects (all, private, industrial, completed, new starts, count) and four targets
on them. Load is \`new PlanSession(json)\` from the JSON text; an edit is \`apply({project, period, set})\` returning
every changed figure and target; the bulk edit is ±10% on every tenth project (\`where: {flags: ["bulk"]}\`).
Single edits are timed in batches of 100 (performance.now() is coarse in browsers): median and p95 of batch means.

${scaleTable}
Goals (issue 5): one project edit ≤ 50 µs at 100,000; load ≤ 150 ms; bulk edit over 10,000 ≤ 5 ms. The
HyperFormula and decimal.js comparison is not in this harness yet.
`;
writeFileSync(`${ROOT}BENCHMARKS.md`, doc);
console.log(table);
console.log(scaleTable);
