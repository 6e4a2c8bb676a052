/* Plan checker: click a region's centroid to put it into the next empty party field. */
(function () {
  "use strict";
  var el = document.getElementById("party-map");
  var pointsEl = document.getElementById("region-points");
  if (!el || !pointsEl || typeof L === "undefined") { return; }
  var points = JSON.parse(pointsEl.textContent);
  var map = L.map(el, { zoomSnap: 0.25 }).setView([-2.5, 118], 4);
  // The tile server, when one is configured, comes from the map element (no inline script: CSP).
  var tiles = { url: el.getAttribute("data-tile-url") || "", attribution: el.getAttribute("data-tile-attribution") || "" };
  if (tiles.url) { L.tileLayer(tiles.url, { attribution: tiles.attribution || "" }).addTo(map); }
  var inputs = Array.prototype.slice.call(document.querySelectorAll("input[name=party]"));
  function chosen() { return inputs.map(function (i) { return i.value.split(" ")[0]; }); }
  points.forEach(function (p) {
    if (p[2] === null || p[3] === null) { return; }
    var province = p[0].indexOf(".") === -1;
    var marker = L.circleMarker([p[2], p[3]], {
      radius: province ? 6 : 3, weight: 1, color: province ? "#0b5c8e" : "#c27c0e", fillOpacity: 0.6
    }).addTo(map);
    marker.bindTooltip(p[0] + " " + p[1]);
    // A pointer shortcut only: the party fields (typed, with the list of regions) do the same from the keyboard,
    // so the 546 dots stay out of the tab order (issue 9: 611 Tab presses to reach the submit button).
    var dot = marker.getElement();
    if (dot) { dot.setAttribute("tabindex", "-1"); dot.setAttribute("focusable", "false"); }
    marker.on("click", function () {
      if (chosen().indexOf(p[0]) !== -1) { return; }
      var free = inputs.filter(function (i) { return !i.value.trim(); })[0];
      if (free) { free.value = p[0] + " " + p[1]; free.dispatchEvent(new Event("change")); }
    });
  });
})();
