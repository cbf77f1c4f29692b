// The floor page's one line (see index.html), marked once painted as the element marks its figures.
const line = document.createElement('h2');
line.textContent = '遵义市扩大有效投资攻坚行动方案(2021-2023年)';
document.body.append(line);
requestAnimationFrame(() => setTimeout(() => performance.mark('floor:first-figures')));
