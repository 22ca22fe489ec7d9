// Is keyboard focus visible on the focused element? Returns null when it is, or the reason it is not.
// Used by test_accessibility.py after every Tab press. Waits for running CSS transitions first, so the
// element is judged as the reader sees it once the focus styles have settled.
async () => {
  const frame = () => new Promise(resolve => requestAnimationFrame(resolve));
  for (let i = 0; i < 60 && document.getAnimations().some(a => a.playState === "running"); i++)
    await frame();

  const el = document.activeElement;
  if (!el || el === document.body) return null;

  // A visually hidden radio or checkbox shows its focus on a visible label beside it (Material's
  // palette toggle: one visible button for a group of hidden radios).
  let target = el;
  const own = el.getBoundingClientRect();
  if ((own.width <= 1 || own.height <= 1) && el.matches("input")) {
    const labels = [el.nextElementSibling, ...(el.labels || []), ...el.parentElement.querySelectorAll("label")]
      .filter(label => label && label.tagName === "LABEL" && label.getBoundingClientRect().width > 1);
    target = labels.find(label => getComputedStyle(label).outlineStyle !== "none") || labels[0] || el;
  }

  const box = target.getBoundingClientRect();
  const style = getComputedStyle(target);
  if (box.width < 1 || box.height < 1) return "has no size on screen";
  if (style.visibility === "hidden") return "is hidden (visibility)";
  for (let node = target; node; node = node.parentElement)
    if (parseFloat(getComputedStyle(node).opacity) === 0) return "is fully transparent";
  if (box.bottom <= 0 || box.top >= innerHeight || box.right <= 0 || box.left >= innerWidth)
    return "is off screen";

  // Not entirely covered by something else, such as an overlay or the sticky header (WCAG 2.4.11).
  const points = [[0.5, 0.5], [0.1, 0.2], [0.9, 0.2], [0.1, 0.8], [0.9, 0.8]]
    .map(([fx, fy]) => [box.left + fx * box.width, box.top + fy * box.height])
    .filter(([x, y]) => x >= 0 && y >= 0 && x < innerWidth && y < innerHeight);
  const seen = points.some(([x, y]) => {
    const top = document.elementFromPoint(x, y);
    return top && (target.contains(top) || top.contains(target) || top === el);
  });
  if (!seen) {
    const [x, y] = points[0] || [0, 0];
    const top = document.elementFromPoint(x, y);
    return `is covered by <${top ? top.tagName.toLowerCase() + (top.className ? "." + String(top.className).trim().split(/\s+/).join(".") : "") : "?"}>`;
  }

  // A focus ring: an outline of at least 2px ...
  const width = parseFloat(style.outlineWidth);
  if (style.outlineStyle === "none" || !(width >= 2))
    return `has no focus ring (outline: ${style.outlineStyle} ${style.outlineWidth})`;

  // ... whose colour stands out 3:1 against what is behind it (WCAG 1.4.11).
  const parse = value => {
    const m = value.match(/rgba?\(([^)]+)\)/);
    if (!m) return [0, 0, 0, 0];
    const parts = m[1].split(/[\s,/]+/).filter(Boolean).map(Number);
    return [parts[0], parts[1], parts[2], parts.length > 3 ? parts[3] : 1];
  };
  const over = (top, bottom) => {
    const a = top[3] + bottom[3] * (1 - top[3]);
    if (a === 0) return [0, 0, 0, 0];
    const mix = i => (top[i] * top[3] + bottom[i] * bottom[3] * (1 - top[3])) / a;
    return [mix(0), mix(1), mix(2), a];
  };
  const layers = [];
  const offset = parseFloat(style.outlineOffset) || 0;
  for (let node = offset >= 0 ? target.parentElement : target; node; node = node.parentElement) {
    const colour = parse(getComputedStyle(node).backgroundColor);
    if (colour[3] > 0) layers.push(colour);
    if (colour[3] >= 1) break;
  }
  let behind = [255, 255, 255, 1];
  for (const layer of layers.reverse()) behind = over(layer, behind);
  const ring = over(parse(style.outlineColor), behind);
  const luminance = ([r, g, b]) => {
    const f = v => (v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const [hi, lo] = [luminance(ring), luminance(behind)].sort((a, b) => b - a);
  const ratio = (hi + 0.05) / (lo + 0.05);
  if (ratio < 3)
    return `focus ring contrast ${ratio.toFixed(2)}:1 (needs 3:1): ${style.outlineColor} on rgb(${behind.slice(0, 3).map(Math.round).join(", ")})`;
  return null;
}
