// "Edit the plan": every part of the plan format as fields — title, region, source, unit, rounding, as-of, notes;
// periods; series (labels, unit, within, sums, published growth); breakdowns; targets (kind and its inputs, period,
// comparator, value, tolerance, 力争, wording). Each change makes a new plan document that the core checks and puts
// in place (`replacePlan`); a change it refuses is not applied, and its coded message shows at the field. Plan
// changes undo and redo. Deleting a series names what uses it and asks first. Every value entered is shown as text.

import { el } from './render.js';

const PERIOD_KINDS = ['year', 'quarter', 'month', 'span'];
const CMPS = ['>=', '<=', '~', '='];
const CMP_SIGNS = { '>=': '≥ 以上', '<=': '≤ 以内', '~': '≈ 左右', '=': '= 达到' };

/** `obj` at `path` ("series.2.label.en") set to `value`; `undefined` removes the key. */
function setPath(obj, path, value) {
  const keys = path.split('.');
  let at = obj;
  for (const k of keys.slice(0, -1)) {
    at[k] ??= /^\d+$/.test(k) ? [] : {};
    at = at[k];
  }
  const last = keys.at(-1);
  if (value === undefined) delete at[last];
  else at[last] = value;
}

const getPath = (obj, path) => path.split('.').reduce((o, k) => o?.[k], obj);

/** A project filter's keys in the plan format, and the page's words for them, by facet (`projectFacets()`). */
const FACET_KEYS = { sectors: 'sector', counties: 'county', ownerships: 'ownership', stages: 'stage', flags: 'flags' };
const FACET_LABELS = { sectors: 'sector', counties: 'county', ownerships: 'ownership', stages: 'stage', flags: 'flags' };

export class PlanEditor {
  /** `app`: {session(), t(key), lang(), kinds, changed(change), own()} — `changed` redraws the page after a plan
   *  change; `own()` makes the plan open one of My plans (a preset's first change). */
  constructor(app, root) {
    this.app = app;
    this.root = root;
    this.error = null; // {path, text}: the last refused change, shown at its field
    root.addEventListener('change', (e) => this.onChange(e));
    root.addEventListener('click', (e) => this.onClick(e));
  }

  get doc() {
    return this.app.session().plan();
  }

  /** Tries `doc` as the plan; `path` is the field the change came from (where a refusal is shown). */
  apply(doc, path) {
    try {
      const change = this.app.session().replacePlan(doc);
      this.error = null;
      this.app.own();
      this.app.changed(change);
    } catch (e) {
      this.error = { path, text: `[${e.code}${e.path ? ` ${e.path}` : ''}] ${e.message}` };
    }
    this.render(path);
  }

  /** Targets read from a workbook: each replaces the plan's target of its id, or is added. The core checks the plan
   *  (a refusal throws its coded error and changes nothing); returns how many. */
  addTargets(list) {
    const doc = structuredClone(this.doc);
    const ids = new Set(list.map((t) => t.id));
    doc.targets = [...(doc.targets ?? []).filter((t) => !ids.has(t.id)), ...list];
    const change = this.app.session().replacePlan(doc);
    this.app.own();
    this.app.changed(change);
    if (!this.root.hidden) this.render();
    return list.length;
  }

