// explorer: small progressive enhancements. The pages work without it.
// Everything untrusted is inserted with textContent, never innerHTML.
"use strict";

(function () {
  // Suggestions: inputs with data-suggest="go" (open the entity page) or
  // data-suggest="fill" (put the entity's name into the input). Entities
  // whose name or alias matches come before those whose description does,
  // and similar spellings (offered when nothing matched) come last.
  //
  // The input is an ARIA 1.2 combobox over a listbox: Down and Up move
  // through the suggestions (aria-activedescendant names the highlighted
  // one, so a screen reader reads it while focus stays in the input),
  // Enter picks it, Escape closes the list (and, with the list closed,
  // clears the input). A polite live region says how many there are.
  var matchRank = { name: 0, alias: 0, description: 1, similar: 2 };
  var comboCount = 0;
  function setupSuggest(input) {
    var list = input.parentNode.querySelector(".suggestions");
    if (!list) return;
    var mode = input.getAttribute("data-suggest");
    var timer = null, ctrl = null, items = [], active = -1, picked = false;
    comboCount++;
    if (!list.id) list.id = (input.id || "combo" + comboCount) + "-suggestions";
    list.setAttribute("role", "listbox");
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-controls", list.id);
    input.setAttribute("aria-expanded", "false");
    var live = document.createElement("span");
    live.className = "visually-hidden";
    live.setAttribute("role", "status");
    live.setAttribute("aria-live", "polite");
    list.parentNode.appendChild(live);

    function hide() {
      list.hidden = true;
      active = -1;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
    }
    function open() {
      if (!items.length) return;
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
    }
    function pick(hit) {
      if (mode === "go") { window.location.href = "/entities/" + encodeURIComponent(hit.id); return; }
      input.value = hit.name;
      input.title = hit.name + " (" + hit.type + ")";
      hide();
      live.textContent = hit.name + " chosen.";
    }
    function mark() {
      Array.prototype.forEach.call(list.children, function (li, i) {
        li.setAttribute("aria-selected", i === active ? "true" : "false");
      });
      var li = active >= 0 ? list.children[active] : null;
      if (li) {
        input.setAttribute("aria-activedescendant", li.id);
        if (li.scrollIntoView) li.scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }
    function show(hits) {
      hits = hits.map(function (h, i) { return { h: h, i: i }; }).sort(function (a, b) {
        return ((matchRank[a.h.match] || 0) - (matchRank[b.h.match] || 0)) || (a.i - b.i);
      }).map(function (x) { return x.h; });
      list.textContent = "";
      items = hits;
      active = -1;
      input.removeAttribute("aria-activedescendant");
      hits.forEach(function (hit, i) {
        var li = document.createElement("li");
        li.setAttribute("role", "option");
        li.setAttribute("aria-selected", "false");
        li.id = list.id + "-" + i;
        li.className = "suggestion";
        li.dataset.id = hit.id;
        var name = document.createElement("span");
        name.className = "name";
        name.textContent = hit.name;
        var type = document.createElement("span");
        type.className = "type";
        type.textContent = hit.type;
        li.appendChild(name);
        li.appendChild(document.createTextNode(" "));
        li.appendChild(type);
        var note = hit.match === "description" ? "in description" : hit.match === "similar" ? "similar spelling" : "";
        if (note) {
          var m = document.createElement("span");
          m.className = "match";
          m.textContent = note;
          li.appendChild(document.createTextNode(" "));
          li.appendChild(m);
        }
        li.addEventListener("mousedown", function (ev) { ev.preventDefault(); pick(hit); });
        list.appendChild(li);
      });
      if (hits.length) open(); else hide();
      live.textContent = hits.length === 0 ? "No suggestions." :
        hits.length + (hits.length === 1 ? " suggestion" : " suggestions") + ": use the up and down arrows to choose, Enter to pick.";
    }
    function fetchHits() {
      var q = input.value.trim();
      if (q.length < 2) { items = []; hide(); return; }
      if (ctrl) ctrl.abort();
      ctrl = new AbortController();
      fetch("/api/v1/entities?limit=8&q=" + encodeURIComponent(q), { signal: ctrl.signal, headers: { "Accept": "application/json" } })
        .then(function (r) { return r.ok ? r.json() : { results: [] }; })
        .then(function (body) { if (input.value.trim() === q) show(body.results || []); })
        .catch(function () { /* aborted or offline: keep the form usable */ });
    }
    input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(fetchHits, 120); });
    input.addEventListener("keydown", function (ev) {
      if (ev.key === "ArrowDown" || ev.key === "ArrowUp") {
        if (!items.length) return;
        ev.preventDefault();
        if (list.hidden) { open(); active = ev.key === "ArrowDown" ? 0 : items.length - 1; }
        else if (ev.key === "ArrowDown") active = active + 1 >= items.length ? 0 : active + 1;
        else active = active <= 0 ? items.length - 1 : active - 1;
        mark();
      } else if (ev.key === "Enter") {
        if (!list.hidden && active >= 0) {
          ev.preventDefault();
          // The key's keypress (sent apart from keydown by some input
          // methods and by DevTools) must not submit the form either.
          picked = true;
          setTimeout(function () { picked = false; }, 250);
          pick(items[active]);
        }
      } else if (ev.key === "Escape") {
        if (!list.hidden) { ev.preventDefault(); hide(); }
        else if (input.value) { ev.preventDefault(); input.value = ""; items = []; }
      }
    });
    input.addEventListener("keypress", function (ev) { if (picked && ev.key === "Enter") ev.preventDefault(); });
    if (input.form) input.form.addEventListener("submit", function (ev) { if (picked) ev.preventDefault(); });
    input.addEventListener("blur", function () { setTimeout(hide, 150); });
  }

  // Diagrams: zoom by scaling the SVG's width from its viewBox. The first
  // view fits the drawing to its box but no smaller than half size, so the
  // names stay readable (a larger drawing scrolls inside its box), and
  // centres the page's subject (data-subject) when it does not all fit.
  var minFirstScale = 0.5;
  function setupZoom(box) {
    var holder = box.querySelector(".diagram");
    var svg = holder && holder.querySelector("svg");
    if (!svg) return;
    var vb = svg.viewBox && svg.viewBox.baseVal;
    if (!vb || !vb.width) return;
    var natural = vb.width * 4 / 3; // Graphviz sizes are points
    svg.removeAttribute("width");
    svg.removeAttribute("height");
    var scale = 1;
    var subject = box.getAttribute("data-subject");
    function centre() {
      if (!subject) return;
      var node = null;
      Array.prototype.some.call(holder.querySelectorAll("g.node"), function (g) {
        var t = g.querySelector("title");
        if (t && t.textContent.trim() === subject) { node = g; return true; }
        return false;
      });
      if (!node) return;
      var r = node.getBoundingClientRect(), h = holder.getBoundingClientRect();
      holder.scrollLeft += (r.left + r.width / 2) - (h.left + holder.clientWidth / 2);
      holder.scrollTop += (r.top + r.height / 2) - (h.top + holder.clientHeight / 2);
    }
    function apply() { svg.style.width = Math.round(natural * scale) + "px"; box.dataset.scale = scale.toFixed(2); centre(); }
    function fit(floor) { var w = holder.clientWidth - 12; scale = w > 0 ? Math.max(Math.min(1, w / natural), floor) : 1; apply(); }
    box.querySelectorAll("[data-zoom]").forEach(function (b) {
      b.addEventListener("click", function () {
        var z = b.getAttribute("data-zoom");
        if (z === "in") scale = Math.min(scale * 1.25, 8);
        else if (z === "out") scale = Math.max(scale / 1.25, 0.1);
        else if (z === "full") scale = 1;
        else { fit(0); return; }
        apply();
      });
    });
    fit(minFirstScale);
  }

  // Diagram links: every edge is a tab stop, named "A — TYPE — B" from
  // the drawing's own text (its two entities' names and its label), and
  // Enter or Space on it does what a click does. A page that handles the
  // click itself (the canvas finds the link's rows in its table) calls
  // preventDefault; on the others the click opens the link's evidence,
  // as the drawing's tooltip holds it, in a panel under the drawing.
  function textOf(g) {
    return Array.prototype.map.call(g.querySelectorAll("text"), function (t) { return t.textContent.trim(); }).join(" ");
  }
  function setupEdges(box) {
    var holder = box.querySelector(".diagram");
    if (!holder) return;
    var names = {};
    holder.querySelectorAll("g.node").forEach(function (g) {
      var t = g.querySelector("title");
      if (t) names[t.textContent.trim()] = textOf(g);
    });
    holder.querySelectorAll("g.edge").forEach(function (g) {
      var t = g.querySelector("title");
      var ends = t ? t.textContent.trim().split("->") : [];
      if (ends.length !== 2) return;
      g.setAttribute("tabindex", "0");
      g.setAttribute("role", "button");
      g.setAttribute("aria-label", (names[ends[0]] || ends[0]) + " — " + (textOf(g) || "link") + " — " + (names[ends[1]] || ends[1]));
    });
    holder.addEventListener("keydown", function (ev) {
      if (ev.key !== "Enter" && ev.key !== " ") return;
      var g = ev.target.closest ? ev.target.closest("g.edge[tabindex]") : null;
      if (!g) return;
      ev.preventDefault();
      g.dispatchEvent(new MouseEvent("click", { bubbles: true, cancelable: true }));
    });
    var panel = null, from = null;
    function close() {
      if (!panel) return;
      panel.remove();
      panel = null;
      if (from) from.focus();
    }
    // On the document, so that a page's own handler runs first.
    document.addEventListener("click", function (ev) {
      if (ev.defaultPrevented) return;
      var g = ev.target.closest ? ev.target.closest("g.edge[tabindex]") : null;
      if (!g || !holder.contains(g)) return;
      if (panel) panel.remove();
      from = g;
      panel = document.createElement("section");
      panel.className = "edge-evidence";
      panel.setAttribute("tabindex", "-1");
      panel.setAttribute("aria-label", "Evidence: " + g.getAttribute("aria-label"));
      var h = document.createElement("h3");
      h.textContent = g.getAttribute("aria-label");
      panel.appendChild(h);
      var a = g.querySelector("a");
      var tip = a ? (a.getAttributeNS("http://www.w3.org/1999/xlink", "title") || a.getAttribute("title") || "") : "";
      tip.split("\n").forEach(function (line) {
        if (!line.trim()) return;
        var p = document.createElement("p");
        p.textContent = line;
        panel.appendChild(p);
      });
      var b = document.createElement("button");
      b.type = "button";
      b.textContent = "Close";
      b.addEventListener("click", close);
      panel.appendChild(b);
      panel.addEventListener("keydown", function (e) { if (e.key === "Escape") close(); });
      holder.parentNode.insertBefore(panel, holder.nextSibling);
      panel.focus();
    });
  }

  // The console's diagram downloads post the query again with a format.
  function setupCypherDownload(button) {
    button.addEventListener("click", function () {
      var format = button.getAttribute("data-download");
      var query = document.getElementById("query").value;
      var params = {};
      var raw = document.getElementById("params").value.trim();
      if (raw) { try { params = JSON.parse(raw); } catch (e) { params = {}; } }
      fetch("/api/v1/cypher?format=" + encodeURIComponent(format), {
        method: "POST", headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ query: query, params: params })
      }).then(function (r) {
        if (!r.ok) throw new Error("HTTP " + r.status);
        return r.blob();
      }).then(function (blob) {
        var a = document.createElement("a");
        a.href = URL.createObjectURL(blob);
        a.download = "cypher." + format;
        document.body.appendChild(a);
        a.click();
        setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
      }).catch(function (e) { button.title = "Download failed: " + e.message; });
    });
  }

  // The path form: k only matters for the k-shortest and chronological modes.
  function setupPathForm(form) {
    var mode = form.querySelector("#mode"), k = form.querySelector("#k");
    if (!mode || !k) return;
    function sync() { k.disabled = !(mode.value === "k-shortest" || mode.value === "chronological"); }
    mode.addEventListener("change", sync);
    sync();
  }

  // The as-of slider picks a year: it fills the date field as it moves
  // and applies the date when released. The field alone works without it.
  function setupAsOfSlider(slider) {
    var field = document.getElementById(slider.getAttribute("data-target"));
    if (!field) return;
    var year = parseInt(field.value.slice(0, 4), 10);
    slider.value = isNaN(year) ? slider.max : String(year);
    slider.addEventListener("input", function () { field.value = slider.value; });
    slider.addEventListener("change", function () {
      field.value = slider.value;
      if (field.form.requestSubmit) field.form.requestSubmit(); else field.form.submit();
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("input[type=range][data-target]").forEach(setupAsOfSlider);
    document.querySelectorAll("input[data-suggest]").forEach(setupSuggest);
    document.querySelectorAll(".diagram-box").forEach(setupZoom);
    document.querySelectorAll(".diagram-box").forEach(setupEdges);
    document.querySelectorAll("button[data-download]").forEach(setupCypherDownload);
    document.querySelectorAll("#path-form").forEach(setupPathForm);
  });
})();
