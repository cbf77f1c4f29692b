// The planner's page: a preset picker, the plan's figures grouped by breakdown, target cards, consistency
// warnings, "what would it take?" with an exact answer and its explanation, undo/redo, three languages, and
// autosave. The core computes; this file wires the page to it and displays.

import init, { PlanSession, indicatorKinds, planWithoutSeries } from './pkg/plancalc.js';
import { aside, csvText, decimal, labelled, quantity, signed, sliderScale } from './ui/format.js';
import { policy, snippet } from './ui/snippet.js';
import { LOCALES, label, t, withMonth } from './ui/i18n.js';
import { ICONS, el, explanation, goalAnswer, targetCard, warningItem } from './ui/render.js';
import { completionChart, compositionChart, contributionsChart, sharesChart } from './ui/charts.js';
import { ProjectsPanel } from './ui/projects.js';
import { WorkbookPanel } from './ui/workbook.js';
import { ReleaseReader } from './ui/release.js';
import { TextReader } from './ui/text-reader.js';
import * as mine from './ui/my-plans.js';
import { PlanEditor } from './ui/plan-editor.js';
import { progressView } from './ui/progress.js';
import { blankPlan, emptyPlan } from './ui/new-plans.js';
import { dropLarge, getLarge, putLarge } from './ui/store.js';
import { coreWasm, presetText } from './ui/assets.js';

const PRESETS = ['zunyi', 'tongren', 'bijie', 'wuzhong', 'changzhi', 'projects-demo', 'monthly-demo'];
/** Plans with more projects than this are kept in IndexedDB, and are too large for a link. */
const LARGE = 2000;
/** Where an imported plan, a plan opened from a shared link and one read from a plan's text are kept. */
const SLOTS = ['import', 'shared', 'text'];
const STORE = 'plancalc:v1:';

const state = {
  session: null, plan: null, results: null, preset: 'zunyi', lang: 'zh-CN', lastStatus: new Map(),
  goal: null, saveTimer: 0, chartFrame: 0, chartTimer: 0, chartsInView: false, projects: null,
  /** The plan differs from its preset file (a project list was imported): it is saved with the edits. */
  ownPlan: false,
  /** The name in My plans of the plan open, when it is one of the planner's own. */
  mineName: '', mineTimer: 0, mineText: null, undoMine: null,
  /** The page has been drawn once (the charts and project table drawn after the first paint). */
  shown: false,
  /** The core's indicator kinds (`indicatorKinds()`), once the plan editor has asked for them. */
  kinds: null,
};
const $ = (id) => document.getElementById(id);
const L = (labels) => label(labels, state.lang);
const T = (key) => t(state.lang, key);

// ---------------------------------------------------------------- loading and saving

const fetched = new Map();
/** A preset's text, fetched once (a failed fetch is tried again next time). */
function planText(preset) {
  if (preset === 'blank') return Promise.resolve(JSON.stringify(blankPlan()));
  if (!fetched.has(preset)) {
    fetched.set(preset, presetText(preset).catch((e) => {
      fetched.delete(preset);
      throw e;
    }));
  }
  return fetched.get(preset);
}

/** Opens a preset, restoring the edits saved for it if there are any. */
async function open(preset) {
  // One of My plans: the copy written on every change (localStorage) or, failing that, the one kept in IndexedDB.
  const own = mine.idOf(preset);
  const ownSaved = own ? (localStorage.getItem(STORE + preset) ?? await mine.get(own).catch(() => undefined)) : null;
  const known = PRESETS.includes(preset) || preset === 'blank' || (SLOTS.includes(preset) && localStorage.getItem(STORE + preset))
    || Boolean(ownSaved);
  state.preset = known ? preset : 'zunyi';
  state.mineName = own && known ? ((await mine.list().catch(() => [])).find((p) => p.id === own)?.name ?? '') : '';
  const saved = own && known ? ownSaved : localStorage.getItem(STORE + state.preset);
  let restored = false;
  state.ownPlan = false;
  try {
    if (saved) {
      try {
        const s = JSON.parse(saved);
        // A large plan is kept in IndexedDB apart from its edits: its outline, and its projects in compact form.
        const large = s.plan === 'idb' ? await getLarge(STORE + state.preset) : null;
        if (large) s.plan = large.outline;
        state.session = PlanSession.restore(s, large?.projects);
        state.ownPlan = !!s.own;
        restored = true;
      } catch {
        localStorage.removeItem(STORE + state.preset); // a saved state the plan no longer accepts
      }
    }
    if (!restored) state.session = new PlanSession(await planText(state.preset));
  } catch (e) {
    $('load-error').hidden = false;
    $('load-error').textContent = T('load_failed') + (e.code ? `[${e.code}] ` : '') + e.message;
    return;
  }
  $('load-error').hidden = true;
  remember(state.preset);
  state.plan = state.session.plan();
  state.results = state.session.results();
  state.lastStatus = new Map(state.results.targets.map((r) => [r.id, r.status]));
  renderAll();
  if (restored && state.session.edits().length) announce(T('restored'));
}

/** Remembers which plan is open, in the browser and in the address (so a reload reopens it). */
function remember(preset) {
  localStorage.setItem(STORE + 'preset', preset);
  const url = new URL(location.href);
  if (url.searchParams.get('preset') !== preset) {
    url.searchParams.set('preset', preset);
    history.replaceState(null, '', url.search + url.hash);
  }
}

/** Saves the session in the browser soon (edits come in bursts); `flush()` saves at once. */
function save() {
  clearTimeout(state.saveTimer);
  state.saveTimer = setTimeout(flush, 250);
}

function flush() {
  clearTimeout(state.saveTimer);
  if (!state.session) return;
  const large = state.session.projectCount() > LARGE;
  const s = state.session.state(!large);
  const untouched = state.session.untouched();
  const key = STORE + state.preset;
  // A preset untouched needs nothing saved; an imported or shared plan exists only in what is saved.
  if (untouched && PRESETS.includes(state.preset) && !state.ownPlan) {
    localStorage.removeItem(key);
    return;
  }
  s.own = state.ownPlan;
  if (large) s.plan = 'idb';
  const text = JSON.stringify(s);
  localStorage.setItem(key, text);
  keepMine(text);
}

