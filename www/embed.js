// embed.html: one <plan-calc> from the address (?plan=…&lang=…&mode=…&compact&large, or the same after #), and its
// height posted to the page that frames it, so that the host's optional script (plan-calc-frame.js) can size the
// frame. Only the height crosses: nothing of the host page is read, and nothing but `{type, height}` is sent.
// A classic script at the end of the body: the element is in the page (and its plan asked for) before plan-calc.js,
// a module, runs and starts it.

(() => {
  const params = new URLSearchParams(location.search.length > 1 ? location.search : location.hash.slice(1));
  const lang = params.get('lang');
  if (lang) document.documentElement.lang = lang;
  // A plan on this server only: a path relative to this page, never another origin (anyone could otherwise show
  // figures of their own in a portal's frame). A plan elsewhere is refused in words, not with an empty frame.
  const url = new URL(params.get('plan') ?? 'presets/zunyi.json', location.href);
  if (url.origin === location.origin) {
    document.getElementById('frame').append(calculator(url));
  } else {
    // In the element's words (its module, which embed.html has asked for already) and the frame's language.
    import('./plan-calc.js').then(({ localeOf, word }) => {
      const p = Object.assign(document.createElement('p'), {
        className: 'refused', textContent: word(localeOf(document.documentElement.lang), 'cannot_elsewhere'),
      });
      p.setAttribute('role', 'alert');
      document.getElementById('frame').append(p);
    });
    console.error(`plan-calc: embed.html shows plans from its own server only, and ${url.href} is on another. Copy the `
      + 'plan file into the plancalc folder and name it by its path there, e.g. embed.html?plan=presets/my-plan.json');
  }

  if (window.parent === window) return;
  let last = 0;
  const post = () => {
    const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (height === last) return;
    last = height;
    // The host is not known here (any portal may frame it): the height is all that is sent, and the host's script
    // checks that the message comes from its own frame and from the origin of its `src`.
    window.parent.postMessage({ type: 'plan-calc:height', height }, '*');
  };
  new ResizeObserver(post).observe(document.documentElement);

  /** The calculator for the plan at `url` (on this server), with the address's language, mode and flags. */
  function calculator(url) {
    const calc = document.createElement('plan-calc');
    calc.setAttribute('src', url.pathname + url.search);
    const preload = Object.assign(document.createElement('link'), { rel: 'preload', as: 'fetch', href: url.href });
    preload.crossOrigin = 'anonymous';
    document.head.append(preload);
    if (lang) calc.setAttribute('lang', lang);
    const mode = params.get('mode');
    if (mode) calc.setAttribute('mode', mode);
    for (const flag of ['compact', 'readonly', 'large']) {
      if (params.has(flag) && params.get(flag) !== 'false') calc.setAttribute(flag, '');
    }
    return calc;
  }
})();
