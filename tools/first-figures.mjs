// Time to first figures on a slow office PC: Chromium's CPU throttled 4× and the network at 10 Mbit/s from a local
// server, the cache empty. From navigation start to the moment the planner's page or the element first shows its
// figures (the `performance.mark` each sets after its first render). Run by `make bench`; alone:
//   node tools/first-figures.mjs   → prints JSON
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { serve } from './serve.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(`${ROOT}www/package.json`);
const { chromium } = require('playwright-core');

// 21 runs: single runs on these shared machines go from about 350 to 700 ms, and the median of 11 moved by ±40 ms
// between benches of the same code (the median of 7 by ±60 ms).
export const CONDITIONS = { cpu: 4, mbit: 10, latencyMs: 0, runs: 21 };

/** How long a visit is left alone before its marks are read: both show their figures within about 1.2 s here. */
const SETTLE_MS = 2500;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** The time of each of `marks` in one visit to `url`, in ms from navigation start. */
async function once(browser, url, marks) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  const bytes = (CONDITIONS.mbit * 1e6) / 8;
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false, latency: CONDITIONS.latencyMs, downloadThroughput: bytes, uploadThroughput: bytes,
  });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CONDITIONS.cpu });
  await page.goto(url, { waitUntil: 'commit' }); // the figures, not the load event, are what is timed
  // Nothing is asked of the page while it loads: the marks are read once it has had time to set them (and every
  // 0.5 s after that if one is missing). Each question is a task on the throttled main thread: asking every 50 ms, as
  // this did before, added about 40 ms to the element's median (two interleaved batches of 21 runs: 513 against 475,
  // 543 against 502), and Playwright's own waiting would first run its injected script, about 60 ms more.
  const expression = `${JSON.stringify(marks)}.map((m) => performance.getEntriesByName(m)[0]?.startTime ?? null)`;
  const deadline = Date.now() + 60000;
  await sleep(SETTLE_MS);
  for (;;) {
    const { result } = await cdp.send('Runtime.evaluate', { expression, returnByValue: true });
    if (result.value.every((ms) => typeof ms === 'number')) {
      await context.close();
      return result.value;
    }
    if (Date.now() > deadline) throw new Error(`${url}: no ${marks.join(', ')} within 60 s`);
    await sleep(500);
  }
}

export async function firstFigures() {
  const { server, url } = await serve({ root: `${ROOT}www`, port: 0 });
  const floor = await serve({ root: `${ROOT}tools/floor`, port: 0 });
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run'],
  });
  try {
    // The element marks its cards painted, then its table of fields and sliders painted a frame later.
    const cases = [
      ['element', `${url}embed.html?plan=presets/zunyi.json`, ['plan-calc:first-figures', 'plan-calc:all-figures']],
      ['page', `${url}index.html?preset=zunyi`, ['plancalc:first-figures']],
      // The floor (tools/floor): one line of text and nothing else, in the same minutes as the other two, so that
      // each run of theirs can be read against what any page takes on this machine at that moment.
      ['floor', `${floor.url}index.html`, ['floor:first-figures']],
    ];
    // A first visit to each warms the machine, not the pages (each run has its own cache). Then the three in turn,
    // so that all medians come from the same minutes of this machine.
    for (const [, address, marks] of cases) await once(browser, address, marks);
    const runs = cases.map(() => []);
    for (let i = 0; i < CONDITIONS.runs; i++) {
      for (const [j, [, address, marks]] of cases.entries()) runs[j].push(await once(browser, address, marks));
    }
    const out = {};
    for (const [j, [name, , marks]] of cases.entries()) {
      const first = runs[j].map((r) => r[0]);
      out[name] = { median: Math.round(median(first)), runs: first.map(Math.round) };
      if (marks.length > 1) out[name].all = Math.round(median(runs[j].map((r) => r[1])));
    }
    // Beyond the floor: each run less the floor's run of the same round, median.
    const floorRuns = out.floor.runs;
    for (const name of ['element', 'page']) {
      out[name].overFloor = Math.round(median(out[name].runs.map((ms, i) => ms - floorRuns[i])));
    }
    return out;
  } finally {
    await browser.close();
    server.close();
    floor.server.close();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  console.log(JSON.stringify(await firstFigures()));
}
