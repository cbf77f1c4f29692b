// The embed code the page writes: both forms, escaped where a plan's text goes into an attribute.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { policy, snippet } from '../../www/ui/snippet.js';

test('the element and the iframe code for a plan, with the policy each needs', () => {
  const element = snippet({ form: 'element', base: '/plancalc', plan: 'presets/zunyi.json', mode: 'summary', lang: 'zh-CN', title: '遵义' });
  assert.equal(element, '<script type="module" src="/plancalc/plan-calc.js"></script>\n'
    + '<plan-calc src="/plancalc/presets/zunyi.json" lang="zh-CN" mode="summary" loading="lazy"></plan-calc>');
  assert.equal(policy('element'), "Content-Security-Policy: default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'");
  const frame = snippet({ form: 'iframe', base: 'https://tools.example.gov.cn/plancalc/', plan: 'my plan.json', mode: 'full', lang: 'en', title: 'A "quoted" <plan>' });
  assert.match(frame, /title="A &quot;quoted&quot; &lt;plan&gt;"/);
  assert.match(frame, /src="https:\/\/tools\.example\.gov\.cn\/plancalc\/embed\.html\?plan=my\+plan\.json&amp;lang=en&amp;mode=full"/);
  assert.match(frame, /<script src="https:\/\/tools\.example\.gov\.cn\/plancalc\/plan-calc-frame\.js"><\/script>$/);
  assert.equal(policy('iframe', 'https://tools.example.gov.cn/plancalc/'),
    "Content-Security-Policy: default-src 'self'; script-src 'self' https://tools.example.gov.cn; frame-src https://tools.example.gov.cn");
  assert.equal(policy('iframe', '/plancalc/'), "Content-Security-Policy: default-src 'self'; script-src 'self'; frame-src 'self'");
});
