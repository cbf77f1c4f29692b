// Charts as SVG, each a <figure> with a caption, a title and a description for screen readers, and the same
// numbers as a table. Every number shown is the core's rounded display text; floating point is used only to
// place bars on the screen, never for a figure anyone reads.

import { quantity, signed } from './format.js';
import { el } from './render.js';

const SVG = 'http://www.w3.org/2000/svg';
const WIDTH = 560;
const LABEL_W = 170;
const VALUE_W = 90;
const ROW_H = 26;
const BAR_H = 14;
let serial = 0;

function svg(tag, attrs = {}, ...children) {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined && v !== null) node.setAttribute(k, String(v));
  node.append(...children.flat().filter((c) => c !== null && c !== undefined));
  return node;
}

/** Geometry only: the position of a core display text ("21.32") on a bar's axis. */
const position = (q) => (q ? Number.parseFloat(q.display) : null);

/** A name trimmed to fit the label column (wide characters count double); the whole name stays in the table
 * and in a <title>. */
function short(text) {
  let width = 0;
  for (let i = 0; i < text.length; i++) {
    width += text.charCodeAt(i) > 0x2e7f ? 2 : 1.1;
    if (width > 24) return `${text.slice(0, i)}…`;
  }
  return text;
}

/**
 * A horizontal bar chart. `rows`: { name, value: Quantity|null, text, marks: [{ at: Quantity, kind }], status }.
 * The axis runs from min(0, values) to the largest value or mark; bars beyond `cap` are cut and marked.
 */
function bars({ kind, caption, description, rows, cap = Infinity, columns, cells, locale }) {
  const id = `chart-${++serial}`;
  const numbers = rows.flatMap((r) => [position(r.value), ...r.marks.map((m) => position(m.at))]).filter((x) => x !== null && Number.isFinite(x));
  let max = Math.min(cap, Math.max(1e-9, ...numbers.map((x) => Math.abs(x))) * 1.1);
  const min = numbers.some((x) => x < 0) ? -max : 0;
  if (!Number.isFinite(max)) max = 1;
  const plotW = WIDTH - LABEL_W - VALUE_W;
  const x = (v) => LABEL_W + ((Math.max(min, Math.min(max, v)) - min) / (max - min)) * plotW;
  const height = rows.length * ROW_H + 8;
  const zero = x(0);
  const body = rows.map((r, i) => {
    const y = 4 + i * ROW_H;
    const v = position(r.value);
    const bar = v === null ? null : svg('rect', {
      class: `bar${v > max ? ' cut' : ''}`, 'data-status': r.status ?? null,
      x: Math.min(zero, x(v)), y: y + (ROW_H - BAR_H) / 2, width: Math.max(1, Math.abs(x(v) - zero)), height: BAR_H,
    });
    const marks = r.marks.filter((m) => position(m.at) !== null).map((m) => svg('line', {
      class: `mark ${m.kind}`, x1: x(position(m.at)), x2: x(position(m.at)), y1: y + 2, y2: y + ROW_H - 2,
    }));
    return svg('g', { class: 'row' },
      svg('text', { class: 'name', x: LABEL_W - 6, y: y + ROW_H / 2, 'text-anchor': 'end', 'dominant-baseline': 'middle' },
        svg('title', {}, r.name), short(r.name)),
      bar, marks,
      svg('text', { class: 'num', x: WIDTH - VALUE_W + 6, y: y + ROW_H / 2, 'dominant-baseline': 'middle' }, r.text));
  });
  const axis = svg('line', { class: 'axis', x1: zero, x2: zero, y1: 0, y2: height });
  const chart = svg('svg', {
    class: 'chart', viewBox: `0 0 ${WIDTH} ${height}`, role: 'img', 'aria-labelledby': `${id}-t ${id}-d`,
    width: '100%', preserveAspectRatio: 'xMinYMin meet',
  }, svg('title', { id: `${id}-t` }, caption), svg('desc', { id: `${id}-d` }, description), axis, body);
  const table = el('table', { className: 'chart-data' },
    el('thead', {}, el('tr', {}, columns.map((c) => el('th', { scope: 'col' }, c)))),
    el('tbody', {}, rows.map((r, i) => el('tr', {}, el('th', { scope: 'row' }, r.name), cells(r, i).map((c) => el('td', {}, c))))));
  return el('figure', { className: 'chart-box', dataset: { chart: kind }, attrs: { 'aria-labelledby': `${id}-c` } },
    el('figcaption', { id: `${id}-c` }, caption),
    chart,
    el('details', {}, el('summary', {}, t9(locale, 'numbers')), table));
}

