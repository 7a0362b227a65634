// pactwatch: small progressive enhancements; every page works without this file.
(function () {
  "use strict";
  document.documentElement.classList.add("js");
  document.addEventListener("DOMContentLoaded", function () {
    var button = document.querySelector(".menu");
    var nav = document.getElementById("nav");
    if (button && nav) {
      button.addEventListener("click", function () {
        var open = nav.classList.toggle("open");
        button.setAttribute("aria-expanded", open ? "true" : "false");
      });
    }
    // Ingest: say that work is going on while the server extracts.
    document.querySelectorAll("form[data-busy]").forEach(function (form) {
      form.addEventListener("submit", function () {
        var p = form.querySelector(".progress");
        var b = form.querySelector("button[type=submit]");
        if (p) { p.hidden = false; }
        if (b) { b.textContent = form.getAttribute("data-busy"); b.disabled = true; }
      });
    });
    // Event page: jump to the first highlighted span of a passage.
    var first = document.querySelector("blockquote.evidence mark.hl");
    if (first && location.hash === "#evidence") { first.scrollIntoView({ block: "center" }); }
  });
})();
