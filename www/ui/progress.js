// Monthly progress as the page draws it: a grid of units × months with their lights, and a table per unit. Each
// light is its symbol and its word as well as its colour. The figures and the lights are the core's (`progress()`).

import { aside, labelled, quantity, signed } from './format.js';
import { el } from './render.js';
import { monthlyCharts } from './charts.js';

/** The grid, the ranking and the tables for `all` (`session.progress()`) and `ranking` (`session.ranking()`, the
 *  core's order); `name(seriesId)` and `label(periodId)` give the plan's labels, `t(key)` the page's words. */
export function progressView(all, ranking, { lang, t, name, label }) {
  const cell = (q) => (q ? quantity(q, lang) : '—');
  // A computed figure opens its explanation (the core's steps: formula, numbers, exact value, one rounding).
  const explained = (g, m, figure, text) => (text === '—' ? text
    : el('button', { type: 'button', className: 'figure-link', dataset: { explain: `month|${g.done}|${m.period}|${figure}` } }, text));
  const lightCell = (l) => (l ? el('span', { className: `light light-${l.color}` }, `${l.symbol} ${l.text[lang] ?? l.text.en}`) : '—');
  const months = [...new Set(all.flatMap((g) => g.months.map((m) => m.period)))];
  const grid = el('table', { className: 'progress-grid' },
    el('caption', {}, t('progress_grid')),
    el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, t('progress_unit')), months.map((p) => el('th', { scope: 'col' }, label(p))))),
    el('tbody', {}, all.map((g) => el('tr', {}, el('th', { scope: 'row' }, name(g.done)),
      months.map((p) => el('td', {}, lightCell(g.months.find((m) => m.period === p)?.light)))))));
  // Per unit: what the next month must bring (the core's sentence), its months as a table, and two charts.
  const tables = all.flatMap((g) => [g.next ? el('p', { className: 'progress-next' }, g.next[lang] ?? g.next.en) : '', el('table', { className: 'progress-table' },
    el('caption', {}, `${name(g.done)} · ${t('progress_of')} ${name(g.plan)}`),
    el('thead', {}, el('tr', {}, ['period', 'progress_done', 'progress_completion', 'progress_time', 'progress_ahead', 'progress_growth',
      'progress_growth_change', 'progress_share', 'progress_contribution', 'progress_run_rate', 'progress_year_end', 'progress_light']
      .map((k) => el('th', { scope: 'col' }, t(k))))),
    el('tbody', {}, g.months.map((m) => el('tr', { className: m.revised ? 'revised' : '' },
      el('th', { scope: 'row' }, label(m.period), m.revised ? aside(t('progress_revised'), lang) : ''),
      el('td', {}, cell(m.done)), el('td', {}, explained(g, m, 'completion', cell(m.completion))),
      el('td', {}, explained(g, m, 'time_progress', cell(m.time_progress))),
      el('td', {}, explained(g, m, 'ahead', m.ahead ? signed(m.ahead, lang) : '—')), el('td', {}, explained(g, m, 'growth', cell(m.growth))),
      el('td', {}, m.growth_change ? signed(m.growth_change, lang) : '—'),
      el('td', {}, explained(g, m, 'share', cell(m.share))), el('td', {}, explained(g, m, 'contribution', m.contribution ? signed(m.contribution, lang) : '—')),
      el('td', {}, explained(g, m, 'run_rate', cell(m.run_rate))),
      el('td', {}, explained(g, m, 'year_end', cell(m.year_end))), el('td', {}, lightCell(m.light)))))),
  el('div', { className: 'charts progress-charts' }, monthlyCharts(name(g.done), g.months, label, lang))]);
  const ranked = el('ol', { className: 'progress-ranking', attrs: { 'aria-label': t('progress_ranking') } },
    ranking.map((r) => el('li', { value: r.rank }, `${labelled(name(r.done), signed(r.ahead, lang), lang)} `, lightCell(r.light))));
  return [grid, el('h3', {}, t('progress_ranking')), ranked, ...tables];
}
