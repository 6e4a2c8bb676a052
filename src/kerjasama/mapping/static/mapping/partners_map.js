/* Region mapping page: the region and its recommended partners (mandatory-eligible in blue). */
(function () {
  "use strict";
  var el = document.getElementById("mapping-map");
  var dataEl = document.getElementById("mapping-points");
  if (!el || !dataEl || typeof L === "undefined") { return; }
  var points = JSON.parse(dataEl.textContent);
  var map = L.map(el, { zoomSnap: 0.25 });
  // The tile server, when one is configured, comes from the map element (no inline script: CSP).
  var tiles = { url: el.getAttribute("data-tile-url") || "", attribution: el.getAttribute("data-tile-attribution") || "" };
  if (tiles.url) { L.tileLayer(tiles.url, { attribution: tiles.attribution || "" }).addTo(map); }
  var colour = { self: "#1d2733", wajib: "#0b5c8e", sukarela: "#c27c0e" };
  // Fit the view to the region and its mandatory-eligible partners (its neighbourhood); a far voluntary
  // partner stays on the map but does not zoom it out to the whole country.
  var near = points.some(function (p) { return p.role === "wajib"; });
  var bounds = L.latLngBounds([]);
  points.forEach(function (p) {
    if (p.lat === null || p.lng === null) { return; }
    var marker = L.circleMarker([p.lat, p.lng], { radius: p.role === "self" ? 9 : 6, color: colour[p.role], fillOpacity: 0.6 }).addTo(map);
    marker.bindTooltip(p.name, { direction: "top", offset: [0, -8] });
    marker.on("click", function () { window.location.href = "/pemetaan/" + p.code + "/"; });
    if (!near || p.role !== "sukarela") { bounds.extend(marker.getLatLng()); }
  });
  el.setAttribute("data-points", String(points.length));
  if (bounds.isValid()) { map.fitBounds(bounds, { padding: [30, 30], maxZoom: 10 }); } else { map.setView([-2.5, 118], 5); }
})();
