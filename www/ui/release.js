// A monthly release pasted into the progress section: the core's bulletin reader (the reader's build, in the text
// worker) finds its figures and checks their relations; the core matches each amount to the plan's series and month
// (`matchRelease`); the planner confirms which to enter, and they go in as undoable edits (`enterFigures`). Text from
// the release is shown as text only.

import { textWorker } from './assets.js';
import { el } from './render.js';

export class ReleaseReader {
  /** `app`: { session(), lang(), t(key), label(labels), figures(cells) → count, announce(text) } */
  constructor(app) {
    this.app = app;
    this.worker = null;
    this.figures = [];
    this.$ = (id) => document.getElementById(id);
    this.$('release-read').addEventListener('click', () => this.read());
    this.$('release-enter').addEventListener('click', () => this.enter());
    this.$('release-result').addEventListener('change', (e) => {
      if (e.target.matches('select[data-index]')) this.rematch(Number(e.target.dataset.index), e.target.value);
    });
  }

  async read() {
    const text = this.$('release-input').value;
    this.$('release-status').textContent = this.app.t('text_reading');
    if (!this.worker) {
      this.worker = await textWorker();
      this.worker.onmessage = ({ data }) => {
        if (data.type === 'bulletin') this.show(data.bulletin);
        else if (data.type === 'failed') this.$('release-status').textContent = `[${data.code}] ${data.message}`;
      };
    }
    this.worker.postMessage({ type: 'bulletin', text });
  }

  /** The release's figures, each with where the core would put it, and its checks. */
  show(bulletin) {
    const { app } = this;
    this.figures = bulletin.figures;
    this.matches = app.session().matchRelease(this.figures);
    this.render(bulletin.checks);
    const n = this.matches.filter((m) => m.enter).length;
    this.$('release-status').textContent = app.t('release_found').replace('{n}', this.figures.length).replace('{m}', n);
  }

  /** The planner names another series for figure `i`: the core matches it again, in that series' unit. */
  rematch(i, series) {
    const figure = { ...this.figures[i], subject: series || this.figures[i].subject };
    this.matches[i] = this.app.session().matchRelease([figure])[0];
    if (!series) this.matches[i] = { ...this.matches[i], series: null, enter: false };
    this.render(this.checks);
  }

  render(checks) {
    const { app } = this;
    this.checks = checks;
    const plan = app.session().plan();
    const inputs = plan.series.filter((s) => !s.sum && !s.projects);
    const periodLabel = (id) => app.label(plan.periods.find((p) => p.id === id)?.label ?? { en: id, 'zh-CN': id });
    const rows = this.figures.map((f, i) => {
      const m = this.matches[i];
      const box = el('input', { type: 'checkbox', checked: m.enter, disabled: !m.value, dataset: { index: String(i) },
        attrs: { 'aria-label': `${f.subject} ${f.value}${f.unit}` } });
      const select = el('select', { dataset: { index: String(i) }, attrs: { 'aria-label': `${f.subject}: ${app.t('release_series')}` } },
        el('option', { value: '' }, app.t('ed_none')),
        inputs.map((s) => el('option', { value: s.id, selected: s.id === m.series }, app.label(s.label))));
      return el('tr', {},
        el('td', {}, box),
        el('th', { scope: 'row', title: f.sentence }, f.subject),
        el('td', {}, app.t(`release_kind_${f.kind}`)),
        el('td', { className: 'num' }, `${f.value} ${f.unit}`),
        el('td', {}, m.period ? periodLabel(m.period) : f.period),
        el('td', {}, select),
        el('td', { className: 'num' }, m.value ?? '—'),
        el('td', { className: 'num' }, m.current ?? '—'),
        el('td', {}, m.note ? (m.note[app.lang()] ?? m.note.en) : ''));
    });
    const head = ['release_enter_col', 'release_subject', 'release_kind', 'release_stated', 'period', 'release_series',
      'release_value', 'release_now', 'release_note'].map((k) => el('th', { scope: 'col' }, app.t(k)));
    const list = el('ul', { className: 'release-checks' }, checks.map((c) => el('li', { className: c.agrees ? 'agrees' : 'disagrees' },
      `${c.agrees ? '✓' : '✗'} ${app.t(c.agrees ? 'release_agrees' : 'release_disagrees')}: ${c.relation} — ${app.t('release_published')} ${c.published}, ${app.t('release_computed')} ${c.computed}`)));
    this.$('release-result').replaceChildren(
      el('table', { className: 'release-table' }, el('caption', {}, app.t('release_figures')), el('thead', {}, el('tr', {}, head)), el('tbody', {}, rows)),
      checks.length ? el('h4', {}, app.t('release_checks')) : '', checks.length ? list : '');
    this.$('release-enter').hidden = !this.matches.some((m) => m.value);
  }

  /** The checked figures entered as edits of the scenario, all or none. */
  enter() {
    const boxes = [...this.$('release-result').querySelectorAll('input[type="checkbox"]:checked')];
    const cells = boxes.map((b) => this.matches[Number(b.dataset.index)])
      .filter((m) => m.series && m.period && m.value).map((m) => ({ series: m.series, period: m.period, value: m.value }));
    try {
      const n = this.app.figures(cells);
      // Matched again: what was entered now reads as the plan's own figure.
      this.show({ figures: this.figures, checks: this.checks });
      this.$('release-status').textContent = this.app.t('release_entered').replace('{n}', n);
      this.app.announce(this.app.t('release_entered').replace('{n}', n));
    } catch (e) {
      this.$('release-status').textContent = `[${e.code}] ${e.message}`;
    }
  }
}
