// Reads a plan's text (or a monthly release) off the main thread with the core's plan-text reader (its own wasm, loaded here on first use),
// reporting progress for long texts.
//
// Messages in:  {type: 'module', module} (the one-file build hands over the compiled reader) | {type: 'read', text}
//               | {type: 'plan', title, targets} | {type: 'bulletin', text} (a monthly release)
// Messages out: {type: 'progress', done, total} | {type: 'draft', draft} | {type: 'plan', plan} | {type: 'bulletin', bulletin}
//               | {type: 'failed', code, message, path}

import init, { planFromDraft, readBulletin, readPlanText } from '../pkg/plancalc_reader.js';

let ready = null;

onmessage = async ({ data }) => {
  if (data.type === 'module') {
    ready = init({ module_or_path: data.module });
    return;
  }
  try {
    ready ??= init();
    await ready;
    if (data.type === 'read') {
      let last = 0;
      const draft = readPlanText(data.text, (done, total) => {
        // At most a report every 2% of the text: progress, not a flood of messages.
        if (done - last >= total / 50 || done === total) {
          last = done;
          postMessage({ type: 'progress', done, total });
        }
      });
      postMessage({ type: 'draft', draft });
    } else if (data.type === 'bulletin') {
      postMessage({ type: 'bulletin', bulletin: readBulletin(data.text) });
    } else if (data.type === 'plan') {
      postMessage({ type: 'plan', plan: planFromDraft(data.title, data.targets) });
    }
  } catch (e) {
    postMessage({ type: 'failed', code: e.code ?? 'error', message: e.message, path: e.path ?? '' });
  }
};
