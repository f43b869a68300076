// explorer: the canvas (/explore). The page works without it: every action
// is a link in the entity list. With it, clicking an entity in the diagram
// opens those links as a menu, clicking a link (or Enter on it: app.js makes
// every link a tab stop whose Enter is a click) finds its evidence rows, and
// shift-clicking two entities asks the API for the paths between them and
// adds them to the canvas. Untrusted text goes in with textContent only.
"use strict";

(function () {
  var box = document.getElementById("canvas");
  if (!box) return;
  var menu = document.getElementById("canvas-menu");
  var status = document.createElement("p");
  status.className = "canvas-status";
  status.setAttribute("role", "status");
  box.parentNode.insertBefore(status, box);
  var pending = null;
  // origin is the diagram link the menu was opened from: focus goes back
  // to it when the menu closes by Escape.
  var origin = null;

  function row(id) {
    var rows = document.querySelectorAll("#canvas-nodes li");
    for (var i = 0; i < rows.length; i++) if (rows[i].getAttribute("data-id") === id) return rows[i];
    return null;
  }
  function closeMenu(refocus) {
    var was = !menu.hidden;
    menu.hidden = true;
    menu.textContent = "";
    if (refocus && was && origin && origin.focus) origin.focus();
  }
  function openMenu(id, x, y, from) {
    origin = from;
    var r = row(id);
    if (!r) return;
    menu.textContent = "";
    var title = document.createElement("p");
    title.className = "menu-title";
    title.textContent = r.querySelector("a").textContent;
    // A menu owns only its items: the title names the menu instead.
    title.setAttribute("aria-hidden", "true");
    menu.setAttribute("aria-label", "Actions: " + title.textContent);
    menu.appendChild(title);
    Array.prototype.forEach.call(r.querySelectorAll("a"), function (a, i) {
      var item = document.createElement("a");
      item.href = a.getAttribute("href");
      item.setAttribute("role", "menuitem");
      item.setAttribute("data-kind", a.getAttribute("data-kind") || "open");
      item.textContent = i === 0 ? "Open page" : a.textContent;
      menu.appendChild(item);
    });
    menu.hidden = false;
    // Keep the menu inside the page's width (a narrow screen has no room
    // right of a node near its edge).
    var maxX = window.scrollX + document.documentElement.clientWidth - menu.offsetWidth - 8;
    menu.style.left = Math.max(window.scrollX + 8, Math.min(x, maxX)) + "px";
    menu.style.top = y + "px";
    menu.querySelector("a").focus();
  }
  function canvasURL() { return new URL(box.getAttribute("data-url"), window.location.href); }
  function addPaths(a, b) {
    var u = canvasURL();
    var hidden = u.searchParams.get("hide") || "";
    var api = "/api/v1/paths?from=" + encodeURIComponent(a) + "&to=" + encodeURIComponent(b) +
      (hidden ? "&exclude=" + encodeURIComponent(hidden) : "");
    status.textContent = "Looking for paths between " + a + " and " + b + "…";
    fetch(api, { headers: { "Accept": "application/json" } }).then(function (r) {
      if (r.ok) {
        var paths = (u.searchParams.get("paths") || "").split(",").filter(Boolean);
        if (paths.indexOf(a + "~" + b) < 0) paths.push(a + "~" + b);
        u.searchParams.set("paths", paths.join(","));
        window.location.href = u.pathname + "?" + u.searchParams.toString().replace(/%2C/g, ",").replace(/%7E/g, "~").replace(/%3A/g, ":");
        return;
      }
      return r.json().then(function (body) {
        status.textContent = (body && body.error) || ("No paths between " + a + " and " + b + ".");
      });
    }).catch(function () { status.textContent = "The paths could not be fetched."; });
  }
  function mark(g, on) {
    if (g) g.classList.toggle("pending", on);
  }

  box.addEventListener("click", function (ev) {
    var g = ev.target.closest ? ev.target.closest("g.node, g.edge") : null;
    if (!g) return;
    var t = g.querySelector("title");
    if (!t) return;
    var name = t.textContent.trim();
    if (g.classList.contains("node")) {
      if (!row(name)) return; // legend and caption nodes
      ev.preventDefault();
      if (ev.shiftKey) {
        if (pending && pending.id !== name) {
          var a = pending.id;
          mark(pending.g, false);
          pending = null;
          addPaths(a, name);
        } else {
          pending = { id: name, g: g };
          mark(g, true);
          status.textContent = "Shift-click a second entity for the paths from " + name + ".";
        }
        return;
      }
      var x = ev.pageX, y = ev.pageY;
      if (ev.detail === 0) {
        // Enter on a focused node: no pointer, so open under the node.
        var r = g.getBoundingClientRect();
        x = window.scrollX + r.left;
        y = window.scrollY + r.bottom + 4;
      }
      openMenu(name, x, y, g.querySelector("a") || g);
      return;
    }
    var ends = name.split("->");
    if (ends.length !== 2) return;
    ev.preventDefault();
    var pair = [ends[0], ends[1]].sort().join("|");
    var first = null;
    Array.prototype.forEach.call(document.querySelectorAll("#canvas-links tr"), function (tr) {
      var on = tr.getAttribute("data-pair") === pair;
      tr.classList.toggle("selected", on);
      if (on && !first) first = tr;
    });
    if (first) {
      first.scrollIntoView({ block: "center" });
      first.focus();
    }
  });
  // A page restored by back or forward comes back as it was left: close
  // the menu and forget a half-made shift-click.
  window.addEventListener("pageshow", function () {
    closeMenu();
    if (pending) { mark(pending.g, false); pending = null; }
    status.textContent = "";
  });
  document.addEventListener("keydown", function (ev) { if (ev.key === "Escape") closeMenu(true); });
  // The menu's items: Down and Up move between them, Home and End go to
  // the ends, Tab leaves the menu and closes it.
  menu.addEventListener("keydown", function (ev) {
    var items = Array.prototype.slice.call(menu.querySelectorAll("[role=menuitem]"));
    var i = items.indexOf(document.activeElement);
    var next = -1;
    if (ev.key === "ArrowDown") next = (i + 1) % items.length;
    else if (ev.key === "ArrowUp") next = (i - 1 + items.length) % items.length;
    else if (ev.key === "Home") next = 0;
    else if (ev.key === "End") next = items.length - 1;
    else if (ev.key === "Tab") { closeMenu(true); return; }
    if (next >= 0 && items.length) { ev.preventDefault(); items[next].focus(); }
  });
  document.addEventListener("click", function (ev) {
    if (!menu.hidden && !menu.contains(ev.target) && !box.contains(ev.target)) closeMenu();
  });
})();
