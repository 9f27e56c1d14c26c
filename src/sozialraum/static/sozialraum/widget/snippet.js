/* Snippet generator: a button that copies the code (the textarea works without it). */
(function () {
  "use strict";
  var button = document.querySelector("[data-copy-target]");
  if (!button) return;
  var field = document.getElementById(button.getAttribute("data-copy-target"));
  var status = document.querySelector("[data-copy-status]");
  if (!field || !status) return;
  button.hidden = false;
  button.addEventListener("click", function () {
    function done(ok) {
      status.textContent = status.getAttribute(ok ? "data-copied" : "data-failed");
    }
    field.select();
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(field.value).then(function () { done(true); }, function () { done(false); });
    } else {
      var ok = false;
      try { ok = document.execCommand("copy"); } catch (error) { ok = false; }
      done(ok);
    }
  });
})();
