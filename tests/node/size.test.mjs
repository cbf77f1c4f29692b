// The embed's size budget (issue: wasm + glue + element + styles at most 150 KB gzipped), checked on what the
// Makefile's RUNTIME lists as the embed — the same files `make size` prints and `make dist` copies.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const ROOT = new URL('../../', import.meta.url);
const BUDGET = 150_000;

test('the whole embed is at most 150 KB gzipped', () => {
  const line = readFileSync(new URL('Makefile', ROOT), 'utf8').split('\n').find((l) => l.startsWith('RUNTIME ='));
  const files = line.slice('RUNTIME ='.length).trim().split(/\s+/);
  // The glue imports nothing besides the wasm: a snippet it imported would be part of the embed too.
  const glue = readFileSync(new URL('www/pkg/plancalc_embed.js', ROOT), 'utf8');
  assert.ok(!/^import /m.test(glue), 'the glue imports no other module');
  assert.ok(files.includes('pkg/plancalc_embed_bg.wasm') && files.includes('plan-calc.js'), files.join(' '));
  const sizes = files.map((f) => [f, gzipSync(readFileSync(new URL(`www/${f}`, ROOT)), { level: 9 }).length]);
  const total = sizes.reduce((sum, [, n]) => sum + n, 0);
  assert.ok(total <= BUDGET, `embed ${total} bytes gzipped, budget ${BUDGET}: ${sizes.map(([f, n]) => `${f} ${n}`).join(', ')}`);
});
