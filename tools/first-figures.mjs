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

export const CONDITIONS = { cpu: 4, mbit: 10, latencyMs: 0, runs: 7 };

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function once(browser, url, mark) {
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
  await page.waitForFunction((name) => performance.getEntriesByName(name).length > 0, mark, { timeout: 60000 });
  const ms = await page.evaluate((name) => performance.getEntriesByName(name)[0].startTime, mark);
  await context.close();
  return ms;
}

export async function firstFigures() {
  const { server, url } = await serve({ root: `${ROOT}www`, port: 0 });
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run'],
  });
  try {
    const cases = [
      ['element', `${url}embed.html?plan=presets/zunyi.json`, 'plan-calc:first-figures'],
      ['page', `${url}index.html?preset=zunyi`, 'plancalc:first-figures'],
    ];
    const out = {};
    for (const [name, address, mark] of cases) {
      await once(browser, address, mark); // a first visit warms the machine, not the page (each run has its own cache)
      const runs = [];
      for (let i = 0; i < CONDITIONS.runs; i++) runs.push(await once(browser, address, mark));
      out[name] = { median: Math.round(median(runs)), runs: runs.map(Math.round) };
    }
    return out;
  } finally {
    await browser.close();
    server.close();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  console.log(JSON.stringify(await firstFigures()));
}
