// embed.html: one <plan-calc> from the address (?plan=…&lang=…&mode=…&compact&large, or the same after #), and its
// height posted to the page that frames it, so that the host's optional script (plan-calc-frame.js) can size the
// frame. Only the height crosses: nothing of the host page is read, and nothing but `{type, height}` is sent.
// A classic script at the end of the body: the element is in the page (and its plan asked for) before plan-calc.js,
// a module, runs and starts it.

(() => {
  const params = new URLSearchParams(location.search.length > 1 ? location.search : location.hash.slice(1));
  const calc = document.createElement('plan-calc');
  // A plan on this server only: a path relative to this page, never another origin.
  const url = new URL(params.get('plan') ?? 'presets/zunyi.json', location.href);
  if (url.origin === location.origin) {
    calc.setAttribute('src', url.pathname + url.search);
    const preload = Object.assign(document.createElement('link'), { rel: 'preload', as: 'fetch', href: url.href });
    preload.crossOrigin = 'anonymous';
    document.head.append(preload);
  }
  const lang = params.get('lang');
  if (lang) {
    calc.setAttribute('lang', lang);
    document.documentElement.lang = lang;
  }
  const mode = params.get('mode');
  if (mode) calc.setAttribute('mode', mode);
  for (const flag of ['compact', 'readonly', 'large']) {
    if (params.has(flag) && params.get(flag) !== 'false') calc.setAttribute(flag, '');
  }
  document.getElementById('frame').append(calc);

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
})();
