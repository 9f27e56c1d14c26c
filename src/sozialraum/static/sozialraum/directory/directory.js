/* Public directory: progressive enhancements. Without JavaScript the search form, the result
   list and the detail pages work as they are; this adds the map, "use my location" and the print
   button. No inline scripts (CSP), no requests to other hosts unless tiles are configured. */
(function () {
  "use strict";

  function text(tag, content, className) {
    var element = document.createElement(tag);
    if (className) { element.className = className; }
    element.textContent = content;
    return element;
  }

  /* Print button on the detail page */
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });

  /* "Use my location": fills the hidden lat/lon fields; typing a place clears them again */
  var locate = document.querySelector("[data-locate]");
  if (locate && "geolocation" in navigator) {
    var form = locate.closest("form");
    var lat = form.querySelector("input[name=lat]");
    var lon = form.querySelector("input[name=lon]");
    var place = form.querySelector("input[name=place]");
    var status = locate.querySelector("[data-locate-status]");
    locate.hidden = false;
    place.addEventListener("input", function () { lat.value = ""; lon.value = ""; });
    locate.querySelector("[data-locate-button]").addEventListener("click", function () {
      status.textContent = status.dataset.searching;
      navigator.geolocation.getCurrentPosition(function (position) {
        lat.value = position.coords.latitude.toFixed(5);
        lon.value = position.coords.longitude.toFixed(5);
        place.value = status.dataset.label;
        status.textContent = status.dataset.found;
      }, function () {
        status.textContent = status.dataset.failed;
      }, { timeout: 10000, maximumAge: 60000 });
    });
  }

  /* Map: Leaflet with marker clusters; markers are buttons reachable by Tab, Enter opens a
     popup whose first link gets the focus, Escape closes it and returns to the marker. */
  var box = document.querySelector("[data-map]");
  if (!box || typeof window.L === "undefined" || !window.fetch) { return; }
  var L = window.L;
  var data = box.dataset;
  var canvas = box.querySelector("[data-map-canvas]");
  box.hidden = false;

  // maxZoom: marker clustering needs one even when no tile layer sets it
  var map = L.map(canvas, { scrollWheelZoom: false, zoomControl: false, maxZoom: 18, minZoom: 5 });
  L.control.zoom({ zoomInTitle: data.labelZoomIn, zoomOutTitle: data.labelZoomOut }).addTo(map);
  map.attributionControl.setPrefix(false);
  map.setView([51.1, 10.4], 6);
  if (data.mapTiles) {
    L.tileLayer(data.mapTiles, { attribution: data.mapAttribution || "", maxZoom: 19 }).addTo(map);
  }
  var outlinesLoaded = Promise.resolve(null);
  if (data.mapOutlines) {
    outlinesLoaded = fetch(data.mapOutlines, { credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (geojson) {
        if (!geojson) { return null; }
        var layer = L.geoJSON(geojson, {
          interactive: false,
          style: { className: "sr-map__outline", weight: 1, fill: true, fillOpacity: 0.05 }
        }).addTo(map);
        return layer;
      })
      .catch(function () { return null; });
  }

  var clusters = L.markerClusterGroup({
    showCoverageOnHover: false,
    iconCreateFunction: function (cluster) {
      var count = cluster.getChildCount();
      var size = count < 10 ? "small" : count < 100 ? "medium" : "large";
      var html = "<div><span>" + count + "<span class=\"sr-visually-hidden\"> " +
        data.labelCluster.replace(/[<>&"]/g, "") + "</span></span></div>";
      return L.divIcon({ html: html, className: "marker-cluster marker-cluster-" + size, iconSize: L.point(40, 40) });
    }
  });
  clusters.addTo(map);

  /* the map data's compact ids: a UUID's 16 bytes in URL-safe base64 */
  function uuidFrom(compact) {
    var bytes = atob(compact.replace(/-/g, "+").replace(/_/g, "/") + "==");
    var hex = "";
    for (var i = 0; i < bytes.length; i++) {
      hex += ("0" + bytes.charCodeAt(i).toString(16)).slice(-2);
    }
    return [hex.slice(0, 8), hex.slice(8, 12), hex.slice(12, 16), hex.slice(16, 20), hex.slice(20)].join("-");
  }

  function popupContent(feature) {
    var properties = feature.properties;
    var wrapper = document.createElement("div");
    wrapper.className = "sr-map__popup";
    var list = document.createElement("ul");
    list.setAttribute("aria-label", data.labelServices);
    properties.s.forEach(function (entry) {
      var item = document.createElement("li");
      var link = text("a", entry[1], "kern-link");
      link.href = data.serviceUrl + uuidFrom(entry[0]) + "/";
      link.setAttribute("dir", "auto");
      item.appendChild(link);
      if (entry[2]) { item.appendChild(text("span", " (" + data.labelClosed + ")")); }
      list.appendChild(item);
    });
    wrapper.appendChild(list);
    return wrapper;
  }

  function markerFor(feature) {
    var coordinates = feature.geometry.coordinates;
    var properties = feature.properties;
    var names = properties.s.map(function (entry) { return entry[1]; });
    var label = names.slice(0, 3).join(", ") +
      (names.length > 3 ? " …" : "");
    var icon = L.divIcon({ className: "sr-marker", html: "", iconSize: L.point(26, 26) });
    var marker = L.marker([coordinates[1], coordinates[0]], { icon: icon, keyboard: true, title: label });
    marker.bindPopup(function () { return popupContent(feature); }, { autoPanPadding: L.point(20, 20) });
    marker.on("add", function () {
      if (marker._icon) {
        marker._icon.setAttribute("aria-label", label);
        marker._icon.setAttribute("aria-haspopup", "dialog");
      }
    });
    marker.on("popupopen", function (event) {
      var link = event.popup.getElement().querySelector("a.kern-link");
      if (link) { link.focus(); }
    });
    marker.on("popupclose", function () {
      if (marker._icon && canvas.contains(document.activeElement)) { marker._icon.focus(); }
    });
    return marker;
  }

  canvas.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { map.closePopup(); }
  });

  /* Fit the view first, then add the markers: the clusters are drawn once at the final zoom
     instead of splitting apart in an animation. Markers keep clear of the zoom buttons (top
     left, also in right-to-left pages). "data-map-ready" tells tests the map has settled. */
  var fitOptions = { paddingTopLeft: L.point(70, 30), paddingBottomRight: L.point(30, 30), maxZoom: 15, animate: false };
  function ready() { box.setAttribute("data-map-ready", ""); }

  fetch(data.mapData, { credentials: "same-origin", headers: { Accept: "application/geo+json" } })
    .then(function (response) { return response.ok ? response.json() : { features: [] }; })
    .then(function (collection) {
      var markers = collection.features.map(markerFor);
      return outlinesLoaded.then(function (outlines) {
        if (markers.length) {
          map.fitBounds(L.latLngBounds(markers.map(function (marker) { return marker.getLatLng(); })), fitOptions);
        } else if (outlines) {
          map.fitBounds(outlines.getBounds(), { animate: false });
        }
        clusters.addLayers(markers);
        ready();
      });
    })
    .catch(function () { box.hidden = true; ready(); });
})();