/** One of My plans is kept in IndexedDB too, a moment after its last change (the list shows when that was). */
function keepMine(text) {
  if (!mine.idOf(state.preset)) return;
  clearTimeout(state.mineTimer);
  state.mineText = text;
  state.mineTimer = setTimeout(keepMineNow, 300);
}

/** Writes what `keepMine` is waiting to write, now. */
function keepMineNow() {
  clearTimeout(state.mineTimer);
  const id = mine.idOf(state.preset);
  const text = state.mineText;
  state.mineText = null;
  if (!id || !text) return Promise.resolve();
  return mine.put(id, state.mineName || L(state.plan.title), text).catch(() => {});
}

/** Everything saved, in localStorage and in My plans. */
function flushAll() {
  flush();
  return keepMineNow();
}

/** Keeps the plan itself when it changed as a whole (a project list imported): in IndexedDB when large. */
async function savePlan() {
  const key = STORE + state.preset;
  if (state.session.projectCount() > LARGE) {
    await putLarge(key, { outline: JSON.stringify(state.session.plan()), projects: state.session.projectBytes() });
    flush();
  } else {
    // A small plan is saved with its edits at once; a large one left from before is forgotten after.
    flush();
    await dropLarge(key);
  }
}

// ---------------------------------------------------------------- rendering

function renderAll() {
  document.documentElement.lang = state.lang;
  // Only the words that differ are set (the page's Chinese is already in index.html): the DOM is touched only where
  // the text changes.
  for (const node of document.querySelectorAll('[data-i18n]')) {
    const text = T(node.dataset.i18n);
    if (node.textContent !== text) node.textContent = text;
  }
  for (const node of document.querySelectorAll('[data-i18n-label]')) node.setAttribute('aria-label', T(node.dataset.i18nLabel));
  $('lang').value = state.lang;
  $('preset').value = PRESETS.includes(state.preset) || state.preset === 'blank' ? state.preset : '';
  for (const option of $('preset').options) {
    option.textContent = option.value === 'blank' ? T('blank') : option.dataset[state.lang === 'en' ? 'en' : 'zh'];
  }
  renderPlan();
  renderFigures();
  renderTargets();
  renderProgress();
  renderWarnings();
  renderHistory();
  renderScenarios();
  renderCompare();
  if (state.shown) {
    drawCharts();
    state.projects.render();
    return;
  }
  // The first time, the first screen (plan, figures, targets) is painted first, and the charts and the project table,
  // far below it, are drawn in the next task; `data-ready` says that everything is there. The mark, when the figures
  // are painted, is what `make bench` measures (time to first figures).
  state.shown = true;
  afterPaint(() => {
    performance.mark('plancalc:first-figures');
    drawCharts();
    state.projects.render();
    document.body.dataset.ready = 'true';
  });
}

/** Runs `fn` once the next frame has been laid out and painted (a task queued from that frame's callback). */
function afterPaint(fn) {
  requestAnimationFrame(() => setTimeout(fn));
}

/** Shares against targets, each breakdown's composition, completion against time-progress, and each unit's
 * contribution to a combined growth rate: whichever the plan has. */
function renderCharts() {
  const { plan, results, session } = state;
  const spec = new Map(plan.targets.map((x) => [x.id, x]));
  const seriesName = (id) => L(plan.series.find((s) => s.id === id)?.label) || id;
  const of = (kind) => results.targets.filter((r) => spec.get(r.id).indicator.kind === kind)
    .map((r) => ({ name: L(spec.get(r.id).label), result: r }));
  const charts = [];
  const shares = of('share');
  if (shares.length) charts.push(sharesChart(shares, state.lang));
  for (const b of plan.breakdowns ?? []) {
    // The latest period in which the total has a figure.
    const totals = results.series.find((s) => s.id === b.parent)?.values ?? [];
    const period = plan.periods[totals.findLastIndex((q) => q)];
    if (period) charts.push(compositionChart(session.composition(b.id, period.id), L(b.label), seriesName, T('unallocated'), state.lang));
  }
  const completion = of('completion').filter((x) => x.result.value);
  if (completion.length) charts.push(completionChart(completion, state.lang));
  for (const x of of('aggregate_growth')) {
    if (x.result.contributions?.length) charts.push(contributionsChart(x.name, x.result, seriesName, state.lang));
  }
  $('charts').replaceChildren(...charts);
  $('charts-box').hidden = !charts.length;
}

/** Charts follow edits: while they are on screen at most once per frame, while they are off screen once the edits
 * pause (a slider drag sends dozens), so that a drag spends its frames on what the planner can see. */
function scheduleCharts() {
  if (state.chartsInView) {
    clearTimeout(state.chartTimer);
    state.chartTimer = 0;
    if (!state.chartFrame) state.chartFrame = requestAnimationFrame(drawCharts);
  } else if (!state.chartFrame) {
    clearTimeout(state.chartTimer);
    state.chartTimer = setTimeout(drawCharts, 150);
  }
}

function drawCharts() {
  cancelAnimationFrame(state.chartFrame);
  clearTimeout(state.chartTimer);
  state.chartFrame = 0;
  state.chartTimer = 0;
  renderCharts();
}

function renderPlan() {
  const { plan } = state;
  $('plan-title').textContent = L(plan.title);
  const src = plan.source;
  // Absent parts are left out (replaceChildren would write a null as the text "null").
  $('plan-meta').replaceChildren(...[
    plan.region ? el('span', {}, labelled(T('region'), L(plan.region), state.lang)) : null,
    el('span', {}, labelled(T('period'), plan.periods.map((p) => L(p.label)).join('、'), state.lang)),
    src ? el('span', {}, labelled(T('source'), `${L(src.issuer)} · ${L(src.document)} · ${src.date ?? T('undated')}`, state.lang)) : null,
    el('span', {}, T(plan.baseline)),
  ].filter(Boolean));
  $('plan-notes').replaceChildren(...(plan.notes ?? []).map((n) => el('li', {}, L(n))));
  $('notes-box').hidden = !(plan.notes ?? []).length;
  document.title = `${L(plan.title)} · plancalc`;
}

