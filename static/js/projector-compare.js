/* The two worlds on the projector (issue #13): after each scoring, the treatments side by
   side — the last round, with a chart per round (all rounds so far: in the debrief). Before the
   instructor reveals, the server sends labels and numbers only (no rule names, no
   provinces: treatment_compare.for_projector), and this shows just that. Fed by
   projector.js's messages (window.PCProjectorParts); drawn by static/js/compare.js. */
(function () {
  "use strict";

  var box = document.getElementById("proj-compare");
  if (!box || !window.PCCompare) { return; }
  var T = window.gettext;
  function F(text, values) { return window.interpolate(T(text), values, true); }
  var el = PC.el;
  var seen = {};  // PC.outOfOrder's holder: an older snapshot never replaces a newer one

  function draw(comparison) {
    var last = comparison ? PCCompare.lastRound(comparison) : null;
    box.hidden = last === null;
    document.body.classList.toggle("has-compare", last !== null);
    if (last === null) { return; }
    var canvas = box.querySelector("canvas");
    if (!canvas) {
      canvas = el("canvas", { role: "img", "aria-label": T("Joint projects completed per round, by treatment, with 90% intervals") });
      box.appendChild(el("h2", { class: "proj-compare-title", text: T("Two worlds: the treatments compared") }));
      box.appendChild(el("p", { class: "proj-compare-state" }));
      box.appendChild(el("div", { class: "proj-compare-grid" }, [
        el("div", { class: "proj-compare-tables" }),
        el("div", { class: "proj-compare-chart" }, [canvas])
      ]));
    }
    box.querySelector(".proj-compare-state").textContent = comparison.revealed ? ""
      : T("Which provinces play which treatment stays hidden until the instructor reveals it.");
    var tables = box.querySelector(".proj-compare-tables");
    while (tables.firstChild) { tables.removeChild(tables.firstChild); }
    // The last round only: with the all-rounds table too the page ran past a 1080-pixel
    // screen. The chart shows every round; the debrief has the all-rounds table.
    tables.appendChild(PCCompare.table(comparison, last, F("Round %(n)s", { n: last })));
    tables.appendChild(el("p", { class: "proj-compare-more", text: T("All rounds so far: in the debrief.") }));
    PCCompare.draw(canvas, comparison, "completion", true);
  }

  window.PCProjectorParts = window.PCProjectorParts || [];
  window.PCProjectorParts.push(function (m) {
    if (m.type !== "snapshot" || PC.outOfOrder(seen, m.session && m.session.server_time)) { return; }
    draw(m.comparison || null);
  });
})();