  onChange(event) {
    const input = event.target;
    const path = input.dataset?.path;
    if (!path) return;
    const doc = structuredClone(this.doc);
    let value;
    if (input.type === 'checkbox') value = input.checked;
    else if (input.multiple) value = [...input.selectedOptions].map((o) => o.value);
    else value = input.value;
    const kind = input.dataset.as;
    if (kind === 'optional' && value === '') value = undefined;
    if (kind === 'number') value = Number(value);
    if (kind === 'lines') value = value.split('\n').map((l) => l.trim()).filter(Boolean).map((l) => {
      const [zh, en] = l.split('|').map((x) => x.trim());
      return { 'zh-CN': zh, en: en || zh };
    });
    if (kind === 'growth') {
      // "2023=8.5; 2022=6" → {"2023": "8.5", "2022": "6"}; the core reads and checks each rate.
      const pairs = value.split(/[;；,，\n]/).map((x) => x.trim()).filter(Boolean).map((x) => x.split(/[=:：]/).map((y) => y.trim()));
      value = pairs.length ? Object.fromEntries(pairs) : undefined;
    }
    if (kind === 'where') {
      // One facet of a project filter: the values picked, or no condition on it.
      setPath(doc, path, value.length ? value : undefined);
      const where = getPath(doc, path.replace(/\.[^.]+$/, ''));
      if (where && !Object.keys(where).length) setPath(doc, path.replace(/\.[^.]+$/, ''), undefined);
      this.apply(doc, path);
      return;
    }
    if (kind === 'series-kind') {
      // A series is typed figures, the sum of others, or a sum over the plan's projects.
      const s = getPath(doc, path.replace(/\.type$/, ''));
      const before = { values: s.values, sum: s.sum, projects: s.projects };
      delete s.values;
      delete s.sum;
      delete s.projects;
      if (value === 'sum') s.sum = before.sum ?? [];
      else if (value === 'projects') s.projects = before.projects ?? { field: 'annual' };
      else s.values = before.values ?? {};
      this.apply(doc, path);
      return;
    }
    if (kind === 'indicator-kind') {
      // A new kind keeps the inputs it shares with the old one and takes the first series for the rest.
      const base = path.replace(/\.kind$/, '');
      const old = getPath(doc, base) ?? {};
      const fields = this.app.kinds.find((k) => k.kind === value)?.fields ?? [];
      const first = doc.series[0]?.id;
      const next = { kind: value };
      for (const f of fields) {
        if (old[f.name] !== undefined) next[f.name] = old[f.name];
        else if (f.names === 'series') next[f.name] = first;
        else if (f.names === 'series_list') next[f.name] = first ? [first] : [];
        else if (f.names === 'periods') next[f.name] = [doc.periods[0]?.id];
        else if (f.names === 'breakdown') next[f.name] = doc.breakdowns?.[0]?.id;
      }
      setPath(doc, base, next);
      this.apply(doc, path);
      return;
    }
    setPath(doc, path, value);
    this.apply(doc, path);
  }

  onClick(event) {
    const button = event.target.closest('button[data-do]');
    if (!button) return;
    const { do: action, list, index } = button.dataset;
    const doc = structuredClone(this.doc);
    const i = Number(index);
    const t = (k) => this.app.t(k);
    if (action === 'undo' || action === 'redo') {
      const change = action === 'undo' ? this.app.session().undoPlan() : this.app.session().redoPlan();
      if (change) this.app.changed(change);
      this.error = null;
      this.render();
      return;
    }
    if (action === 'up' || action === 'down') {
      const j = action === 'up' ? i - 1 : i + 1;
      const items = doc[list];
      if (j < 0 || j >= items.length) return;
      [items[i], items[j]] = [items[j], items[i]];
      this.apply(doc, `${list}.${j}.id`);
      return;
    }
    if (action === 'delete') {
      if (list === 'series') {
        const id = doc.series[i].id;
        const refs = this.app.session().seriesReferences(id);
        const names = refs.map((r) => `${t(`ed_ref_${r.kind}`)} ${r.id}`).join('、');
        const label = doc.series[i].label[this.app.lang()] ?? doc.series[i].label['zh-CN'];
        if (refs.length && !window.confirm(t('ed_confirm_delete').replace('{name}', label).replace('{refs}', names))) return;
        this.apply(this.app.withoutSeries(doc, id), `series.${i}.id`);
        return;
      }
      doc[list].splice(i, 1);
      this.apply(doc, list);
      return;
    }
    if (action === 'add') {
      this.apply(this.added(doc, list), `${list}.${(doc[list] ?? []).length}.id`);
    }
  }

