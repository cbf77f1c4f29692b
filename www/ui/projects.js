// The project list of the planner's page: a virtualised table (only the rows in view exist in the DOM, so 100,000
// projects scroll as smoothly as 20), a filter and search, amounts edited in place, and CSV import through a worker
// with a column-mapping step, a progress bar and every bad row listed. Text from a file enters as text only.

import { importWorker } from './assets.js';
import { csvText, decimal, quantity, signed } from './format.js';
import { withMonth } from './i18n.js';
import { el } from './render.js';

const ROW = 34; // px; the same height in style.css (.project-table tr)
const OVERSCAN = 8;
const FACETS = ['sector', 'county', 'ownership', 'stage'];

/** A project's month as cells: completion, ahead of time-progress, the light in its symbol and word. */
function monthCells(m, lang) {
  const light = m?.light ? el('span', { className: `light light-${m.light.color}` }, `${m.light.symbol} ${m.light.text[lang] ?? m.light.text.en}`) : '—';
  return [el('td', { className: 'num' }, m?.completion ? quantity(m.completion, lang) : '—'),
    el('td', { className: 'num' }, m?.ahead ? signed(m.ahead, lang) : '—'), el('td', {}, light)];
}

export class ProjectsPanel {
  /** `app`: { session(), plan(), lang(), t(key), changed(outcome), imported(count, dropped), failed(error) } */
  constructor(app) {
    this.app = app;
    this.count = 0;
    /** The year whose months the table shows as a grid of lights (null: none), and how many months it has. */
    this.year = null;
    this.months = 0;
    this.frame = 0;
    this.worker = null;
    this.$ = (id) => document.getElementById(id);
    this.$('project-scroll').addEventListener('scroll', () => this.schedule());
    this.$('project-search').addEventListener('input', () => this.refresh());
    for (const f of [...FACETS, 'period', 'rank']) this.$(`project-${f}`).addEventListener('change', () => this.refresh());
    this.$('project-body').addEventListener('change', (e) => this.edit(e.target));
    this.$('import-csv').addEventListener('change', (e) => {
      if (e.target.files[0]) this.choose(e.target.files[0]);
      e.target.value = '';
    });
    this.$('csv-start').addEventListener('click', () => this.read());
    this.$('csv-cancel').addEventListener('click', () => this.cancel());
    this.$('csv-errors-save').addEventListener('click', () => this.saveErrors());
  }

  /** Lays the panel out for the current plan and language (filters, period, headings), then the rows. */
  render() {
    const { app } = this;
    const session = app.session();
    const has = session.projectCount() > 0;
    this.$('project-list').hidden = !has;
    if (!has) return;
    const facets = session.projectFacets();
    const word = (kind, v) => (kind === 'ownership' || kind === 'stage' ? app.t(`${kind}_${v}`) : v);
    for (const kind of FACETS) {
      const select = this.$(`project-${kind}`);
      const keep = select.value;
      select.replaceChildren(el('option', { value: '' }, app.t('all')),
        ...facets[`${kind === 'county' ? 'counties' : `${kind}s`}`].map((v) => el('option', { value: v }, word(kind, v))));
      select.value = [...select.options].some((o) => o.value === keep) ? keep : '';
    }
    const period = this.$('project-period');
    const keep = period.value;
    const periods = app.plan().periods;
    period.replaceChildren(...periods.map((p, i) => el('option', { value: String(i) }, app.label(p.label))));
    period.value = keep && Number(keep) < periods.length ? keep : String(periods.length - 1);
    this.refresh();
  }

  /** The selected period when it is a month whose year the plan has (the core says): the table then shows each
   *  project's month. */
  month() {
    const p = this.app.plan().periods[Number(this.$('project-period').value || 0)];
    return p && this.app.session().yearOfMonth(p.id) ? p.id : null;
  }

  /** The filter and search as they stand: how many match, then the rows in view. */
  refresh() {
    const where = {};
    for (const kind of FACETS) {
      const v = this.$(`project-${kind}`).value;
      if (v) where[kind] = [v];
    }
    const session = this.app.session();
    this.count = session.projectView(where, this.$('project-search').value);
    // A month: each project lit against time-progress, counted over the filter, and ranked when asked.
    const month = this.month();
    const { app } = this;
    this.$('project-rank-box').hidden = !month;
    this.$('project-months').hidden = !month;
    // A year with months in the plan (the core says which months): each project's lights month by month, the grid of
    // projects × months.
    const plan = app.plan();
    const selected = plan.periods[Number(this.$('project-period').value || 0)];
    const months = selected ? session.projectMonthGrid(0, 0, selected.id).months : [];
    this.year = months.length ? selected.id : null;
    this.months = months.length;
    const head = ['project_id', 'project_name', 'sector', 'county', 'ownership', 'stage', 'total', 'annual', 'completed',
      ...(month ? ['progress_completion', 'progress_ahead', 'progress_light'] : [])].map((k) => app.t(k));
    head.push(...months.map((id) => app.label(plan.periods.find((x) => x.id === id)?.label)));
    this.$('project-head').replaceChildren(el('tr', {}, ...head.map((h) => el('th', { scope: 'col' }, h))));
    if (month) {
      if (this.$('project-rank').checked) session.rankView(month);
      this.counts(month);
    }
    this.$('project-count').textContent = this.app.t('projects_shown').replace('{n}', this.count.toLocaleString(this.app.lang()));
    this.$('project-table').setAttribute('aria-rowcount', String(this.count + 1));
    // Another filter is another list: start from its top.
    this.$('project-scroll').scrollTop = 0;
    this.draw();
  }