/** Rows: each breakdown (parent, its items with the parts of any sum nested under it, the unallocated
 * remainder), then the figures in no breakdown. */
function figureRows() {
  const { plan } = state;
  const byId = new Map(plan.series.map((s) => [s.id, s]));
  const placed = new Set();
  // A sum's parts are nested under it unless they are shown elsewhere already (or further down a breakdown).
  const elsewhere = new Set((plan.breakdowns ?? []).flatMap((b) => [b.parent, ...b.children]));
  const withParts = (id, depth) => {
    placed.add(id);
    const parts = (byId.get(id)?.sum ?? []).filter((p) => !placed.has(p) && !elsewhere.has(p));
    return [{ id, depth }, ...parts.flatMap((p) => withParts(p, depth + 1))];
  };
  const groups = (plan.breakdowns ?? []).map((b) => ({
    breakdown: b,
    rows: [...withParts(b.parent, 0), ...b.children.flatMap((id) => withParts(id, 1))],
  }));
  const rest = plan.series.filter((s) => !placed.has(s.id)).flatMap((s) => (placed.has(s.id) ? [] : withParts(s.id, 0)));
  if (rest.length) groups.push({ breakdown: null, rows: rest });
  return groups;
}

function renderFigures() {
  const { plan } = state;
  const table = $('figures');
  const head = el('tr', {}, el('th', { scope: 'col' }, T('figures')), plan.periods.map((p) => el('th', { scope: 'col' }, L(p.label))));
  const body = [];
  for (const { breakdown, rows } of figureRows()) {
    if (breakdown) body.push(el('tr', { className: 'group' }, el('th', { scope: 'rowgroup', colSpan: plan.periods.length + 1 }, L(breakdown.label))));
    for (const { id, depth } of rows) body.push(figureRow(id, depth));
    if (breakdown) {
      body.push(el('tr', { className: 'remainder', dataset: { breakdown: breakdown.id } },
        el('th', { scope: 'row', className: 'depth-1' }, T('unallocated')),
        plan.periods.map((_, p) => el('td', { className: 'computed', dataset: { breakdown: breakdown.id, period: p } }))));
    }
  }
  table.replaceChildren(el('thead', {}, head), el('tbody', {}, body));
  updateFigures();
}

function figureRow(id, depth) {
  const { plan } = state;
  const series = plan.series.find((s) => s.id === id);
  // Which figures are typed in is the core's word (kind `input`); sums and sums over projects are computed.
  const kind = state.results.series.find((s) => s.id === id)?.kind;
  const name = L(series.label);
  const cells = plan.periods.map((period) => {
    if (kind !== 'input') return el('td', { className: 'computed', dataset: { series: id, period: period.id } });
    const fieldId = `f-${id}-${period.id}`;
    const what = `${name} ${L(period.label)} (${series.unit ?? plan.unit})`;
    return el('td', {},
      el('input', {
        id: fieldId, type: 'text', inputMode: 'decimal', autocomplete: 'off',
        dataset: { series: id, period: period.id },
        attrs: { 'aria-label': what, 'aria-describedby': `${fieldId}-err` },
      }),
      el('input', {
        type: 'range', min: '0', className: 'slider', dataset: { series: id, period: period.id, field: fieldId },
        attrs: { 'aria-label': `${what} ${T('slider')}` },
      }),
      el('p', { id: `${fieldId}-err`, className: 'error', attrs: { 'aria-live': 'polite' } }));
  });
  return el('tr', { dataset: { series: id } },
    el('th', { scope: 'row', className: `depth-${depth}` }, name, ' ', el('span', { className: 'unit' }, `${series.unit ?? plan.unit}${kind === 'input' ? '' : ' ' + T(kind === 'projects' ? 'over_projects' : 'derived')}`)),
    cells);
}

/** Writes the current figures into the table; the field being typed in keeps what is typed. */
/** Writes the results into the figures table: every cell, or with `outcome` only the cells and remainders an edit
 * changed (a slider drag sends one edit per step; the rest of the table stays untouched). */
function updateFigures(outcome) {
  const { results, plan } = state;
  const periodIndex = new Map(plan.periods.map((p, i) => [p.id, i]));
  const cells = outcome && new Set(outcome.series.map((c) => `${c.id}\u0000${c.period}`));
  const remainders = outcome && new Set(outcome.breakdowns.map((b) => b.id));
  const touched = (node) => !cells || cells.has(`${node.dataset.series}\u0000${node.dataset.period}`);
  const seriesOf = (node) => results.series.find((s) => s.id === node.dataset.series);
  const value = (node) => seriesOf(node)?.values[periodIndex.get(node.dataset.period)];
  for (const input of $('figures').querySelectorAll('input')) {
    if (!touched(input)) continue;
    const series = seriesOf(input);
    const p = periodIndex.get(input.dataset.period);
    const q = series?.values[p];
    if (input.type === 'range') {
      if (input !== document.activeElement) placeSlider(input, q);
      continue;
    }
    // The core says which figures differ from the plan's own: marked (and styled) for the planner to see.
    input.dataset.changed = String(series?.changed[p] ?? false);
    if (input === document.activeElement && input.getAttribute('aria-invalid') === 'true') continue;
    const text = q ? q.exact : '';
    if (input !== document.activeElement && input.value !== text) input.value = text;
    input.title = q?.fraction ? `= ${q.fraction}` : '';
  }
  for (const td of $('figures').querySelectorAll('td.computed[data-series]')) {
    if (!touched(td)) continue;
    const q = value(td);
    td.textContent = q ? decimal(q.display, state.lang) : '—';
  }
  for (const td of $('figures').querySelectorAll('td.computed[data-breakdown]')) {
    if (remainders && !remainders.has(td.dataset.breakdown)) continue;
    const b = results.breakdowns.find((x) => x.id === td.dataset.breakdown);
    const p = Number(td.dataset.period);
    const rest = b?.remainder[p];
    const share = b?.remainder_share[p];
    td.textContent = rest ? `${decimal(rest.display, state.lang)}${aside(quantity(share, state.lang), state.lang)}` : '—';
    td.dataset.negative = rest?.sign === 'negative' ? 'true' : 'false';
  }
}

