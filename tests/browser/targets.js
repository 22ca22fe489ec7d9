// Tap targets smaller than 24 x 24 CSS px (WCAG 2.2, 2.5.8 Target Size Minimum). Used by test_phone.py.
// Targets: visible links, buttons, inputs and the labels Material uses as buttons. Exceptions, as in
// the criterion: links inside a sentence or list text (inline), and undersized targets with room
// around them (a 24 px circle centred on each touches no other target and no other such circle).
() => {
  const MIN = 24;
  const selector = "a[href], button, input:not([type=hidden]), select, textarea, summary, label[for], [role=button]";
  const visible = el => {
    const box = el.getBoundingClientRect();
    if (box.width < 1 || box.height < 1) return false;
    if (box.right <= 0 || box.left >= document.documentElement.clientWidth) return false; // off-canvas drawers
    if (getComputedStyle(el).visibility !== "visible") return false;
    for (let node = el; node; node = node.parentElement)
      if (parseFloat(getComputedStyle(node).opacity) === 0) return false;
    return true;
  };
  const inText = el => {
    if (getComputedStyle(el).display !== "inline") return false;
    const block = el.closest("p, li, td, th, dd, dt, figcaption, blockquote, caption");
    if (!block) return false;
    const own = el.textContent.trim().length;
    return block.textContent.trim().length > own;
  };
  const describe = el => {
    const text = (el.innerText || el.getAttribute("aria-label") || el.getAttribute("title") || "").trim().split("\n")[0].slice(0, 40);
    return `<${el.tagName.toLowerCase()}${el.className && typeof el.className === "string" ? "." + el.className.trim().split(/\s+/).join(".") : ""}`
      + `${el.getAttribute("href") ? " href=" + el.getAttribute("href") : ""}> "${text}"`;
  };
  const targets = [...document.querySelectorAll(selector)].filter(visible);
  const boxes = targets.map(el => el.getBoundingClientRect());
  const small = targets
    .map((el, i) => ({ el, box: boxes[i], i }))
    .filter(({ box }) => box.width < MIN - 0.01 || box.height < MIN - 0.01)
    .filter(({ el }) => !inText(el));
  const centre = box => [box.left + box.width / 2, box.top + box.height / 2];
  const circleHitsBox = ([x, y], box) => {
    const dx = Math.max(box.left - x, 0, x - box.right);
    const dy = Math.max(box.top - y, 0, y - box.bottom);
    return dx * dx + dy * dy < (MIN / 2) ** 2;
  };
  const problems = [];
  for (const target of small) {
    const c = centre(target.box);
    const crowded = targets.some((other, j) => {
      if (j === target.i || other.contains(target.el) || target.el.contains(other)) return false;
      if (circleHitsBox(c, boxes[j])) return true;
      const peer = small.find(s => s.i === j);
      if (!peer) return false;
      const [x, y] = centre(peer.box);
      return (x - c[0]) ** 2 + (y - c[1]) ** 2 < MIN * MIN;
    });
    if (crowded)
      problems.push(`${describe(target.el)} is ${Math.round(target.box.width)}x${Math.round(target.box.height)} px, closer than 24 px to another target`);
  }
  return { checked: targets.length, problems };
}
