/* After htmx swaps the record in place, the outcome of the action receives focus (it is also role=status or
   role=alert, so it is announced). Without JavaScript the forms post and the page reloads at #hasil. */
(function () {
  "use strict";
  document.body.addEventListener("htmx:afterSwap", function () {
    var outcome = document.getElementById("hasil");
    if (outcome) { outcome.focus(); }
  });
  var outcome = document.getElementById("hasil");
  if (outcome && window.location.hash === "#hasil") { outcome.focus(); }
})();
