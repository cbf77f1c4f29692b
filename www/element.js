// <plan-calc>: the calculator as one element for portal pages. `make` bundles this file with the modules it imports
// (the core's glue, ui/format.js, ui/words.js, ui/card.js) into plan-calc.js, the one file a portal's page loads.
//
//   <script type="module" src="/plancalc/plan-calc.js"></script>
//   <plan-calc src="/plancalc/presets/zunyi.json" lang="zh-CN"></plan-calc>
//
// or with the plan inline: <plan-calc><script type="application/json">{…}</script></plan-calc>.
// Everything it needs is resolved relative to this module, so it works from any sub-path and under
// `default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'`. Shadow DOM keeps the host
// page's styles out and its own in; theming goes through the --plan-calc-* custom properties. Where it cannot run
// (the policy blocks WebAssembly, the browser has none, the plan cannot be read) it says so in the page's
// language, and logs the fix for the portal's developer to the console.

import init, { PlanSession } from './pkg/plancalc_embed.js';
import { quantity, sliderScale } from './ui/format.js';
import { label, localeOf, word as t } from './ui/words.js';
import { el, targetCard } from './ui/card.js';
// The element's words and its rule for a page's language, for embed.html's own sentence (a plan refused).
export { localeOf, word } from './ui/words.js';

const cores = {};
/** Runs `fn` once the next frame has been laid out and painted (a task queued from that frame's callback). */
const afterPaint = (fn) => requestAnimationFrame(() => setTimeout(fn));
/** Loads a core once per page, however many elements there are: the size build, or for mode="full" the page's build
 * (explanations and the rest), fetched only when an element asks for it. Resolves to its PlanSession class. */
function loadCore(full) {
  if (typeof WebAssembly !== 'object') return Promise.reject(new CannotRun('cannot_no_wasm'));
  const key = full ? 'full' : 'embed';
  cores[key] ??= (full
    ? import('./pkg/plancalc.js').then((m) => m.default({ module_or_path: new URL('./pkg/plancalc_bg.wasm', import.meta.url) })
      .then(() => m.PlanSession))
    : init({ module_or_path: new URL('./pkg/plancalc_embed_bg.wasm', import.meta.url) }).then(() => PlanSession)
  ).catch((e) => {
    delete cores[key]; // the next load (a new src, a reload) asks again
    // Chromium names the policy in the message ("Refused to compile or instantiate WebAssembly module because
    // 'unsafe-eval' is not an allowed source of script in the following Content Security Policy directive…").
    // Anything else means the core's files did not arrive whole: not found, not served as they are, or offline.
    throw new CannotRun(/Content Security Policy|unsafe-eval/i.test(String(e?.message)) ? 'cannot_blocked' : 'cannot_core', e);
  });
  return cores[key];
}

/** Why the calculator cannot run here: a sentence for the public (`key` in words.js), and the fix for the portal's
 *  developer, logged to the console once per page. */
class CannotRun extends Error {
  constructor(key, cause) {
    super(key, { cause });
    this.key = key;
  }
}

/** What the portal's developer reads in the console for each reason, given what went wrong (`detail`). */
const FIXES = {
  cannot_blocked: () => "WebAssembly is blocked by this page's Content-Security-Policy. Add 'wasm-unsafe-eval' to "
    + "script-src, e.g. Content-Security-Policy: default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'",
  cannot_no_wasm: () => 'this browser has no WebAssembly (an old or IE-mode engine). Dual-core browsers take '
    + '<meta name="renderer" content="webkit"> in the page head as the hint to use their Chromium engine.',
  cannot_core: (detail) => `its core could not be loaded (${detail}). Copy the whole plancalc folder, pkg/ included, `
    + 'next to plan-calc.js, and have the server send .wasm files as application/wasm (on IIS, '
    + '<mimeMap fileExtension=".wasm" mimeType="application/wasm" /> in web.config).',
  cannot_plan: (detail) => detail,
};
const told = new Set();
function tellDeveloper(key, detail) {
  const text = FIXES[key](detail);
  if (told.has(text)) return;
  told.add(text);
  console.error(`plan-calc: ${text}`);
}

/** Fired after every change of figures: `results` holds every result of the active scenario. */
export class PlanCalcChangeEvent extends Event {
  constructor(results) {
    super('change', { bubbles: true, composed: true });
    this.results = results;
  }
}

