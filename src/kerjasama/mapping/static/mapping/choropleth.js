/* Mapping overview maps (national: provinces; province: its kab/kota): each region's polygon shaded by its
   mapping completion. Offline: the polygons are the app's static file named by data-boundaries; the figures
   come from a <script type="application/json"> (CSP: no inline script). The same figures are in the table
   beside the map, and the legend names each shade in text, so nothing depends on colour alone. */
(function () {
  "use strict";
  var el = document.getElementById("overview-map");
  var dataEl = document.getElementById("overview-values");
  if (!el || !dataEl || typeof L === "undefined") { return; }
  var values = JSON.parse(dataEl.textContent);  // {code: {pct, text, url}}
  var province = el.getAttribute("data-province") || "";
  // Shades for 0 %, 1-24, 25-49, 50-74, 75-100 % (the legend in the page lists the same steps in words).
  var shades = ["#f2f4f7", "#c6dbef", "#6baed6", "#2171b5", "#08306b"];
  function shade(pct) { return pct <= 0 ? shades[0] : pct < 25 ? shades[1] : pct < 50 ? shades[2] : pct < 75 ? shades[3] : shades[4]; }
  var map = L.map(el, { zoomSnap: 0.25, keyboard: false });
  var tiles = el.getAttribute("data-tile-url") || "";
  if (tiles) { L.tileLayer(tiles, { attribution: el.getAttribute("data-tile-attribution") || "" }).addTo(map); }
  map.attributionControl.addAttribution("Batas: cahyadsn/wilayah_boundaries (MIT)");
  fetch(el.getAttribute("data-boundaries"), { credentials: "same-origin" })
    .then(function (r) { return r.json(); })
    .then(function (collection) {
      var features = collection.features.filter(function (f) {
        return values[f.properties.code] && (!province || f.properties.province === province);
      });
      var layer = L.geoJSON({ type: "FeatureCollection", features: features }, {
        style: function (f) {
          return { color: "#44546a", weight: 0.8, fillOpacity: 0.85, fillColor: shade(values[f.properties.code].pct) };
        },
        onEachFeature: function (f, shape) {
          var v = values[f.properties.code];
          shape.bindTooltip(f.properties.name + ": " + v.text, { sticky: true });
          if (v.url) { shape.on("click", function () { window.location.href = v.url; }); }
        }
      }).addTo(map);
      if (layer.getBounds().isValid()) { map.fitBounds(layer.getBounds(), { padding: [8, 8] }); }
      // Shapes stay out of the tab order: the table beside the map carries the same figures and links.
      el.querySelectorAll(".leaflet-interactive").forEach(function (p) { p.setAttribute("tabindex", "-1"); });
      el.setAttribute("data-shapes", String(features.length));
    })
    .catch(function () { el.setAttribute("data-shapes", "0"); el.classList.add("map-failed"); });
  map.setView([-2.5, 118], 4);
})();
