/* The debrief charts: Chart.js draws the rows the server computed (game/services/debrief.py);
   nothing here computes a figure. Each chart's data table and reading are in the page. */

const data = JSON.parse(document.getElementById("debrief-data").textContent);
const Chart = window.Chart;

// Eleven colours that stay apart for the common colour-vision deficiencies (Okabe–Ito + Tol),
// with a point style each, so colour is never the only way to tell two lines apart.
const PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#332288", "#117733",
  "#882255", "#999933", "#44AA99"];
const POINTS = ["circle", "rect", "triangle", "rectRot", "star", "crossRot", "rectRounded", "cross", "circle",
  "rect", "triangle"];
const PHASE_FILL = ["rgba(120,140,170,0.14)", "rgba(230,159,0,0.14)", "rgba(0,158,115,0.14)",
  "rgba(204,121,167,0.14)", "rgba(86,180,233,0.14)"];

const rounds = data.rounds.map(String);
const projector = document.body.classList.contains("debrief-projector");
// On the projector the text grows with the screen (about 24 px on a 1920-px wall: 16 px
// read as small print from the back of a room).
const FONT = projector ? Math.max(16, Math.round(window.innerWidth / 80)) : 12;
Chart.defaults.font.size = FONT;
Chart.defaults.animation = false;  // screenshots and projectors: draw once, at once

function label(chart, key) {
  const column = chart.columns.find(function (c) { return c.key === key; });
  return column ? column.label : (key === "round" ? data.round_label : key);
}

function column(chart, key) { return chart.rows.map(function (r) { return r[key]; }); }

/* The rule phases as shaded boxes behind a per-round chart. */
function phaseBoxes() {
  const boxes = {};
  data.phases.forEach(function (phase, n) {
    boxes["phase" + n] = {
      type: "box", drawTime: "beforeDatasetsDraw", borderWidth: 0,
      xMin: rounds.indexOf(String(phase.from)) - 0.5, xMax: rounds.indexOf(String(phase.to)) + 0.5,
      backgroundColor: PHASE_FILL[n % PHASE_FILL.length],
    };
  });
  return { annotations: boxes };
}

/* The phases' names above the plot area, in the top padding: inside it a bar or a line
   at the top of the scale hid them. Shortened to the band's width when they do not fit. */
const PHASE_FONT = Math.max(11, FONT - 1);
const phaseNames = {
  id: "phaseNames",
  afterDraw: function (chart) {
    const x = chart.scales.x, ctx = chart.ctx;
    ctx.save();
    ctx.font = "600 " + PHASE_FONT + "px " + Chart.defaults.font.family;
    ctx.fillStyle = "#37414d";
    ctx.textAlign = "center";
    ctx.textBaseline = "bottom";
    data.phases.forEach(function (phase) {
      const left = x.getPixelForValue(rounds.indexOf(String(phase.from)) - 0.5);
      const right = x.getPixelForValue(rounds.indexOf(String(phase.to)) + 0.5);
      ctx.fillText(phase.name, (left + right) / 2, chart.chartArea.top - 4, Math.max(10, right - left - 4));
    });
    ctx.restore();
  },
};

function perRound(chart, datasets, yOptions) {
  return {
    data: { labels: rounds, datasets: datasets },
    plugins: [phaseNames],
    options: {
      maintainAspectRatio: false,
      layout: { padding: { top: PHASE_FONT + 10 } },
      plugins: { annotation: phaseBoxes(), legend: { position: "bottom" } },
      // offset: half a round of room at each end, as bar charts have, so the first and last
      // rule bands (from round − 0.5 to round + 0.5) and their names lie inside the chart
      // on line charts too: without it they were cut at the left edge.
      scales: { x: { offset: true, title: { display: true, text: label(chart, "round") } }, y: yOptions || {} },
    },
  };
}

