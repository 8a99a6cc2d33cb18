/* The two worlds in the instructor panel (issue #13): after each scoring, every treatment's
   completion, welfare and bids with their intervals, with its rules and provinces (the
   instructor always sees them), and the button that reveals them to the class. Drawn from
   the snapshot's `comparison` (game/services/treatment_compare.py) by static/js/compare.js. */
import { el, T, F, $, clear, act, showOk } from "./common.js";
import { mount, onRender, state } from "./hooks.js";

var section = mount("main", el("section", { class: "card cmp", id: "compare-section", "aria-labelledby": "compare-title", hidden: "hidden" }, [
  el("h2", { id: "compare-title", text: T("Two worlds: the treatments compared") }),
  el("p", { id: "compare-reveal-state", class: "cmp-reveal-state", role: "status" }),
  el("p", { class: "cmp-reveal-row" }, [
    el("button", { type: "button", class: "btn", id: "reveal-treatments", "aria-describedby": "compare-reveal-help", text: T("Reveal the treatments to the class") }),
    " ",
    el("span", { id: "compare-reveal-help", class: "muted small",
                 text: T("The projector and the debrief then name each treatment's rules and its provinces. Students' own screens do not change.") })
  ]),
  el("div", { id: "compare-body", class: "cmp-body" })
]));

$("reveal-treatments").addEventListener("click", function (e) {
  if (!window.confirm(T("Show the whole class which provinces played which rules? This cannot be undone."))) { return; }
  act("reveal", {}, e.currentTarget).then(function (data) { if (data) { showOk(T("The treatments are revealed on the projector and in the debrief.")); } });
});

onRender(function () {
  var snap = state().snap;
  var comparison = window.PCCompare && snap ? snap.comparison : null;
  section.hidden = !comparison;
  if (!comparison) { return; }
  $("reveal-treatments").hidden = comparison.revealed;
  $("compare-reveal-state").textContent = comparison.revealed
    ? T("Revealed: the projector and the debrief name each treatment's rules and provinces.")
    : T("Not revealed: the projector shows the treatments only as labels and numbers.");
  var body = $("compare-body");
  var last = PCCompare.lastRound(comparison);
  if (last === null) {
    if (!body.querySelector(".cmp-empty")) {
      clear(body);
      body.appendChild(el("p", { class: "muted cmp-empty", text: T("The comparison appears after the first scoring.") }));
    }
    return;
  }
  var canvas = body.querySelector("canvas");
  if (!canvas) {
    clear(body);
    body.appendChild(el("div", { class: "cmp-tables" }));
    canvas = el("canvas", { role: "img", "aria-label": T("Joint projects completed per round, by treatment, with 90% intervals") });
    body.appendChild(el("div", { class: "cmp-chart" }, [canvas]));
    body.appendChild(el("p", { class: "muted small", text: F("Each figure is the mean over the treatment's provinces; the interval is a 90% bootstrap interval of that mean (%(n)s resamples), shown once a treatment has %(min)s provinces.", { n: comparison.resamples, min: comparison.min_provinces }) }));
  }
  var tables = body.querySelector(".cmp-tables");
  clear(tables);
  tables.appendChild(PCCompare.table(comparison, last, F("Round %(n)s", { n: last })));
  tables.appendChild(PCCompare.table(comparison, "all", T("All rounds so far (welfare and bids per round)")));
  PCCompare.draw(canvas, comparison, "completion");
});
