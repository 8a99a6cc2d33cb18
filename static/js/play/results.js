/* After scoring: why my score changed (indicators, points waterfall, GDP and money, each project). */
import { badge, fmt, h, pct, signed, t, table, td, th } from "./dom.js";
import { INDICATORS } from "./labels.js";
import { PROJECTS, S, cityName, me, projectName, roundPoints, rulesOfRound } from "./state.js";

/* ----- results: why my score changed */

export function indicatorValue(key, c) {
  var v = (c.indicators || {})[key];
  if (key === "ecology" || key === "public_service") { return fmt(v, 2); }
  return pct(v, 1);
}

export function renderResults(lr, collapsed) {
  var mine = (lr.cities || []).filter(function (c) { return c.city_id === me().city; })[0];
  var wrap = h(collapsed ? "details" : "section", { class: "card results", "data-key": collapsed ? "results-" + lr.round : null, "aria-labelledby": collapsed ? null : "results-title" });
  var title = t(gettext("Round %(n)s results: why your score changed"), { n: lr.round });
  wrap.appendChild(collapsed ? h("summary", { text: title }) : h("h2", { id: "results-title", text: title }));
  if (!mine) {
    wrap.appendChild(h("p", { class: "muted", text: gettext("Your city has no result for this round.") }));
    wrap.appendChild(projectsOutcome(lr));
    return wrap;
  }
  // Under self-reporting the public row withholds this city's report; its own seat has it.
  var own = me().private;
  if (own && own.round === lr.round) {
    mine = Object.assign({}, mine, { indicators: Object.assign({}, mine.indicators, { collaboration: own.collaboration }),
                                     inflation_pct: own.inflation_pct, audited: own.audited || mine.audited });
  }
  var withheld = mine.composite === null || mine.composite === undefined;
  var params = rulesOfRound(lr.round);
  var weights = params && params.weights;
  var total = roundPoints(mine);
  var st = (S.snap.standings || []).filter(function (s) { return s.city === mine.city_id; })[0];
  var count = (lr.cities || []).length;

  wrap.appendChild(h("p", { class: "big" }, [
    t(gettext("You ranked %(rank)s of %(count)s and earned %(points)s points this round."), { rank: mine.rank, count: count, points: signed(total) })
  ]));

  // 1. indicators × weights → composite
  var rows = INDICATORS.map(function (pair) {
    var key = pair[0], norm = (mine.normalised || {})[key];
    var w = weights ? weights[key] : null;
    return h("tr", {}, [
      th(pair[1]),
      td(indicatorValue(key, mine), "num"),
      td(fmt(norm, 3), "num"),
      weights ? td(fmt(w, 3), "num") : null,
      weights ? td(norm === null || norm === undefined ? "–" : fmt(norm * w, 3), "num") : null
    ]);
  });
  rows.push(h("tr", { class: "total" }, weights
    ? [th(gettext("Composite score")), td(""), td(""), td(""), td(fmt(mine.composite, 3), "num")]
    : [th(gettext("Composite score")), td(""), td(fmt(mine.composite, 3), "num")]));
  var headers = [gettext("Indicator"), { text: gettext("Value"), num: true }, { text: gettext("Scaled 0–1"), num: true }];
  if (weights) { headers.push({ text: gettext("× weight"), num: true }, { text: gettext("= score"), num: true }); }
  wrap.appendChild(h("h3", { text: gettext("1. Indicators and the composite score") }));
  wrap.appendChild(h("p", { class: "small muted", text: gettext("Each indicator is scaled within the province: the best city gets 1, the lowest 0 (all equal: 0.5). The weights of the rules turn them into one composite score, which sets your rank.") }));
  wrap.appendChild(table(gettext("Indicators"), headers, rows, { captionHidden: true }));
  if (!weights) { wrap.appendChild(h("p", { class: "small muted", text: gettext("The weights of that round's rules are not available here.") })); }
  if (withheld) { wrap.appendChild(h("p", { class: "small muted", text: gettext("Cities report their own collaboration under these rules, so the scaled collaboration and the composite score are not published: they would let anyone work out how much other cities inflated their reports. Your rank is computed from them.") })); }
  if (mine.audited || mine.inflation_pct) {
    var auditText;
    if (mine.caught) { auditText = t(gettext("Your collaboration report (inflated by %(pct)s) was audited and caught: collaboration counts 0 and a penalty applies."), { pct: mine.inflation_pct + " %" }); }
    else if (mine.audited) { auditText = gettext("Your collaboration report was audited and found accurate."); }
    else { auditText = t(gettext("You inflated your collaboration report by %(pct)s and were not audited."), { pct: mine.inflation_pct + " %" }); }
    wrap.appendChild(h("p", { class: "warning-line" }, [h("span", { "aria-hidden": "true", text: "⚠" }), h("span", { text: auditText })]));
  }

  // 2. points waterfall
  var p = mine.points || {};
  var before = st ? st.points - total : null;
  var wf = [];
  if (before !== null) { wf.push(h("tr", { class: "sub" }, [th(gettext("Points before this round")), td(fmt(before, 2), "num")])); }
  wf.push(h("tr", {}, [th(t(gettext("Rank prize (rank %(rank)s)"), { rank: mine.rank })), td(signed(p.rank_prize), "num")]));
  wf.push(h("tr", {}, [th(gettext("Collaboration reward")), td(signed(p.collaboration_reward), "num")]));
  wf.push(h("tr", {}, [th(gettext("Breach penalty (broken binding agreement)")), td(signed(-(p.breach_penalty || 0)), "num")]));
  wf.push(h("tr", {}, [th(gettext("Missed assigned task")), td(signed(-(p.task_penalty || 0)), "num")]));
  wf.push(h("tr", {}, [th(gettext("Audit penalty")), td(signed(-(p.audit_penalty || 0)), "num")]));
  wf.push(h("tr", { class: "total" }, [th(gettext("Points this round")), td(signed(total), "num")]));
  if (st) {
    var moveText = st.previous_place ? t(gettext("place %(old)s → %(new)s"), { old: st.previous_place, new: st.place }) : t(gettext("place %(new)s"), { new: st.place });
    wf.push(h("tr", { class: "total" }, [th(t(gettext("Total points now (%(move)s)"), { move: moveText })), td(fmt(st.points, 2), "num")]));
  }
  wrap.appendChild(h("h3", { text: gettext("2. Promotion points") }));
  wrap.appendChild(table(gettext("Promotion points"), [gettext("Item"), { text: gettext("Points"), num: true }], wf, { captionHidden: true, cls: "waterfall" }));

  // 3. where GDP and money came from
  var g = mine.gdp_gain || {};
  var gain = (g.projects || 0) + (g.spillover || 0) + (g.output || 0) + (g.local || 0) + (g.delayed || 0);
  wrap.appendChild(h("details", { "data-key": "gdp-" + lr.round }, [
    h("summary", { text: gettext("3. Where your GDP growth and money came from") }),
    table(gettext("GDP gain"), [gettext("Source"), { text: gettext("GDP"), num: true }], [
      h("tr", {}, [th(gettext("Industrial projects won")), td(fmt(g.projects, 2), "num")]),
      h("tr", {}, [th(gettext("Spillover of completed joint projects")), td(fmt(g.spillover, 2), "num")]),
      h("tr", {}, [th(gettext("Your share of joint-project output")), td(fmt(g.output, 2), "num")]),
      h("tr", {}, [th(gettext("Delayed payouts arriving")), td(fmt(g.delayed, 2), "num")]),
      h("tr", {}, [th(t(gettext("Local investment (%(units)s units)"), { units: fmt(mine.local_investment, 0) })), td(fmt(g.local, 2), "num")]),
      h("tr", { class: "total" }, [th(gettext("GDP gain")), td(fmt(gain, 2), "num")]),
      h("tr", { class: "sub" }, [th(t(gettext("÷ GDP at the start of the round (%(gdp)s) = growth"), { gdp: fmt(mine.gdp_start, 1) })), td(pct((mine.indicators || {}).gdp_growth, 1), "num")])
    ]),
    table(gettext("Money"), [gettext("Item"), { text: gettext("Units"), num: true }], [
      h("tr", {}, [th(gettext("Budget")), td(fmt(mine.budget, 0), "num")]),
      h("tr", {}, [th(gettext("Bids paid")), td(signed(-(mine.bids_paid || 0)), "num")]),
      h("tr", {}, [th(gettext("Contributions to joint projects")), td(signed(-(mine.contributions_spent || 0)), "num")]),
      h("tr", {}, [th(gettext("Refunds")), td(signed(mine.refunds), "num")]),
      h("tr", {}, [th(gettext("Compensation paid")), td(signed(-(mine.compensation_paid || 0)), "num")]),
      h("tr", { class: "total" }, [th(gettext("Invested locally")), td(fmt(mine.local_investment, 2), "num")]),
      h("tr", {}, [th(gettext("Fiscal yield received")), td(signed(mine.fiscal_yield), "num")]),
      h("tr", {}, [th(gettext("Tax shares received")), td(signed(mine.tax_shares), "num")]),
      h("tr", {}, [th(gettext("Compensation received")), td(signed(mine.compensation_received), "num")])
    ])
  ]));

  // 4. what happened to each project
  wrap.appendChild(projectsOutcome(lr, params));
  return wrap;
}