const ATTRIBUTES = ['src', 'lang', 'scenario', 'readonly', 'compact', 'large', 'mode'];
/** `summary`: the line of counts and the headline targets; `what-if` (the default): the input figures with fields and
 *  sliders, the targets not met first; `full`: adds "what would it take?" applied in one click and step-by-step
 *  explanations (loaded when asked for). */
const MODES = ['summary', 'what-if', 'full'];
/** How many targets the summary shows: those not met first. */
const HEADLINES = 3;
/** How many cards the first paint holds: a first screen of about 1,100 px (the rest follow a frame later). */
const FIRST_CARDS = 8;

export class PlanCalcElement extends HTMLElement {
  static observedAttributes = ATTRIBUTES;

  /** Registers the element as `plan-calc`; a second call (two scripts on one page) does nothing. */
  static define(name = 'plan-calc') {
    if (!customElements.get(name)) customElements.define(name, this);
  }

  #session = null;
  #plan = null;
  #results = null;
  #root;
  #pending = false;
  #loading = 0;
  #waiting = null;
  #started = false;
  #styled;
  #text = null;
  #shown = false;
  /** The edits made here, in order, to type again when the core changes. */
  #edits = [];
  /** The cards the first paint left for the next task (see #render). */
  #rest = [];
  /** The groups the cards are shown in (the core's, or the summary's headline targets). */
  #groups = [];
  /** The full mode's extra part, once loaded. */
  #full = null;
  /** A plan passed as the `plan` property, which takes the place of `src` and an inline plan until `src` is set. */
  #given = null;

