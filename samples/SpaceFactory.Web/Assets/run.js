// The run page: replaces the status fragment every second until the run ended (the fragment says so).
(function () {
  const box = document.getElementById('run-status');
  if (!box) return;
  async function refresh() {
    if (box.querySelector('[data-ended="true"]')) return;
    try {
      const response = await fetch(box.dataset.fragment, { credentials: 'same-origin', cache: 'no-store' });
      if (response.ok) box.innerHTML = await response.text();
    } catch (e) { /* try again */ }
    setTimeout(refresh, 1000);
  }
  setTimeout(refresh, 1000);
})();
