// The same package the page loads (www/pkg, built for the web) works in Node: initialised from the wasm bytes.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { initSync, PlanSession } from '../../www/pkg/plancalc.js';

initSync({ module: readFileSync(new URL('../../www/pkg/plancalc_bg.wasm', import.meta.url)) });
const zunyi = readFileSync(new URL('../../www/presets/zunyi.json', import.meta.url), 'utf8');

test('the Zunyi industrial share is 21.3% of 6,800, not met', () => {
  const s = new PlanSession(zunyi);
  const t = s.results().targets.find((x) => x.id === 'industrial-share');
  assert.equal(t.value.exact, '21.323529411764705882352941176');
  assert.equal(t.value.fraction, '725/34');
  assert.equal(t.status, 'not_met');
  assert.equal(t.needed.display, '590.00');
});

test('goal seek applied in Node lands exactly on target', () => {
  const s = new PlanSession(zunyi);
  const goal = s.goalSeek('industrial-share', 'industrial', 'additive');
  assert.equal(goal.outcome.status, 'reachable');
  assert.equal(goal.outcome.edit.set, '16050/7');
  const outcome = s.apply(goal.outcome.edit);
  const t = outcome.targets.find((x) => x.id === 'industrial-share');
  assert.equal(t.value.exact, '30');
  assert.equal(t.status, 'met');
});

test('bad input throws a PlanError with code and path', () => {
  assert.throws(() => new PlanSession('{"schema": 7}'), (e) => e instanceof Error && e.code === 'plan.schema' && e.path === 'schema');
  const s = new PlanSession(zunyi);
  assert.throws(() => s.setValue('industrial', '2021-2023', '１，２，３'), (e) => e.code === 'number.invalid');
});

test('a whole session saved as JSON restores with its scenarios', () => {
  const s = new PlanSession(zunyi);
  s.setValue('industrial', '2021-2023', '1600');
  s.newScenario('more');
  s.apply({ series: 'industrial', period: '2021-2023', add: '100', mode: 'additive' });
  const saved = JSON.stringify(s.state());
  const r = PlanSession.restore(JSON.parse(saved));
  assert.deepEqual(r.scenarios().names, ['scenario 1', 'more']);
  assert.equal(r.scenarios().active, 'more');
  assert.deepEqual(r.results(), s.results());
  assert.throws(() => PlanSession.restore({ plan: {}, scenarios: [], active: 'x' }), (e) => e.code === 'plan.schema');
});

test('the embed build (size-optimised, without page-only calls and checks) gives the same results as the page build', async () => {
  const embed = await import('../../www/pkg/plancalc_embed.js');
  embed.initSync({ module: readFileSync(new URL('../../www/pkg/plancalc_embed_bg.wasm', import.meta.url)) });
  const presets = new URL('../../www/presets/', import.meta.url);
  const files = readdirSync(presets).filter((f) => f.endsWith('.json'));
  assert.ok(files.length >= 6);
  for (const file of files) {
    const text = readFileSync(new URL(file, presets), 'utf8');
    const page = new PlanSession(text);
    const lite = new embed.PlanSession(text);
    // The element shows no consistency warnings, and its build checks nothing: everything else is the same.
    const { warnings: none, ...lean } = lite.results();
    const { warnings: _checked, ...full } = page.results();
    assert.deepEqual(none, [], `${file}: the embed checks nothing`);
    assert.deepEqual(lean, full, file);
    const target = page.results().targets.find((t) => t.lever);
    if (target) {
      const [a, b] = [page, lite].map((s) => s.goalSeek(target.id, target.lever, 'substitute'));
      assert.deepEqual(b, a, `${file}: goal seek`);
    }
  }
  // The page-only calls are not in the embed; the element does not use them.
  assert.equal(typeof embed.PlanSession.restore, 'undefined');
  assert.equal(typeof embed.ProjectImport, 'undefined');
  assert.equal(typeof new embed.PlanSession(zunyi).explainTarget, 'undefined');
  assert.equal(typeof new embed.PlanSession(zunyi).plan, 'undefined');
});
