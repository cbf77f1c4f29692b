// The planner's page as one self-contained HTML file, for an intranet without a server: opened from a USB stick
// (file://), it needs nothing else. The scripts are bundled by esbuild; the core's wasm (base64), the presets and
// the workers' code (and the plan-text reader's wasm) go inside the page as `globalThis.PLANCALC_INLINE`, which www/ui/assets.js reads instead of
// fetching. Work is kept in the browser's storage as on the served page.
//
//   node tools/onefile.mjs [--out dist/plancalc-offline.html]

import { createRequire } from 'node:module';
import { readFileSync, writeFileSync, mkdirSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const WWW = join(ROOT, 'www');
const require = createRequire(join(WWW, 'package.json'));
const esbuild = require('esbuild');

async function bundle(entry, format = 'esm') {
  const result = await esbuild.build({
    entryPoints: [join(WWW, entry)], bundle: true, format, write: false, minify: true, target: 'es2022',
    logLevel: 'error',
  });
  return result.outputFiles[0].text;
}

/** Code that goes inside a <script> element: "</script" may not appear in it. */
const scriptSafe = (code) => code.replaceAll('</script', '<\\/script').replaceAll('<!--', '<\\!--');

export async function onefile(out) {
  const presets = Object.fromEntries(readdirSync(join(WWW, 'presets')).filter((f) => f.endsWith('.json'))
    .map((f) => [f.replace(/\.json$/, ''), readFileSync(join(WWW, 'presets', f), 'utf8')]));
  const inline = {
    wasm: readFileSync(join(WWW, 'pkg', 'plancalc_bg.wasm')).toString('base64'),
    presets,
    // A classic script: a page opened from file:// may not start a module worker, even from a blob.
    worker: await bundle('ui/import-worker.js', 'iife'),
    textWorker: await bundle('ui/text-worker.js', 'iife'),
    readerWasm: readFileSync(join(WWW, 'pkg', 'plancalc_reader_bg.wasm')).toString('base64'),
    xlsxWorker: await bundle('ui/xlsx-worker.js', 'iife'),
    xlsxWasm: readFileSync(join(WWW, 'pkg', 'plancalc_xlsx_bg.wasm')).toString('base64'),
  };
  const app = await bundle('app.js');
  const css = readFileSync(join(WWW, 'style.css'), 'utf8');
  const icon = `data:image/png;base64,${readFileSync(join(WWW, 'favicon.png')).toString('base64')}`;
  let html = readFileSync(join(WWW, 'index.html'), 'utf8');
  const swap = (from, to) => {
    if (!html.includes(from)) throw new Error(`index.html no longer has ${from}`);
    html = html.replace(from, () => to);
  };
  // The comment on the scripts and the preload hint name files beside the page; in one file there are none.
  html = html.replace(/\s*<!-- The page's scripts are one module[\s\S]*?-->/, '').replace(/\s*<link rel="(module)?preload"[^>]*>/g, '');
  if (/preload/.test(html)) throw new Error('index.html: a preload hint is left');
  swap('<link rel="icon" href="favicon.png" type="image/png">', `<link rel="icon" href="${icon}" type="image/png">`);
  swap('<link rel="stylesheet" href="style.css">', `<style>\n${css.replaceAll('</style', '<\\/style')}\n</style>`);
  swap('<script type="module" src="page.js"></script>',
    `<script>globalThis.PLANCALC_INLINE = ${scriptSafe(JSON.stringify(inline))};</script>\n`
    + `<script type="module">\n${scriptSafe(app)}\n</script>`);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, html);
  return out;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const i = process.argv.indexOf('--out');
  const out = resolve(i > 0 ? process.argv[i + 1] : join(ROOT, 'dist', 'plancalc-offline.html'));
  onefile(out).then((file) => console.log(`${file}: ${readFileSync(file).length} bytes`), (e) => {
    console.error(`onefile: ${e.message}`);
    process.exit(1);
  });
}
