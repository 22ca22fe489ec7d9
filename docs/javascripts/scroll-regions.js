// A table wider than the screen scrolls sideways inside Material's wrapper. Keyboard users must be
// able to reach and scroll it (WCAG 2.1.1; axe: scrollable-region-focusable), and screen readers
// need a name for it: while it scrolls, the wrapper is a focusable region named by the table's
// caption or the heading above it. Works for every table, on every page, at any width.
// Loaded after Material's script (overrides/partials/after-first-paint.html): it runs once Material
// announces the page on document$.
if (window.document$) document$.subscribe(function () {
  document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (wrap) {
    var table = wrap.querySelector("table");
    if (!table || wrap.dataset.scrollRegion) return;
    wrap.dataset.scrollRegion = "";
    var caption = table.querySelector("caption");
    var heading = null;
    for (var node = wrap; node && !heading; node = node.previousElementSibling || node.parentElement) {
      if (/^H[1-6]$/.test(node.tagName) && node.id) heading = node;
      if (node.classList.contains("md-content")) break;
    }
    function update() {
      if (wrap.scrollWidth > wrap.clientWidth + 1) {
        wrap.tabIndex = 0;
        wrap.setAttribute("role", "region");
        if (caption) wrap.setAttribute("aria-label", caption.textContent.trim());
        else if (heading) wrap.setAttribute("aria-labelledby", heading.id);
        else wrap.setAttribute("aria-label", "Table");
      } else {
        ["tabindex", "role", "aria-label", "aria-labelledby"].forEach(function (name) { wrap.removeAttribute(name); });
      }
    }
    update();
    if (window.ResizeObserver) new ResizeObserver(update).observe(wrap);
  });
});
