// Number display: the core has already rounded (once, by the plan's rule); this only adds the locale's grouping to the
// exact decimal string, with exactly the places the core chose.

import { word } from './words.js';

/** A decimal string the core rounded ("1234.50") in the locale's format ("1,234.50"), never re-rounded. zh-CN, zh-TW
 * and en all group by thousands with "," and write "." before the decimals, so the grouping is done on the string:
 * Intl.NumberFormat would say the same, but building its formatters took 130 ms of the element's first render on a
 * slow office PC (a CPU profile under `make bench`'s conditions, BENCHMARKS.md). */
export function decimal(text, locale) {
  if (text === undefined || text === null || text === '') return '—';
  const match = /^(-?)(\d+)(\.\d+)?$/.exec(String(text));
  if (!match) return String(text);
  const [, minus, whole, decimals = ''] = match;
  return `${minus ? '−' : ''}${whole.replace(/\B(?=(\d{3})+$)/g, ',')}${decimals}`;
}

/** A Quantity {display, unit, symbol} with its unit: "21.3%", "−8.7 个百分点" (en "−8.7 pp"), "6,800.00 亿元",
 *  "2.50×". */
export function quantity(q, locale) {
  if (!q) return '—';
  const n = decimal(q.display, locale);
  switch (q.unit) {
    case 'percent': return `${n}%`;
    case 'pp': return `${n} ${word(locale, 'pp')}`; // 个百分点, as plans and bulletins write it
    case 'times': return `${n}×`;
    default: return `${n} ${q.symbol}`;
  }
}

/** A label and its value, with the colon of the language: "差距：−8.7 个百分点", "Margin: −8.7 pp". Chinese text takes
 *  full-width punctuation, with no space after it. */
export function labelled(name, value, locale) {
  return `${name}${locale === 'en' ? ': ' : '：'}${value}`;
}

/** An aside in the parentheses of the language: "（约束性）", " (binding)". */
export function aside(text, locale) {
  return locale === 'en' ? ` (${text})` : `（${text}）`;
}

/** The same with an explicit sign, for margins and deltas. */
export function signed(q, locale) {
  if (!q) return '—';
  const text = quantity(q, locale);
  // The core says the sign of what it displays: only a positive value gets a '+'.
  return q.sign === 'positive' ? `+${text}` : text;
}

/** A slider's scale for a figure: 0 to a round number at least twice it, in about a thousand steps. Its position is
 * only a way to type: what it sets is its step-rounded value as text, parsed exactly by the core. */
export function sliderScale(exact) {
  const v = Math.abs(Number.parseFloat(exact ?? '0') || 0);
  const top = 10 ** Math.ceil(Math.log10(Math.max(2 * v, 1)));
  const max = [0.2, 0.5, 1].map((f) => f * top).find((m) => m >= 2 * v) ?? top;
  const places = Math.max(0, 3 - Math.floor(Math.log10(max)));
  return { max: String(max), step: (10 ** -places).toFixed(places), places };
}

/** Rows as CSV for spreadsheets: fields quoted where they must be, CRLF lines, a BOM so that Excel reads UTF-8. */
export function csvText(rows) {
  const cell = (v) => (/[",\r\n]/.test(String(v)) ? `"${String(v).replaceAll('"', '""')}"` : String(v));
  return `\ufeff${rows.map((r) => r.map(cell).join(',')).join('\r\n')}\r\n`;
}
