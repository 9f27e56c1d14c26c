/* Inside the embedded list: tell the embedding page how tall the content is, so that
   embed.js (on the partner's page) can size the iframe. Only a number is sent. */
(function () {
  "use strict";
  if (window.parent === window) return;
  var last = 0;
  function post() {
    var height = Math.ceil(document.body.getBoundingClientRect().height);
    if (height === last) return;
    last = height;
    // The height is no secret, and the partner's origin is not known here: "*".
    window.parent.postMessage({ type: "sozialraum-widget:height", height: height }, "*");
  }
  if ("ResizeObserver" in window) {
    new ResizeObserver(post).observe(document.body);
  }
  window.addEventListener("load", post);
  post();
})();
