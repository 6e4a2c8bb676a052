/* Region page map: the region and its neighbours, as polygons when boundaries were imported, otherwise as
   centroid markers. Leaflet is served from the package; no tile server is contacted unless configured. */
(function () {
  "use strict";
  var el = document.getElementById("region-map");
  var dataEl = document.getElementById("map-data");
  if (!el || !dataEl || typeof L === "undefined") { return; }
  var data = JSON.parse(dataEl.textContent);
  var map = L.map(el, { attributionControl: true, zoomSnap: 0.25 });
  // The tile server, when one is configured, comes from the map element (no inline script: CSP).
  var tiles = { url: el.getAttribute("data-tile-url") || "", attribution: el.getAttribute("data-tile-attribution") || "" };
  if (tiles.url) { L.tileLayer(tiles.url, { attribution: tiles.attribution || "" }).addTo(map); }
  var style = {
    self: { color: "#0b5c8e", weight: 2, fillColor: "#0b5c8e", fillOpacity: 0.45 },
    neighbour: { color: "#c27c0e", weight: 1.5, fillColor: "#f2b64c", fillOpacity: 0.3 }
  };
  var bounds = L.latLngBounds([]);
  var drawn = 0;
  data.features.forEach(function (f) {
    var layer = null;
    if (f.geometry) {
      layer = L.geoJSON(f.geometry, { style: style[f.role] });
    } else if (f.lat !== null && f.lng !== null) {
      layer = L.circleMarker([f.lat, f.lng], Object.assign({ radius: f.role === "self" ? 10 : 7 }, style[f.role]));
    }
    if (!layer) { return; }
    // Polygons carry their label inside; a marker's label sits above it so the point stays visible.
    var label = f.geometry ? { direction: "center" } : { direction: "top", offset: [0, -10] };
    layer.bindTooltip(f.name, Object.assign({ permanent: true, className: "region-label" }, label));
    layer.on("click", function () { window.location.href = f.url; });
    layer.addTo(map);
    // The same regions are listed beside the map as links; the shapes stay out of the tab order.
    map.getContainer().querySelectorAll(".leaflet-interactive").forEach(function (node) {
      node.setAttribute("tabindex", "-1");
      node.setAttribute("focusable", "false");
    });
    var b = layer.getBounds ? layer.getBounds() : L.latLngBounds([layer.getLatLng()]);
    bounds.extend(b);
    drawn += 1;
  });
  el.setAttribute("data-features", String(drawn));
  if (bounds.isValid()) { map.fitBounds(bounds, { padding: [24, 24] }); } else { map.setView([-2.5, 118], 5); }
})();
