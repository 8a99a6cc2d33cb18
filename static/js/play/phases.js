/* The views between sheets: lobby, waiting for the next round, closed, all played, final standings, rules changed. */
import { badge, clockTime, fact, fmt, h, srOnly, t } from "./dom.js";
import { PARAMS, paramValue } from "./labels.js";
import { standingsTable } from "./ranking.js";
import { S, cityName, me, myCity, rulesName } from "./state.js";

/* ----- lobby, between rounds, closed, final */
export function teamLine(c) {
  var players = (c && c.players) || [];
  if (!players.length) { return gettext("nobody yet"); }
  var ids = (c && c.player_ids) || [];
  return PC.list(players.map(function (p, i) { return ids[i] === me().participant ? t(gettext("%(name)s (you)"), { name: PC.isolate(p) }) : PC.isolate(p); }));
}

export function rulesSummary(rules) {
  if (!rules) { return null; }
  return h("div", { class: "small" }, [
    h("p", {}, [h("strong", { text: t(gettext("Rules: %(name)s"), { name: rulesName(rules) }) })]),
    rules.summary ? h("p", { text: PC.name(rules.summary) }) : null
  ]);
}

export function renderLobby(r) {
  var c = myCity(), prov = S.snap.province;
  var neighbours = PC.list((c && c.neighbours || []).map(cityName));
  return h("section", { class: "card", "aria-labelledby": "lobby-title" }, [
    h("div", { class: "hero" }, [
      h("p", { class: "big", id: "lobby-title", text: gettext("Waiting for the instructor to start the game") }),
      h("p", { class: "muted", text: gettext("Keep this page open: the first round appears here by itself.") })
    ]),
    h("dl", { class: "facts" }, [
      fact(gettext("Province"), t(gettext("No. %(n)s"), { n: prov.number })),
      fact(gettext("Your city"), c ? PC.name(c.name) : "–"),
      fact(gettext("Your team"), teamLine(c)),
      fact(gettext("Neighbours"), neighbours || "–"),
      fact(gettext("GDP"), c ? fmt(c.gdp) : "–"),
      fact(gettext("Budget"), c ? fmt(c.budget, 0) : "–")
    ]),
    r && r.rules ? rulesSummary(r.rules) : null
  ]);
}

export function renderBetweenRounds(r, changeShown) {
  return h("section", { class: "card", "aria-labelledby": "between-title" }, [
    h("h2", { id: "between-title", text: r ? t(gettext("Waiting for round %(n)s"), { n: r.number }) : gettext("Waiting for the next round") }),
    h("p", { class: "muted", text: gettext("The instructor opens the next round. Meanwhile, read below why your score changed.") }),
    r && r.rules && !changeShown ? rulesSummary(r.rules) : null
  ]);
}

export function renderClosed(r) {
  var sheet = me().sheet && me().sheet.round === r.number ? me().sheet : null;
  return h("section", { class: "card hero", "aria-labelledby": "closed-title" }, [
    h("p", { class: "big", id: "closed-title", text: t(gettext("Round %(n)s closed: scoring…"), { n: r.number }) }),
    h("p", { class: "muted", text: gettext("The province is scoring the round. Results appear here in a moment.") }),
    h("p", {}, [sheet
      ? badge(t(gettext("✓ Your sheet counted (saved %(time)s by %(name)s)"), { time: clockTime(sheet.saved_at), name: sheet.saved_by ? PC.isolate(sheet.saved_by) : "–" }), "ok")
      : badge(gettext("– You saved no sheet: your whole budget is invested locally"), "warn")])
  ]);
}

export function renderAfterLast(r) {
  return h("section", { class: "card hero" }, [
    h("p", { class: "big", text: gettext("All rounds are played") }),
    h("p", { class: "muted", text: gettext("Waiting for the instructor to end the game.") })
  ]);
}

export function renderFinal() {
  var st = S.snap.standings || [];
  var mine = st.filter(function (s) { return s.city === me().city; })[0];
  var r = S.snap.round;
  // Ended during a round: that round is closed and scored with the sheets saved so far;
  // until its result arrives the standings are the previous round's, and say so.
  var scoring = r && (r.status === "closed" || r.status === "open");
  return h("section", { class: "card", "aria-labelledby": "final-title" }, [
    h("h2", { id: "final-title", text: gettext("The game has ended: final standings") }),
    scoring ? h("p", { class: "alert alert-info", role: "status", text: t(gettext("The instructor ended the game during round %(n)s. It is being scored with the sheets saved so far; the standings below are updated in a moment."), { n: r.number }) }) : null,
    mine ? h("p", { class: "big", text: finalLine(st, mine) }) : null,
    standingsTable(st, gettext("Final standings")),
    h("p", { class: "muted small", text: gettext("Thank you for playing. Your instructor will now lead the debrief.") })
  ]);
}

/* A tie says so, and with whom: "finished in place 1" hid that two cities share it. */
function finalLine(st, mine) {
  var level = st.filter(function (s) { return s.place === mine.place && s.city !== mine.city; });
  var values = { city: cityName(mine.city), place: mine.place, count: st.length, points: fmt(mine.points, 2),
                 others: PC.list(level.map(function (s) { return cityName(s.city); })) };
  if (level.length) {
    return t(gettext("%(city)s finished tied for place %(place)s of %(count)s with %(points)s points, level with %(others)s."), values);
  }
  return t(gettext("%(city)s finished in place %(place)s of %(count)s with %(points)s points."), values);
}

export function renderRulesChanged(r) {
  var changes = r.rules.changes || [];
  return h("section", { class: "alert alert-warning", "aria-labelledby": "rules-changed-title" }, [
    h("p", { class: "alert-title", id: "rules-changed-title",
      text: r.status === "draft" ? t(gettext("The rules change for round %(n)s"), { n: r.number }) : gettext("The rules changed for this round") }),
    h("p", {}, [h("strong", { text: rulesName(r.rules) })]),
    r.rules.summary ? h("p", { text: PC.name(r.rules.summary) }) : null,
    h("details", { "data-key": "changes-" + r.number }, [
      h("summary", { text: t(gettext("What changed (%(count)s)"), { count: changes.length }) }),
      h("ul", {}, changes.map(function (ch) {
        return h("li", {}, [
          h("span", { text: (PARAMS[ch.param] || ch.param) + ": " }),
          h("span", { text: paramValue(ch.param, ch.old) }),
          h("span", { "aria-hidden": "true", text: " → " }),
          srOnly(" " + gettext("becomes") + " "),
          h("strong", { text: paramValue(ch.param, ch.new) })
        ]);
      }))
    ])
  ]);
}
