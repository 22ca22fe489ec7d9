// The light/dark switch, without Material's palette component (see overrides/partials/palette-switch.html,
// which shows the right palette and toggle before the first paint and defines legcrampsPalette).
// Loaded after the first paint with Material's script (overrides/partials/after-first-paint.html).
// A click on the toggle, or Enter on the focused option, switches to the next palette and saves it
// for every page under Material's own key, so Material's inline script applies it on the next page.
(function () {
  var palette = window.legcrampsPalette;
  if (!palette) return;
  var body = document.body;
  palette.form.addEventListener("change", function (event) {
    var index = palette.inputs.indexOf(event.target);
    if (index < 0) return;
    body.setAttribute("data-md-color-switching", ""); // no colour transitions while switching
    __md_set("__palette", { index: index, color: palette.apply(index) });
    requestAnimationFrame(function () {
      requestAnimationFrame(function () { body.removeAttribute("data-md-color-switching"); });
    });
  });
  palette.form.addEventListener("keydown", function (event) {
    if (event.key !== "Enter") return;
    event.preventDefault();
    var next = palette.inputs[(palette.current() + 1) % palette.inputs.length];
    next.click();
    next.focus();
  });
  palette.switches = true;
})();