  constructor() {
    super();
    this.#root = this.attachShadow({ mode: 'open' });
    const sheet = el('link', { rel: 'stylesheet', href: new URL('./plan-calc.css', import.meta.url).href });
    this.#styled = new Promise((ok) => { sheet.onload = ok; sheet.onerror = ok; });
    this.#root.append(
      sheet,
      el('div', { className: 'pc', part: 'container' },
        el('header', {}, el('h2', { className: 'title' }), el('p', { className: 'meta' }), el('p', { className: 'summary' })),
        el('p', { className: 'error', attrs: { role: 'alert' }, hidden: true }),
        el('div', { className: 'body' }, el('table', { className: 'figures' }), el('div', { className: 'cards' })),
        el('div', { className: 'announce', attrs: { 'aria-live': 'polite' } })));
    this.#root.addEventListener('input', (e) => this.#onInput(e));
    this.#root.addEventListener('click', (e) => this.#onAction(e));
    // A plan set as a property before the element was defined sits on the element itself, in front of the setter.
    if (Object.hasOwn(this, 'plan')) {
      const plan = this.plan;
      delete this.plan;
      this.plan = plan;
    }
  }

  // Attributes mirrored by properties (kebab-case attribute, camelCase property).
  get src() { return this.getAttribute('src') ?? ''; }
  set src(v) { this.setAttribute('src', v); }
  /** The element's language: its own `lang`, else the page's (zh-CN when neither says). */
  get lang() { return this.getAttribute('lang') ?? this.parentElement?.closest('[lang]')?.getAttribute('lang') ?? 'zh-CN'; }
  set lang(v) { this.setAttribute('lang', v); }
  get scenario() { return this.getAttribute('scenario') ?? ''; }
  set scenario(v) { this.setAttribute('scenario', v); }
  get readonly() { return this.hasAttribute('readonly'); }
  set readonly(v) { this.toggleAttribute('readonly', Boolean(v)); }
  get compact() { return this.hasAttribute('compact'); }
  set compact(v) { this.toggleAttribute('compact', Boolean(v)); }
  get mode() { return MODES.includes(this.getAttribute('mode')) ? this.getAttribute('mode') : 'what-if'; }
  set mode(v) { this.setAttribute('mode', v); }
  /** Larger text, more line spacing and stronger contrast (适老化). */
  get large() { return this.hasAttribute('large'); }
  set large(v) { this.toggleAttribute('large', Boolean(v)); }

  /** Every result of the active scenario, or null before the plan has loaded. */
  get results() { return this.#results; }

  /** The plan shown (a copy of its document), or null before one has loaded. Setting a plan document (an object, or
   *  its JSON text) shows that plan in place of `src` or an inline plan; null goes back to them. */
  get plan() { return this.#plan === null ? null : structuredClone(this.#plan); }
  set plan(value) {
    this.#given = value ?? null;
    if (this.#started) this.#load();
  }

  connectedCallback() {
    if (this.#started || this.#waiting) return;
    if (this.getAttribute('loading') !== 'lazy' || !('IntersectionObserver' in window)) {
      this.#start();
      return;
    }
    // loading="lazy", as for images and frames: nothing is fetched until the element comes near the viewport, so a
    // page of thirty calculators loads the ones a reader reaches. Watched once its styles give it its height (before
    // that, thirty empty elements all sit in view).
    const observer = new IntersectionObserver((entries) => {
      if (!entries.some((e) => e.isIntersecting)) return;
      observer.disconnect();
      this.#waiting = null;
      this.#start();
    }, { rootMargin: '200px' });
    this.#waiting = observer;
    this.#styled.then(() => { if (this.#waiting === observer) observer.observe(this); });
  }

  /** Loads the plan, once; a later `src` loads the new one. */
  #start() {
    this.#started = true;
    this.#load();
  }

  disconnectedCallback() {
    this.#waiting?.disconnect();
    this.#waiting = null;
  }

  attributeChangedCallback(name, old, value) {
    if (old === value || !this.isConnected) return;
    // Before the element has started (an upgrade reports every attribute first), connectedCallback loads.
    if (name === 'src') {
      this.#given = null; // a new src takes the place of a plan passed as the `plan` property
      if (this.#started) this.#load();
    } else if (name === 'mode' && this.#started && (old === 'full') !== (value === 'full')) this.#load();
    else if (name === 'scenario' && this.#session && value) this.#switch(value);
    else this.#schedule();
  }

  /** Sets a figure as typed; returns what changed, or throws the core's error (code, path). */
  setValue(series, period, text) {
    if (!this.#session) throw new Error('plan-calc: no plan loaded yet');
    const outcome = this.#session.setValue(series, period, text);
    this.#edits.push(['setValue', series, period, text]);
    this.#changed();
    return outcome;
  }

  /** The exact figure that puts a target on its value (mode "additive" or "substitute"). */
  goalSeek(target, lever, mode = 'additive') {
    if (!this.#session) throw new Error('plan-calc: no plan loaded yet');
    return this.#session.goalSeek(target, lever, mode);
  }

  /** Applies a goal-seek answer (the `edit` of a reachable outcome). */
  applyEdit(edit) {
    if (!this.#session) throw new Error('plan-calc: no plan loaded yet');
    const outcome = this.#session.apply(edit);
    this.#edits.push(['apply', edit]);
    this.#changed();
    return outcome;
  }

  async #load() {
    const ticket = ++this.#loading;
    // The core and the plan are fetched side by side.
    const core = loadCore(this.mode === 'full');
    core.catch(() => {}); // reported below, where it is awaited
    try {
      const inline = this.querySelector(':scope > script[type="application/json"]');
      let text;
      if (this.#given !== null) {
        try {
          text = typeof this.#given === 'string' ? this.#given : JSON.stringify(this.#given);
        } catch (e) {
          throw new CannotRun('cannot_plan', e); // e.g. an object that refers to itself
        }
      } else if (this.src) {
        const response = await fetch(new URL(this.src, document.baseURI)).catch((e) => {
          throw new CannotRun('cannot_plan', e);
        });
        if (!response.ok) throw new CannotRun('cannot_plan', new Error(`${response.status} ${response.statusText}: ${this.src}`));
        text = await response.text();
      } else if (inline) {
        text = inline.textContent;
      } else {
        return;
      }
      if (ticket !== this.#loading) return; // a newer src won
      const Session = await core;
      if (ticket !== this.#loading) return;
      try {
        this.#session = new Session(text);
      } catch (e) {
        throw new CannotRun('cannot_plan', e);
      }
      // What was typed before a change of core (mode="full" and back) is typed again; a new plan starts afresh.
      if (text === this.#text) {
        for (const [method, ...args] of this.#edits) this.#session[method](...args);
      } else {
        this.#edits = [];
      }
      this.#text = text;
      // The core has checked the text: its labels, periods, series and targets are what the element shows (the
      // size build leaves out the core's document writer).
      this.#plan = JSON.parse(text);
      if (this.scenario) this.#switch(this.scenario);
      this.#results = this.#session.results();
      this.#error(null);
      this.#render();
      this.dispatchEvent(new PlanCalcChangeEvent(this.#results));
    } catch (e) {
      const locale = localeOf(this.lang);
      if (!(e instanceof CannotRun)) {
        this.#error(e.message);
        return;
      }
      // The public reads a sentence in the page's language; a plan error adds its code and path.
      const cause = e.cause;
      const coded = cause?.code ? ` [${cause.code}${cause.path ? ` ${cause.path}` : ''}]` : '';
      this.#error(t(locale, e.key) + coded);
      tellDeveloper(e.key, e.key === 'cannot_plan'
        ? `the plan ${this.#given === null && this.src ? `at ${this.src} ` : ''}could not be loaded:${coded} ${cause?.message ?? ''}`
        : String(cause?.message ?? cause));
    }
  }

  #switch(name) {
    try {
      this.#session.switchScenario(name);
    } catch {
      this.#session.newScenario(name);
    }
    this.#results = this.#session.results();
    this.#schedule();
  }

  #changed() {
    this.#results = this.#session.results();
    this.#schedule();
    this.dispatchEvent(new PlanCalcChangeEvent(this.#results));
  }

  /** Updates are batched on a microtask: several changes in one task render once. */
  #schedule() {
    if (this.#pending) return;
    this.#pending = true;
    queueMicrotask(() => {
      this.#pending = false;
      if (this.#session) this.#render();
    });
  }

  #error(text) {
    this.#root.querySelector('.pc').lang = localeOf(this.lang);
    const box = this.#root.querySelector('.error');
    box.hidden = !text;
    box.textContent = text ?? '';
  }

  #render() {
    const locale = localeOf(this.lang);
    const plan = this.#plan;
    const mode = this.mode;
    const q = (sel) => this.#root.querySelector(sel);
    q('.pc').dataset.compact = String(this.compact);
    q('.pc').dataset.mode = mode;
    q('.pc').dataset.loaded = 'true';
    // Its language, for the font list (plan-calc.css) and for assistive technology.
    q('.pc').lang = locale;
    q('.title').textContent = label(plan.title, locale);
    q('.meta').textContent = plan.periods.map((p) => label(p.label, locale)).join('、');
    // The order, the groups and the line of counts are the core's: not met first, then without data, then met, each
    // group under its heading; the summary shows its headline targets in one list.
    const summary = this.#session.summary();
    q('.summary').textContent = summary.text[locale] ?? summary.text.en;
    this.#groups = mode === 'summary' ? [{ key: 'headline', ids: summary.order.slice(0, HEADLINES), title: null }] : summary.groups;
    const shown = this.#groups.flatMap((g) => g.ids);
    const now = this.#shown ? shown : shown.slice(0, FIRST_CARDS);
    this.#rest = shown.slice(now.length);
    q('.cards').replaceChildren();
    this.#place(now, locale);
    q('.announce').textContent = summary.text[locale] ?? summary.text.en;
    if (this.#shown) {
      this.#renderFigures(locale);
      return;
    }
    // The first time, what a first screen shows is painted first: the title, the line of counts and the first
    // FIRST_CARDS cards. The other cards and the table of figures (fields and sliders) follow in the next task (unless
    // a render of everything came first). On the slow-PC profile: cards at 606 ms median against 629 ms with the table
    // in the same frame (15 runs each); 503 against 530 ms with the first eight cards only (21 runs each,
    // interleaved). The two marks are what `make bench` measures.
    this.#shown = true;
    afterPaint(() => {
      performance.mark('plan-calc:first-figures');
      const current = localeOf(this.lang); // a render of everything in between may have changed it
      this.#place(this.#rest, current);
      this.#rest = [];
      this.#renderFigures(current);
      afterPaint(() => performance.mark('plan-calc:all-figures'));
    });
  }

  /** Appends the cards of `ids`, each to its group's list; a group gets its heading and list with its first card. */
  #place(ids, locale) {
    const box = this.#root.querySelector('.cards');
    for (const id of ids) {
      const group = this.#groups.find((g) => g.ids.includes(id)); // ids come from #groups: always found
      let list = box.querySelector(`:scope > [data-group="${group.key}"] > ul`);
      if (!list) {
        list = el('ul', { className: 'group-cards' });
        box.append(el('section', { className: 'group', dataset: { group: group.key } },
          group.title ? el('h3', { className: 'group-title' }, group.title[locale] ?? group.title.en) : null, list));
      }
      list.append(this.#card(id, locale, group.title ? 'h4' : 'h3'));
    }
  }

  /** The card of target `id` as the active scenario has it, its name a heading of level `heading`. */
  #card(id, locale, heading) {
    const plan = this.#plan;
    const card = targetCard(this.#results.targets.find((x) => x.id === id), plan.targets.find((s) => s.id === id), plan, locale, heading);
    if (this.mode !== 'full' || this.readonly) card.querySelector('.card-actions')?.remove();
    return card;
  }

  /** The table of the plan's figures: a field and a slider for each input, the computed ones as text. */
  #renderFigures(locale) {
    const plan = this.#plan;
    const r = this.#results;
    const figures = this.#root.querySelector('.figures');
    const key = `${locale}|${this.readonly}`;
    if (figures.dataset.key !== key) {
      figures.dataset.key = key;
      figures.replaceChildren(el('tbody', {}, plan.series.map((s) => el('tr', {},
        el('th', { scope: 'row' }, label(s.label, locale)),
        plan.periods.map((p) => {
          if (r.series.find((x) => x.id === s.id)?.kind !== 'input' || this.readonly) {
            return el('td', { className: 'computed', dataset: { series: s.id, period: p.id } });
          }
          const what = `${label(s.label, locale)} ${label(p.label, locale)}`;
          return el('td', {},
            el('input', { type: 'text', inputMode: 'decimal', dataset: { series: s.id, period: p.id }, attrs: { 'aria-label': what } }),
            el('input', { type: 'range', min: '0', className: 'slider', dataset: { slider: s.id, period: p.id }, attrs: { 'aria-label': `${what} ${t(locale, 'slider')}` } }));
        })))));
    }
    const value = (id, periodId) => r.series.find((x) => x.id === id)?.values[plan.periods.findIndex((p) => p.id === periodId)];
    for (const input of figures.querySelectorAll('input')) {
      if (input === this.#root.activeElement) continue;
      const v = value(input.dataset.series ?? input.dataset.slider, input.dataset.period);
      if (input.type !== 'range') {
        input.value = v ? v.exact : '';
        continue;
      }
      // A slider's scale is set once (and again only if the figure outgrows it): dragging never rescales it.
      if (!input.dataset.places || Number.parseFloat(v?.exact ?? '0') > Number(input.max)) {
        const scale = sliderScale(v?.exact);
        Object.assign(input, { max: scale.max, step: scale.step });
        input.dataset.places = String(scale.places);
      }
      input.value = v ? v.exact : '0';
      input.setAttribute('aria-valuetext', v ? quantity(v, locale) : '—');
    }
    for (const td of figures.querySelectorAll('td.computed')) {
      const v = value(td.dataset.series, td.dataset.period);
      td.textContent = v ? quantity(v, locale) : '—';
    }
  }

  /** "What would it take?" and "step by step" on a card (mode="full"): the part that does them loads on first use. */
  async #onAction(event) {
    const button = event.target.closest?.('button[data-action]');
    if (!button || !this.#session || this.mode !== 'full') return;
    this.#full ??= import('./ui/plan-calc-full.js');
    const full = await this.#full;
    const card = button.closest('.card');
    const locale = localeOf(this.lang);
    const apply = (edit) => this.applyEdit(edit);
    full.act(button.dataset.action, { session: this.#session, plan: this.#plan, target: button.dataset.target, card, locale, apply });
  }

  #onInput(event) {
    let input = event.target;
    if (input instanceof HTMLInputElement && input.dataset.slider && this.#session) {
      // A slider types its step-rounded value into its field, which the core reads exactly.
      const field = input.parentElement.querySelector('input[data-series]');
      field.value = Number(input.value).toFixed(Number(input.dataset.places ?? 0));
      input = field;
    }
    if (!(input instanceof HTMLInputElement) || !input.dataset.series || !this.#session) return;
    try {
      this.#session.setValue(input.dataset.series, input.dataset.period, input.value);
      this.#edits.push(['setValue', input.dataset.series, input.dataset.period, input.value]);
      input.removeAttribute('aria-invalid');
      input.title = '';
      this.#changed();
    } catch (e) {
      input.setAttribute('aria-invalid', 'true');
      input.title = e.message;
    }
  }
}

PlanCalcElement.define();
