/* The page state (last snapshot, rules seen per round, own points) and read helpers over it. */
export var playData = {};
try { playData = JSON.parse(document.getElementById("play-data").textContent) || {}; } catch (e) { playData = {}; }
export var PROJECTS = playData.projects || {};
export var S = {
  snap: null,
  offsetMs: 0,
  phase: null,            // "n:status" of the round last drawn, for announcements
  formKey: null,          // which round's form is built
  baseline: null,         // {data, version} the form was last loaded from / saved as
  saving: null,           // {requestId, data, timer}
  remote: null,           // a teammate's newer sheet waiting to be loaded
  dead: false,            // removed or refused: stop drawing the game
  rulesByRound: {},       // round number -> rules seen (from play data and snapshots)
  myPoints: {},           // round number -> {points, rank}
  seq: 0,
  builtAt: 0              // stamp of the newest view drawn (PC.outOfOrder)
};
(playData.rounds || []).forEach(function (r) {
  S.rulesByRound[r.number] = { version: r.version, preset: r.preset, params: r.params, status: r.status };
});
(playData.points || []).forEach(function (p) { S.myPoints[p.round] = { points: p.points, rank: p.rank, city: p.city }; });
export function cities() { return (S.snap && S.snap.cities) || []; }
export function cityById(id) { return cities().filter(function (c) { return c.city === id; })[0] || null; }
export function cityName(id) {
  var c = cityById(id);
  return c ? PC.name(c.name) : (id || "");
}
export function me() { return (S.snap && S.snap.me) || {}; }
export function myCity() { return cityById(me().city); }
export function round() { return S.snap && S.snap.round; }
export function projectName(id) {
  var p = PROJECTS[id];
  if (p) { return PC.name(p.name); }
  var offer = S.snap && S.snap.offer;
  var all = offer ? (offer.industrial || []).concat(offer.joint || []) : [];
  var q = all.filter(function (x) { return x.id === id; })[0];
  return q ? PC.name({ zh: q.name_zh, en: q.name_en }) : id;
}
export function rulesName(rules) {
  if (!rules) { return ""; }
  return rules.name ? PC.name(rules.name) : gettext("Custom rules");
}

/* The rules a scored round was played under: the current round's when it is that round,
   else what this page saw or was given (page data) for that round number. */
export function rulesOfRound(n) {
  var r = round();
  if (r && r.number === n && r.rules) { return r.rules.params; }
  var seen = S.rulesByRound[n];
  return seen ? seen.params : null;
}

/* Whether the current round's rules really differ from the previous round's: a rules
   version can be reused by several rounds, and then its `changes` are old news. */
export function rulesChangedThisRound() {
  var r = round();
  if (!r || !r.rules || !r.rules.changes || !r.rules.changes.length || r.number <= 1) { return false; }
  var prev = S.rulesByRound[r.number - 1];
  if (prev && prev.version === r.rules.version) { return false; }
  return true;
}
export function setServerTime(iso) {
  var server = Date.parse(iso || "");
  if (!isNaN(server)) { S.offsetMs = server - Date.now(); }
}

export function rememberRound() {
  var r = round();
  if (r && r.rules && r.status !== "draft") {
    S.rulesByRound[r.number] = { version: r.rules.version, preset: r.rules.preset, params: r.rules.params, status: r.status };
  } else if (r && r.rules && !S.rulesByRound[r.number]) {
    S.rulesByRound[r.number] = { version: r.rules.version, preset: r.rules.preset, params: r.rules.params, status: r.status };
  }
  var lr = S.snap && S.snap.last_result;
  var mine = lr && (lr.cities || []).filter(function (c) { return c.city_id === me().city; })[0];
  if (mine) { S.myPoints[lr.round] = { points: roundPoints(mine), rank: mine.rank, city: mine.city_id }; }
}
export function roundPoints(c) {
  var p = c.points || {};
  return (p.rank_prize || 0) + (p.collaboration_reward || 0) - (p.breach_penalty || 0) - (p.task_penalty || 0) - (p.audit_penalty || 0);
}
