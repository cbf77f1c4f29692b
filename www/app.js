// The planner's page: loads a plan into the wasm core, shows its figures as fields and its
// targets as cards, and recomputes on every keystroke. The core computes; this file displays.
// Every text from a plan file goes in through textContent, never as HTML.

import init, { PlanSession } from './pkg/plancalc.js';

const UI = {
  'zh-CN': {
    language: '语言', figures: '数字', targets: '目标',
    met: '已达标', not_met: '未达标', no_data: '无数据', undefined: '无法计算',
    soft: '力争', hard: '约束性', margin: '差距', source: '来源', undated: '未注明日期',
    plan_as_written: '基准值为方案所列数字', actual: '基准值为统计数据',
    missing: '缺少数字:', whole_is_zero: '分母为零', overflow: '超出精确计算范围',
    announce: (label, status) => `${label}:${status}`,
    load_failed: '无法载入方案:',
  },
  en: {
    language: 'Language', figures: 'Figures', targets: 'Targets',
    met: 'Met', not_met: 'Not met', no_data: 'No data', undefined: 'Undefined',
    soft: 'strive for', hard: 'binding', margin: 'Margin', source: 'Source', undated: 'undated',
    plan_as_written: 'Baseline: the plan as written', actual: 'Baseline: published statistics',
    missing: 'Missing figures: ', whole_is_zero: 'the whole is zero', overflow: 'too large to compute exactly',
    announce: (label, status) => `${label}: ${status}`,
    load_failed: 'Cannot load the plan: ',
  },
};
const ICONS = { met: '✔', not_met: '✘', no_data: '–', undefined: '?' };
const CMP = { '>=': '≥', '<=': '≤', '~': '≈', '=': '=' };
const UNIT_SUFFIX = { percent: '%', pp: ' pp' };

const state = { session: null, plan: null, results: null, lang: 'zh-CN', lastStatus: new Map() };
const $ = (id) => document.getElementById(id);
const t = (key) => UI[state.lang][key] ?? UI.en[key] ?? key;
const label = (labels) => labels?.[state.lang] ?? labels?.['zh-CN'] ?? labels?.en ?? '';

function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === 'dataset') Object.assign(node.dataset, v);
    else if (k in node) node[k] = v;
    else node.setAttribute(k, v);
  }
  node.append(...children.filter((c) => c !== null && c !== undefined));
  return node;
}

function quantity(q) {
  if (!q) return '—';
  const suffix = UNIT_SUFFIX[q.unit] ?? ` ${q.symbol}`;
  return q.display + suffix;
}

function renderPlan() {
  const { plan } = state;
  $('plan-title').textContent = label(plan.title);
  const src = plan.source;
  $('plan-source').textContent = src
    ? `${t('source')}: ${label(src.issuer)} · ${label(src.document)} · ${src.date ?? t('undated')}`
    : '';
  $('plan-basis').textContent = t(plan.baseline);
  document.title = `${label(plan.title)} · plancalc`;
}

function renderFields() {
  const { plan } = state;
  const form = $('figures');
  form.replaceChildren();
  plan.series.forEach((series, s) => {
    if (!series.values) return; // a sum of other series is computed, not typed
    plan.periods.forEach((period, p) => {
      const id = `f-${s}-${p}`;
      const value = series.values[period.id];
      const input = el('input', {
        id, type: 'text', inputMode: 'decimal', value: value ?? '',
        dataset: { series: series.id, period: period.id },
        'aria-describedby': `${id}-err`,
      });
      form.append(el('div', { className: 'field' },
        el('label', { htmlFor: id }, el('span', { className: 'name' }), ' ', el('span', { className: 'unit' })),
        input,
        el('p', { id: `${id}-err`, className: 'error', 'aria-live': 'polite' })));
    });
  });
}

/** Writes the field labels in the current language; the fields and what is typed in them stay. */
function relabelFields() {
  const { plan } = state;
  for (const input of $('figures').querySelectorAll('input')) {
    const series = plan.series.find((x) => x.id === input.dataset.series);
    const period = plan.periods.find((x) => x.id === input.dataset.period);
    const text = input.labels[0];
    text.querySelector('.name').textContent = label(series.label);
    text.querySelector('.unit').textContent = `(${plan.unit}, ${label(period.label)})`;
  }
}