  /** `doc` with a new item at the end of `list`: an id not yet used, labels to change, inputs from what is there. */
  added(doc, list) {
    const items = (doc[list] ??= []);
    const used = new Set(items.map((x) => x.id));
    const fresh = (prefix) => {
      let n = items.length + 1;
      while (used.has(`${prefix}${n}`)) n += 1;
      return `${prefix}${n}`;
    };
    const l = (zh, en) => ({ 'zh-CN': zh, en });
    if (list === 'periods') {
      const last = items.at(-1);
      const year = /^\d{4}$/.test(last?.id ?? '') ? String(Number(last.id) + 1) : null;
      const id = year && !used.has(year) ? year : fresh('p');
      items.push({ id, label: year ? l(`${year}年`, year) : l('新期间', 'New period'), kind: 'year', ...(year ? { previous: last.id } : {}) });
    } else if (list === 'series') {
      items.push({ id: fresh('s'), label: l('新数字', 'New figure'), values: {} });
    } else if (list === 'breakdowns') {
      items.push({ id: fresh('b'), label: l('新分解', 'New breakdown'), parent: doc.series[0]?.id, children: doc.series.slice(1, 2).map((s) => s.id) });
    } else if (list === 'targets') {
      items.push({ id: fresh('t'), label: l('新目标', 'New target'), indicator: { kind: 'amount', series: doc.series[0]?.id },
        period: doc.periods[0]?.id, cmp: '>=', value: '0' });
    }
    return doc;
  }

