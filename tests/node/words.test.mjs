// The interface's own words: Chinese in Chinese punctuation (as plans and bulletins print it), and the helpers that
// put a label, an aside, a unit or a month into a sentence in each language.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { aside, labelled, quantity } from '../../www/ui/format.js';
import { STRINGS, withMonth } from '../../www/ui/i18n.js';
import { WORDS } from '../../www/ui/words.js';

/** Full-width ，：；？！ and （）; ASCII parentheses only where they group an expression ("(P + x) ÷ W"). The same rule
 *  as the core's catalogue test (src/messages.rs). */
function fullWidth(text) {
  if (/[,:;?!]/.test(text)) return false;
  return [...text.matchAll(/\(([^()]*)\)/g)].every(([, inner]) => /[÷×−+=·]/.test(inner) && /[\p{L}\p{N}]/u.test(inner))
    && !/[()]/.test(text.replace(/\(([^()]*)\)/g, ''));
}

test('Chinese words take full-width punctuation', () => {
  assert.equal(fullWidth('差距：−8.7 个百分点'), true);
  assert.equal(fullWidth('差距: −8.7 pp'), false);
  assert.equal(fullWidth('占比按 (P + x) ÷ W 变化（总数不变）'), true);
  assert.equal(fullWidth('工作簿 (.xlsx)'), false);
  for (const table of [STRINGS, WORDS]) {
    for (const locale of ['zh-CN', 'zh-TW']) {
      for (const [key, text] of Object.entries(table[locale])) {
        assert.ok(fullWidth(text), `${locale} ${key}: ${text}`);
      }
    }
  }
});

test('a label, an aside, percentage points and a month in each language', () => {
  const pp = { display: '-8.7', unit: 'pp', symbol: '', sign: 'negative' };
  assert.equal(labelled('差距', quantity(pp, 'zh-CN'), 'zh-CN'), '差距：−8.7 个百分点');
  assert.equal(labelled('差距', quantity(pp, 'zh-TW'), 'zh-TW'), '差距：−8.7 個百分點');
  assert.equal(labelled('Margin', quantity(pp, 'en'), 'en'), 'Margin: −8.7 pp');
  assert.equal(`工业投资占比${aside('力争', 'zh-CN')}`, '工业投资占比（力争）');
  assert.equal(`Industrial share${aside('soft', 'en')}`, 'Industrial share (soft)');
  assert.equal(withMonth('zh-CN', 'progress_month', 10), '1—10月');
  assert.equal(withMonth('zh-TW', 'progress_month', 9), '1—9月');
  assert.equal(withMonth('en', 'progress_month', 10), 'Jan–Oct');
  assert.match(withMonth('en', 'project_months', 12), /^Jan–Dec: /);
});
