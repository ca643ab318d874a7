(function () {
  "use strict";
  // Zoom and pan for every svg.cl-axis (reconcile/axis.py). Only numbers are ever written:
  // positions computed from each element's data-a/data-b years. No page text is touched.
  var NS = "http://www.w3.org/2000/svg";
  var STEPS = [1, 2, 5, 10, 20, 25, 50, 100, 200, 500, 1000];
  var MIN_SPAN = 0.25; // years: a quarter is as far as one can zoom in

  function num(node, name) { return parseFloat(node.getAttribute(name)); }

  function setup(svg) {
    var full = [num(svg, "data-lo"), num(svg, "data-hi")];
    var x0 = num(svg, "data-x0"), x1 = num(svg, "data-x1");
    var view = full.slice();
    var movers = svg.querySelectorAll("[data-k]");
    var ticks = svg.querySelector("g.ticks");

    function px(year) { return x0 + (year - view[0]) / (view[1] - view[0]) * (x1 - x0); }

    function drawTicks() {
      if (!ticks) return;
      while (ticks.firstChild) ticks.removeChild(ticks.firstChild);
      var top = num(ticks, "data-top"), bottom = num(ticks, "data-bottom");
      var span = view[1] - view[0];
      var step = STEPS[STEPS.length - 1];
      for (var i = 0; i < STEPS.length; i++) { if (span / STEPS[i] <= 10) { step = STEPS[i]; break; } }
      if (span < 3) step = 0.25;
      for (var y = Math.ceil(view[0] / step) * step; y <= view[1]; y += step) {
        var x = px(y);
        var line = document.createElementNS(NS, "line");
        line.setAttribute("class", "grid");
        line.setAttribute("x1", x); line.setAttribute("x2", x);
        line.setAttribute("y1", top + 14); line.setAttribute("y2", bottom);
        var text = document.createElementNS(NS, "text");
        text.setAttribute("class", "tick");
        text.setAttribute("x", x); text.setAttribute("y", top);
        var whole = Math.floor(y + 1e-9);
        var quarter = Math.round((y - whole) * 4);
        text.textContent = quarter ? "Q" + (quarter + 1) : String(whole);
        ticks.appendChild(line); ticks.appendChild(text);
      }
    }

    function layout() {
      for (var i = 0; i < movers.length; i++) {
        var n = movers[i], k = n.getAttribute("data-k");
        var a = px(num(n, "data-a")), b = n.hasAttribute("data-b") ? px(num(n, "data-b")) : a;
        if (k === "r") { n.setAttribute("x", a); n.setAttribute("width", Math.max(b - a, 2)); }
        else if (k === "c") { n.setAttribute("cx", a); }
        else if (k === "l") {
          var m = num(n, "data-m") || 0;
          if (b - a < m) { var mid = (a + b) / 2; a = mid - m / 2; b = mid + m / 2; }
          n.setAttribute("x1", a); n.setAttribute("x2", b);
        }
        else if (k === "t") { n.setAttribute("x", a + (num(n, "data-dx") || 0)); }
        else if (k === "g") { n.setAttribute("transform", "translate(" + a + "," + num(n, "data-y") + ")"); }
      }
      drawTicks();
      svg.setAttribute("data-view", view[0].toFixed(3) + " " + view[1].toFixed(3));
    }

    function clamp() {
      var span = Math.min(Math.max(view[1] - view[0], MIN_SPAN), full[1] - full[0]);
      var lo = Math.min(Math.max(view[0], full[0]), full[1] - span);
      view = [lo, lo + span];
    }

    function zoom(factor, year) {
      if (year === undefined) year = (view[0] + view[1]) / 2;
      view = [year - (year - view[0]) * factor, year + (view[1] - year) * factor];
      clamp(); layout();
    }

    function pan(years) { view = [view[0] + years, view[1] + years]; clamp(); layout(); }

    function yearAt(clientX) {
      var box = svg.getBoundingClientRect();
      var vb = svg.viewBox.baseVal;
      var x = (clientX - box.left) / box.width * vb.width;
      return view[0] + (x - x0) / (x1 - x0) * (view[1] - view[0]);
    }

    svg.addEventListener("wheel", function (ev) {
      if (ev.ctrlKey || ev.metaKey) {
        ev.preventDefault();
        zoom(ev.deltaY > 0 ? 1.25 : 0.8, yearAt(ev.clientX));
      } else if (ev.shiftKey || Math.abs(ev.deltaX) > Math.abs(ev.deltaY)) {
        ev.preventDefault();
        var d = ev.shiftKey ? ev.deltaY : ev.deltaX;
        pan(d / 600 * (view[1] - view[0]));
      }
    }, { passive: false });

    var drag = null;
    svg.addEventListener("pointerdown", function (ev) {
      if (ev.target.closest && ev.target.closest(".btn, a")) return;
      drag = { x: ev.clientX, view: view.slice() };
      if (svg.setPointerCapture) svg.setPointerCapture(ev.pointerId);
    });
    svg.addEventListener("pointermove", function (ev) {
      if (!drag) return;
      var box = svg.getBoundingClientRect(), vb = svg.viewBox.baseVal;
      var dx = (ev.clientX - drag.x) / box.width * vb.width;
      var years = dx / (x1 - x0) * (drag.view[1] - drag.view[0]);
      view = [drag.view[0] - years, drag.view[1] - years];
      clamp(); layout();
    });
    function stop() { drag = null; }
    svg.addEventListener("pointerup", stop);
    svg.addEventListener("pointercancel", stop);

    function button(ev) {
      var b = ev.target.closest && ev.target.closest(".btn");
      if (!b) return;
      var what = b.getAttribute("data-zoom");
      if (what === "in") zoom(0.5);
      else if (what === "out") zoom(2);
      else { view = full.slice(); layout(); }
    }
    svg.addEventListener("click", button);
    svg.addEventListener("keydown", function (ev) {
      if (ev.key === "Enter" || ev.key === " ") { if (ev.target.closest && ev.target.closest(".btn")) { ev.preventDefault(); button(ev); } return; }
      var span = view[1] - view[0];
      if (ev.key === "+" || ev.key === "=") zoom(0.5);
      else if (ev.key === "-" || ev.key === "_") zoom(2);
      else if (ev.key === "0") { view = full.slice(); layout(); }
      else if (ev.key === "ArrowLeft") pan(-span / 5);
      else if (ev.key === "ArrowRight") pan(span / 5);
      else return;
      ev.preventDefault();
    });
    svg.clAxis = { zoom: zoom, pan: pan, view: function () { return view.slice(); } };
    layout();
  }

  var all = document.querySelectorAll("svg.cl-axis");
  for (var i = 0; i < all.length; i++) setup(all[i]);
})();