  /** The month's lights counted over the filter: a number and a symbol for each colour. */
  counts(month) {
    const c = this.app.session().projectMonths(month);
    const lang = this.app.lang();
    const n = (x) => x.toLocaleString(lang);
    this.$('project-months').textContent = withMonth(lang, 'project_months', c.month).replace('{green}', n(c.green)).replace('{yellow}', n(c.yellow))
      .replace('{red}', n(c.red)).replace('{none}', n(c.none))
      + (c.note ? ` ${c.note[lang] ?? c.note.en}` : '');
  }

  /** After an edit: the rows in view again, and the month's counts once typing pauses (they go over every project). */
  edited() {
    this.draw();
    const month = this.month();
    clearTimeout(this.countTimer);
    if (month) this.countTimer = setTimeout(() => this.counts(month), 400);
  }

  schedule() {
    if (!this.frame) this.frame = requestAnimationFrame(() => { this.frame = 0; this.draw(); });
  }

  /** Draws the rows in view, with spacer rows standing in for the rest. */
  draw() {
    const box = this.$('project-scroll');
    const first = Math.max(0, Math.floor(box.scrollTop / ROW) - OVERSCAN);
    const shown = Math.ceil(box.clientHeight / ROW) + 2 * OVERSCAN;
    const rows = this.app.session().projectRows(first, shown);
    const p = Number(this.$('project-period').value || 0);
    const lang = this.app.lang();
    const t = (k) => this.app.t(k);
    const month = this.month();
    const months = month ? this.app.session().projectMonthRows(first, shown, month) : [];
    // A year with months: each row's light in each month, as a symbol with its word for assistive technology.
    const year = this.year;
    const grid = year ? this.app.session().projectMonthGrid(first, shown, year).rows : [];
    const gridCells = (lights) => (lights ?? []).map((l) => el('td', { className: 'grid-light' }, l
      ? el('span', { className: `light light-${l.color}`, title: l.text[lang] ?? l.text.en, attrs: { 'aria-label': l.text[lang] ?? l.text.en } }, l.symbol) : '—'));
    const spacer = (h) => {
      const tr = el('tr', { className: 'spacer', attrs: { 'aria-hidden': 'true' } }, el('td', { colSpan: (month ? 12 : 9) + this.months }));
      tr.style.height = `${h}px`;
      return tr;
    };
    const amount = (v) => (v == null ? '—' : decimal(v, lang));
    const field = (r, kind, v) => el('input', {
      type: 'text', inputMode: 'decimal', value: v ?? '', autocomplete: 'off',
      dataset: { project: r.id, field: kind },
      attrs: { 'aria-label': `${r.name} · ${t(kind)}` },
    });
    const body = rows.map((r, i) => el('tr', { attrs: { 'aria-rowindex': String(first + i + 2) } },
      el('td', {}, r.id), el('th', { scope: 'row' }, r.name), el('td', {}, r.sector), el('td', {}, r.county),
      el('td', {}, t(`ownership_${r.ownership}`)), el('td', {}, t(`stage_${r.stage}`)), el('td', { className: 'num' }, amount(r.total)),
      el('td', {}, field(r, 'annual', r.annual[p])), el('td', {}, field(r, 'completed', r.completed[p])),
      ...(month ? monthCells(months[i], lang) : []), ...(year ? gridCells(grid[i]) : [])));
    const focused = document.activeElement?.closest?.('#project-body') ? document.activeElement.dataset : null;
    this.$('project-body').replaceChildren(spacer(first * ROW), ...body,
      spacer(Math.max(0, (this.count - first - rows.length) * ROW)));
    if (focused?.project) {
      this.$('project-body').querySelector(`input[data-project="${CSS.escape(focused.project)}"][data-field="${focused.field}"]`)?.focus();
    }
  }

  /** An amount typed into the table: one edit, the same checks and undo as any other. */
  edit(input) {
    if (!(input instanceof HTMLInputElement) || !input.dataset.project) return;
    const period = this.app.plan().periods[Number(this.$('project-period').value || 0)].id;
    const error = this.$('project-error');
    try {
      const outcome = this.app.session().apply({
        project: input.dataset.project, field: input.dataset.field, period, set: input.value, mode: 'additive',
      });
      error.hidden = true;
      input.removeAttribute('aria-invalid');
      this.app.changed(outcome);
    } catch (e) {
      input.setAttribute('aria-invalid', 'true');
      error.hidden = false;
      error.textContent = `${input.getAttribute('aria-label')}: [${e.code}] ${e.message}`;
    }
  }

