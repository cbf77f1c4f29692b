// The planner's page asks for every module of its first load at once: each module app.js imports, directly or through
// another, has a modulepreload hint in index.html. A module without one is found only after its importer is parsed,
// one round after another — seven of them once cost the page about 100 ms of its first figures on a slow office PC
// (BENCHMARKS.md).

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

test('every module of the first load has a preload hint', () => {
  const modules = [...graph('app.js')].sort();
  const html = readFileSync(join(WWW, 'index.html'), 'utf8');
  const hinted = new Set([...html.matchAll(/<link rel="modulepreload" href="([^"]+)">/g)].map((m) => m[1]));
  assert.ok(modules.length > 10, modules.join(' '));
  assert.deepEqual(modules.filter((m) => !hinted.has(m)), []);
});
