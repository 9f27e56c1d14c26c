/* Sozialraum widget: include this next to the iframe(s) with data-sozialraum-widget, and each
   frame grows or shrinks to the height of its content. Without this script the frame keeps its
   height attribute and scrolls. Sets no cookies and loads nothing else. */
(function () {
  "use strict";
  var MESSAGE_TYPE = "sozialraum-widget:height";
  var MAX_HEIGHT = 20000;

  function frames() {
    return Array.prototype.slice.call(document.querySelectorAll("iframe[data-sozialraum-widget]"));
  }

  function originOf(frame) {
    try {
      return new URL(frame.src, document.baseURI).origin;
    } catch (error) {
      return null;
    }
  }

  window.addEventListener("message", function (event) {
    var data = event.data;
    if (!data || typeof data !== "object" || data.type !== MESSAGE_TYPE) return;
    var height = data.height;
    if (typeof height !== "number" || !isFinite(height) || height < 0 || height > MAX_HEIGHT) return;
    frames().forEach(function (frame) {
      // only the frame that sent it, and only if it really shows our page
      if (frame.contentWindow !== event.source || originOf(frame) !== event.origin) return;
      frame.style.height = Math.ceil(height) + "px";
      frame.setAttribute("scrolling", "no");
    });
  });
})();
