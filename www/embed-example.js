// The host page listening to a calculator: the change event crosses the shadow boundary (composed).
document.addEventListener('change', (event) => {
  if (event.target.id !== 'second' || !event.results) return;
  const share = event.results.targets.find((t) => t.id === 'industrial-share');
  if (!share) return; // another plan, passed as the element's `plan`
  document.getElementById('host-status').textContent = `industrial share: ${share.value?.display ?? '—'}% (${share.status})`;
});
