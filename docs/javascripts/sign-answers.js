// A warning sign typed into search is answered first: its tier and what to do, above Material's results.
// The build writes the edition's signs, with the words readers type for them, to search/signs.json
// (legcramps.search.signs). search-on-demand.js loads this script when search opens, so a first visit
// pays nothing for it; the service worker keeps both files offline. Material's results, its keyboard
// use and its index are left as they are: the answer is a box of its own at the top of the results,
// announced to screen readers, reached with Tab.
(function () {
  var script = document.currentScript;
  var source = new URL("../search/signs.json", script ? script.src : location.href);
  var data = null, stop = {}, common = {}, box = null;
  var TIERS = { emergency: 3, urgent: 2, soon: 1, routine: 0 };

  // As the build compares words (signs.py search_words): lower case, no accents or apostrophes.
  function words(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
      .replace(/['\u2018\u2019\u02bc]/g, "").match(/[a-z0-9]+/g) || [];
  }
  // One letter added, dropped or changed, or two swapped: "swolen", "breth", "hinchada" for "hinchado".
  function slip(a, b) {
    if (a === b) return true;
    if (Math.abs(a.length - b.length) > 1) return false;
    var i = 0;
    while (i < a.length && a[i] === b[i]) i++;
    if (a.length === b.length) {
      if (a.length < 6) return false; // "fever" is not a slip for "sever"
      return a.slice(i + 1) === b.slice(i + 1) || (a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2));
    }
    return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
  }
  // A typed word finds a sign's word as search does (the start of it: "breath" finds "breathing"),
  // a plural or longer form of it ("legs", "swelling" for "swell"), or with one slip in a longer word.
  function finds(typed, word) {
    if (word.indexOf(typed) === 0) return true;
    if (word.length >= 3 && typed.indexOf(word) === 0 && typed.length - word.length <= 3) return true;
    return typed.length >= 5 && (slip(typed, word) || (typed.length >= 6 && slip(typed, word.slice(0, typed.length))));
  }
  function any(typed, list) {
    return list.some(function (word) { return finds(typed, word); });
  }

  // Half or more of the sign's own telling words are typed: words of 4 letters or more that few pages
  // use ("breath", "suddenly", not "leg" or "pain"), so "expecting a baby" is not "you had a baby and
  // are suddenly short of breath".
  function mostly(typed, sign) {
    var telling = sign.words.slice(0, sign.own).filter(function (part) { return part.length >= 4 && !common[part]; });
    var found = telling.filter(function (part) { return typed.some(function (word) { return finds(word, part); }); });
    return found.length > 0 && found.length * 2 >= telling.length;
  }

  // The sign every typed word finds, when a phrase listed for it is typed whole or mostly its own
  // telling words are; one word alone needs a phrase listed for the sign ("dvt").
  // Phrases first (the longest), then a sign typed whole, then the more urgent tier, then the files' order.
  function answer(query) {
    var typed = words(query).filter(function (word) { return !stop[word]; });
    if (!typed.length || !data) return null;
    var best = null, bestScore = -1;
    data.signs.forEach(function (sign) {
      if (!typed.every(function (word) { return any(word, sign.words); })) return;
      var longest = sign.phrases.reduce(function (most, phrase) {
        var whole = phrase.every(function (part) { return typed.some(function (word) { return finds(word, part); }); });
        return whole ? Math.max(most, phrase.length) : most;
      }, 0);
      if (!longest && (typed.length === 1 || !mostly(typed, sign))) return;
      var whole = sign.words.slice(0, sign.own).every(function (part) {
        return typed.some(function (word) { return finds(word, part); });
      });
      var score = longest * 10 + (whole ? 5 : 0) + TIERS[sign.tier];
      if (score > bestScore) { best = sign; bestScore = score; }
    });
    return best;
  }

  function show(sign) {
    var results = document.querySelector(".md-search-result");
    if (!results) return;
    if (!box) {
      box = document.createElement("div");
      box.className = "sign-answer md-typeset";
      box.setAttribute("role", "status");
      box.setAttribute("aria-live", "polite");
    }
    if (box.parentNode !== results) results.insertBefore(box, results.firstChild);
    box.textContent = "";
    box.hidden = !sign;
    if (!sign) return;
    var url = new URL(sign.url, source.href.replace(/search\/signs\.json.*$/, ""));
    var card = document.createElement("div");
    card.className = "admonition urgency " + sign.look + " urgency-" + sign.tier;
    card.setAttribute("data-sign", sign.id);
    var title = document.createElement("p");
    title.className = "admonition-title";
    var link = document.createElement("a");
    link.href = url.href;
    link.textContent = sign.answer;
    title.appendChild(link);
    var page = document.createElement("p");
    var more = document.createElement("a");
    more.href = url.href;
    more.textContent = sign.page;
    more.tabIndex = -1; // one stop for Tab: the answer itself
    page.appendChild(more);
    card.appendChild(title);
    card.appendChild(page);
    box.appendChild(card);
  }

  function update() {
    var input = document.querySelector("input.md-search__input");
    show(input ? answer(input.value) : null);
  }

  document.addEventListener("input", function (event) {
    if (event.target && event.target.matches && event.target.matches("input.md-search__input")) update();
  }, true);
  document.addEventListener("click", function (event) {
    if (event.target && event.target.closest && event.target.closest(".md-search__options, button[type=reset]")) {
      setTimeout(update, 0); // the clear button empties the box without an input event
    }
  }, true);

  fetch(source.href).then(function (response) { return response.ok ? response.json() : null; }).then(function (found) {
    if (!found) return;
    data = found;
    found.stop.forEach(function (word) { stop[word] = true; });
    found.common.forEach(function (word) { common[word] = true; });
    update();
  }).catch(function () { /* no answers, Material's results as before */ });

  window.__signAnswers = { answer: function (query) { var sign = answer(query); return sign && sign.id; } };
})();
