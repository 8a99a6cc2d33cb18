/* Side cards: your city (stats, points per round) and the province (who has submitted). */
import { $, badge, clear, fmt, h, signed, stat, t, table, td, th } from "./dom.js";
import { teamLine } from "./phases.js";
import { S, cities, me, myCity, round } from "./state.js";

/* ----- side cards */
export function renderMe() {
  var body = clear($("card-me-body"));
  var c = myCity();
  if (!c) { return; }
  var st = (S.snap.standings || []).filter(function (s) { return s.city === c.city; })[0];
  $("card-me-title").textContent = PC.name(c.name);
  body.appendChild(h("p", { class: "small" }, [
    h("strong", { text: gettext("Team:") + " " }), teamLine(c), " · ",
    t(gettext("Province %(n)s"), { n: S.snap.province.number })
  ]));
  body.appendChild(h("dl", { class: "stats" }, [
    stat(gettext("GDP"), fmt(c.gdp)),
    stat(gettext("Budget this round"), fmt(c.budget, 0)),
    stat(gettext("Total points"), st ? fmt(st.points, 2) : "0"),
    stat(gettext("Place"), st ? t(gettext("%(place)s of %(count)s"), { place: PC.place(S.snap.standings, st), count: S.snap.standings.length }) : "–"),
    stat(gettext("Last round's rank"), st && st.last_rank ? String(st.last_rank) : "–")
  ]));
  // points per round: from the standings when the payload carries them, else what the page knows
  var rows = [];
  var hist = {};
  (S.snap.history || []).forEach(function (x) { hist[x.round] = x; });
  var perRound = {};
  if (st && st.rounds) { st.rounds.forEach(function (x) { perRound[x.round] = x; }); }
  else { Object.keys(S.myPoints).forEach(function (k) { if (S.myPoints[k].city === c.city) { perRound[k] = S.myPoints[k]; } }); }
  var numbers = Object.keys(perRound).concat(Object.keys(hist)).map(Number)
    .filter(function (v, i, a) { return a.indexOf(v) === i; }).sort(function (a, b) { return a - b; });
  numbers.forEach(function (n) {
    var p = perRound[n], pv = hist[n];
    rows.push(h("tr", {}, [
      th(String(n)),
      td(p ? signed(p.points) : "–", "num"),
      td(p ? String(p.rank) : "–", "num"),
      td(pv ? t(gettext("%(done)s/%(offered)s"), { done: pv.joint_completed, offered: pv.joint_offered }) : "–", "num")
    ]));
  });
  if (rows.length) {
    body.appendChild(table(gettext("Your points per round"), [
      gettext("Round"), { text: gettext("Points"), num: true }, { text: gettext("Rank"), num: true },
      { text: gettext("Joint projects completed (province)"), num: true }
    ], rows));
  } else {
    body.appendChild(h("p", { class: "muted small", text: gettext("No round has been scored yet.") }));
  }
}

export function renderProvince() {
  if (!S.snap || !S.snap.province) { return; }
  var r = round();
  var inRound = r && (r.status === "open" || r.status === "closed");
  var list = cities();
  $("card-province-title").textContent = t(gettext("Province %(n)s"), { n: S.snap.province.number });
  var done = list.filter(function (c) { return c.submitted; }).length;
  $("card-province-count").textContent = inRound ? t(gettext("%(done)s/%(total)s submitted"), { done: done, total: list.length }) : "";
  var body = clear($("card-province-body"));
  body.appendChild(h("ul", { class: "list-plain" }, list.map(function (c) {
    var isMe = c.city === me().city;
    var who = c.bot ? [badge(gettext("bot"), "muted")] : [h("span", { class: "small muted" }, (c.players || []).length ? PC.nameList(c.players) : [gettext("empty seat")])];
    var status = null;
    if (inRound) {
      status = c.submitted ? badge(gettext("✓ submitted"), "ok") : badge(gettext("– not yet"), "muted");
    }
    return h("li", { class: isMe ? "is-me" : null }, [
      h("div", { class: "city-row" }, [
        h("span", { class: "who" }, [h("strong", { text: PC.name(c.name) }), isMe ? h("span", { class: "small", text: " " + gettext("(you)") }) : null, " "].concat(who)),
        status
      ])
    ]);
  })));
}
