// My plans: the planner's own plans (read from a text, imported, opened from a link, copied from a preset), kept in
// this browser's IndexedDB with a name and the time of their last change. Each is a saved session (its plan, its
// scenarios and edits), the same state the page autosaves; the plan being worked on is also written to
// localStorage on every change, synchronously, so that closing the browser mid-edit loses nothing.

import { el } from './render.js';
import { dropLarge, getLarge, putLarge } from './store.js';

const INDEX = 'mine:index';
const key = (id) => `mine:${id}`;

/** The page's slot for plan `id`, and back. */
export const slotOf = (id) => `mine-${id}`;
export const idOf = (slot) => (typeof slot === 'string' && slot.startsWith('mine-') ? slot.slice(5) : null);

/** A new id: the time and a little randomness, enough within one browser. */
export const newId = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

/** Every plan of the planner's, the last changed first: [{id, name, updated}]. */
export async function list() {
  const all = (await getLarge(INDEX)) ?? [];
  return [...all].sort((a, b) => (a.updated < b.updated ? 1 : -1));
}

async function writeIndex(f) {
  const all = (await getLarge(INDEX)) ?? [];
  await putLarge(INDEX, f(all));
}

/** Keeps plan `id`: its saved session `state` (JSON text) under `name`, now. */
export async function put(id, name, state) {
  await putLarge(key(id), { state });
  const updated = new Date().toISOString();
  await writeIndex((all) => [...all.filter((p) => p.id !== id), { id, name, updated }]);
}

/** The saved session of plan `id` (JSON text), or undefined. */
export async function get(id) {
  return (await getLarge(key(id)))?.state;
}

export async function rename(id, name) {
  await writeIndex((all) => all.map((p) => (p.id === id ? { ...p, name } : p)));
}

/** Forgets plan `id`; returns what `putBack` needs to undo it. */
export async function remove(id) {
  const entry = (await list()).find((p) => p.id === id);
  const state = await get(id);
  await dropLarge(key(id));
  await writeIndex((all) => all.filter((p) => p.id !== id));
  return { entry, state };
}

export async function putBack({ entry, state }) {
  if (!entry) return;
  await putLarge(key(entry.id), { state });
  await writeIndex((all) => [...all.filter((p) => p.id !== entry.id), entry]);
}

/** The list as the page draws it: each plan's name to edit in place, its last change, and what can be done with it
 *  (buttons with `data-action` open, duplicate, export, delete and `data-id`). `current`: the page's slot. */
export function listView(plans, { t, lang, current }) {
  const when = (iso) => new Date(iso).toLocaleString(lang === 'en' ? 'en' : lang);
  const button = (action, id, name) => el('button', { type: 'button', dataset: { action, id }, attrs: { 'aria-label': `${t(`mine_${action}`)}: ${name}` } }, t(`mine_${action}`));
  return [
    el('thead', {}, el('tr', {}, [t('mine_name'), t('mine_updated'), ''].map((h) => el('th', { scope: 'col' }, h)))),
    el('tbody', {}, plans.map((p) => el('tr', { dataset: { id: p.id }, className: slotOf(p.id) === current ? 'current' : '' },
      el('td', {}, el('input', { type: 'text', value: p.name, className: 'mine-name', dataset: { id: p.id }, attrs: { 'aria-label': `${t('mine_name')}: ${p.name}` } })),
      el('td', {}, when(p.updated)),
      el('td', { className: 'mine-actions' }, ['open', 'duplicate', 'export', 'delete'].map((a) => button(a, p.id, p.name)))))),
  ];
}
