// StatesGen dashboard: the one script (served from the package; the page allows no inline script).
// A running execution's page polls a small JSON document and reloads itself when the execution changed.
(function () {
  "use strict";
  var live = document.getElementById("live");
  if (!live) return;
  var url = live.getAttribute("data-url");
  var version = live.getAttribute("data-version");
  var interval = parseInt(live.getAttribute("data-interval"), 10) || 2000;
  function poll() {
    fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (state) {
        if (state && state.version !== version) { window.location.reload(); return; }
        window.setTimeout(poll, interval);
      })
      .catch(function () { window.setTimeout(poll, interval * 2); });
  }
  window.setTimeout(poll, interval);
})();
