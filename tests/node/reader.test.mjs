// The reader's package in Node: readPlanText on a seed plan, readBulletin on a release, as a script would use them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { initSync, planFromDraft, readBulletin, readPlanText } from '../../www/pkg/plancalc_reader.js';

initSync({ module: readFileSync(new URL('../../www/pkg/plancalc_reader_bg.wasm', import.meta.url)) });

test('readPlanText reads a seed plan from Node, and its draft becomes a plan', () => {
  const text = readFileSync(new URL('../seeds/004_a2011991ed677789.txt', import.meta.url), 'utf8');
  const draft = readPlanText(text);
  const fai = draft.targets.find((t) => t.subject === '固定资产投资' && t.indicator === 'amount');
  assert.deepEqual([fai.cmp, fai.value, fai.unit, fai.period], ['=', '737.4', '亿元', '2019']);
  assert.equal(text.slice(fai.start, fai.end), fai.sentence);
  const plan = planFromDraft(draft.title, draft.targets);
  assert.equal(plan.targets.length, draft.targets.length);
  assert.throws(() => planFromDraft(null, [{ ...fai, indicator: 'nonsense' }]), (e) => e.code === 'field.invalid' && e.path === 'targets[0].indicator');
});

test('readBulletin gives the figures of a release and checks their relations', () => {
  const b = readBulletin('1—10月,重点项目完成投资629.0亿元,完成年度计划的97.2%,超序时进度13.8个百分点。');
  assert.equal(b.month, 10);
  assert.deepEqual(b.figures.map((f) => [f.kind, f.value]), [['level', '629.0'], ['completion', '97.2'], ['ahead', '13.8']]);
  assert.equal(b.checks.length, 1);
  assert.equal(b.checks[0].agrees, true);
});
