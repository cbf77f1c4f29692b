// Charts as SVG, each a <figure> with a caption, a title and a description for screen readers, and the same
// numbers as a table. Every number shown is the core's rounded display text; floating point is used only to
// place bars on the screen, never for a figure anyone reads.

import { quantity, signed } from './format.js';
import { t } from './i18n.js';
import { el } from './render.js';

const SVG = 'http://www.w3.org/2000/svg';
const WIDTH = 560;
const LABEL_W = 170;
const VALUE_W = 110; // "−13.8 个百分点" fits
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
  const max = Math.min(cap, Math.max(1e-9, ...numbers.map((x) => Math.abs(x))) * 1.1);
  const min = numbers.some((x) => x < 0) ? -max : 0;
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
    el('details', {}, el('summary', {}, t(locale, 'chart_numbers')), table));
}

/** Each share target: its value as a bar, its target as a dashed line. */
export function sharesChart(items, locale) {
  const rows = items.map(({ name, result }) => ({
    name, value: result.value, status: result.status, text: quantity(result.value, locale),
    marks: [{ at: result.target, kind: 'target' }],
  }));
  return bars({
    kind: 'shares', caption: t(locale, 'chart_shares'), description: t(locale, 'chart_shares_d'), rows, cap: 100, locale,
    columns: [t(locale, 'chart_item'), t(locale, 'value'), t(locale, 'target_col')],
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
    kind: 'composition', caption: `${name} · ${t(locale, 'chart_composition')}`, description: t(locale, 'chart_composition_d'), rows, cap: 100, locale,
    columns: [t(locale, 'chart_item'), t(locale, 'value'), t(locale, 'chart_share')],
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
    kind: 'completion', caption: t(locale, 'chart_completion'), description: t(locale, 'chart_completion_d'), rows, locale,
    columns: [t(locale, 'chart_item'), t(locale, 'value'), t(locale, 'time_progress'), t(locale, 'target_col')],
    cells: (r, i) => [r.text, quantity((items[i].result.extras ?? []).find((x) => x.key === 'time_progress')?.value, locale),
      quantity(items[i].result.target, locale)],
  });
}

/** Each unit's contribution (pp) to a combined growth rate. */
export function contributionsChart(name, result, labelOf, locale) {
  const rows = result.contributions.map((c) => ({ name: labelOf(c.id), value: c.value, text: signed(c.value, locale), marks: [] }));
  return bars({
    kind: 'contributions', caption: `${name} · ${t(locale, 'chart_contributions')}`, description: t(locale, 'chart_contributions_d'), rows, locale,
    columns: [t(locale, 'chart_item'), t(locale, 'chart_contribution')],
    cells: (r) => [r.text],
  });
}

/** A unit's months (`progress()` rows): cumulative completion of the annual plan as a bar each with time-progress
 *  as a line, and growth by month. Months without a figure are left out. */
export function monthlyCharts(name, months, labelOf, locale) {
  const done = months.filter((m) => m.completion);
  const out = [];
  if (done.length) {
    out.push(bars({
      kind: 'monthly', caption: `${name} · ${t(locale, 'chart_monthly')}`, description: t(locale, 'chart_monthly_d'), locale,
      rows: done.map((m) => ({
        name: labelOf(m.period), value: m.completion, text: quantity(m.completion, locale),
        // The bar takes the month's light (green, yellow, red); its number and the time-progress line say the same.
        status: { green: 'met', yellow: 'yellow', red: 'not_met' }[m.light?.color] ?? null, marks: [{ at: m.time_progress, kind: 'progress' }],
      })),
      columns: [t(locale, 'period'), t(locale, 'progress_completion'), t(locale, 'progress_time'), t(locale, 'progress_ahead')],
      cells: (r, i) => [r.text, quantity(done[i].time_progress, locale), done[i].ahead ? signed(done[i].ahead, locale) : '—'],
    }));
  }
  const grown = months.filter((m) => m.growth);
  if (grown.length) {
    out.push(bars({
      kind: 'monthly-growth', caption: `${name} · ${t(locale, 'chart_monthly_growth')}`, description: t(locale, 'chart_monthly_growth_d'), locale,
      rows: grown.map((m) => ({ name: labelOf(m.period), value: m.growth, text: quantity(m.growth, locale), marks: [] })),
      columns: [t(locale, 'period'), t(locale, 'progress_growth'), t(locale, 'progress_growth_change')],
      cells: (r, i) => [r.text, grown[i].growth_change ? signed(grown[i].growth_change, locale) : '—'],
    }));
  }
  return out;
}
