// Load the search index only when the reader opens search.
// Material fetches search/search_index.json (about 30 KB compressed) on every page load. A reader
// who never searches, often on a phone at night, should not pay for it, so the request is held
// until search gets focus, a search key is pressed or the address asks for a search; so is the start
// of the search worker.
// Loaded after the first paint just before Material's script (overrides/partials/after-first-paint.html),
// so Material's request for the index meets the hold. Opening search also loads sign-answers.js (a
// warning sign typed into search is answered first), from the folder this script came from.
(function () {
  var index = "search/search_index.json", started = false, waiting = [];
  var here = document.currentScript ? document.currentScript.src : "";
  var open = XMLHttpRequest.prototype.open, send = XMLHttpRequest.prototype.send;
  function start() {
    if (started) return;
    started = true;
    waiting.splice(0).forEach(function (go) { go(); });
    if (here) {
      var answers = document.createElement("script");
      answers.src = here.replace(/search-on-demand\.js([?#].*)?$/, "sign-answers.js");
      document.head.appendChild(answers);
    }
  }
  XMLHttpRequest.prototype.open = function (method, url) {
    this.__searchIndex = String(url).indexOf(index) !== -1;
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    var request = this, args = arguments;
    if (request.__searchIndex && !started) {
      waiting.push(function () { send.apply(request, args); });
      return;
    }
    return send.apply(request, args);
  };
  // The search worker (12 KB compressed) is a stand-in until search opens or is first sent a message
  // (Material hands it the index). Events are passed on to listeners and to on* handlers: Material
  // uses the first, Zensical's search the second.
  var RealWorker = window.Worker;
  window.Worker = function (url, options) {
    if (String(url).indexOf("workers/search") === -1) return new RealWorker(url, options);
    var standIn = new EventTarget(), worker = null;
    standIn.wake = function () {
      if (worker) return;
      worker = new RealWorker(url, options);
      ["message", "messageerror", "error"].forEach(function (type) {
        worker.addEventListener(type, function (event) {
          var copy = type === "error" ? new ErrorEvent(type, { message: event.message, cancelable: true })
            : new MessageEvent(type, { data: event.data });
          standIn.dispatchEvent(copy);
          if (typeof standIn["on" + type] === "function") standIn["on" + type](copy);
          if (copy.defaultPrevented) event.preventDefault();
        });
      });
    };
    standIn.postMessage = function () {
      standIn.wake();
      worker.postMessage.apply(worker, arguments);
    };
    standIn.terminate = function () { if (worker) worker.terminate(); };
    if (started) standIn.wake(); else waiting.push(standIn.wake);
    return standIn;
  };
  function wantsSearch(target) {
    return target && target.closest && target.closest('.md-search, label[for="__search"]');
  }
  document.addEventListener("focusin", function (event) { if (wantsSearch(event.target)) start(); }, true);
  document.addEventListener("pointerdown", function (event) { if (wantsSearch(event.target)) start(); }, true);
  document.addEventListener("keydown", function (event) {
    if (["/", "s", "S", "f", "F"].indexOf(event.key) !== -1) start();
  }, true);
  if (/[?&]q=/.test(location.search)) start();
})();