/** Places a slider on a figure (its scale from `sliderScale`, fixed once set unless the figure outgrows it). */
function placeSlider(slider, q) {
  const v = q ? Number.parseFloat(q.exact) : 0;
  if (!slider.max || v > Number(slider.max) || !slider.dataset.fixed) {
    const scale = sliderScale(q?.exact);
    slider.max = scale.max;
    slider.step = scale.step;
    slider.dataset.places = String(scale.places);
    slider.dataset.fixed = 'true';
  }
  slider.value = String(v);
  slider.setAttribute('aria-valuetext', q ? decimal(q.display, state.lang) : '—');
}

function renderTargets() {
  const { plan, results } = state;
  $('targets').replaceChildren(...results.targets.map((r) => targetCard(r, plan.targets.find((x) => x.id === r.id), plan, state.lang)));
}

/** Monthly actuals from a CSV file (a unit per row and a column per month, or a row per unit and month): all entered
 *  as edits of the scenario, or none, with every bad row listed. Such files are a few hundred rows: read here. */
async function importMonthly(file) {
  const year = state.plan.progress?.[0]?.year;
  try {
    const n = state.session.importMonthly(await file.text(), year, $('progress-unit').value);
    $('progress-error').hidden = true;
    state.results = state.session.results();
    renderAll();
    announce(T('progress_imported').replace('{n}', n));
    save();
  } catch (e) {
    const rows = (e.rows ?? []).slice(0, 20).map((r) => labelled(`${T('csv_line').replace('{n}', r.line)} ${r.column}`, `[${r.code}] ${r.reason}`, state.lang));
    showError('progress-error', { code: e.code, message: [e.message, ...rows].join('\n') }, T('csv_failed'));
  }
}

/** Month by month (the plan's `progress`, drawn by ui/progress.js), and the month's bulletin. */
function renderProgress() {
  // The month the ranking and the bulletin are as of: the latest with figures, unless the planner picks another.
  const pick = $('progress-month');
  const view = state.session.progressView(pick.value ? Number(pick.value) : undefined);
  const all = view.units;
  $('progress-box').hidden = all.length === 0;
  if (!all.length) return;
  const months = [...new Set(all.flatMap((g) => g.months.filter((m) => m.done).map((m) => m.month)))].sort((a, b) => a - b);
  const keep = pick.value;
  pick.replaceChildren(el('option', { value: '' }, T('progress_latest')), ...months.map((m) => el('option', { value: String(m) }, withMonth(state.lang, 'progress_month', m))));
  pick.value = months.includes(Number(keep)) ? keep : '';
  $('progress').replaceChildren(...progressView(all, view.ranking, {
    lang: state.lang, t: T,
    name: (id) => L(state.plan.series.find((s) => s.id === id)?.label) || id,
    label: (p) => L(state.plan.periods.find((x) => x.id === p)?.label) || p,
  }));
  // The month's bulletin, as the core writes it from these figures; each computed figure opens its explanation.
  const parts = view.bulletin_parts?.[state.lang] ?? [];
  $('bulletin-box').hidden = !view.bulletin;
  $('bulletin-text').replaceChildren(...parts.map((p) => (p.figure ? el('button', { type: 'button', className: 'figure-link',
    dataset: { explain: `month|${p.done}|${p.period}|${p.figure}` } }, p.text) : p.text)));
}

function renderWarnings() {
  const list = state.results.warnings;
  $('warnings').replaceChildren(...(list.length ? list.map((w) => warningItem(w, state.lang)) : [el('li', { className: 'none' }, T('no_warnings'))]));
}

function renderHistory() {
  const s = state.session.scenarios();
  $('undo').disabled = !s.can_undo;
  $('redo').disabled = !s.can_redo;
}

function announce(text) {
  $('announce').textContent = text;
}

/** Applies what an edit changed to our copy of the results, redraws, announces status changes, saves. `everyField`
 * rewrites every figure, not only the changed ones (undo and redo also clear text the core refused). */
function changed(outcome, everyField = false) {
  const r = state.results;
  const index = (list) => new Map(list.map((x, i) => [x.id, i]));
  const targets = index(r.targets);
  for (const x of outcome.targets) r.targets[targets.get(x.id)] = x;
  const breakdowns = index(r.breakdowns);
  for (const x of outcome.breakdowns) r.breakdowns[breakdowns.get(x.id)] = x;
  const series = index(r.series);
  const periods = new Map(state.plan.periods.map((p, i) => [p.id, i]));
  for (const c of outcome.series) {
    const x = r.series[series.get(c.id)];
    x.values[periods.get(c.period)] = c.value;
    x.changed[periods.get(c.period)] = c.changed;
  }
  for (const g of outcome.warnings) r.warnings = r.warnings.filter((w) => w.subject !== g.subject).concat(g.warnings);
  updateFigures(everyField ? undefined : outcome);
  for (const x of outcome.targets) {
    const old = $('targets').querySelector(`.card[data-target="${CSS.escape(x.id)}"]`);
    const spec = state.plan.targets.find((s) => s.id === x.id);
    old?.replaceWith(targetCard(x, spec, state.plan, state.lang));
  }
  if (outcome.warnings.length) renderWarnings();
  // Monthly progress follows the series it reads.
  const followed = new Set((state.plan.progress ?? []).flatMap((g) => [g.done, g.plan]));
  if (everyField || outcome.series.some((c) => followed.has(c.id))) renderProgress();
  renderHistory();
  renderCompare();
  scheduleCharts();
  const news = [];
  for (const x of r.targets) {
    if (state.lastStatus.get(x.id) !== x.status) {
      news.push(`${L(state.plan.targets.find((s) => s.id === x.id).label)}: ${T(x.status)}`);
      state.lastStatus.set(x.id, x.status);
    }
  }
  if (news.length) announce(news.join('; '));
  if (!$('project-list').hidden) state.projects.edited();
  save();
}

