// The number display groups the core's rounded decimal strings itself: it must write what the browser's Intl writes
// for each of the three languages, with the places the core chose, and never round.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decimal } from '../../www/ui/format.js';

const CASES = ['0', '7', '999', '1000', '-1000', '12345.6', '1234567.891', '-0.50', '100000000000000000000000.0001',
  '3.14159265358979323', '-987654321'];

test('grouping and signs as Intl.NumberFormat writes them in zh-CN, zh-TW and en', () => {
  for (const locale of ['zh-CN', 'zh-TW', 'en']) {
    for (const text of CASES) {
      const places = (text.split('.')[1] ?? '').length;
      const intl = new Intl.NumberFormat(locale, { minimumFractionDigits: places, maximumFractionDigits: places })
        .format(text).replace(/^-/, '−');
      assert.equal(decimal(text, locale), intl, `${locale} ${text}`);
    }
  }
  // Past the 20 places that Intl in older browsers allows (it throws), the string is still written exactly.
  assert.equal(decimal('1234.5678901234567890123456', 'zh-CN'), '1,234.5678901234567890123456');
  assert.equal(decimal('', 'en'), '—');
  assert.equal(decimal(undefined, 'en'), '—');
});
