// Where the page's parts come from: served beside it, or — in the one-file offline build (`make dist`,
// tools/onefile.mjs) — from inside the page itself (`globalThis.PLANCALC_INLINE`): the core's wasm, the presets, the
// CSV, text and workbook workers' code and the plan-text reader's and workbook build's wasm. Opened from a USB stick (file://) a page can fetch
// nothing, so nothing is fetched then.

const inline = globalThis.PLANCALC_INLINE ?? null;
let compiled = null;

/** A file served beside the page (index.html), whichever module asks: `make` bundles the page's modules into
 *  www/page.js, so a module's own address says nothing about where the files are. */
const beside = (path) => new URL(path, document.baseURI);

/** The core's wasm for its `init`: compiled once from the copy inside the page, or its address when served. */
export function coreWasm() {
  if (!inline) return Promise.resolve(beside('pkg/plancalc_bg.wasm'));
  compiled ??= WebAssembly.compile(Uint8Array.from(atob(inline.wasm), (c) => c.charCodeAt(0)));
  return compiled;
}

/** A preset's plan text. */
export async function presetText(name) {
  if (inline) {
    if (!(name in inline.presets)) throw new Error(`404 no preset ${name}`);
    return inline.presets[name];
  }
  const response = await fetch(beside(`presets/${encodeURIComponent(name)}.json`));
  if (!response.ok) throw new Error(`${response.status} ${response.statusText}`);
  return response.text();
}

/** The worker that reads plans' texts off the main thread; in the one-file build it is handed the compiled reader. */
export async function textWorker() {
  if (!inline) return new Worker(beside('ui/text-worker.js'), { type: 'module' });
  const url = URL.createObjectURL(new Blob([inline.textWorker], { type: 'text/javascript' }));
  const worker = new Worker(url);
  const bytes = Uint8Array.from(atob(inline.readerWasm), (c) => c.charCodeAt(0));
  worker.postMessage({ type: 'module', module: await WebAssembly.compile(bytes) });
  return worker;
}

/** The worker that writes and reads workbooks, on the core's workbook build; in the one-file build it is handed it. */
export async function xlsxWorker() {
  if (!inline) return new Worker(beside('ui/xlsx-worker.js'), { type: 'module' });
  const url = URL.createObjectURL(new Blob([inline.xlsxWorker], { type: 'text/javascript' }));
  const worker = new Worker(url);
  const bytes = Uint8Array.from(atob(inline.xlsxWasm), (c) => c.charCodeAt(0));
  worker.postMessage({ type: 'module', module: await WebAssembly.compile(bytes) });
  return worker;
}

/** The worker that reads CSV files off the main thread; in the one-file build it is handed the compiled core. */
export async function importWorker() {
  if (!inline) return new Worker(beside('ui/import-worker.js'), { type: 'module' });
  const url = URL.createObjectURL(new Blob([inline.worker], { type: 'text/javascript' }));
  const worker = new Worker(url); // a classic worker: file:// pages may not start module workers
  worker.postMessage({ type: 'module', module: await coreWasm() });
  return worker;
}