export function projectsOutcome(lr, params) {
  var box = h("div", {});
  box.appendChild(h("h3", { text: gettext("4. What happened to each project") }));
  var reveal = params ? params.reveal_losing_bids : null;
  var ind = (lr.industrial || []).map(function (p) {
    var bids = Object.keys(p.bids || {}).sort(function (a, b) { return p.bids[b] - p.bids[a]; })
      .map(function (c) { return cityName(c) + " " + fmt(p.bids[c], 0); });
    bids = PC.list(bids);
    var notes = [];
    if (p.tied && p.tied.length > 1) { notes.push(t(gettext("Tie between %(cities)s, broken by a draw."), { cities: PC.list(p.tied.map(cityName)) })); }
    if (p.duplicate) { notes.push(gettext("Duplicate sector: the winner's GDP value was reduced.")); }
    return h("li", { class: p.winner === me().city ? "is-me" : null }, [
      h("div", { class: "city-row" }, [
        h("strong", { text: projectName(p.project_id) }),
        p.winner ? badge(t(gettext("won by %(city)s for %(bid)s"), { city: cityName(p.winner), bid: fmt(p.winning_bid, 0) }), p.winner === me().city ? "ok" : "info")
                 : badge(gettext("not awarded: no bid reached the reserve"), "muted")
      ]),
      bids ? h("div", { class: "small", text: t(gettext("Bids: %(bids)s"), { bids: bids }) }) : null,
      notes.length ? h("div", { class: "small muted", text: notes.join(" ") }) : null
    ]);
  });
  if (ind.length) {
    box.appendChild(h("h4", { text: gettext("Industrial projects") }));
    box.appendChild(h("ul", { class: "list-plain outcomes" }, ind));
    if (reveal === false) { box.appendChild(h("p", { class: "small muted", text: gettext("Under these rules losing bids stay secret: only winning bids are shown.") })); }
  }
  var joint = (lr.joint || []).map(function (j) {
    var info = PROJECTS[j.project_id] || {};
    var paid = PC.list(Object.keys(j.contributions || {}).map(function (c) { return cityName(c) + " " + fmt(j.contributions[c], 0); }));
    var notes = [];
    if (!j.completed) { notes.push(j.refunded ? gettext("Contributions were refunded.") : gettext("Contributions were lost.")); }
    if (j.completed && j.pays_in_round && j.pays_in_round !== lr.round) { notes.push(t(gettext("Pays out in round %(n)s."), { n: j.pays_in_round })); }
    if (j.completed && !j.pays_in_round) { notes.push(gettext("Pays out after the game ends: nobody gets its benefits.")); }
    var back = Object.keys(j.returned_above_threshold || {}).reduce(function (sum, c) { return sum + j.returned_above_threshold[c]; }, 0);
    if (back > 0) { notes.push(t(gettext("%(n)s paid above the threshold went back to those above their fair share."), { n: fmt(back, 0) })); }
    var amount = info.threshold !== undefined
      ? t(gettext("Paid in %(paid)s of the %(threshold)s needed."), { paid: fmt(j.total_contributed, 0), threshold: fmt(info.threshold, 0) })
      : t(gettext("Paid in %(paid)s."), { paid: fmt(j.total_contributed, 0) });
    var member = (j.contributions || {})[me().city] !== undefined;
    return h("li", { class: member ? "is-me" : null }, [
      h("div", { class: "city-row" }, [
        h("strong", { text: projectName(j.project_id) }),
        j.completed ? badge(gettext("✓ completed"), "ok") : badge(gettext("✗ not completed"), "danger")
      ]),
      h("div", { class: "small", text: amount }),
      paid ? h("div", { class: "small", text: t(gettext("Who paid what: %(list)s"), { list: paid }) }) : null,
      notes.length ? h("div", { class: "small muted", text: notes.join(" ") }) : null
    ]);
  });
  if (joint.length) {
    box.appendChild(h("h4", { text: gettext("Joint projects") }));
    box.appendChild(h("ul", { class: "list-plain outcomes" }, joint));
  }
  var totals = lr.totals;
  if (totals) {
    box.appendChild(h("p", { class: "small" }, [t(gettext("Province: %(done)s of %(offered)s joint projects completed; GDP gain %(gain)s; bid spending %(spend)s, of which %(waste)s bought nothing."),
      { done: totals.joint_completed, offered: totals.joint_offered, gain: fmt(totals.gdp_gain, 1), spend: fmt(totals.bid_spending, 0), waste: fmt(totals.bid_waste, 0) })]));
  }
  return box;
}
