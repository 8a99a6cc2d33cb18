/* My city's history and the province's standings, as small charts (Chart.js) after each
   scoring, each with its numbers one click away. The server sends the figures
   (game/services/history.py: this seat's own outcomes, and the points and ranks every city
   is shown anyway); the page draws them. The page data brings the history at load; after
   a scoring the page asks for it again, a moment later for each student so a class of
   phones does not ask in the same millisecond. */
import { clear, fmt, h, table } from "./dom.js";
import { mount, on } from "./hooks.js";
import { playData } from "./state.js";

var H = { data: playData.history || { own: [], province: null }, lastRound: 0, charts: {}, timer: null };

var section = mount("main", h("section", { class: "card", id: "card-history", "aria-labelledby": "history-title", hidden: true }, [
  h("div", { class: "card-head" }, [h("h2", { id: "history-title", text: gettext("History") })]),
  h("div", { class: "history-grid" }, [
    figure("history-points", gettext("My points and rank")),
    figure("history-city", gettext("My GDP and contributions")),
    figure("history-standings", gettext("Province standings (points so far)"))
  ])
]));

function figure(id, title) {
  return h("figure", { class: "history-chart", id: id }, [
    h("figcaption", { text: title }),
    h("div", { class: "history-box" }, [h("canvas", { role: "img", "aria-label": title })]),
    h("details", { class: "history-data" }, [h("summary", { text: gettext("Numbers") }), h("div", { class: "history-table" })])
  ]);
}

function lastScored() {
  var own = H.data.own || [];
  return own.length ? own[own.length - 1].round : 0;
}

function draw(id, config, headers, rows) {
  var box = document.getElementById(id);
  if (H.charts[id]) { H.charts[id].destroy(); }
  if (window.Chart) { H.charts[id] = new window.Chart(box.querySelector("canvas"), config); }
  var holder = clear(box.querySelector(".history-table"));
  holder.appendChild(table(null, headers, rows.map(function (cells) {
    return h("tr", {}, cells.map(function (c, n) { return h(n ? "td" : "th", { class: n ? "num" : null, text: c }); }));
  })));
}

function render() {
  var own = H.data.own || [];
  var province = H.data.province;
  section.hidden = own.length === 0;
  if (!own.length) { return; }
  H.lastRound = lastScored();
  var labels = own.map(function (r) { return String(r.round); });
  var R = gettext("Round");
  var small = { maintainAspectRatio: false, animation: false, plugins: { legend: { position: "bottom", labels: { boxWidth: 12 } } } };

  draw("history-points", {
    data: { labels: labels, datasets: [
      { type: "bar", label: gettext("Points"), data: own.map(function (r) { return r.points; }), backgroundColor: "#0072B2", yAxisID: "y" },
      { type: "line", label: gettext("Rank"), data: own.map(function (r) { return r.rank; }), borderColor: "#D55E00",
        backgroundColor: "#D55E00", pointStyle: "rectRot", pointRadius: 5, yAxisID: "rank" }
    ] },
    options: Object.assign({}, small, { scales: {
      x: { title: { display: true, text: R } },
      y: { beginAtZero: true, position: "left", title: { display: true, text: gettext("Points") } },
      rank: { reverse: true, min: 1, position: "right", ticks: { stepSize: 1 }, grid: { drawOnChartArea: false },
              title: { display: true, text: gettext("Rank") } }
    } })
  }, [R, gettext("Points"), gettext("Total"), gettext("Rank")],
  own.map(function (r) { return [r.round, fmt(r.points, 1), fmt(r.cumulative, 1), r.rank]; }));

  draw("history-city", {
    data: { labels: labels, datasets: [
      { type: "line", label: gettext("GDP"), data: own.map(function (r) { return r.gdp; }), borderColor: "#009E73",
        backgroundColor: "#009E73", pointRadius: 4, yAxisID: "y" },
      { type: "bar", label: gettext("Contributions"), data: own.map(function (r) { return r.contributions; }),
        backgroundColor: "#E69F00", yAxisID: "c" }
    ] },
    options: Object.assign({}, small, { scales: {
      x: { title: { display: true, text: R } },
      y: { position: "left", title: { display: true, text: gettext("GDP") } },
      c: { beginAtZero: true, position: "right", grid: { drawOnChartArea: false }, title: { display: true, text: gettext("Contributions") } }
    } })
  }, [R, gettext("GDP"), gettext("Contributions")],
  own.map(function (r) { return [r.round, fmt(r.gdp, 1), fmt(r.contributions, 0)]; }));

  if (!province) { return; }
  var palette = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#332288", "#117733", "#882255", "#999933", "#44AA99"];
  var points = ["circle", "rect", "triangle", "rectRot", "star", "crossRot", "rectRounded", "cross", "circle", "rect", "triangle"];
  draw("history-standings", {
    type: "line",
    data: { labels: province.rounds.map(String), datasets: province.cities.map(function (c, n) {
      return { label: PC.name(c.name) + (c.me ? " ★" : ""), data: c.history.map(function (x) { return x.cumulative; }),
               borderColor: palette[n % palette.length], backgroundColor: palette[n % palette.length],
               pointStyle: points[n % points.length], pointRadius: c.me ? 5 : 3, borderWidth: c.me ? 4 : 1.5 };
    }) },
    options: Object.assign({}, small, { scales: { x: { title: { display: true, text: R } }, y: { beginAtZero: true } } })
  }, [gettext("City")].concat(province.rounds.map(function (r) { return interpolate(gettext("R%s"), [r]); })),
  province.cities.map(function (c) {
    return [PC.name(c.name) + (c.me ? " ★" : "")].concat(c.history.map(function (x) { return fmt(x.cumulative, 1) + " (#" + x.rank + ")"; }));
  }));
}

/* A scoring the history has not seen yet: fetch it (once, after a short spread-out wait). */
function refresh(snap) {
  var last = snap && snap.last_result;
  if (!last || last.round <= H.lastRound || H.timer || !playData.history_url) { return; }
  H.timer = window.setTimeout(function () {
    window.fetch(playData.history_url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (data) { H.timer = null; if (data) { H.data = data; render(); } })
      .catch(function () { H.timer = null; });
  }, Math.random() * 2000);
}

on("snapshot", refresh);
on("province", refresh);
render();
window.PCHistory = H;  // for tests and the console