  /** Draws the editor from the plan; `focus` is the data-path of the field to keep focused. */
  render(focus) {
    const doc = this.doc;
    const t = (k) => this.app.t(k);
    const lang = this.app.lang();
    const name = (x) => x.label?.[lang] ?? x.label?.['zh-CN'] ?? x.id;
    const err = (path) => (this.error?.path === path ? el('span', { className: 'field-error', attrs: { role: 'alert' } }, this.error.text) : null);
    const invalid = (path) => (this.error?.path === path ? { 'aria-invalid': 'true' } : {});
    const text = (path, label, opts = {}) => el('label', { className: 'ed-field' }, el('span', {}, label),
      el('input', { type: 'text', value: getPath(doc, path) ?? '', dataset: { path, as: opts.as }, attrs: { ...invalid(path) }, size: opts.size }), err(path));
    const select = (path, label, options, opts = {}) => el('label', { className: 'ed-field' }, el('span', {}, label),
      el('select', { dataset: { path, as: opts.as }, multiple: !!opts.multiple, attrs: invalid(path) },
        options.map(([value, shown]) => {
          const current = getPath(doc, path);
          const selected = Array.isArray(current) ? current.includes(value) : (current ?? '') === value;
          return el('option', { value, selected }, shown);
        })), err(path));
    const check = (path, label) => el('label', { className: 'ed-field ed-check' },
      el('input', { type: 'checkbox', checked: !!getPath(doc, path), dataset: { path } }), ` ${label}`, err(path));
    const seriesOptions = doc.series.map((s) => [s.id, `${name(s)} (${s.id})`]);
    // The categories the plan's projects use, for filters; none when it lists no projects.
    const facets = this.app.session().projectCount() > 0 ? this.app.session().projectFacets() : null;
    const periodOptions = doc.periods.map((p) => [p.id, `${name(p)} (${p.id})`]);
    const none = ['', t('ed_none')];
    const row = (list, i, count, ...fields) => el('li', { className: 'ed-item' }, el('div', { className: 'ed-fields' }, ...fields),
      el('div', { className: 'ed-item-actions' },
        el('button', { type: 'button', dataset: { do: 'up', list, index: i }, disabled: i === 0, attrs: { 'aria-label': `${t('ed_up')}: ${name((doc[list] ?? [])[i])}` } }, '↑'),
        el('button', { type: 'button', dataset: { do: 'down', list, index: i }, disabled: i === count - 1, attrs: { 'aria-label': `${t('ed_down')}: ${name((doc[list] ?? [])[i])}` } }, '↓'),
        el('button', { type: 'button', dataset: { do: 'delete', list, index: i }, attrs: { 'aria-label': `${t('ed_delete')}: ${name((doc[list] ?? [])[i])}` } }, t('ed_delete'))));
    const section = (list, title, items) => el('section', { className: 'ed-section', attrs: { 'aria-label': title } },
      el('h3', {}, title), err(list), el('ol', { className: 'ed-list' }, items),
      el('button', { type: 'button', dataset: { do: 'add', list } }, t(`ed_add_${list}`)));
    const labels = (base) => [text(`${base}.label.zh-CN`, t('ed_label_zh')), text(`${base}.label.en`, t('ed_label_en'))];
    const general = el('section', { className: 'ed-section', attrs: { 'aria-label': t('ed_general') } }, el('h3', {}, t('ed_general')),
      el('div', { className: 'ed-fields' },
        text('title.zh-CN', t('ed_title_zh'), { size: 30 }), text('title.en', t('ed_title_en'), { size: 30 }),
        text('region.zh-CN', t('ed_region_zh')), text('region.en', t('ed_region_en')),
        text('source.document.zh-CN', t('ed_document_zh')), text('source.document.en', t('ed_document_en')),
        text('source.issuer.zh-CN', t('ed_issuer_zh')), text('source.issuer.en', t('ed_issuer_en')),
        text('source.date', t('ed_date'), { as: 'optional', size: 10 }), text('unit', t('ed_unit'), { size: 6 }),
        text('as_of', t('ed_as_of'), { as: 'optional', size: 8 }),
        text('rounding.percent', t('ed_rounding_percent'), { as: 'number', size: 2 }),
        text('rounding.pp', t('ed_rounding_pp'), { as: 'number', size: 2 }),
        text('rounding.amount', t('ed_rounding_amount'), { as: 'number', size: 2 }),
        select('rounding.tie', t('ed_tie'), [['half_away_from_zero', '四舍五入'], ['half_even', 'GB/T 8170']]),
        el('label', { className: 'ed-field ed-wide' }, el('span', {}, t('ed_notes')),
          el('textarea', { rows: 3, dataset: { path: 'notes', as: 'lines' }, value: (doc.notes ?? []).map((n) => `${n['zh-CN']} | ${n.en}`).join('\n') }), err('notes'))));
    const periods = section('periods', t('ed_periods'), doc.periods.map((p, i) => row('periods', i, doc.periods.length,
      text(`periods.${i}.id`, t('ed_id'), { size: 9 }), ...labels(`periods.${i}`),
      select(`periods.${i}.kind`, t('ed_kind'), PERIOD_KINDS.map((k) => [k, t(`ed_kind_${k}`)])),
      select(`periods.${i}.previous`, t('ed_previous'), [none, ...periodOptions.filter(([id]) => id !== p.id)], { as: 'optional' }))));
    const series = section('series', t('ed_series'), doc.series.map((s, i) => row('series', i, doc.series.length,
      text(`series.${i}.id`, t('ed_id'), { size: 10 }), ...labels(`series.${i}`),
      text(`series.${i}.unit`, t('ed_unit'), { as: 'optional', size: 6 }),
      select(`series.${i}.within`, t('ed_within'), [none, ...seriesOptions.filter(([id]) => id !== s.id)], { as: 'optional' }),
      el('label', { className: 'ed-field' }, el('span', {}, t('ed_series_type')),
        el('select', { dataset: { path: `series.${i}.type`, as: 'series-kind' } },
          el('option', { value: 'values', selected: !s.sum && !s.projects }, t('ed_typed')),
          el('option', { value: 'sum', selected: !!s.sum }, t('ed_sum')),
          facets ? el('option', { value: 'projects', selected: !!s.projects }, t('ed_over_projects')) : null)),
      s.sum ? select(`series.${i}.sum`, t('ed_sum_of'), seriesOptions.filter(([id]) => id !== s.id), { multiple: true }) : null,
      ...(s.projects && facets ? [
        select(`series.${i}.projects.field`, t('ed_project_field'), ['annual', 'completed', 'total', 'count'].map((f) => [f, t(f === 'count' ? 'ed_count' : f)])),
        ...Object.entries(facets).map(([facet, values]) => select(`series.${i}.projects.where.${FACET_KEYS[facet]}`, t(FACET_LABELS[facet]),
          values.map((v) => [v, v]), { multiple: true, as: 'where' })),
      ] : []),
      el('label', { className: 'ed-field' }, el('span', {}, t('ed_growth')),
        el('input', { type: 'text', size: 14, value: Object.entries(s.growth ?? {}).map(([p, g]) => `${p}=${g}`).join('; '),
          dataset: { path: `series.${i}.growth`, as: 'growth' }, attrs: invalid(`series.${i}.growth`) }), err(`series.${i}.growth`)))));
    const breakdowns = section('breakdowns', t('ed_breakdowns'), (doc.breakdowns ?? []).map((b, i) => row('breakdowns', i, doc.breakdowns.length,
      text(`breakdowns.${i}.id`, t('ed_id'), { size: 9 }), ...labels(`breakdowns.${i}`),
      select(`breakdowns.${i}.parent`, t('ed_parent'), seriesOptions),
      select(`breakdowns.${i}.children`, t('ed_children'), seriesOptions.filter(([id]) => id !== b.parent), { multiple: true }),
      check(`breakdowns.${i}.complete`, t('ed_complete')))));
    const indicatorFields = (tg, i) => (this.app.kinds.find((k) => k.kind === tg.indicator.kind)?.fields ?? []).map((f) => {
      const path = `targets.${i}.indicator.${f.name}`;
      const label = t(`ed_field_${f.name}`);
      if (f.names === 'series') return select(path, label, seriesOptions);
      if (f.names === 'series_list') return select(path, label, seriesOptions, { multiple: true });
      if (f.names === 'periods') return select(path, label, periodOptions, { multiple: true });
      if (f.names === 'period?') return select(path, label, [none, ...periodOptions], { as: 'optional' });
      return select(path, label, (doc.breakdowns ?? []).map((b) => [b.id, `${name(b)} (${b.id})`]));
    });
    const targets = section('targets', t('ed_targets'), doc.targets.map((tg, i) => row('targets', i, doc.targets.length,
      text(`targets.${i}.id`, t('ed_id'), { size: 10 }), ...labels(`targets.${i}`),
      select(`targets.${i}.indicator.kind`, t('ed_indicator'), this.app.kinds.map((k) => [k.kind, t(`kind_${k.kind}`)]), { as: 'indicator-kind' }),
      ...indicatorFields(tg, i),
      select(`targets.${i}.period`, t('period'), periodOptions),
      select(`targets.${i}.cmp`, t('text_cmp'), CMPS.map((c) => [c, CMP_SIGNS[c]])),
      text(`targets.${i}.value`, t('value'), { size: 8 }),
      text(`targets.${i}.tolerance`, t('ed_tolerance'), { as: 'optional', size: 5 }),
      check(`targets.${i}.soft`, t('text_soft')),
      text(`targets.${i}.source_text`, t('ed_source_text'), { as: 'optional', size: 30 }))));
    const history = el('div', { className: 'dialog-actions' },
      el('button', { type: 'button', dataset: { do: 'undo' } }, t('ed_undo')), el('button', { type: 'button', dataset: { do: 'redo' } }, t('ed_redo')));
    this.root.replaceChildren(el('h2', { id: 'editor-title' }, t('edit_plan')), el('p', { className: 'hint' }, t('ed_help')),
      history, general, periods, series, breakdowns, targets);
    if (focus) this.root.querySelector(`[data-path="${CSS.escape(focus)}"]`)?.focus();
  }
}