function renderTargets() {
  const list = $('targets');
  list.replaceChildren();
  const announcements = [];
  state.results.targets.forEach((r, i) => {
    const spec = state.plan.targets[i];
    const name = label(spec.label);
    const status = `${ICONS[r.status]} ${t(r.status)}`;
    let detail = null;
    if (r.status === 'no_data') detail = t('missing') + r.missing.map(seriesLabel).join('、');
    if (r.status === 'undefined') detail = t(r.reason);
    list.append(el('li', { className: 'card', dataset: { status: r.status, target: r.id } },
      el('h3', {}, name, ' ', el('span', { className: 'soft' }, `(${t(spec.soft ? 'soft' : 'hard')})`)),
      el('p', { className: 'value' }, quantity(r.value)),
      el('p', { className: 'target' }, `${CMP[spec.cmp]} ${quantity(r.target)}`),
      r.margin ? el('p', { className: 'margin' }, `${t('margin')}: ${signed(r.margin)}`) : null,
      el('p', { className: 'status', dataset: { status: r.status } }, status),
      detail ? el('p', { className: 'target' }, detail) : null));
    if (state.lastStatus.has(r.id) && state.lastStatus.get(r.id) !== r.status) {
      announcements.push(t('announce')(name, t(r.status)));
    }
    state.lastStatus.set(r.id, r.status);
  });
  if (announcements.length) $('announce').textContent = announcements.join('; ');
}

function signed(q) {
  const text = quantity(q);
  return q.display.startsWith('-') || /^0(\.0*)?$/.test(q.display) ? text.replace(/^-/, '−') : `+${text}`;
}

function seriesLabel(id) {
  return label(state.plan.series.find((s) => s.id === id)?.label) || id;
}

/** Writes what an edit changed (an Outcome from the core) into our copy of the results. */
function patch(results, outcome) {
  const byId = (list) => new Map(list.map((x, i) => [x.id, i]));
  const targets = byId(results.targets);
  for (const t of outcome.targets) results.targets[targets.get(t.id)] = t;
  const breakdowns = byId(results.breakdowns);
  for (const b of outcome.breakdowns) results.breakdowns[breakdowns.get(b.id)] = b;
  const series = byId(results.series);
  const periods = new Map(state.plan.periods.map((p, i) => [p.id, i]));
  for (const c of outcome.series) results.series[series.get(c.id)].values[periods.get(c.period)] = c.value;
  for (const group of outcome.warnings) {
    results.warnings = results.warnings.filter((w) => w.subject !== group.subject).concat(group.warnings);
  }
}

function onInput(event) {
  const input = event.target;
  if (!(input instanceof HTMLInputElement)) return;
  const err = $(`${input.id}-err`);
  try {
    patch(state.results, state.session.setValue(input.dataset.series, input.dataset.period, input.value));
    err.textContent = '';
    input.removeAttribute('aria-invalid');
    renderTargets();
  } catch (e) {
    // The core refused the text: show its message, keep the last valid figures in effect.
    err.textContent = e.message;
    err.dataset.code = e.code ?? '';
    input.setAttribute('aria-invalid', 'true');
  }
}

function setLanguage(lang) {
  state.lang = UI[lang] ? lang : 'zh-CN';
  document.documentElement.lang = state.lang;
  $('lang').value = state.lang;
  for (const node of document.querySelectorAll('[data-i18n]')) node.textContent = t(node.dataset.i18n);
  renderPlan();
  relabelFields();
  renderTargets();
}

async function start() {
  const params = new URLSearchParams(location.search);
  const preset = params.get('preset') ?? 'zunyi';
  state.lang = UI[params.get('lang')] ? params.get('lang') : 'zh-CN';
  await init();
  try {
    const response = await fetch(new URL(`presets/${encodeURIComponent(preset)}.json`, import.meta.url));
    if (!response.ok) throw new Error(`${response.status} ${response.statusText}`);
    state.session = new PlanSession(await response.text());
  } catch (e) {
    $('load-error').hidden = false;
    $('load-error').textContent = t('load_failed') + (e.code ? `[${e.code}] ` : '') + e.message;
    return;
  }
  state.plan = state.session.plan();
  state.results = state.session.results();
  renderFields();
  setLanguage(state.lang);
  $('figures').addEventListener('input', onInput);
  $('figures').addEventListener('submit', (e) => e.preventDefault());
  $('lang').addEventListener('change', (e) => setLanguage(e.target.value));
  document.body.dataset.ready = 'true';
}

start();
