// DOM builders shared by the planner's page and the embeddable element: each takes data from the core
// and returns elements. Text from a plan file only ever enters through text nodes, never as HTML.

import { decimal, quantity, signed } from './format.js';
import { label, t, unreachable, warningText } from './i18n.js';

const MATHML = 'http://www.w3.org/1998/Math/MathML';
export const ICONS = { met: '✔', not_met: '✘', no_data: '–', undefined: '?' };
export const CMP = { '>=': '≥', '<=': '≤', '~': '≈', '=': '=' };

/** An element with properties, attributes (`attrs`), data (`dataset`) and children (strings become text nodes). */
export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (v === undefined || v === null) continue;
    if (k === 'dataset') Object.assign(node.dataset, v);
    else if (k === 'attrs') for (const [a, x] of Object.entries(v)) node.setAttribute(a, x);
    else node[k] = v;
  }
  node.append(...children.flat().filter((c) => c !== null && c !== undefined && c !== false));
  return node;
}

function math(tag, ...children) {
  const node = document.createElementNS(MATHML, tag);
  node.append(...children);
  return node;
}

const OPS = { add: '+', sub: '−', mul: '×', eq: '=', approx: '≈', ge: '≥', le: '≤', lt: '<', gt: '>' };

/** An expression tree from the core as MathML: fractions for division, operators between terms. */
export function mathml(expr, locale) {
  const build = (e) => {
    if (e.t === 'var') {
      const mi = math('mi', e.name);
      mi.setAttribute('title', e.meaning);
      return mi;
    }
    if (e.t === 'num') {
      const [p, q] = e.value.split('/');
      if (q !== undefined) return math('mfrac', math('mn', decimal(p, locale)), math('mn', decimal(q, locale)));
      return /^[-\d.]+$/.test(e.value) ? math('mn', decimal(e.value, locale)) : math('mi', e.value);
    }
    switch (e.op) {
      case 'div': return math('mfrac', build(e.args[0]), build(e.args[1]));
      case 'paren': return math('mrow', math('mo', '('), ...e.args.map(build), math('mo', ')'));
      case 'sum': {
        const row = math('mrow');
        e.args.forEach((a, i) => { if (i) row.append(math('mo', '+')); row.append(build(a)); });
        return row.childNodes.length ? row : math('mn', '0');
      }
      default: {
        const row = math('mrow');
        e.args.forEach((a, i) => { if (i) row.append(math('mo', OPS[e.op] ?? e.op)); row.append(build(a)); });
        return row;
      }
    }
  };
  const root = math('math', build(expr));
  root.setAttribute('display', 'block');
  return root;
}

/** An explanation from the core: an ordered list of steps, each a sentence and its formula. */
export function explanation(exp, locale) {
  return el('section', { className: 'explanation', attrs: { 'aria-label': exp.title } },
    el('h3', {}, exp.title),
    el('ol', { className: 'steps' }, exp.steps.map((s) => el('li', { dataset: { kind: s.kind } },
      el('p', {}, s.text), s.math ? mathml(s.math, locale) : null))));
}

/** A target card: value, target, status by colour, icon and words, margin, what it needs, extras. */
export function targetCard(result, spec, plan, locale) {
  const name = label(spec.label, locale);
  const detail = [];
  if (result.status === 'no_data') {
    const names = result.missing.map((id) => label(plan.series.find((s) => s.id === id)?.label, locale) || id);
    detail.push(t(locale, 'missing') + names.join('、'));
  }
  if (result.status === 'undefined') detail.push(t(locale, result.reason));
  const lever = plan.series.find((s) => s.id === result.lever);
  return el('li', { className: 'card', dataset: { status: result.status, target: result.id } },
    el('h3', {}, name, ' ', el('span', { className: 'soft' }, `(${t(locale, spec.soft ? 'soft' : 'hard')})`)),
    el('p', { className: 'value' }, quantity(result.value, locale)),
    el('p', { className: 'target' }, `${CMP[spec.cmp]} ${quantity(result.target, locale)}`,
      spec.tolerance ? ` ± ${decimal(spec.tolerance, locale)}` : ''),
    el('p', { className: 'status', dataset: { status: result.status } }, `${ICONS[result.status]} ${t(locale, result.status)}`),
    result.margin ? el('p', { className: 'margin' }, `${t(locale, 'margin')}: ${signed(result.margin, locale)}`) : null,
    result.needed && lever && result.status === 'not_met'
      ? el('p', { className: 'needed' }, `${t(locale, 'needed')}: ${label(lever.label, locale)} ${signed(result.needed, locale)}`)
      : null,
    (result.extras ?? []).map((x) => el('p', { className: 'extra', dataset: { key: x.key } },
      `${t(locale, x.key)}: ${x.key === 'ahead' ? signed(x.value, locale) : quantity(x.value, locale)}`)),
    detail.map((d) => el('p', { className: 'detail' }, d)),
    el('div', { className: 'card-actions' },
      el('button', { type: 'button', className: 'seek', dataset: { action: 'seek', target: result.id } }, t(locale, 'seek')),
      el('button', { type: 'button', className: 'why', dataset: { action: 'explain', target: result.id } }, t(locale, 'explain'))));
}

/** A warning: the core's message, with links to the figures it concerns. */
export function warningItem(w, locale) {
  return el('li', { className: 'warning', dataset: { code: w.code, ids: w.ids.join(' ') } },
    el('code', {}, w.code), ' ', warningText(w, locale));
}

/** A goal-seek answer: the lever value and what it changes, or why it is unreachable. */
export function goalAnswer(goal, plan, locale) {
  const o = goal.outcome;
  if (o.status === 'unreachable') {
    let why = unreachable(locale, o.reason);
    if (o.reason === 'no_room') why += `${decimal(o.needed, locale)} > ${decimal(o.available, locale)} (${o.from})`;
    if (o.reason === 'negative_investment') why += ` (${decimal(o.needed, locale)})`;
    if (o.reason === 'no_value') why += o.detail;
    if (o.reason === 'conflict') why += `${o.first} / ${o.second}`;
    return el('p', { className: 'answer', dataset: { status: 'unreachable', reason: o.reason } }, `${t(locale, 'unreachable')}: ${why}`);
  }
  const lever = label(plan.series.find((s) => s.id === goal.lever)?.label, locale);
  const side = { at_least: 'also_meets', at_most: 'also_meets_below', exactly: 'exactly' }[o.side];
  return el('div', { className: 'answer', dataset: { status: 'reachable' } },
    el('p', { className: 'answer-value' }, `${lever}: ${quantity(o.from, locale)} → `,
      el('strong', {}, quantity(o.value, locale)), ` (${signed(o.delta, locale)})`),
    o.value.fraction ? el('p', { className: 'fraction' }, `= ${o.value.fraction}`) : null,
    el('p', { className: 'side' }, t(locale, side)));
}
