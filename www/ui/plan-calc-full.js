// What <plan-calc mode="full"> adds, loaded on first use: "what would it take?" with the exact answer applied in one
// click, and step-by-step explanations, both from the core (the page's build, which the element loads for this
// mode). Shown inside the card asked about; text from the plan only ever as text.

import { explanation, goalAnswer } from './render.js';
import { el } from './card.js';
import { t } from './i18n.js';

/** Does `action` ("seek" or "explain") for the target of `card`. */
export function act(action, { session, plan, target, card, locale, apply }) {
  card.querySelector('.card-extra')?.remove();
  const box = el('div', { className: 'card-extra', tabIndex: -1, dataset: { action } });
  try {
    if (action === 'explain') {
      // Its title a level below the card's name (an h4 under a group's heading).
      const level = Number(card.querySelector('h3, h4')?.tagName.slice(1) ?? 3) + 1;
      box.append(explanation(session.explainTarget(target, locale), locale, `h${level}`));
    } else {
      // The figure the target's gap is about (its part, its level, what is done): new investment in it.
      const lever = session.results().targets.find((x) => x.id === target)?.lever;
      if (!lever) throw new Error(t(locale, 'unreachable'));
      const goal = session.goalSeek(target, lever, 'additive');
      box.append(goalAnswer(goal, plan, locale));
      if (goal.outcome.status === 'reachable') {
        box.append(el('button', { type: 'button', className: 'apply', onclick: () => apply(goal.outcome.edit) }, t(locale, 'apply')));
      }
    }
  } catch (e) {
    box.append(el('p', { className: 'detail' }, e.message));
  }
  card.append(box);
  box.focus();
}
