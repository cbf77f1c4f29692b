// "Read a plan's text": the planner pastes a plan as published; the core's reader (in a worker) finds its targets;
// the draft is shown beside the text — each target highlights its sentence — to be accepted, edited or rejected, and
// opened as a plan. Sentences with numbers the reader could not place are listed under "not understood". The text
// is shown as text (text nodes), never as HTML.

import { el } from './render.js';
import { textWorker } from './assets.js';

const KINDS = ['amount', 'count', 'share', 'growth', 'completion', 'ratio'];
const CMPS = ['>=', '<=', '~', '='];
const CMP_SIGNS = { '>=': '≥', '<=': '≤', '~': '≈', '=': '=' };
/** At most this many targets and sentences not understood are laid out: a text that is no plan (5 MB of anything)
 *  can give tens of thousands, and laying them all out would freeze the page. The rest are counted. */
const SHOWN = 300;

export class TextReader {
  /** `app`: {t(key), lang(), opened(plan)} — `opened` takes the plan document and makes it the page's plan. */
  constructor(app) {
    this.app = app;
    this.worker = null;
    this.text = '';
    this.draft = null;
    this.$ = (id) => document.getElementById(id);
    this.$('text-read').addEventListener('click', () => this.read());
    this.$('text-open').addEventListener('click', () => this.open());
    this.$('text-close').addEventListener('click', () => this.$('text-dialog').close());
    this.$('text-targets').addEventListener('focusin', (e) => this.show(e.target.closest('tr')?.dataset.range));
    this.$('text-unread').addEventListener('click', (e) => this.show(e.target.closest('[data-range]')?.dataset.range));
  }

  openDialog() {
    this.$('text-dialog').showModal();
    this.$('text-input').focus();
  }

  async ensureWorker() {
    if (this.worker) return;
    this.worker = await textWorker();
    this.worker.onmessage = ({ data }) => this.message(data);
    this.worker.onerror = (e) => this.fail({ code: 'worker', message: e.message ?? 'worker failed' });
  }

  async read() {
    this.text = this.$('text-input').value;
    this.$('text-error').hidden = true;
    this.$('text-progress-box').hidden = false;
    this.$('text-progress').value = 0;
    this.$('text-progress-text').textContent = this.app.t('text_reading');
    this.$('text-read').disabled = true;
    await this.ensureWorker();
    this.worker.postMessage({ type: 'read', text: this.text });
  }

  message(data) {
    if (data.type === 'progress') {
      this.$('text-progress').value = data.total ? data.done / data.total : 1;
      this.$('text-progress-text').textContent = `${this.app.t('text_reading')} ${Math.round((100 * data.done) / Math.max(data.total, 1))}%`;
    } else if (data.type === 'draft') {
      this.$('text-read').disabled = false;
      this.$('text-progress-box').hidden = true;
      this.draft = data.draft;
      this.render();
    } else if (data.type === 'plan') {
      this.$('text-dialog').close();
      this.app.opened(data.plan);
    } else if (data.type === 'failed') {
      this.fail(data);
    }
  }

  fail(e) {
    this.$('text-read').disabled = false;
    this.$('text-progress-box').hidden = true;
    this.$('text-error').hidden = false;
    this.$('text-error').textContent = `${this.app.t('text_failed')}[${e.code}${e.path ? ` ${e.path}` : ''}] ${e.message}`;
  }

