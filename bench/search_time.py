"""Search time in a real Chromium: from the last key a reader types to the first result on screen.

The built site is served with gzip under /leg-cramps/ (bench/serve.py) and opened in Chromium with
its CPU slowed down 4 times (CDP Emulation.setCPUThrottlingRate, as Lighthouse's mobile setting),
on the page and in Material's search worker. Search is opened on "Cramp right now?" (where a reader
in a cramp is; the same page in every site) with the "/" key, as in tests/browser/test_search.py;
the first figure is the time until the index is loaded and set up (0 when it was loaded with the page).
Then each query is typed key by key; once the results for all but the last key are shown, the last
key is pressed and the time runs from its keydown to the first frame that shows a result item.
"""

from __future__ import annotations

import json
import statistics
from collections.abc import Callable
from typing import Any

THROTTLE = 4
PAGE = "cramp-right-now/"
# Lay phrasings from tests/browser/search_queries.yml, short and long, common and rare words, that also
# find pages in the generated sites (their pages use the words calf, thigh, night and charley horse).
QUERIES = ("foot cramp", "cramp won't go away", "muscle twitching", "charley horse", "thigh cramp", "calf stretch at night")
# Danger signs typed as readers type them (tests/browser/sign_queries.yml): on the project's sites the
# sign's answer box (docs/javascripts/sign-answers.js) is timed as well as the first result.
SIGN_QUERIES = ("swollen leg", "short of breath leg pain")
Log = Callable[[str], None]

# Timestamps in the page: when search answers, and the first frame after a result item appears once
# `armed` is set by the keydown of the last key. performance.now() in milliseconds.
_PROBE = """
(() => {
  const Native = window.Worker;
  const probe = window.__bench = {
    pending: 0, ready: null, armed: false, keydown: null, asked: null, answered: null, shown: null, sign: null };
  window.Worker = class extends Native {
    constructor(...args) {
      super(...args);
      window.__benchWorker = this;
      this.addEventListener("message", (event) => {
        probe.pending--;
        if (probe.armed && probe.answered === null && probe.asked !== null) probe.answered = performance.now();
        if (event.data && event.data.type === 1 && probe.ready === null) probe.ready = performance.now();
      });
    }
    postMessage(message, ...rest) {
      probe.pending++;
      if (probe.armed && probe.keydown !== null && probe.asked === null) probe.asked = performance.now();
      return super.postMessage(message, ...rest);
    }
  };
  document.addEventListener("keydown", () => {
    if (probe.armed && probe.keydown === null) probe.keydown = performance.now();
  }, true);
  new MutationObserver(() => {
    if (probe.keydown === null || probe.sign !== null || !document.querySelector(".sign-answer:not([hidden])")) return;
    requestAnimationFrame(() => { if (probe.sign === null) probe.sign = performance.now(); });
  }).observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ["hidden"] });
  new MutationObserver((records) => {
    if (probe.keydown === null || probe.shown !== null) return;
    // A result item, or the "no matching documents" line when there is none.
    const shown = records.some((r) => [...r.addedNodes].some((n) => n.classList && n.classList.contains("md-search-result__item"))
      || (r.target.classList && r.target.classList.contains("md-search-result__meta")));
    if (shown) requestAnimationFrame(() => { if (probe.shown === null) probe.shown = performance.now(); });
  }).observe(document, { childList: true, subtree: true });
})();
"""


def _throttle(context: Any, page: Any, rate: float) -> list[str]:
    """Slow down the page and its workers (CDP throttles each target on its own). Returns the worker
    sessions reached, to show the search worker was one of them."""
    cdp = context.new_cdp_session(page)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": rate})
    workers: list[str] = []

    def attached(event: dict[str, Any]) -> None:
        if event["targetInfo"]["type"] == "worker":
            workers.append(event["sessionId"])
            message = {"id": len(workers), "method": "Emulation.setCPUThrottlingRate", "params": {"rate": rate}}
            cdp.send("Target.sendMessageToTarget", {"sessionId": event["sessionId"], "message": json.dumps(message)})

    cdp.on("Target.attachedToTarget", attached)
    cdp.send("Target.setAutoAttach", {"autoAttach": True, "waitForDebuggerOnStart": False, "flatten": False})
    return workers


def _settle(page: Any, timeout: float = 120_000) -> None:
    page.wait_for_function("() => window.__bench.pending === 0", timeout=timeout)


def _time_query(page: Any, query: str) -> tuple[float, float | None]:
    """Milliseconds from the last key's keydown to the first frame showing a result, and to the first
    frame showing a danger-sign answer (None when none was shown)."""
    page.keyboard.press("ControlOrMeta+A")
    page.keyboard.press("Backspace")
    _settle(page)
    page.keyboard.type(query[:-1])
    page.wait_for_function(
        "(value) => document.querySelector('input.md-search__input').value === value", arg=query[:-1])
    _settle(page)
    page.evaluate("() => Object.assign(window.__bench,"
                  " { armed: true, keydown: null, asked: null, answered: null, shown: null, sign: null })")
    page.keyboard.press(query[-1])
    page.wait_for_function("() => window.__bench.shown !== null", timeout=120_000)
    elapsed: float = page.evaluate("() => window.__bench.shown - window.__bench.keydown")
    page.wait_for_timeout(100)  # a sign answer, when there is one, shows in the frame after the key
    sign: float | None = page.evaluate("() => window.__bench.sign === null ? null : window.__bench.sign - window.__bench.keydown")
    page.evaluate("() => { window.__bench.armed = false; }")
    _settle(page)
    return elapsed, sign


def search_times(browser: Any, base_url: str, runs: int, log: Log) -> dict[str, Any]:
    """Open search on the home page and time every query `runs` times, CPU throttled."""
    context = browser.new_context(viewport={"width": 412, "height": 823})
    try:
        page = context.new_page()
        page.add_init_script(_PROBE)
        page.goto(base_url + PAGE, wait_until="load")
        page.wait_for_selector("body[data-md-color-scheme]", state="attached")
        page.wait_for_function("() => window.document$ !== undefined", timeout=120_000)  # Material has started
        # The search worker may start with the page or only when search opens: slow the page down now and
        # each worker as it attaches, then open search.
        workers = _throttle(context, page, THROTTLE)
        start = page.evaluate("() => performance.now()")
        page.keyboard.press("/")
        page.wait_for_function("() => window.__benchWorker !== undefined", timeout=120_000)
        page.wait_for_function("() => window.__bench.ready !== null", timeout=300_000)
        if not workers:
            raise RuntimeError("could not reach the search worker to slow it down")
        ready_ms = max(0.0, page.evaluate("() => window.__bench.ready") - start)
        times: dict[str, list[float]] = {query: [] for query in QUERIES + SIGN_QUERIES}
        signs: list[float] = []
        for _ in range(runs):
            for query in QUERIES + SIGN_QUERIES:
                first, sign = _time_query(page, query)
                times[query].append(first)
                if sign is not None:
                    signs.append(sign)
    finally:
        context.close()
    every = [value for values in times.values() for value in values]
    log(f"    open search to index ready {ready_ms:.0f} ms; last key to first result: median "
        f"{statistics.median(every):.0f} ms, slowest {max(every):.0f} ms"
        + (f"; to the danger-sign answer: slowest {max(signs):.0f} ms" if signs else ""))
    return {
        "sign_answer_max_ms": max(signs) if signs else None,
        "throttle": THROTTLE,
        "open_to_ready_ms": ready_ms,
        "median_ms": statistics.median(every),
        "max_ms": max(every),
        "by_query_ms": {query: statistics.median(values) for query, values in times.items()},
        "runs": runs,
    }