// ---------------------------------------------------------------- scenarios, comparison, files, links

function renderScenarios() {
  const list = state.session.scenarios();
  $('scenario').replaceChildren(...list.names.map((n) => el('option', { value: n, selected: n === list.active }, n)));
  const other = $('compare-with').value;
  $('compare-with').replaceChildren(
    el('option', { value: '' }, T('none')),
    el('option', { value: 'baseline' }, T('baseline')),
    ...list.names.filter((n) => n !== list.active).map((n) => el('option', { value: n }, n)));
  $('compare-with').value = [...$('compare-with').options].some((o) => o.value === other) ? other : '';
}

/** The active scenario beside another (or the baseline): every target, and every figure that differs. */
function renderCompare() {
  const other = $('compare-with').value;
  $('compare-box').hidden = !other;
  if (!other) return;
  const active = state.session.scenarios().active;
  const rows = state.session.compare(other, active);
  const name = (r) => L((r.kind === 'target' ? state.plan.targets : state.plan.series).find((x) => x.id === r.id)?.label);
  const shown = rows.filter((r) => r.kind === 'target' || r.differs);
  $('compare').replaceChildren(
    el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, T('kind')), el('th', { scope: 'col' }, T('target_col')),
      el('th', { scope: 'col' }, other === 'baseline' ? T('baseline') : other), el('th', { scope: 'col' }, active),
      el('th', { scope: 'col' }, T('delta')))),
    el('tbody', {}, shown.map((r) => el('tr', { dataset: { kind: r.kind, id: r.id } },
      el('td', {}, T(r.kind === 'target' ? 'target_col' : 'figure')),
      el('th', { scope: 'row' }, name(r)),
      el('td', {}, quantity(r.a, state.lang), r.status_a ? ` ${ICONS[r.status_a]}` : ''),
      el('td', {}, quantity(r.b, state.lang), r.status_b ? ` ${ICONS[r.status_b]}` : ''),
      el('td', { className: 'delta' }, signed(r.delta, state.lang))))));
}

function switchScenario(name) {
  state.results = state.session.switchScenario(name);
  state.lastStatus = new Map(state.results.targets.map((r) => [r.id, r.status]));
  renderAll();
  save();
}

/** Saves the current edits as a new named scenario (a copy of the active one) and switches to it. */
function addScenario() {
  const name = $('scenario-name').value.trim();
  try {
    state.results = state.session.newScenario(name, state.session.scenarios().active);
    $('scenario-name').value = '';
    $('import-error').hidden = true;
    renderAll();
    save();
  } catch (e) {
    showError('import-error', e, '');
  }
}

function showError(id, e, prefix) {
  $(id).hidden = false;
  $(id).textContent = prefix + (e.code ? `[${e.code}] ` : '') + e.message;
}

/** Replaces the plan with one from a file; a malformed file shows its coded error and keeps the current plan. */
async function importPlan(file) {
  const text = await file.text();
  let session;
  try {
    session = new PlanSession(text);
  } catch (e) {
    showError('import-error', e, T('import_failed'));
    return;
  }
  $('import-error').hidden = true;
  adoptMine(session);
}

/** The plan open becomes one of My plans, as it is (the editor's first change to a preset: the preset stays). */
function makeOwn() {
  if (mine.idOf(state.preset)) return;
  state.mineName = L(state.plan.title);
  state.preset = mine.slotOf(mine.newId());
  state.ownPlan = false;
  remember(state.preset);
  announce(T('ed_own_copy'));
}

/** A plan that becomes one of My plans: imported, read from a text, opened from a link, or a copy. */
function adoptMine(session, name) {
  state.mineName = name ?? L(session.plan().title);
  adopt(session, mine.slotOf(mine.newId()));
}

function adopt(session, slot) {
  state.session = session;
  state.preset = slot;
  state.ownPlan = false;
  state.plan = session.plan();
  state.results = session.results();
  state.lastStatus = new Map(state.results.targets.map((r) => [r.id, r.status]));
  remember(slot);
  renderAll();
  savePlan();
}

function download(name, type, text) {
  const link = el('a', { href: URL.createObjectURL(new Blob([text], { type })), download: name });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 1000);
}

function exportPlan() {
  download(`${state.plan.id}.json`, 'application/json', `${state.session.documentText()}\n`);
}

/** The results as CSV for spreadsheets: exact values and displayed ones, with a BOM for Excel. */
function exportCsv() {
  const lines = [['kind', 'id', 'label', 'period', 'exact', 'display', 'unit', 'status', 'target', 'margin']];
  for (const r of state.results.targets) {
    const spec = state.plan.targets.find((x) => x.id === r.id);
    lines.push(['target', r.id, L(spec.label), spec.period, r.value?.exact ?? '', r.value?.display ?? '', r.target.symbol,
      r.status, `${spec.cmp} ${r.target.display}`, r.margin?.display ?? '']);
  }
  state.results.series.forEach((x) => x.values.forEach((q, p) => {
    const s = state.plan.series.find((y) => y.id === x.id);
    lines.push(['figure', x.id, L(s.label), state.plan.periods[p].id, q?.exact ?? '', q?.display ?? '', q?.symbol ?? '', '', '', '']);
  }));
  download(`${state.plan.id}-results.csv`, 'text/csv', csvText(lines));
}

async function pack(text) {
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream('deflate-raw'));
  const bytes = new Uint8Array(await new Response(stream).arrayBuffer());
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

