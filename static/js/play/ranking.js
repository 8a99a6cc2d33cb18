/* The province ranking table and its moves. */
import { $, clear, fmt, h, signed, srOnly, t, table, td, th } from "./dom.js";
import { S, cityName, me, roundPoints } from "./state.js";

export function moveCell(s) {
  if (s.previous_place === null || s.previous_place === undefined) {
    return [h("span", { class: "move same", "aria-hidden": "true", text: "·" }), srOnly(gettext("no earlier place"))];
  }
  var d = s.previous_place - s.place;
  if (d > 0) { return [h("span", { class: "move up", "aria-hidden": "true", text: "▲ " + d }), srOnly(t(ngettext("up %(n)s place", "up %(n)s places", d), { n: d }))]; }
  if (d < 0) { return [h("span", { class: "move down", "aria-hidden": "true", text: "▼ " + (-d) }), srOnly(t(ngettext("down %(n)s place", "down %(n)s places", -d), { n: -d }))]; }
  return [h("span", { class: "move same", "aria-hidden": "true", text: "=" }), srOnly(gettext("same place"))];
}

export function standingsTable(st, caption) {
  var lr = S.snap.last_result, last = {};
  if (lr) { (lr.cities || []).forEach(function (c) { last[c.city_id] = roundPoints(c); }); }
  return table(caption, [
    { text: gettext("Place"), num: true }, gettext("City"), { text: gettext("Points"), num: true }, gettext("Move")
  ], st.map(function (s) {
    var isMe = s.city === me().city;
    return h("tr", { class: isMe ? "is-me" : null }, [
      td(PC.place(st, s), "num"),
      th([cityName(s.city), isMe ? h("span", { class: "small", text: " " + gettext("(you)") }) : null]),
      td([fmt(s.points, 2), last[s.city] !== undefined ? h("span", { class: "small muted", text: " (" + signed(last[s.city]) + ")" }) : null], "num"),
      td(moveCell(s))
    ]);
  }));
}

export function renderStandings() {
  var body = clear($("card-standings-body"));
  var st = S.snap.standings || [];
  if (!st.length) {
    body.appendChild(h("p", { class: "muted small", text: gettext("No round has been scored yet. The ranking appears after the first round.") }));
    return;
  }
  body.appendChild(standingsTable(st, gettext("Cumulative promotion points (last round's points in brackets)")));
}