  // ------------------------------------------------------------ CSV import

  /** A file chosen: the worker reads its header row, and the mapping step opens with its guesses. */
  async choose(file) {
    this.worker?.terminate();
    this.worker = await importWorker();
    this.worker.onmessage = ({ data }) => this.message(data);
    this.worker.onerror = (e) => this.fail({ code: 'worker', message: e.message ?? 'worker failed', rows: [] });
    this.file = file;
    this.$('csv-file').textContent = file.name;
    this.$('csv-progress').value = 0;
    this.$('csv-progress-box').hidden = true;
    this.$('csv-errors').hidden = true;
    this.$('csv-mapping').replaceChildren();
    this.$('csv-start').disabled = true;
    this.$('csv-dialog').showModal();
    this.worker.postMessage({ type: 'columns', file, periods: this.app.plan().periods });
  }

  message(data) {
    if (data.type === 'columns') this.mapping(data.guess);
    else if (data.type === 'progress') {
      this.$('csv-progress').value = data.done / data.total;
      this.$('csv-progress-text').textContent = this.app.t('csv_progress')
        .replace('{n}', data.projects.toLocaleString(this.app.lang())).replace('{bad}', data.bad.toLocaleString(this.app.lang()));
    } else if (data.type === 'done') this.install(data);
    else if (data.type === 'failed') this.fail(data);
  }

  /** The mapping step: each header with the role the core guessed, changeable; the unit of the amounts. */
  mapping(guess) {
    const { app } = this;
    const periods = app.plan().periods;
    const name = (r) => {
      if (!r) return app.t('csv_skip');
      const [kind, pid] = r.split(':');
      const period = periods.find((p) => p.id === pid);
      return pid ? `${app.t(kind)} · ${app.label(period.label)}` : app.t(kind === 'id' ? 'project_id' : kind === 'name' ? 'project_name' : kind);
    };
    const rows = guess.headers.map((h, i) => {
      const select = el('select', { id: `csv-role-${i}`, dataset: { column: String(i) } },
        ...guess.choices.map((r) => el('option', { value: r }, name(r))));
      select.value = guess.roles[i] ?? '';
      return el('tr', {}, el('th', { scope: 'row' }, el('label', { htmlFor: `csv-role-${i}` }, h || `#${i + 1}`)), el('td', {}, select));
    });
    this.$('csv-mapping').replaceChildren(
      el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, app.t('csv_column')), el('th', { scope: 'col' }, app.t('csv_role')))),
      el('tbody', {}, ...rows));
    this.$('csv-unit').value = guess.unit;
    this.$('csv-start').disabled = false;
    this.$('csv-start').focus();
  }

  read() {
    const roles = [...this.$('csv-mapping').querySelectorAll('select')].map((s) => s.value);
    this.$('csv-start').disabled = true;
    this.$('csv-errors').hidden = true;
    this.$('csv-progress-box').hidden = false;
    this.worker.postMessage({ type: 'read', roles, unit: this.$('csv-unit').value });
  }

  /** The worker's bytes into the session: the list replaced in one step, or the error shown and nothing changed. */
  install({ bytes, projects }) {
    this.worker.terminate();
    this.worker = null;
    let dropped;
    try {
      dropped = this.app.session().replaceProjects(bytes);
    } catch (e) {
      this.fail(e);
      return;
    }
    this.$('csv-dialog').close();
    this.app.imported(projects, dropped);
  }

  /** Bad rows (or a bad mapping): every one listed with its line; the plan is as it was. */
  fail(e) {
    this.$('csv-progress-box').hidden = true;
    this.$('csv-start').disabled = false;
    this.errors = e.rows ?? [];
    const t = (k) => this.app.t(k);
    const lang = this.app.lang();
    this.$('csv-errors').hidden = false;
    this.$('csv-errors-title').textContent = this.errors.length
      ? t('csv_bad_rows').replace('{n}', this.errors.length.toLocaleString(lang))
      : `${t('csv_failed')} [${e.code}] ${e.message}`;
    const shown = this.errors.slice(0, 200);
    this.$('csv-errors-list').replaceChildren(...shown.map((r) => el('li', {},
      `${t('csv_line').replace('{n}', r.line)}${r.column ? ` · ${r.column}` : ''} · [${r.code}] ${r.reason}`)));
    this.$('csv-errors-more').textContent = this.errors.length > shown.length
      ? t('csv_more').replace('{n}', (this.errors.length - shown.length).toLocaleString(lang)) : '';
    this.$('csv-errors-save').hidden = this.errors.length === 0;
  }

  saveErrors() {
    const lines = [['line', 'column', 'code', 'reason'], ...this.errors.map((r) => [r.line, r.column, r.code, r.reason])];
    this.app.download(`${this.file?.name ?? 'import'}-errors.csv`, 'text/csv', csvText(lines));
  }

  cancel() {
    this.worker?.terminate();
    this.worker = null;
    this.$('csv-dialog').close();
  }
}
