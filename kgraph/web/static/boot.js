/* kgraph intranet: start the maps of a page (the data is in #kgraph-data, JSON, never run). */
(function () {
  "use strict";
  function boot() {
    if (window.kgraph && window.kgraph.boot && document.getElementById("kgraph-data")) { window.kgraph.boot(); }
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", boot); } else { boot(); }
})();
