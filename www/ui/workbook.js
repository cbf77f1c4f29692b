// Workbooks in and out: the plan exported as an .xlsx (live formulas, written by the core in a worker), and a
// workbook opened to take its figures, its project list or its monthly actuals — or, for a workbook plancalc wrote,
// the plan itself. The workbook build of the core loads in the worker the first time either is used.
// Text from a workbook enters the page as text only.

import { xlsxWorker } from './assets.js';
import { labelled } from './format.js';
import { el } from './render.js';

export class WorkbookPanel {
  /** `app`: { session(), lang(), t(key), label(labels), download(name, type, data), announce(text),
   *  figures(cells) → count, targets(list) → count, projects(file), monthly(text), plan(doc, name) } */
  constructor(app) {
    this.app = app;
    this.worker = null;
    this.pending = null;
    this.$ = (id) => document.getElementById(id);
    this.$('export-xlsx').addEventListener('click', () => this.exportBook());
    this.$('import-xlsx').addEventListener('change', (e) => {
      if (e.target.files[0]) this.open(e.target.files[0]);
      e.target.value = '';
    });
    this.$('xlsx-close').addEventListener('click', () => this.$('xlsx-dialog').close());
    this.$('xlsx-sheets').addEventListener('click', (e) => {
      const button = e.target.closest('button[data-action]');
      if (button) this.act(button.dataset.action, Number(button.dataset.index), button.dataset.name);
    });
  }

  /** One request to the worker at a time; progress goes to the status line. */
  async ask(message, transfer = []) {
    if (!this.worker) {
      this.worker = await xlsxWorker();
      this.worker.onmessage = ({ data }) => {
        if (data.type === 'progress') return this.progress(data.done, data.total);
        const pending = this.pending;
        this.pending = null;
        if (data.type === 'failed') pending?.reject(Object.assign(new Error(data.message), data));
        else pending?.resolve(data);
      };
      this.worker.onerror = (e) => {
        this.pending?.reject(Object.assign(new Error(e.message ?? 'worker failed'), { code: 'worker' }));
        this.pending = null;
      };
    }
    return new Promise((resolve, reject) => {
      this.pending = { resolve, reject };
      this.worker.postMessage(message, transfer);
    });
  }

  progress(done, total) {
    const box = this.$('xlsx-progress');
    box.hidden = false;
    box.value = total ? done / total : 0;
  }

  status(text, error = false) {
    const line = this.$('xlsx-status');
    line.hidden = !text;
    line.textContent = text;
    line.classList.toggle('error', error);
  }

  failed(e) {
    const { t } = this.app;
    const rows = (e.rows ?? []).slice(0, 20).map((r) => labelled(`${t('csv_line').replace('{n}', r.line)} ${r.column}`, `[${r.code}] ${r.reason}`, this.app.lang()));
    this.status([`${t('xlsx_failed')}[${e.code}] ${e.message}`, ...rows].join('\n'), true);
  }

  /** The plan, with the scenario's figures, as a workbook in the page's language. */
  async exportBook() {
    const { app } = this;
    const session = app.session();
    const button = this.$('export-xlsx');
    button.disabled = true;
    this.status(app.t('xlsx_writing'));
    try {
      const { bytes } = await this.ask({ type: 'export', state: session.state(), projects: session.projectBytes(), locale: app.lang() });
      app.download(`${session.plan().id}.xlsx`, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', bytes);
      this.status(app.t('xlsx_written'));
      app.announce(app.t('xlsx_written'));
    } catch (e) {
      this.failed(e);
    } finally {
      button.disabled = false;
      this.$('xlsx-progress').hidden = true;
    }
  }

  /** A workbook chosen: its sheets, each with what it most likely holds and its first rows, and what to take. */
  async open(file) {
    const { app } = this;
    const session = app.session();
    this.$('xlsx-file').textContent = file.name;
    this.$('xlsx-sheets').replaceChildren();
    this.$('xlsx-plan').hidden = true;
    this.$('xlsx-dialog').showModal();
    this.status(app.t('xlsx_reading'));
    try {
      const opened = await this.ask({ type: 'open', file, state: session.state(), projects: session.projectBytes() });
      this.status('');
      this.render(opened, file.name);
    } catch (e) {
      this.failed(e);
    } finally {
      this.$('xlsx-progress').hidden = true;
    }
  }

  render({ sheets, plan, planError }, fileName) {
    const { app } = this;
    this.plan = plan;
    const box = this.$('xlsx-plan');
    box.hidden = !plan && !planError;
    this.$('xlsx-open-plan').hidden = !plan;
    this.$('xlsx-open-plan').onclick = () => {
      app.plan(plan, fileName.replace(/\.xlsx$/i, ''));
      this.$('xlsx-dialog').close();
    };
    if (planError) this.failed(planError);
    const action = (name, index, sheet) => el('button', { type: 'button', dataset: { action: name, index: String(index), name: sheet } }, app.t(`xlsx_take_${name}`));
    this.$('xlsx-sheets').replaceChildren(...sheets.flatMap((s, i) => {
      if (!s) return [];
      if (s.error) return [el('section', { className: 'xlsx-sheet' }, el('h3', {}, s.name), el('p', { className: 'error' }, `[${s.error.code}] ${s.error.message}`))];
      // A preview wider than the dialog scrolls: focusable, so that the keyboard scrolls it too.
      const preview = el('table', { className: 'xlsx-preview', tabIndex: 0, attrs: { 'aria-label': s.name } },
        ...s.preview.map((row) => el('tr', {}, ...row.slice(0, 8).map((c) => el('td', {}, c)))));
      return [el('section', { className: 'xlsx-sheet' },
        el('h3', {}, s.name),
        el('p', { className: 'hint' }, app.t('xlsx_sheet_size').replace('{rows}', s.rows.toLocaleString(app.lang()))
          .replace('{columns}', String(s.columns)) + (s.kind === 'other' ? '' : ` · ${app.t(`xlsx_kind_${s.kind}`)}`)),
        preview,
        el('div', { className: 'dialog-actions' }, action('figures', i, s.name), action('targets', i, s.name),
          action('projects', i, s.name), action('monthly', i, s.name)))];
    }));
  }

  /** Takes a sheet as the planner chose: figures (as undoable edits), targets (a plan change the core checks, undone
   *  as plan changes are), a project list (through the column mapping) or monthly actuals (as the monthly CSV
   *  import). */
  async act(what, index, name) {
    const { app } = this;
    try {
      if (what === 'figures') {
        const { cells } = await this.ask({ type: 'figures', index });
        const n = app.figures(cells);
        this.status(app.t('xlsx_figures_done').replace('{n}', n));
        app.announce(app.t('xlsx_figures_done').replace('{n}', n));
      } else if (what === 'targets') {
        const { targets } = await this.ask({ type: 'targets', index });
        const n = app.targets(targets);
        this.status(app.t('xlsx_targets_done').replace('{n}', n));
        app.announce(app.t('xlsx_targets_done').replace('{n}', n));
      } else {
        const { text } = await this.ask({ type: 'csv', index });
        if (what === 'projects') {
          this.$('xlsx-dialog').close();
          app.projects(new File([text], `${name}.csv`, { type: 'text/csv' }));
        } else {
          app.monthly(text);
          this.$('xlsx-dialog').close();
        }
      }
    } catch (e) {
      this.failed(e);
    }
  }
}
