/* Oversight map (/pengawasan/peta/, /daftar-kerja-sama/peta/): each region's polygon shaded by the class the
   server computed, and lines between partner regions' centroids, thicker for more agreements. Offline: the
   polygons are the regions app's static boundary file named by data-boundaries; the figures come from
   <script type="application/json"> blocks (CSP: no inline script). The table under the map carries the same
   figures, and the legend names each shade in text, so nothing depends on colour alone. */
(function () {
  "use strict";
  var el = document.getElementById("oversight-map");
  var valuesEl = document.getElementById("oversight-map-values");
  var linesEl = document.getElementById("oversight-map-lines");
  if (!el || !valuesEl || !linesEl || typeof L === "undefined") { return; }
  var values = JSON.parse(valuesEl.textContent);  // {code: {shade, text}}
  var lines = JSON.parse(linesEl.textContent);  // [{from, to, weight, text}]
  var risk = el.getAttribute("data-measure") === "risk";
  var blues = ["#f2f4f7", "#c6dbef", "#6baed6", "#2171b5", "#08306b"];
  var reds = ["#fee5d9", "#fcae91", "#fb6a4a", "#de2d26", "#a50f15"];
  function shade(n) {
    if (n < 0) { return "#d9d9d9"; }
    return (risk ? reds : blues)[Math.max(0, Math.min(4, n))];
  }
  var map = L.map(el, { zoomSnap: 0.25, keyboard: false });
  map.attributionControl.addAttribution("Batas: cahyadsn/wilayah_boundaries (MIT)");
  map.setView([-2.5, 118], 4);
  function drawLines() {
    lines.forEach(function (line) {
      L.polyline([line.from, line.to], { color: "#c2410c", weight: line.weight, opacity: 0.8 })
        .bindTooltip(line.text, { sticky: true }).addTo(map);
    });
  }
  fetch(el.getAttribute("data-boundaries"), { credentials: "same-origin" })
    .then(function (r) { return r.json(); })
    .then(function (collection) {
      var features = collection.features.filter(function (f) { return values[f.properties.code]; });
      var layer = L.geoJSON({ type: "FeatureCollection", features: features }, {
        style: function (f) {
          return { color: "#44546a", weight: 0.5, fillOpacity: 0.85, fillColor: shade(values[f.properties.code].shade) };
        },
        onEachFeature: function (f, shape) { shape.bindTooltip(values[f.properties.code].text, { sticky: true }); }
      }).addTo(map);
      drawLines();
      if (layer.getBounds().isValid()) { map.fitBounds(layer.getBounds(), { padding: [8, 8] }); }
      // Shapes stay out of the tab order: the table under the map carries the same figures.
      el.querySelectorAll(".leaflet-interactive").forEach(function (p) { p.setAttribute("tabindex", "-1"); });
      el.setAttribute("data-shapes", String(features.length));
      el.setAttribute("data-lines", String(lines.length));
    })
    .catch(function () { drawLines(); el.setAttribute("data-shapes", "0"); el.classList.add("map-failed"); });
})();
