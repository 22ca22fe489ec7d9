// Tables are named, focusable scroll regions in the HTML the build writes
// (src/legcramps/render/table_regions.py): reachable by keyboard and named from the first paint, with
// JavaScript off and whatever order scripts run in. This script only takes away what a region does not
// need: a table that fits the screen gets no tab stop and no landmark, and gets both back as soon as it
// scrolls (the region or its table changes size: ResizeObserver calls back after layout, before the
// frame is painted). Without ResizeObserver the build's markup stays as it is. Loaded after Material's
// script (overrides/partials/after-first-paint.html); Material's second wrapper inside the region
// draws no box (site.css), so the region stays the element that scrolls.
if (window.ResizeObserver) document.querySelectorAll("[data-table-region]").forEach(function (region) {
  var names = ["tabindex", "role", "aria-label", "aria-labelledby"], kept = {};
  names.forEach(function (name) { if (region.hasAttribute(name)) kept[name] = region.getAttribute(name); });
  function update() {
    var scrolls = region.scrollWidth > region.clientWidth + 1;
    names.forEach(function (name) {
      if (!(name in kept)) return;
      if (scrolls) region.setAttribute(name, kept[name]);
      else region.removeAttribute(name);
    });
  }
  var observer = new ResizeObserver(update);
  observer.observe(region);
  var table = region.querySelector("table");
  if (table) observer.observe(table);
  update();
});
