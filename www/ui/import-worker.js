// Reads a CSV project list off the main thread: decodes the file (UTF-8, or GB18030 as Chinese Excel saves it),
// guesses the columns, then reads it piece by piece with the core, reporting progress, and hands back the parsed
// list as bytes (transferred, not copied) or every bad row.
//
// Messages in:  {type: 'columns', file, periods}  then  {type: 'read', roles, unit}
// Messages out: {type: 'columns', guess, size} | {type: 'progress', done, total, projects, bad}
//               | {type: 'done', bytes, projects} | {type: 'failed', code, message, path, rows}

import init, { ProjectImport } from '../pkg/plancalc.js';

// Served, the worker fetches the core itself; in the one-file build the page hands it the compiled core first.
let ready = null;
const PIECE = 1 << 18;
let text = '';
let reader = null;

function decode(buffer) {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buffer);
  } catch {
    return new TextDecoder('gb18030').decode(buffer);
  }
}

function read(roles, unit) {
  reader.start(roles, unit);
  let projects = 0;
  for (let at = 0; at < text.length;) {
    let end = Math.min(at + PIECE, text.length);
    // Never cut between the two halves of a character outside the Basic Multilingual Plane.
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end -= 1;
    projects = reader.feed(text.slice(at, end));
    at = end;
    postMessage({ type: 'progress', done: at, total: text.length, projects, bad: reader.badRows() });
  }
  const bytes = reader.finish();
  postMessage({ type: 'done', bytes, projects }, [bytes.buffer]);
}

onmessage = async ({ data }) => {
  if (data.type === 'module') {
    ready = init({ module_or_path: data.module });
    return;
  }
  try {
    ready ??= init();
    await ready;
    if (data.type === 'columns') {
      text = decode(await data.file.arrayBuffer());
      reader = new ProjectImport(data.periods);
      postMessage({ type: 'columns', guess: reader.columns(text.slice(0, 1 << 16)), size: text.length });
    } else if (data.type === 'read') {
      read(data.roles, data.unit);
    }
  } catch (e) {
    postMessage({ type: 'failed', code: e.code ?? 'error', message: e.message, path: e.path ?? '', rows: e.rows ?? [] });
  }
};
