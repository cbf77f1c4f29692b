// DOM builders shared by the planner's page and the embeddable element: each takes data from the core
// and returns elements. Text from a plan file only ever enters through text nodes, never as HTML.

import { el } from './card.js';
import { aside, decimal, labelled, quantity, signed } from './format.js';
import { coreText, label, t } from './i18n.js';

export { CMP, ICONS, el, targetCard } from './card.js';

const MATHML = 'http://www.w3.org/1998/Math/MathML';
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

/** An explanation from the core: an ordered list of steps, each a sentence and its formula; its title a heading of
 *  level `heading`. */
export function explanation(exp, locale, heading = 'h3') {
  return el('section', { className: 'explanation', attrs: { 'aria-label': exp.title } },
    el(heading, {}, exp.title),
    el('ol', { className: 'steps' }, exp.steps.map((s) => el('li', { dataset: { kind: s.kind } },
      el('p', {}, s.text), s.math ? mathml(s.math, locale) : null))));
}


/** A warning: the core's message, with links to the figures it concerns. */
export function warningItem(w, locale) {
  return el('li', { className: 'warning', dataset: { code: w.code, ids: w.ids.join(' ') } },
    el('code', {}, w.code), ' ', coreText(w, locale));
}

/** A goal-seek answer: the lever value and what it changes, or why it is unreachable. */
export function goalAnswer(goal, plan, locale) {
  const o = goal.outcome;
  if (o.status === 'unreachable') {
    return el('p', { className: 'answer', dataset: { status: 'unreachable', reason: o.reason } },
      labelled(t(locale, 'unreachable'), coreText(goal.message, locale), locale));
  }
  const lever = label(plan.series.find((s) => s.id === goal.lever)?.label, locale);
  const side = { at_least: 'also_meets', at_most: 'also_meets_below', exactly: 'exactly' }[o.side];
  return el('div', { className: 'answer', dataset: { status: 'reachable' } },
    el('p', { className: 'answer-value' }, labelled(lever, `${quantity(o.from, locale)} → `, locale),
      el('strong', {}, quantity(o.value, locale)), aside(signed(o.delta, locale), locale)),
    o.value.fraction ? el('p', { className: 'fraction' }, `= ${o.value.fraction}`) : null,
    el('p', { className: 'side' }, t(locale, side)));
}
