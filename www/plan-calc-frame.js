// Optional, for the host page of <iframe data-plan-calc src=".../embed.html?…">: sizes each such frame to its
// content. About 1 KB, no dependency. It listens only to its own frames, from the origin of their src.
addEventListener('message', (event) => {
  const data = event.data;
  if (!data || data.type !== 'plan-calc:height' || !Number.isFinite(data.height)) return;
  for (const frame of document.querySelectorAll('iframe[data-plan-calc]')) {
    if (frame.contentWindow !== event.source) continue;
    if (new URL(frame.src, location.href).origin !== event.origin) return;
    frame.style.height = `${Math.max(0, Math.min(data.height, 100000))}px`;
    frame.setAttribute('scrolling', 'no');
    return;
  }
});