async function unpack(data) {
  const binary = atob(data.replaceAll('-', '+').replaceAll('_', '/'));
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
  return new Response(stream).text();
}

/** The embed dialog: the element or iframe code for the current plan, and the policy the portal needs. */
function renderEmbed() {
  const form = document.querySelector('#embed-dialog input[name="embed-form"]:checked')?.value ?? 'element';
  const preset = PRESETS.includes(state.preset) && !state.ownPlan;
  const plan = preset ? `presets/${state.preset}.json` : `${state.plan.id}.json`;
  const inline = form === 'element' && $('embed-inline').checked;
  $('embed-inline').disabled = form !== 'element';
  $('embed-plan-note').textContent = inline ? T('embed_inline_note')
    : T(preset ? 'embed_preset' : 'embed_own').replace('{file}', plan);
  $('embed-snippet').value = snippet({
    form, base: $('embed-base').value.trim() || '/plancalc/', plan, mode: $('embed-mode').value, lang: state.lang,
    title: L(state.plan.title), inline: inline ? state.session.documentText() : undefined,
  });
  $('embed-policy').value = policy(form, $('embed-base').value.trim() || '/plancalc/');
}

async function copyEmbed() {
  const text = $('embed-snippet').value;
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    $('embed-snippet').select(); // the reader copies the selection by hand where the clipboard is not offered
    return;
  }
  announce(T('copied'));
}

/** A link that reopens this plan with its scenarios and edits: the session state, compressed, in the hash. */
async function share() {
  if (state.session.projectCount() > LARGE) {
    showError('import-error', { message: T('too_large_for_link') }, '');
    return;
  }
  const data = await pack(JSON.stringify(state.session.state()));
  history.replaceState(null, '', `#s=${data}`);
  $('share-url').hidden = false;
  $('share-url').value = location.href;
  announce(T('share_ready'));
}

async function openShared(data) {
  try {
    adoptMine(PlanSession.restore(JSON.parse(await unpack(data))));
    return true;
  } catch (e) {
    showError('load-error', e, T('load_failed'));
    return false;
  }
}

// ---------------------------------------------------------------- My plans

/** The list of My plans: each renamed in place, opened, copied, exported or deleted (a deletion can be undone). */
async function renderMine() {
  const plans = await mine.list().catch(() => []);
  $('mine-list').replaceChildren(...mine.listView(plans, { t: T, lang: state.lang, current: state.preset }));
  $('mine-empty').hidden = plans.length > 0;
}

/** A saved plan's session, restored (with its large project list if it has one). */
async function mineSession(id) {
  const slot = mine.slotOf(id);
  const s = JSON.parse(localStorage.getItem(STORE + slot) ?? await mine.get(id));
  const large = s.plan === 'idb' ? await getLarge(STORE + slot) : null;
  if (large) s.plan = large.outline;
  return PlanSession.restore(s, large?.projects);
}

async function mineAction(event) {
  const button = event.target.closest('button[data-action]');
  if (!button) return;
  const { action, id } = button.dataset;
  const entry = (await mine.list()).find((p) => p.id === id);
  if (!entry) return;
  if (action === 'open') {
    await flushAll();
    $('mine-dialog').close();
    await open(mine.slotOf(id));
  } else if (action === 'duplicate') {
    await flushAll();
    const copy = mine.newId();
    const text = localStorage.getItem(STORE + mine.slotOf(id)) ?? await mine.get(id);
    const large = await getLarge(STORE + mine.slotOf(id));
    if (large) await putLarge(STORE + mine.slotOf(copy), large);
    await mine.put(copy, T('mine_copy_of').replace('{name}', entry.name), text);
    announceMine(T('mine_duplicated').replace('{name}', entry.name));
  } else if (action === 'export') {
    const session = await mineSession(id);
    download(`${session.plan().id}.json`, 'application/json', `${session.documentText()}\n`);
  } else if (action === 'delete') {
    await flushAll();
    const removed = await mine.remove(id);
    const local = localStorage.getItem(STORE + mine.slotOf(id));
    localStorage.removeItem(STORE + mine.slotOf(id));
    state.undoMine = { ...removed, local };
    announceMine(T('mine_deleted').replace('{name}', entry.name), true);
  }
  await renderMine();
}

function announceMine(text, undo = false) {
  $('mine-status-text').textContent = text;
  $('mine-undo').hidden = !undo;
  $('mine-status').hidden = false;
}

async function undoDelete() {
  const undo = state.undoMine;
  if (!undo) return;
  state.undoMine = null;
  await mine.putBack(undo);
  if (undo.local) localStorage.setItem(STORE + mine.slotOf(undo.entry.id), undo.local);
  announceMine(T('mine_restored').replace('{name}', undo.entry.name));
  await renderMine();
}

/** The plan open becomes one of My plans (a copy, when it is a preset; itself otherwise). */
async function saveAsMine() {
  if (mine.idOf(state.preset)) {
    await flushAll();
    announceMine(T('mine_already'));
    return;
  }
  const copy = PlanSession.restore(state.session.state());
  adoptMine(copy, L(state.plan.title));
  await keepMineNow();
  await renderMine();
  announceMine(T('mine_saved').replace('{name}', state.mineName));
}

// ---------------------------------------------------------------- interaction

function onInput(event) {
  let input = event.target;
  if (!(input instanceof HTMLInputElement) || !input.dataset.series) return;
  if (input.type === 'range') {
    // The slider types into its field: the same path, the same checks, the same undo.
    const slider = input;
    input = $(slider.dataset.field);
    input.value = Number(slider.value).toFixed(Number(slider.dataset.places));
  }
  const err = $(`${input.id}-err`);
  try {
    const outcome = state.session.setValue(input.dataset.series, input.dataset.period, input.value);
    err.textContent = '';
    delete err.dataset.code;
    input.removeAttribute('aria-invalid');
    changed(outcome);
  } catch (e) {
    // The core refused the text: show its message; the last valid figure stays in effect.
    err.textContent = e.message;
    err.dataset.code = e.code ?? '';
    input.setAttribute('aria-invalid', 'true');
  }
}

