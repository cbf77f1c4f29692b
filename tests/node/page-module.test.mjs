// The planner's page loads its scripts as one module: index.html asks for page.js, which `make` bundles from app.js
// and everything it imports. Nineteen modules, each with its own request and preload hint, cost the page about
// 100 ms of its first figures on a slow office PC (BENCHMARKS.md).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const WWW = fileURLToPath(new URL('../../www/', import.meta.url));

/** The static imports of module `file` and of everything it imports (paths relative to www/). */
function graph(file, seen = new Set()) {
  if (seen.has(file)) return seen;
  seen.add(file);
  const text = readFileSync(join(WWW, file), 'utf8');
  for (const [, spec] of text.matchAll(/^import[^'"]*['"]([^'"]+)['"];?$/gm)) {
    if (!spec.startsWith('.')) continue;
    graph(relative(WWW, normalize(join(WWW, dirname(file), spec))), seen);
  }
  return seen;
}

test('index.html loads one script, page.js, and nothing is preloaded but the core', () => {
  const html = readFileSync(join(WWW, 'index.html'), 'utf8');
  const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
  assert.deepEqual(scripts, ['<script type="module" src="page.js">']);
  const preloads = [...html.matchAll(/<link rel="(?:module)?preload" href="([^"]+)"/g)].map((m) => m[1]);
  assert.deepEqual(preloads, ['pkg/plancalc_bg.wasm']);
});

test('page.js holds every module app.js imports and imports none itself', () => {
  const bundle = readFileSync(join(WWW, 'page.js'), 'utf8');
  const modules = [...graph('app.js')];
  assert.ok(modules.length > 10, modules.join(' '));
  // esbuild heads each module it bundles with a comment naming its path.
  const bundled = new Set([...bundle.matchAll(/^\/\/ www\/(\S+)$/gm)].map((m) => m[1]));
  assert.deepEqual(modules.filter((m) => !bundled.has(m)), []);
  // No import statement or import() of its own (an object's `import:` key is no import).
  assert.doesNotMatch(bundle, /^\s*import\s+(?:[\w*{][^;]*\sfrom\s+)?['"]|\bimport\(\s*['"`]/m);
});
