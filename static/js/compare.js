/* The treatments side by side (game/services/treatment_compare.py), drawn the same way on the
   panel, the projector and the debrief: a table of one round (or all rounds so far) and a
   chart per round with each treatment's 90% interval as a whisker. Nothing here computes a
   figure: it shows the server's means and intervals. Rule names and provinces appear only
   when the server sent them (the instructor's panel, or after the reveal). */
(function () {
  "use strict";

  var T = window.gettext;
  function F(text, values) { return window.interpolate(T(text), values, true); }
  var el = PC.el;
  // Okabe–Ito, as the debrief's charts; each bar also carries its label, so colour is never
  // the only way to tell the treatments apart.
  var COLOURS = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00"];

  var MEASURES = {
    completion: { label: T("Joint projects completed"), percent: true },
    welfare: { label: T("Welfare per province"), percent: false },
    bids: { label: T("Bids paid per province"), percent: false }
  };
  var ORDER = ["completion", "welfare", "bids"];

  /* The rules the treatment played in `round` (a number), or their sequence up to round
     `through` ("Growth tournament → Implicit coordination"): the phases follow the rules each
     round was actually played under, so a change mid-game is named, not the plan. */
  function rulesText(t, round, through) {
    if (!t.phases) { return ""; }
    var phases = t.phases.filter(function (p) {
      if (typeof round === "number") { return p.from <= round && round <= p.to; }
      return through === null || through === undefined || p.from <= through;
    });
    return phases.map(function (p) { return p.name ? PC.name(p.name) : T("Custom rules"); })
      .filter(function (name, i, all) { return i === 0 || all[i - 1] !== name; }).join(" → ");
  }

  /* "Treatment A", or "Treatment A · Growth tournament" once the rules may be named: those of
     `round`, or (round "all" or absent) the sequence up to `through`. */
  function treatmentName(t, short, round, through) {
    var rules = short ? "" : rulesText(t, round, through);
    var base = F("Treatment %(label)s", { label: t.label });
    return rules ? base + " · " + rules : base;
  }

  function value(measure, v) {
    if (v === null || v === undefined) { return "–"; }
    return MEASURES[measure].percent ? PC.fmt(100 * v, 0) + "%" : PC.fmt(v, 1);
  }

  /* A difference of rates in percentage points; of amounts, signed. */
  function signed(measure, v) {
    if (v === null || v === undefined) { return "–"; }
    var text = MEASURES[measure].percent ? PC.fmt(Math.abs(100 * v), 0) : PC.fmt(Math.abs(v), 1);
    return (v > 0 ? "+" : v < 0 ? "−" : "±") + text;
  }

  function interval(measure, e, diff) {
    if (e.low === null || e.low === undefined) { return el("span", { class: "cmp-too-few", text: T("too few provinces") }); }
    var show = diff ? function (v) { return signed(measure, v); } : function (v) { return value(measure, v); };
    return el("span", { class: "cmp-interval", text: F("90%: %(low)s to %(high)s", { low: show(e.low), high: show(e.high) }) });
  }

  function cell(measure, e, diff) {
    if (!e || e.mean === null || e.mean === undefined) { return el("td", { class: "num", text: "–" }); }
    var unit = diff && MEASURES[measure].percent ? " " + T("pts") : "";
    return el("td", { class: "num" }, [
      el("span", { class: "cmp-mean", text: (diff ? signed(measure, e.mean) : value(measure, e.mean)) + unit }),
      el("br"), interval(measure, e, diff)
    ]);
  }

  function blockOf(comparison, round) {
    return (comparison.rounds || []).filter(function (b) { return b.round === round; })[0] || null;
  }

  /* The table of one round ("all" for all rounds so far), a row per treatment and, with two,
     the difference. `withProvinces`: list each treatment's provinces (when the server sent them). */
  function table(comparison, round, caption) {
    var block = blockOf(comparison, round);
    if (!block) { return null; }
    var head = [el("th", { scope: "col", text: T("Treatment") }), el("th", { scope: "col", class: "num", text: T("Provinces") })]
      .concat(ORDER.map(function (m) { return el("th", { scope: "col", class: "num", text: MEASURES[m].label }); }));
    var rows = comparison.treatments.map(function (t, i) {
      var c = block.treatments[t.label] || {};
      var who = t.provinces ? el("span", { class: "cmp-provinces", text: F("provinces: %(list)s", { list: PC.list(t.provinces) })
        + (!comparison.revealed && t.alias && t.alias !== t.label ? " · " + F("on the projector: %(alias)s", { alias: t.alias }) : "") }) : null;
      return el("tr", { "data-treatment": t.label }, [
        el("th", { scope: "row" }, [el("span", { class: "cmp-swatch", style: "background:" + COLOURS[i % COLOURS.length], "aria-hidden": "true" }),
          treatmentName(t, false, round, lastRound(comparison)), who ? el("br") : null, who]),
        el("td", { class: "num", text: PC.fmt(c.provinces || 0, 0) })
      ].concat(ORDER.map(function (m) { return cell(m, c[m], false); })));
    });
    var d = block.difference;
    if (d) {
      rows.push(el("tr", { class: "cmp-difference", "data-treatment": "difference" }, [
        el("th", { scope: "row", text: F("Difference %(first)s − %(second)s", { first: d.first, second: d.second }) }),
        el("td", { class: "num", text: "" })
      ].concat(ORDER.map(function (m) { return cell(m, d[m], true); }))));
    }
    return el("div", { class: "table-wrap cmp-table-wrap" }, [el("table", { class: "cmp-table" }, [
      el("caption", { text: caption }),
      el("thead", {}, [el("tr", {}, head)]),
      el("tbody", {}, rows)
    ])]);
  }

  /* Whiskers for each bar's interval, and the treatment's label at the bar's foot. */
  var whiskers = {
    id: "cmpWhiskers",
    afterDatasetsDraw: function (chart) {
      var ctx = chart.ctx, y = chart.scales.y;
      chart.data.datasets.forEach(function (ds, i) {
        var meta = chart.getDatasetMeta(i);
        if (meta.hidden) { return; }
        meta.data.forEach(function (bar, j) {
          var iv = ds.intervals && ds.intervals[j];
          ctx.save();
          if (iv && iv[0] !== null && iv[0] !== undefined) {
            var top = y.getPixelForValue(iv[1]), bottom = y.getPixelForValue(iv[0]);
            var half = Math.max(3, Math.min(10, bar.width / 4));
            ctx.strokeStyle = "#1f2933";
            ctx.lineWidth = 2;
            ctx.beginPath();
            ctx.moveTo(bar.x, top); ctx.lineTo(bar.x, bottom);
            ctx.moveTo(bar.x - half, top); ctx.lineTo(bar.x + half, top);
            ctx.moveTo(bar.x - half, bottom); ctx.lineTo(bar.x + half, bottom);
            ctx.stroke();
          }
          if (bar.width >= 14 && ds.data[j] !== null) {
            ctx.fillStyle = "#1f2933";
            ctx.font = "bold " + Math.min(16, Math.round(bar.width / 2)) + "px sans-serif";
            ctx.textAlign = "center";
            ctx.fillText(ds.code, bar.x, y.getPixelForValue(y.min) - 4);
          }
          ctx.restore();
        });
      });
    }
  };

  /* The chart data of one measure: rounds on x, one bar per treatment with its whisker. */
  function chartConfig(comparison, measure, options) {
    options = options || {};
    var percent = MEASURES[measure].percent;
    var k = percent ? 100 : 1;
    var blocks = (comparison.rounds || []).filter(function (b) { return b.round !== "all"; });
    var scale = function (v) { return v === null || v === undefined ? null : k * v; };
    var datasets = comparison.treatments.map(function (t, i) {
      var colour = COLOURS[i % COLOURS.length];
      return {
        label: treatmentName(t, options.narrow, "all", lastRound(comparison)), code: t.label,
        data: blocks.map(function (b) { var e = (b.treatments[t.label] || {})[measure]; return e ? scale(e.mean) : null; }),
        intervals: blocks.map(function (b) {
          var e = (b.treatments[t.label] || {})[measure];
          return e && e.low !== null ? [scale(e.low), scale(e.high)] : null;
        }),
        backgroundColor: colour + "B3", borderColor: colour, borderWidth: 2
      };
    });
    var y = percent ? { min: 0, max: 100, title: { display: true, text: MEASURES[measure].label + " (%)" } }
      : { beginAtZero: true, title: { display: true, text: MEASURES[measure].label } };
    return {
      type: "bar",
      data: { labels: blocks.map(function (b) { return String(b.round); }), datasets: datasets },
      options: {
        animation: false, maintainAspectRatio: false,
        plugins: { legend: { position: "bottom" }, tooltip: { callbacks: { afterLabel: function (item) {
          var iv = item.dataset.intervals[item.dataIndex];
          return iv ? F("90% interval: %(low)s to %(high)s", { low: PC.fmt(iv[0], 1), high: PC.fmt(iv[1], 1) })
            : T("too few provinces for an interval");
        } } } },
        scales: { x: { title: { display: true, text: T("Round") } }, y: y }
      },
      plugins: [whiskers]
    };
  }

  /* Draws (or redraws when its numbers changed) the chart of `measure` on `canvas`.
     `big`: type read from the back of a classroom (the projector). On a phone the legend
     names the treatments by label only (the table above names their rules). */
  function draw(canvas, comparison, measure, big) {
    if (!window.Chart || !canvas) { return null; }
    var narrow = !!(window.matchMedia && window.matchMedia("(max-width: 600px)").matches);
    var config = chartConfig(comparison, measure, { narrow: narrow });
    if (big && !narrow) {
      var size = 18;
      config.options.plugins.legend.labels = { font: { size: size } };
      config.options.scales.x.ticks = { font: { size: size } };
      config.options.scales.y.ticks = { font: { size: size } };
      config.options.scales.x.title.font = { size: size };
      config.options.scales.y.title.font = { size: size };
    }
    var key = JSON.stringify([narrow, config.data.labels, config.data.datasets.map(function (d) { return [d.label, d.data, d.intervals]; })]);
    if (canvas.cmpChart && canvas.cmpKey === key) { return canvas.cmpChart; }
    if (canvas.cmpChart) { canvas.cmpChart.destroy(); }
    canvas.cmpChart = new window.Chart(canvas, config);
    canvas.cmpKey = key;
    canvas.dataset.drawn = "true";
    return canvas.cmpChart;
  }

  /* The last scored round's number (what the live screens show next to "all rounds"). */
  function lastRound(comparison) {
    var rounds = (comparison.rounds || []).filter(function (b) { return b.round !== "all"; });
    return rounds.length ? rounds[rounds.length - 1].round : null;
  }

  window.PCCompare = { table: table, draw: draw, chartConfig: chartConfig, lastRound: lastRound,
                       treatmentName: treatmentName, measures: MEASURES };
})();