function undoRedo(step) {
  const outcome = step === 'undo' ? state.session.undo() : state.session.redo();
  if (!outcome) return;
  for (const input of $('figures').querySelectorAll('input[aria-invalid="true"]')) {
    input.removeAttribute('aria-invalid');
    $(`${input.id}-err`).textContent = '';
  }
  document.activeElement?.blur?.();
  changed(outcome, true);
}

function onKey(event) {
  const mod = event.ctrlKey || event.metaKey;
  if (!mod) return;
  const key = event.key.toLowerCase();
  if (key === 'z' && !event.shiftKey) { event.preventDefault(); undoRedo('undo'); }
  else if ((key === 'z' && event.shiftKey) || key === 'y') { event.preventDefault(); undoRedo('redo'); }
}

/** "What would it take?": choose the figure and the mode, see the exact answer and its explanation, apply it. */
function openSeek(targetId) {
  const spec = state.plan.targets.find((x) => x.id === targetId);
  const result = state.results.targets.find((x) => x.id === targetId);
  const inputs = state.plan.series.filter((s) => s.values);
  $('seek-title').textContent = `${T('seek')} ${L(spec.label)}`;
  if (!inputs.length) {
    // Every figure of this plan follows its projects: edit the projects instead.
    $('seek-lever').replaceChildren();
    $('seek-answer').replaceChildren(el('p', {}, T('no_lever')));
    $('seek-explanation').replaceChildren();
    $('seek-apply').disabled = true;
    $('seek').showModal();
    return;
  }
  const lever = $('seek-lever');
  lever.replaceChildren(...inputs.map((s) => el('option', { value: s.id }, L(s.label))));
  lever.value = inputs.some((s) => s.id === result.lever) ? result.lever : (inputs.find((s) => s.id === spec.indicator.part)?.id ?? inputs[0]?.id);
  $('seek').dataset.target = targetId;
  $('seek-explanation').replaceChildren();
  seek();
  $('seek').showModal();
}

function seek() {
  const target = $('seek').dataset.target;
  const lever = $('seek-lever').value;
  const mode = $('seek').querySelector('input[name="mode"]:checked').value;
  state.goal = state.session.goalSeek(target, lever, mode);
  $('seek-answer').replaceChildren(goalAnswer(state.goal, state.plan, state.lang));
  $('seek-apply').disabled = state.goal.outcome.status !== 'reachable';
  $('seek-explanation').replaceChildren(explanation(state.session.explainGoal(target, lever, mode, state.lang), state.lang));
}

function applyGoal() {
  if (state.goal?.outcome.status !== 'reachable') return;
  const outcome = state.session.apply(state.goal.outcome.edit);
  $('seek').close();
  changed(outcome);
}

/** A target's explanation, or a monthly figure's (`month|done|period|figure`, from the bulletin or the tables). */
function explainTarget(targetId) {
  const [kind, done, period, figure] = targetId.split('|');
  const exp = kind === 'month' && figure ? state.session.explainMonth(done, period, figure, state.lang) : state.session.explainTarget(targetId, state.lang);
  $('explain-body').replaceChildren(explanation(exp, state.lang));
  $('explain').hidden = false;
  $('explain').dataset.target = targetId;
  $('explain').focus();
}

function setLanguage(lang) {
  state.lang = LOCALES.includes(lang) ? lang : 'zh-CN';
  localStorage.setItem(STORE + 'lang', state.lang);
  const explained = $('explain').hidden ? null : $('explain').dataset.target;
  renderAll();
  if (!$('editor').hidden) state.editor?.render();
  if (explained) explainTarget(explained);
}

