// explorer: small progressive enhancements. The pages work without it.
// Everything untrusted is inserted with textContent, never innerHTML.
"use strict";

(function () {
  // Suggestions: inputs with data-suggest="go" (open the entity page) or
  // data-suggest="fill" (put the entity's name into the input). Entities
  // whose name or alias matches come before those whose description does,
  // and similar spellings (offered when nothing matched) come last.
  var matchRank = { name: 0, alias: 0, description: 1, similar: 2 };
  function setupSuggest(input) {
    var list = input.parentNode.querySelector(".suggestions");
    if (!list) return;
    var mode = input.getAttribute("data-suggest");
    var timer = null, ctrl = null, items = [], active = -1;

    function hide() { list.hidden = true; active = -1; input.setAttribute("aria-expanded", "false"); }
    function pick(hit) {
      if (mode === "go") { window.location.href = "/entities/" + encodeURIComponent(hit.id); return; }
      input.value = hit.name;
      input.title = hit.name + " (" + hit.type + ")";
      hide();
    }
    function mark() {
      Array.prototype.forEach.call(list.children, function (li, i) {
        li.setAttribute("aria-selected", i === active ? "true" : "false");
      });
    }
    function show(hits) {
      hits = hits.map(function (h, i) { return { h: h, i: i }; }).sort(function (a, b) {
        return ((matchRank[a.h.match] || 0) - (matchRank[b.h.match] || 0)) || (a.i - b.i);
      }).map(function (x) { return x.h; });
      list.textContent = "";
      items = hits;
      active = -1;
      hits.forEach(function (hit) {
        var li = document.createElement("li");
        li.setAttribute("role", "option");
        li.className = "suggestion";
        li.dataset.id = hit.id;
        var inner = li;
        if (mode === "go") {
          inner = document.createElement("a");
          inner.href = "/entities/" + encodeURIComponent(hit.id);
          li.appendChild(inner);
        }
        var name = document.createElement("span");
        name.className = "name";
        name.textContent = hit.name;
        var type = document.createElement("span");
        type.className = "type";
        type.textContent = hit.type;
        inner.appendChild(name);
        inner.appendChild(document.createTextNode(" "));
        inner.appendChild(type);
        var note = hit.match === "description" ? "in description" : hit.match === "similar" ? "similar spelling" : "";
        if (note) {
          var m = document.createElement("span");
          m.className = "match";
          m.textContent = note;
          inner.appendChild(document.createTextNode(" "));
          inner.appendChild(m);
        }
        li.addEventListener("mousedown", function (ev) { ev.preventDefault(); pick(hit); });
        list.appendChild(li);
      });
      list.hidden = hits.length === 0;
      input.setAttribute("aria-expanded", hits.length ? "true" : "false");
    }
    function fetchHits() {
      var q = input.value.trim();
      if (q.length < 2) { hide(); return; }
      if (ctrl) ctrl.abort();
      ctrl = new AbortController();
      fetch("/api/v1/entities?limit=8&q=" + encodeURIComponent(q), { signal: ctrl.signal, headers: { "Accept": "application/json" } })
        .then(function (r) { return r.ok ? r.json() : { results: [] }; })
        .then(function (body) { if (input.value.trim() === q) show(body.results || []); })
        .catch(function () { /* aborted or offline: keep the form usable */ });
    }
    input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(fetchHits, 120); });
    input.addEventListener("keydown", function (ev) {
      if (list.hidden) return;
      if (ev.key === "ArrowDown") { active = Math.min(active + 1, items.length - 1); mark(); ev.preventDefault(); }
      else if (ev.key === "ArrowUp") { active = Math.max(active - 1, 0); mark(); ev.preventDefault(); }
      else if (ev.key === "Enter" && active >= 0) { pick(items[active]); ev.preventDefault(); }
      else if (ev.key === "Escape") { hide(); }
    });
    input.addEventListener("blur", function () { setTimeout(hide, 150); });
  }

  // Diagrams: zoom by scaling the SVG's width from its viewBox.
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
    function apply() { svg.style.width = Math.round(natural * scale) + "px"; box.dataset.scale = scale.toFixed(2); }
    function fit() { var w = holder.clientWidth - 12; scale = w > 0 ? Math.min(1, w / natural) : 1; apply(); }
    box.querySelectorAll("[data-zoom]").forEach(function (b) {
      b.addEventListener("click", function () {
        var z = b.getAttribute("data-zoom");
        if (z === "in") scale = Math.min(scale * 1.25, 8);
        else if (z === "out") scale = Math.max(scale / 1.25, 0.1);
        else if (z === "full") scale = 1;
        else { fit(); return; }
        apply();
      });
    });
    fit();
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
    document.querySelectorAll("button[data-download]").forEach(setupCypherDownload);
    document.querySelectorAll("#path-form").forEach(setupPathForm);
  });
})();
