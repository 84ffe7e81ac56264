// The home page's run list: polls /runs.json every two seconds and redraws the rows (text only, never HTML).
(function () {
  const table = document.getElementById('runs');
  if (!table) return;
  const body = table.querySelector('tbody');
  function badge(text, kind) {
    const span = document.createElement('span');
    span.className = 'badge ' + kind;
    span.textContent = text;
    return span;
  }
  function row(run) {
    const tr = document.createElement('tr');
    tr.dataset.run = run.id;
    const link = document.createElement('a');
    link.href = run.url;
    link.textContent = run.id;
    const cells = [link, document.createTextNode(run.recipe), document.createTextNode(run.started)];
    for (const content of cells) {
      const td = document.createElement('td');
      td.appendChild(content);
      tr.appendChild(td);
    }
    const state = document.createElement('td');
    state.className = 'run-state';
    state.appendChild(badge(run.status, run.status.replace(' ', '-')));
    if (run.simulated) { state.appendChild(document.createTextNode(' ')); state.appendChild(badge('simulated', 'simulated')); }
    tr.appendChild(state);
    return tr;
  }
  async function refresh() {
    try {
      const response = await fetch('/runs.json', { credentials: 'same-origin', cache: 'no-store' });
      if (response.ok) {
        const list = await response.json();
        body.replaceChildren(...list.runs.map(row));
        table.hidden = list.runs.length === 0;
        const empty = document.getElementById('no-runs');
        if (empty) empty.hidden = list.runs.length > 0;
      }
    } catch (e) { /* try again */ }
    setTimeout(refresh, 2000);
  }
  setTimeout(refresh, 2000);
})();