async function start() {
  const params = new URLSearchParams(location.search);
  state.lang = LOCALES.includes(params.get('lang')) ? params.get('lang') : (localStorage.getItem(STORE + 'lang') ?? 'zh-CN');
  // The first plan is fetched while the core compiles.
  const first = params.get('preset') ?? localStorage.getItem(STORE + 'preset') ?? 'zunyi';
  if (PRESETS.includes(first) && !localStorage.getItem(STORE + first)) planText(first).catch(() => {});
  try {
    await init({ module_or_path: await coreWasm() });
  } catch (e) {
    // Nothing can be computed without the core: a sentence for the planner, and for whoever serves the page the cause.
    $('load-error').hidden = false;
    $('load-error').textContent = T('cannot_core'); // the element's sentence (words.js)
    console.error(`plancalc: the core (pkg/plancalc_bg.wasm) could not be loaded: ${e?.message ?? e}. Serve the whole `
      + "folder, pkg/ included, with .wasm files as application/wasm, under a policy whose script-src has 'wasm-unsafe-eval'.");
    return;
  }
  state.projects = new ProjectsPanel({
    session: () => state.session, plan: () => state.plan, lang: () => state.lang, t: T, label: L, download,
    changed,
    imported: (count, dropped) => {
      state.plan = state.session.plan();
      state.results = state.session.results();
      state.lastStatus = new Map(state.results.targets.map((r) => [r.id, r.status]));
      state.ownPlan = true;
      renderAll();
      announce(T('csv_done').replace('{n}', count.toLocaleString(state.lang)) + (dropped ? ` ${T('csv_dropped').replace('{n}', dropped)}` : ''));
      savePlan();
    },
  });
  // Figures from a workbook or a pasted release: undoable edits of the scenario, all or none.
  const figures = (cells) => { const n = state.session.enterFigures(cells); state.results = state.session.results(); renderAll(); save(); return n; };
  new ReleaseReader({ session: () => state.session, lang: () => state.lang, t: T, label: L, figures, announce });
  new WorkbookPanel({
    session: () => state.session, lang: () => state.lang, t: T, label: L, download, announce, figures,
    targets: (list) => state.editor.addTargets(list),
    projects: (file) => state.projects.choose(file),
    monthly: (text) => importMonthly(new File([text], 'monthly.csv', { type: 'text/csv' })),
    plan: (doc, name) => adoptMine(new PlanSession(doc), name),
  });
  $('figures').addEventListener('input', onInput);
  // Whether the charts are on screen (or about to be): a chart scrolled into view with a redraw pending gets it now.
  new IntersectionObserver(([entry]) => {
    state.chartsInView = entry.isIntersecting;
    if (state.chartsInView && state.chartTimer) drawCharts();
  }, { rootMargin: '200px' }).observe($('charts-box'));
  $('progress-month').addEventListener('change', renderProgress);
  for (const id of ['bulletin-text', 'progress']) {
    $(id).addEventListener('click', (e) => { const b = e.target.closest('button[data-explain]'); if (b) explainTarget(b.dataset.explain); });
  }
  $('targets').addEventListener('click', (e) => {
    const button = e.target.closest('button[data-action]');
    if (button?.dataset.action === 'seek') openSeek(button.dataset.target);
    if (button?.dataset.action === 'explain') explainTarget(button.dataset.target);
  });
  $('lang').addEventListener('change', (e) => setLanguage(e.target.value));
  $('preset').addEventListener('change', (e) => open(e.target.value));
  $('undo').addEventListener('click', () => undoRedo('undo'));
  $('redo').addEventListener('click', () => undoRedo('redo'));
  document.addEventListener('keydown', onKey);
  // Nothing typed is lost to a reload that comes before the debounced save.
  addEventListener('pagehide', () => { flushAll(); });
  $('seek-lever').addEventListener('change', seek);
  for (const radio of document.querySelectorAll('#seek input[name="mode"]')) radio.addEventListener('change', seek);
  $('seek-apply').addEventListener('click', applyGoal);
  $('seek-close').addEventListener('click', () => $('seek').close());
  $('explain-close').addEventListener('click', () => { $('explain').hidden = true; });
  $('scenario').addEventListener('change', (e) => switchScenario(e.target.value));
  $('scenario-add').addEventListener('click', addScenario);
  $('compare-with').addEventListener('change', renderCompare);
  $('import').addEventListener('change', (e) => { if (e.target.files[0]) importPlan(e.target.files[0]); e.target.value = ''; });
  $('export').addEventListener('click', exportPlan);
  $('export-csv').addEventListener('click', exportCsv);
  $('share').addEventListener('click', share);
  $('embed-open').addEventListener('click', () => { renderEmbed(); $('embed-dialog').showModal(); });
  $('embed-close').addEventListener('click', () => $('embed-dialog').close());
  $('embed-copy').addEventListener('click', copyEmbed);
  // Reading a plan's text: the reader (its own wasm, in a worker) loads when a planner first reads one.
  const reader = new TextReader({
    t: T, lang: () => state.lang,
    opened: (plan) => {
      try {
        adoptMine(new PlanSession(plan));
        announce(T('text_opened'));
      } catch (e) {
        showError('load-error', e, T('load_failed'));
      }
    },
  });
  $('text-open-dialog').addEventListener('click', () => reader.openDialog());
  $('mine-open').addEventListener('click', async () => {
    await flushAll();
    $('mine-status').hidden = true;
    await renderMine();
    $('mine-dialog').showModal();
  });
  $('mine-close').addEventListener('click', () => $('mine-dialog').close());
  $('mine-list').addEventListener('click', mineAction);
  $('mine-list').addEventListener('change', async (e) => {
    if (!e.target.classList.contains('mine-name')) return;
    const name = e.target.value.trim();
    if (!name) return;
    await mine.rename(e.target.dataset.id, name);
    if (mine.slotOf(e.target.dataset.id) === state.preset) state.mineName = name;
    await renderMine();
  });
  $('mine-undo').addEventListener('click', undoDelete);
  $('mine-save').addEventListener('click', saveAsMine);
  $('bulletin-copy').addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText($('bulletin-text').textContent);
      announce(T('copied'));
    } catch {
      getSelection().selectAllChildren($('bulletin-text')); // copied by hand where the clipboard is not offered
    }
  });
  $('bulletin-print').addEventListener('click', () => window.print());
  $('progress-csv').addEventListener('change', async (e) => {
    const file = e.target.files[0];
    e.target.value = '';
    if (file) await importMonthly(file);
  });
  // The plan editor: each change checked and put in place by the core, the page redrawn, the plan kept.
  const editor = new PlanEditor({
    session: () => state.session, t: T, lang: () => state.lang, own: makeOwn,
    // The kinds of indicator and their fields, asked of the core when the editor first needs them.
    get kinds() { return (state.kinds ??= indicatorKinds()); },
    withoutSeries: (doc, id) => planWithoutSeries(doc, id),
    changed: (change) => {
      state.plan = state.session.plan();
      state.results = state.session.results();
      state.lastStatus = new Map(state.results.targets.map((r) => [r.id, r.status]));
      renderAll();
      if (change.dropped) announce(T('ed_dropped').replace('{n}', change.dropped));
      savePlan();
    },
  }, $('editor'));
  state.editor = editor;
  $('editor-toggle').addEventListener('click', () => {
    const show = $('editor').hidden;
    $('editor').hidden = !show;
    $('editor-toggle').setAttribute('aria-expanded', String(show));
    if (show) {
      editor.render();
      $('editor').querySelector('input, select, textarea')?.focus();
    }
  });
  $('mine-new').addEventListener('click', async () => {
    $('mine-dialog').close();
    adoptMine(new PlanSession(emptyPlan()));
    await keepMineNow();
    $('editor').hidden = false;
    $('editor-toggle').setAttribute('aria-expanded', 'true');
    editor.render();
    $('editor').querySelector('input')?.focus();
  });
  for (const node of document.querySelectorAll('#embed-dialog input, #embed-dialog select')) node.addEventListener('input', renderEmbed);
  if (location.hash.startsWith('#s=') && await openShared(location.hash.slice(3))) return;
  await open(first);
}

start();