const BUILD = {
  completion: function (chart) {
    const config = perRound(chart, [{
      type: "bar", label: label(chart, "rate"), backgroundColor: PALETTE[0],
      data: column(chart, "rate").map(function (v) { return v === null ? null : 100 * v; }),
    }], { min: 0, max: 100, ticks: { callback: function (v) { return v + "%"; } } });
    config.type = "bar";
    return config;
  },
  welfare: function (chart) {
    const config = perRound(chart, [
      { type: "line", label: label(chart, "welfare"), data: column(chart, "welfare"), borderColor: PALETTE[2],
        backgroundColor: PALETTE[2], pointStyle: "circle", pointRadius: 4, order: 1 },
      { type: "bar", label: label(chart, "bid_spending"), data: column(chart, "bid_spending"),
        backgroundColor: PALETTE[1], order: 2 },
      { type: "bar", label: label(chart, "bid_waste"), data: column(chart, "bid_waste"),
        backgroundColor: PALETTE[5], order: 3 },
    ], { beginAtZero: true });
    config.type = "bar";
    return config;
  },
  gdp_spread: function (chart) {
    const config = perRound(chart, [
      { label: label(chart, "max"), data: column(chart, "max"), borderColor: PALETTE[0], pointStyle: "triangle",
        pointRadius: 4, backgroundColor: PALETTE[0] },
      { label: label(chart, "median"), data: column(chart, "median"), borderColor: PALETTE[6], pointStyle: "rect",
        pointRadius: 4, borderDash: [6, 4] },
      { label: label(chart, "min"), data: column(chart, "min"), borderColor: PALETTE[5], pointStyle: "rectRot",
        pointRadius: 4 },
    ]);
    config.type = "line";
    return config;
  },
  fair_share: function (chart) {
    const cities = chart.cities;
    return {
      type: "matrix",
      data: { datasets: [{
        label: label(chart, "share"),
        data: chart.rows.map(function (r) { return { x: String(r.round), y: r.city, v: r.share }; }),
        backgroundColor: function (ctx) { return shareColour(ctx.raw && ctx.raw.v); },
        borderColor: "#ffffff", borderWidth: 1,
        width: function (ctx) { const a = ctx.chart.chartArea; return a ? a.width / rounds.length - 2 : 10; },
        height: function (ctx) { const a = ctx.chart.chartArea; return a ? a.height / cities.length - 2 : 10; },
      }] },
      options: {
        maintainAspectRatio: false,
        plugins: { legend: { display: false }, tooltip: { callbacks: {
          title: function (items) { return items[0].raw.y + " · " + label(chart, "round") + " " + items[0].raw.x; },
          label: function (item) {
            return item.raw.v === null ? "–" : label(chart, "share") + ": " + Math.round(100 * item.raw.v) + "%";
          },
        } } },
        scales: {
          x: { type: "category", labels: rounds, offset: true, grid: { display: false },
               title: { display: true, text: label(chart, "round") } },
          y: { type: "category", labels: cities, offset: true, reverse: true, grid: { display: false } },
        },
      },
    };
  },
  ranks: function (chart) {
    const keys = chart.columns.slice(1).map(function (c) { return c.key; });
    const config = perRound(chart, chart.rows.map(function (row, n) {
      return { label: row.city, data: keys.map(function (k) { return row[k]; }),
               borderColor: PALETTE[n % PALETTE.length], backgroundColor: PALETTE[n % PALETTE.length],
               pointStyle: POINTS[n % POINTS.length], pointRadius: 5, borderWidth: 3 };
    }), {
      // Half a rank of room at each end: a line at first or last place ran over the edge.
      reverse: true, min: 0.5, max: chart.rows.length + 0.5,
      afterBuildTicks: function (axis) {
        axis.ticks = chart.rows.map(function (row, n) { return { value: n + 1 }; });
      },
    });
    config.type = "line";
    return config;
  },
  agreements: function (chart) {
    const config = perRound(chart, [
      { label: label(chart, "kept"), data: column(chart, "kept"), backgroundColor: PALETTE[2], stack: "a" },
      { label: label(chart, "broken"), data: column(chart, "broken"), backgroundColor: PALETTE[5], stack: "a" },
    ], { beginAtZero: true, stacked: true, ticks: { precision: 0 } });
    config.type = "bar";
    config.options.scales.x.stacked = true;
    return config;
  },
};

/* Red (nothing paid) → amber → green (the fair share) → blue (more than it). */
function shareColour(v) {
  if (v === null || v === undefined) { return "#e3e7ec"; }
  const stops = [[0, [179, 38, 30]], [0.5, [230, 159, 0]], [1, [23, 128, 61]], [1.5, [0, 114, 178]]];
  const x = Math.max(0, Math.min(1.5, v));
  for (let i = 1; i < stops.length; i++) {
    if (x <= stops[i][0]) {
      const [a, ca] = stops[i - 1], [b, cb] = stops[i], t = (x - a) / (b - a);
      const c = ca.map(function (u, k) { return Math.round(u + t * (cb[k] - u)); });
      return "rgb(" + c.join(",") + ")";
    }
  }
  return "rgb(0,114,178)";
}

window.debriefCharts = {};
data.charts.forEach(function (chart) {
  const section = document.querySelector('[data-chart="' + chart.id + '"]');
  const build = BUILD[chart.id];
  if (!section || !build) { return; }
  window.debriefCharts[chart.id] = new Chart(section.querySelector("canvas"), build(chart));
  section.dataset.drawn = "true";
});

/* The two worlds (treatments side by side, game/services/treatment_debrief.py): drawn by
   static/js/compare.js, the same chart as on the panel and the projector. */
if (data.two_worlds && window.PCCompare) {
  data.two_worlds.charts.forEach(function (chart) {
    const section = document.querySelector('[data-chart="' + chart.id + '"]');
    if (!section) { return; }
    window.debriefCharts[chart.id] = window.PCCompare.draw(section.querySelector("canvas"), data.two_worlds.comparison,
                                                           chart.measure);
    section.dataset.drawn = "true";
  });
}
document.getElementById("debrief").dataset.ready = "true";
