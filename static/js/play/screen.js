/* The full redraw: which view the round's status calls for, the top bar, spoken phase changes. */
import { tick } from "./clock.js";
import { rendered } from "./hooks.js";
import { $, clear, cssEscape, t } from "./dom.js";
import { announce } from "./notices.js";
import { renderAfterLast, renderBetweenRounds, renderClosed, renderFinal, renderLobby, renderRulesChanged } from "./phases.js";
import { renderStandings } from "./ranking.js";
import { renderResults } from "./results.js";
import { hideForm, renderTeammateNotice, showForm } from "./sheet.js";
import { renderMe, renderProvince } from "./side.js";
import { S, myCity, round, rulesChangedThisRound, rulesName } from "./state.js";

export function showOnly(id) {
  ["view-loading", "view-noseat"].forEach(function (v) { $(v).hidden = v !== id; });
  if (id !== "form") { $("sheet-form").hidden = true; }
  if (id === null) {
    clear($("view-state")); clear($("view-results"));
    $("sheet-form").hidden = true;
    document.querySelector(".col-side").hidden = true;
    $("statusbar").querySelectorAll("#sb-round,#sb-rules,#sb-clock").forEach(function (n) { n.hidden = true; });
  }
}

export function render() {
  if (S.dead || !S.snap) { return; }
  var snap = S.snap;
  if (!snap.province) {
    showOnly("view-noseat");
    renderTopbar();
    rendered();
    return;
  }
  $("view-loading").hidden = true;
  $("view-noseat").hidden = true;
  renderTopbar();
  announcePhase();

  var r = round();
  var ended = snap.session && snap.session.status === "ended";
  if (!(r && r.status === "open" && !ended) && S.remote) { S.remote = null; renderTeammateNotice(); }
  var openKeys = Array.prototype.map.call(document.querySelectorAll("#main-col details[data-key][open]"), function (d) { return d.dataset.key; });
  var state = clear($("view-state"));
  var results = clear($("view-results"));

  if (ended) {
    hideForm();
    state.appendChild(renderFinal());
    if (snap.last_result) { results.appendChild(renderResults(snap.last_result, false)); }
  } else if (!r || r.status === "draft") {
    hideForm();
    if (rulesChangedThisRound()) { state.appendChild(renderRulesChanged(r)); }
    state.appendChild(snap.last_result ? renderBetweenRounds(r, rulesChangedThisRound()) : renderLobby(r));
    if (snap.last_result) { results.appendChild(renderResults(snap.last_result, false)); }
  } else if (r.status === "open") {
    if (rulesChangedThisRound()) { state.appendChild(renderRulesChanged(r)); }
    showForm();
    if (snap.last_result) { results.appendChild(renderResults(snap.last_result, true)); }
  } else if (r.status === "closed") {
    hideForm();
    state.appendChild(renderClosed(r));
    if (snap.last_result) { results.appendChild(renderResults(snap.last_result, true)); }
  } else {  // scored, and no next round yet
    hideForm();
    state.appendChild(renderAfterLast(r));
    if (snap.last_result) { results.appendChild(renderResults(snap.last_result, false)); }
  }
  openKeys.forEach(function (k) {
    var d = document.querySelector('#main-col details[data-key="' + cssEscape(k) + '"]');
    if (d) { d.open = true; }
  });
  renderMe();
  renderProvince();
  renderStandings();
  tick();
  rendered();
}

export function renderTopbar() {
  var snap = S.snap, r = round(), c = myCity();
  $("sb-city").textContent = c ? PC.name(c.name) : gettext("Province Contest");
  var total = snap.session ? snap.session.total_rounds : null;
  var rb = $("sb-round");
  if (r) {
    rb.hidden = false;
    rb.textContent = t(gettext("Round %(n)s/%(total)s"), { n: r.number, total: total });
  } else { rb.hidden = true; }
  var rules = $("sb-rules");
  if (r && r.rules) { rules.hidden = false; rules.textContent = rulesName(r.rules); rules.title = gettext("Rules in force"); }
  else { rules.hidden = true; }
  $("sb-clock").hidden = !(r && r.status === "open" && r.deadline);
  document.title = (c ? PC.name(c.name) + " · " : "") + gettext("Province Contest");
}

export function announcePhase() {
  var r = round();
  var ended = S.snap.session && S.snap.session.status === "ended";
  var phase = ended ? "ended" : (r ? r.number + ":" + r.status : "lobby");
  var first = S.phase === null;
  if (phase === S.phase) { return; }
  S.phase = phase;
  if (first) { return; }
  if (ended) { announce(gettext("The game has ended. Final standings are shown.")); return; }
  if (!r) { return; }
  if (r.status === "open") {
    announce(t(gettext("Round %(n)s is open. Time left: %(time)s."), { n: r.number, time: PC.clock(PC.secondsLeft(r.deadline, S.offsetMs)) }));
  } else if (r.status === "closed") {
    announce(t(gettext("Round %(n)s is closed. Scoring…"), { n: r.number }));
  } else if (S.snap.last_result) {
    announce(t(gettext("The results of round %(n)s are in."), { n: S.snap.last_result.round }));
  }
}