/** The few words the charts need, kept beside them. */
const WORDS = {
  'zh-CN': { numbers: '数据表', item: '项目', value: '数值', target: '目标', share: '占比', tp: '序时进度', contribution: '拉动(百分点)',
    shares: '占比与目标线', composition: '构成', completion: '完成率与序时进度', contributions: '各单位对增长的拉动',
    shares_d: '每项占比为一根横条,虚线为目标。', composition_d: '各分项占总数的比例,以及未分配部分。',
    completion_d: '完成率为横条,实线为序时进度,虚线为目标。', contributions_d: '各单位拉动合计增速的百分点,合计即为总增速。' },
  'zh-TW': { numbers: '數據表', item: '項目', value: '數值', target: '目標', share: '占比', tp: '序時進度', contribution: '拉動(百分點)',
    shares: '占比與目標線', composition: '構成', completion: '完成率與序時進度', contributions: '各單位對增長的拉動',
    shares_d: '每項占比為一根橫條,虛線為目標。', composition_d: '各分項占總數的比例,以及未分配部分。',
    completion_d: '完成率為橫條,實線為序時進度,虛線為目標。', contributions_d: '各單位拉動合計增速的百分點,合計即為總增速。' },
  en: { numbers: 'Numbers', item: 'Item', value: 'Value', target: 'Target', share: 'Share', tp: 'Time-progress', contribution: 'Contribution (pp)',
    shares: 'Shares against their targets', composition: 'Composition', completion: 'Completion against time-progress',
    contributions: "Each unit's contribution to growth",
    shares_d: 'One bar per share; the dashed line is the target.', composition_d: 'Each item as a share of the total, and the unallocated rest.',
    completion_d: 'Completion rate as a bar; the solid line is time-progress, the dashed one the target.',
    contributions_d: 'Percentage points each unit adds to the combined growth; together they make it.' },
};
const t9 = (locale, key) => (WORDS[locale] ?? WORDS['zh-CN'])[key];

/** Each share target: its value as a bar, its target as a dashed line. */
export function sharesChart(items, locale) {
  const rows = items.map(({ name, result }) => ({
    name, value: result.value, status: result.status, text: quantity(result.value, locale),
    marks: [{ at: result.target, kind: 'target' }],
  }));
  return bars({
    kind: 'shares', caption: t9(locale, 'shares'), description: t9(locale, 'shares_d'), rows, cap: 100, locale,
    columns: [t9(locale, 'item'), t9(locale, 'value'), t9(locale, 'target')],
    cells: (r, i) => [r.text, quantity(items[i].result.target, locale)],
  });
}

/** A breakdown's items as shares of its total, largest first, and the unallocated remainder. */
export function compositionChart(composition, name, labelOf, remainderName, locale) {
  const rows = composition.items
    .map((item) => ({ name: labelOf(item.id), value: item.share, amount: item.value, marks: [] }))
    .sort((a, b) => (position(b.value) ?? -Infinity) - (position(a.value) ?? -Infinity));
  if (composition.remainder) rows.push({ name: remainderName, value: composition.remainder_share, amount: composition.remainder, marks: [] });
  for (const r of rows) r.text = quantity(r.value, locale);
  return bars({
    kind: 'composition', caption: `${name} · ${t9(locale, 'composition')}`, description: t9(locale, 'composition_d'), rows, cap: 100, locale,
    columns: [t9(locale, 'item'), t9(locale, 'value'), t9(locale, 'share')],
    cells: (r) => [quantity(r.amount, locale), r.text],
  });
}

/** Completion rates: a bar each, time-progress as a solid line and the target as a dashed one. */
export function completionChart(items, locale) {
  const rows = items.map(({ name, result }) => ({
    name, value: result.value, status: result.status, text: quantity(result.value, locale),
    marks: [{ at: result.target, kind: 'target' },
      ...(result.extras ?? []).filter((x) => x.key === 'time_progress').map((x) => ({ at: x.value, kind: 'progress' }))],
  }));
  return bars({
    kind: 'completion', caption: t9(locale, 'completion'), description: t9(locale, 'completion_d'), rows, locale,
    columns: [t9(locale, 'item'), t9(locale, 'value'), t9(locale, 'tp'), t9(locale, 'target')],
    cells: (r, i) => [r.text, quantity((items[i].result.extras ?? []).find((x) => x.key === 'time_progress')?.value, locale),
      quantity(items[i].result.target, locale)],
  });
}

/** Each unit's contribution (pp) to a combined growth rate. */
export function contributionsChart(name, result, labelOf, locale) {
  const rows = result.contributions.map((c) => ({ name: labelOf(c.id), value: c.value, text: signed(c.value, locale), marks: [] }));
  return bars({
    kind: 'contributions', caption: `${name} · ${t9(locale, 'contributions')}`, description: t9(locale, 'contributions_d'), rows, locale,
    columns: [t9(locale, 'item'), t9(locale, 'contribution')],
    cells: (r) => [r.text],
  });
}
