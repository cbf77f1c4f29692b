// Workbooks off the main thread, on the workbook build of the core (pkg/plancalc_xlsx.js, loaded on first use):
// writes the plan as an .xlsx, and opens one to read its figures, its project list, its monthly actuals, or — for a
// workbook plancalc wrote — the plan itself. The page's session is restored here from its saved state.
//
// Messages in:  {type: 'export', state, projects, locale} | {type: 'open', file, state, projects}
//               | {type: 'figures', index} | {type: 'targets', index} | {type: 'csv', index}
// Messages out: {type: 'progress', done, total} | {type: 'exported', bytes} | {type: 'opened', sheets, plan, planError}
//               | {type: 'figures', cells} | {type: 'targets', targets} | {type: 'csv', text} | {type: 'failed', code, message, rows}

import init, { exportWorkbook, PlanSession, WorkbookFile } from '../pkg/plancalc_xlsx.js';

// Served, the worker fetches its wasm itself; in the one-file build the page hands it the compiled module first.
let ready = null;
let book = null;
let session = null;

const progress = (done, total) => postMessage({ type: 'progress', done, total });

function restore(state, projects) {
  session?.free();
  session = PlanSession.restore(state, projects ?? undefined);
}

onmessage = async ({ data }) => {
  if (data.type === 'module') {
    ready = init({ module_or_path: data.module });
    return;
  }
  try {
    ready ??= init();
    await ready;
    if (data.type === 'export') {
      restore(data.state, data.projects);
      const bytes = exportWorkbook(session, data.locale, progress);
      postMessage({ type: 'exported', bytes }, [bytes.buffer]);
    } else if (data.type === 'open') {
      restore(data.state, data.projects);
      book?.free();
      book = new WorkbookFile(new Uint8Array(await data.file.arrayBuffer()));
      // A sheet that cannot be read (too many rows, say) says why; the others stay usable.
      const sheets = book.sheets().map((s, i) => {
        if (s.hidden) return null;
        try {
          return book.describe(i, session, progress);
        } catch (e) {
          return { name: s.name, error: { code: e.code ?? 'error', message: e.message } };
        }
      });
      let plan = null;
      let planError = null;
      try {
        plan = book.planDocument(progress);
      } catch (e) {
        planError = { code: e.code ?? 'error', message: e.message, rows: e.rows ?? [] };
      }
      postMessage({ type: 'opened', sheets, plan, planError });
    } else if (data.type === 'figures') {
      postMessage({ type: 'figures', cells: book.figures(data.index, session) });
    } else if (data.type === 'targets') {
      postMessage({ type: 'targets', targets: book.targets(data.index, session) });
    } else if (data.type === 'csv') {
      postMessage({ type: 'csv', text: book.sheetCsv(data.index, progress) });
    }
  } catch (e) {
    postMessage({ type: 'failed', code: e.code ?? 'error', message: e.message, rows: e.rows ?? [] });
  }
};
