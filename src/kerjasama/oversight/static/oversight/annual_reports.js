// Progressive enhancement of /pengawasan/laporan-tahunan/: poll the status of the reports being generated and
// reload the page once one is done or failed (without JavaScript, reloading by hand shows the same).
(function () {
  "use strict";
  var cells = Array.prototype.slice.call(document.querySelectorAll("[data-annual-status]")).filter(function (el) {
    var s = el.getAttribute("data-status");
    return s === "queued" || s === "running";
  });
  if (!cells.length || !window.fetch) { return; }
  function poll() {
    Promise.all(cells.map(function (el) {
      return fetch(el.getAttribute("data-annual-status"), { credentials: "same-origin" })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (data) {
          if (!data) { return false; }
          el.textContent = data.status_label + " — " + data.steps_done + "/" + data.steps_total;
          return data.status === "done" || data.status === "failed";
        });
    })).then(function (finished) {
      if (finished.some(Boolean)) { window.location.reload(); } else { window.setTimeout(poll, 3000); }
    }, function () { window.setTimeout(poll, 10000); });
  }
  window.setTimeout(poll, 2000);
}());
