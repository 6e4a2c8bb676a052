/* Region mapping page: the region's boundary and its recommended partners' boundaries over the kab/kota
   around them, with a line to each partner (solid: mandatory-eligible, dashed: voluntary), per affair through
   the select above the map. Offline: boundaries are the app's static files; data comes from a
   <script type="application/json"> (CSP: no inline script). The partners are also listed in text. */
(function () {
  "use strict";
  var el = document.getElementById("mapping-map");
  var dataEl = document.getElementById("mapping-points");
  if (!el || !dataEl || typeof L === "undefined") { return; }
  var data = JSON.parse(dataEl.textContent);
  var self = data.self;
  var partners = data.partners;
  var byCode = {};
  partners.forEach(function (p) { byCode[p.code] = p; });
  var map = L.map(el, { zoomSnap: 0.25, keyboard: false });
  var tiles = { url: el.getAttribute("data-tile-url") || "", attribution: el.getAttribute("data-tile-attribution") || "" };
  if (tiles.url) { L.tileLayer(tiles.url, { attribution: tiles.attribution || "" }).addTo(map); }
  map.attributionControl.addAttribution("Batas: cahyadsn/wilayah_boundaries (MIT)");
  var colour = { self: "#1d2733", wajib: "#0b5c8e", sukarela: "#c27c0e" };
  var provinces = {};
  provinces[self.code.split(".")[0]] = true;
  partners.forEach(function (p) { if (p.role === "wajib") { provinces[p.code.split(".")[0]] = true; } });
  var lines = L.layerGroup().addTo(map);
  var select = document.getElementById("mapping-map-affair");

  function outOfTabOrder() {
    el.querySelectorAll(".leaflet-interactive").forEach(function (p) { p.setAttribute("tabindex", "-1"); });
  }
  function drawLines() {
    var affair = select ? select.value : "";
    lines.clearLayers();
    if (self.lat === null || self.lng === null) { return; }
    partners.forEach(function (p) {
      if (p.lat === null || p.lng === null) { return; }
      var category = affair ? p.affairs[affair] : p.role;
      if (!category) { return; }
      L.polyline([[self.lat, self.lng], [p.lat, p.lng]], {
        color: colour[category], weight: category === "wajib" ? 3 : 2, dashArray: category === "wajib" ? null : "6 5", interactive: false
      }).addTo(lines);
    });
    el.setAttribute("data-lines", String(lines.getLayers().length));
  }
  function style(f) {
    var code = f.properties.code;
    if (code === self.code) { return { color: colour.self, weight: 2, fillColor: colour.self, fillOpacity: 0.55 }; }
    var p = byCode[code];
    // A province partner of a kab/kota is drawn as an outline only: filled, it would cover its kab/kota.
    if (p && code.indexOf(".") < 0 && self.code.indexOf(".") > 0) { return { color: colour[p.role], weight: 2.5, fill: false }; }
    if (p) { return { color: colour[p.role], weight: 1.5, fillColor: "#9ecae1", fillOpacity: 0.5 }; }
    return { color: "#8a96a3", weight: 0.6, fillColor: "#ffffff", fillOpacity: 0.3 };
  }
  function wanted(f) {
    var code = f.properties.code;
    // The region, every partner, and the other kab/kota of the provinces concerned as the base layer.
    return code === self.code || byCode[code] || (code.indexOf(".") > 0 && provinces[f.properties.province]);
  }
  var urls = [data.boundaries.provinsi, data.boundaries.kabkota].filter(function (u) { return u; });
  Promise.all(urls.map(function (u) { return fetch(u, { credentials: "same-origin" }).then(function (r) { return r.json(); }); }))
    .then(function (collections) {
      var features = [];
      collections.forEach(function (c) { features = features.concat(c.features.filter(wanted)); });
      // Provinces first, so the kab/kota lie on top of them.
      features.sort(function (a, b) { return (a.properties.code.indexOf(".") > 0) - (b.properties.code.indexOf(".") > 0); });
      var focus = L.latLngBounds([]);
      var layer = L.geoJSON({ type: "FeatureCollection", features: features }, {
        style: style,
        onEachFeature: function (f, shape) {
          var p = byCode[f.properties.code];
          shape.bindTooltip(f.properties.name + (p ? " (" + p.affair_list + ")" : ""), { sticky: true });
          shape.on("click", function () { window.location.href = "/pemetaan/" + f.properties.code + "/"; });
          var code = f.properties.code;
          if (code === self.code || (byCode[code] && byCode[code].role === "wajib")) { focus.extend(shape.getBounds()); }
        }
      }).addTo(map);
      layer.bringToBack();
      drawLines();
      var bounds = focus.isValid() ? focus : layer.getBounds();
      if (bounds.isValid()) { map.fitBounds(bounds, { padding: [20, 20], maxZoom: 10 }); }
      outOfTabOrder();
      el.setAttribute("data-shapes", String(features.length));
    })
    .catch(function () { drawLines(); el.setAttribute("data-shapes", "0"); });
  if (select) { select.addEventListener("change", function () { drawLines(); outOfTabOrder(); }); }
  if (self.lat !== null && self.lng !== null) { map.setView([self.lat, self.lng], 8); } else { map.setView([-2.5, 118], 5); }
})();
