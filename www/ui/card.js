// The target card and the DOM builder shared by the planner's page and the embeddable element (which loads this and
// words.js, not the page's render.js and i18n.js). Text from a plan file only ever enters through text nodes.

import { aside, decimal, labelled, quantity, signed } from './format.js';
import { label, word } from './words.js';

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

/** A target card: value, target, status by colour, icon and words, margin, what it needs, extras. */
export function targetCard(result, spec, plan, locale, heading = 'h3') {
  const name = label(spec.label, locale);
  const detail = [];
  if (result.status === 'no_data') {
    const names = result.missing.map((id) => label(plan.series.find((s) => s.id === id)?.label, locale) || id);
    detail.push(word(locale, 'missing') + names.join('、'));
  }
  if (result.status === 'undefined') detail.push(result.reason_text?.[locale] ?? result.reason);
  const lever = plan.series.find((s) => s.id === result.lever);
  return el('li', { className: 'card', dataset: { status: result.status, target: result.id } },
    el(heading, {}, name, el('span', { className: 'soft' }, aside(word(locale, spec.soft ? 'soft' : 'hard'), locale))),
    el('p', { className: 'value' }, quantity(result.value, locale)),
    el('p', { className: 'target' }, `${CMP[spec.cmp]} ${quantity(result.target, locale)}`,
      spec.tolerance ? ` ± ${decimal(spec.tolerance, locale)}` : ''),
    el('p', { className: 'status', dataset: { status: result.status } }, `${ICONS[result.status]} ${word(locale, result.status)}`),
    result.margin ? el('p', { className: 'margin' }, labelled(word(locale, 'margin'), signed(result.margin, locale), locale)) : null,
    result.needed && lever && result.status === 'not_met'
      ? el('p', { className: 'needed' }, labelled(word(locale, 'needed'), `${label(lever.label, locale)} ${signed(result.needed, locale)}`, locale))
      : null,
    (result.extras ?? []).map((x) => el('p', { className: 'extra', dataset: { key: x.key } },
      labelled(word(locale, x.key), x.key === 'ahead' || x.key === 'base_revision' ? signed(x.value, locale) : quantity(x.value, locale), locale))),
    detail.map((d) => el('p', { className: 'detail' }, d)),
    el('div', { className: 'card-actions' },
      el('button', { type: 'button', className: 'seek', dataset: { action: 'seek', target: result.id } }, word(locale, 'seek')),
      el('button', { type: 'button', className: 'why', dataset: { action: 'explain', target: result.id } }, word(locale, 'explain'))));
}