  /** The draft: the text with its sentences marked, the targets to accept or edit, what was not understood. */
  render() {
    const { draft } = this;
    const lang = this.app.lang();
    const t = (key) => this.app.t(key);
    this.$('text-notes').textContent = draft.notes.map((n) => n.text[lang] ?? n.text.en).join(' ');
    // Each sentence that gave a target or holds a number not understood is a <mark>, in text order.
    const targets = draft.targets.slice(0, SHOWN);
    const unread = draft.unread.slice(0, SHOWN);
    const ranges = new Map();
    for (const x of [...targets, ...unread]) ranges.set(`${x.start}-${x.end}`, x);
    const sorted = [...ranges.values()].sort((a, b) => a.start - b.start);
    const view = [];
    let at = 0;
    for (const r of sorted) {
      if (r.start < at) continue;
      view.push(this.text.slice(at, r.start));
      const unread = !draft.targets.some((x) => x.start === r.start && x.end === r.end);
      view.push(el('mark', { className: unread ? 'unread' : 'read', dataset: { range: `${r.start}-${r.end}` } }, this.text.slice(r.start, r.end)));
      at = r.end;
    }
    view.push(this.text.slice(at));
    this.$('text-view').replaceChildren(...view);
    const option = (value, text, selected) => el('option', { value, selected }, text);
    const row = (x) => {
      const name = `${x.subject} ${x.value}${x.unit}`;
      return el('tr', { dataset: { id: x.id, range: `${x.start}-${x.end}` } },
        el('td', {}, el('input', { type: 'checkbox', checked: true, className: 'accept', attrs: { 'aria-label': `${t('text_accept')}: ${name}` } })),
        el('td', {}, el('input', { type: 'text', value: x.subject, className: 'subject', attrs: { 'aria-label': `${t('text_subject')}: ${name}` } })),
        el('td', {}, el('select', { className: 'indicator', attrs: { 'aria-label': `${t('text_indicator')}: ${name}` } },
          KINDS.map((k) => option(k, t(`kind_${k}`), k === x.indicator)))),
        el('td', {}, el('select', { className: 'cmp', attrs: { 'aria-label': `${t('text_cmp')}: ${name}` } },
          CMPS.map((c) => option(c, CMP_SIGNS[c], c === x.cmp)))),
        el('td', {}, el('input', { type: 'text', inputMode: 'decimal', value: x.value, className: 'value', size: 7, attrs: { 'aria-label': `${t('value')}: ${name}` } })),
        el('td', {}, x.unit),
        el('td', {}, el('input', { type: 'text', value: x.period, className: 'period', size: 9, attrs: { 'aria-label': `${t('period')}: ${name}` } })),
        el('td', {}, el('input', { type: 'checkbox', checked: x.soft, className: 'soft', attrs: { 'aria-label': `${t('text_soft')}: ${name}` } })));
    };
    this.$('text-targets').replaceChildren(
      el('thead', {}, el('tr', {}, ['text_accept', 'text_subject', 'text_indicator', 'text_cmp', 'value', 'text_unit', 'period', 'text_soft']
        .map((k) => el('th', { scope: 'col' }, t(k))))),
      el('tbody', {}, targets.map(row)));
    const more = (n) => (n > 0 ? [el('li', { className: 'more' }, t('text_more').replace('{n}', n))] : []);
    this.$('text-more').textContent = draft.targets.length > SHOWN ? t('text_more').replace('{n}', draft.targets.length - SHOWN) : '';
    this.$('text-unread').replaceChildren(...unread.map((u) =>
      el('li', {}, el('button', { type: 'button', className: 'link', dataset: { range: `${u.start}-${u.end}` } }, u.sentence))),
    ...more(draft.unread.length - SHOWN));
    this.$('text-unread-box').hidden = draft.unread.length === 0;
    this.$('text-draft').hidden = false;
    this.$('text-open').disabled = draft.targets.length === 0;
  }

  /** Marks the sentence `range` ("start-end") in the text and scrolls it into view. */
  show(range) {
    if (!range) return;
    for (const m of this.$('text-view').querySelectorAll('mark.current')) m.classList.remove('current');
    const mark = this.$('text-view').querySelector(`mark[data-range="${range}"]`);
    if (!mark) return;
    mark.classList.add('current');
    mark.scrollIntoView({ block: 'nearest' });
  }

  /** The accepted targets, as edited, become a plan (the core builds and checks it). */
  async open() {
    const targets = [];
    // Only the targets laid out can be accepted: a draft of more is no plan to open as it stands.
    for (const tr of this.$('text-targets').querySelectorAll('tbody tr')) {
      if (!tr.querySelector('.accept').checked) continue;
      const x = this.draft.targets.find((d) => d.id === tr.dataset.id);
      targets.push({
        ...x,
        subject: tr.querySelector('.subject').value,
        indicator: tr.querySelector('.indicator').value,
        cmp: tr.querySelector('.cmp').value,
        value: tr.querySelector('.value').value,
        period: tr.querySelector('.period').value,
        soft: tr.querySelector('.soft').checked,
      });
    }
    this.$('text-error').hidden = true;
    await this.ensureWorker();
    this.worker.postMessage({ type: 'plan', title: this.draft.title ?? null, targets });
  }
}
