/* Sozialatlas map: progressive enhancement. Without JavaScript the page shows the same map as
   server-rendered SVG, with the legend and the table. This draws it with Leaflet (zoom, pan),
   shows an area's figures on hover and when its row in the table has the keyboard focus, and
   selects an area on click (the same address as the table's link). No inline scripts (CSP), no
   requests to other hosts unless tiles are configured. */
(function () {
  "use strict";

  var box = document.querySelector("[data-choropleth]");
  if (!box || typeof window.L === "undefined" || !window.fetch) { return; }
  var L = window.L;
  var data = box.dataset;
  var values = JSON.parse(document.getElementById("map-values").textContent);
  var colours = JSON.parse(document.getElementById("map-colours").textContent);
  var details = box.querySelector("[data-map-details]");
  var canvas = box.querySelector("[data-map-canvas]");
  var figure = document.querySelector("[data-choropleth-figure]");
  var links = {};
  document.querySelectorAll("[data-select-area]").forEach(function (link) {
    links[link.dataset.selectArea] = link;
  });

  function ready() { box.setAttribute("data-map-ready", ""); }

  function describe(code, name) {
    var entry = values[code];
    if (!entry) { return name; }
    var text = name + ": " + entry[1];
    if (entry[0]) {
      if (data.unit) { text += " " + data.unit; }
      text += ", " + data.labelClass + " " + entry[0];
      if (entry[2]) { text += ", " + data.labelRank + " " + entry[2]; }
    }
    return text;
  }

  function style(feature) {
    var entry = values[feature.properties.id];
    var number = entry ? entry[0] : 0;
    if (!number) {
      return { color: "#3d4350", weight: 0.6, fillColor: "#d0d3d9", fillOpacity: 0.9, dashArray: "2 2" };
    }
    return { color: "#3d4350", weight: 0.6, fillColor: colours[number - 1], fillOpacity: 0.9 };
  }

  box.hidden = false;
  if (figure) { figure.classList.add("sr-choropleth--replaced"); }
  var map = L.map(canvas, { scrollWheelZoom: false, zoomControl: false, zoomSnap: 0.25, minZoom: 8, maxZoom: 16 });
  L.control.zoom({ zoomInTitle: data.labelZoomIn, zoomOutTitle: data.labelZoomOut }).addTo(map);
  map.attributionControl.setPrefix(false);
  map.setView([52.5, 13.4], 10);
  if (data.mapTiles) {
    L.tileLayer(data.mapTiles, { attribution: data.mapAttribution || "", maxZoom: 19 }).addTo(map);
  }

  var layers = {};
  var active = null;
  function highlight(code) {
    if (active && layers[active]) { layers[active].setStyle({ weight: 0.6, color: "#3d4350" }); }
    active = code;
    var layer = layers[code];
    if (!layer) { return; }
    layer.setStyle({ weight: 3, color: "#000000" });
    layer.bringToFront();
    details.textContent = describe(code, layer.feature.properties.name);
  }

  fetch(data.geojson, { credentials: "same-origin", headers: { Accept: "application/geo+json" } })
    .then(function (response) { return response.ok ? response.json() : null; })
    .then(function (geojson) {
      if (!geojson) { throw new Error("no outlines"); }
      var layer = L.geoJSON(geojson, {
        style: style,
        onEachFeature: function (feature, area) {
          var code = feature.properties.id;
          layers[code] = area;
          area.on("mouseover", function () { highlight(code); });
          area.on("click", function () {
            if (links[code]) { window.location.assign(links[code].href); }
          });
        }
      }).addTo(map);
      map.fitBounds(layer.getBounds(), { animate: false, padding: [10, 10] });
      /* The paths are not in the tab order (hundreds of areas); the table's links are, and
         focusing one shows the area on the map. */
      Object.keys(links).forEach(function (code) {
        links[code].addEventListener("focus", function () { highlight(code); });
      });
      var selected = document.querySelector("tr[aria-current][data-area]");
      if (selected) { highlight(selected.dataset.area); }
      ready();
    })
    .catch(function () {
      box.hidden = true;
      if (figure) { figure.classList.remove("sr-choropleth--replaced"); }
      ready();
    });
})();
