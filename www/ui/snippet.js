// The code a portal pastes to embed the current plan: the element (where scripts are allowed) or the iframe (where the
// content system strips them), and the Content-Security-Policy the portal's pages need for it. Every value that
// comes from a plan (its title, its file name) is escaped for the HTML attribute it goes into.

const attr = (v) => String(v).replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

/** The policy a page holding the element needs: its own scripts, and compiling WebAssembly. */
export const ELEMENT_POLICY = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";

/**
 * `form`: "element" or "iframe"; `base`: where the copied plancalc folder is served ("/plancalc/"); `plan`: the plan
 * file's path inside it ("presets/zunyi.json"); `mode`, `lang`; `title`: the frame's accessible name; `inline`: the
 * plan's JSON text to put inside the element instead of a file (the element form only).
 */
export function snippet({ form, base, plan, mode, lang, title, inline }) {
  const root = base.endsWith('/') ? base : `${base}/`;
  if (inline && form !== 'iframe') {
    // Inside <script type="application/json"> a "</script" or "<!--" would end or confuse the element: JSON has "<"
    // only inside strings, where it may be written \u003c.
    const json = inline.trim().replaceAll('<', '\\u003c');
    return `<script type="module" src="${attr(`${root}plan-calc.js`)}"></script>\n`
      + `<plan-calc lang="${attr(lang)}" mode="${attr(mode)}" loading="lazy"><script type="application/json">\n${json}\n</script></plan-calc>`;
  }
  if (form === 'iframe') {
    const query = new URLSearchParams({ plan, lang, mode }).toString();
    return `<iframe data-plan-calc title="${attr(title)}" loading="lazy" width="100%" height="600" frameborder="0"\n`
      + `        src="${attr(`${root}embed.html?${query}`)}"></iframe>\n`
      + `<script src="${attr(`${root}plan-calc-frame.js`)}"></script>`;
  }
  return `<script type="module" src="${attr(`${root}plan-calc.js`)}"></script>\n`
    + `<plan-calc src="${attr(`${root}${plan}`)}" lang="${attr(lang)}" mode="${attr(mode)}" loading="lazy"></plan-calc>`;
}

/** The policy line for the page that holds the snippet, given the address of the plancalc folder: for the iframe,
 *  the page loads the frame and its resize script from there. */
export function policy(form, base = '/plancalc/') {
  if (form !== 'iframe') return `Content-Security-Policy: ${ELEMENT_POLICY}`;
  let origin = "'self'";
  try {
    origin = new URL(base).origin; // an absolute address: another server
  } catch { /* a path on the portal's own server */ }
  const scripts = origin === "'self'" ? "'self'" : `'self' ${origin}`;
  return `Content-Security-Policy: default-src 'self'; script-src ${scripts}; frame-src ${origin}`;
}
