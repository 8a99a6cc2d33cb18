/* The student's live screen: the socket and the core messages (snapshot, province, round,
   submitted, sheet, saved, error, removed). Everything is drawn from the server's snapshot
   and the small messages that follow it; no game rule is computed on the page: it only
   shows numbers the server sent and adds up shown numbers (the budget left, a points
   waterfall). Parts of the page (play/*.js) plug in through hooks.js. */
import { $ } from "./dom.js";
import { announce, notice } from "./notices.js";
import { render, showOnly } from "./screen.js";
import { clearFieldErrors, onSaved, onSheet, showProblems, syncFormWithServer, updateSaveUi } from "./sheet.js";
import { renderProvince } from "./side.js";
import { S, cities, me, rememberRound, round, setServerTime } from "./state.js";
import { dispatch, useSocket } from "./hooks.js";
// The parts of the page that plug in through hooks.js (each registers itself when imported).
import "./clock.js";
import "./rejoin.js";
import "./agreements.js";
import "./chat.js";
import "./announcements.js";
import "./presence.js";
import "./history.js";

var root = document.getElementById("play");

/* ------------------------------------------------------------------ socket */
var sock = new LiveSocket(root.dataset.ws, onMessage);
useSocket(sock);

export function onMessage(msg) {
  if (S.dead) { return; }
  var builtAt = msg.type === "round" ? msg.server_time
    : (msg.type === "snapshot" || msg.type === "province") && msg.session ? msg.session.server_time : null;
  if (PC.outOfOrder(S, builtAt)) { return; }
  switch (msg.type) {
    case "snapshot": onSnapshot(msg); break;
    case "province": onProvince(msg); break;
    case "round": onRound(msg); break;
    case "submitted": onSubmitted(msg); break;
    case "sheet": onSheet(msg); break;
    case "saved": onSaved(msg); break;
    case "error": onError(msg); break;
    case "private_outcome": onPrivateOutcome(msg); break;
    case "removed": onRemoved(); break;
    case "forbidden": onForbidden(); break;
    default: break;  // pong, reconnect, or a type only a part handles
  }
  if (!S.dead) { dispatch(msg); }
}


function onSnapshot(msg) {
  S.snap = msg;
  setServerTime(msg.session && msg.session.server_time);
  rememberRound();
  render();
  syncFormWithServer(me().sheet, true);
}

/* The seat's own report of the round just scored, which the public ranking withholds
   under self-reporting (docs/rules.md, "What is published"). */
function onPrivateOutcome(msg) {
  if (!S.snap || !S.snap.me) { return; }  // the next snapshot carries it
  S.snap.me.private = msg;
  render();
}

function onProvince(msg) {
  if (!S.snap) { sock.send({ type: "snapshot" }); return; }
  var keep = S.snap.me;
  var next = {};
  Object.keys(msg).forEach(function (k) { if (k !== "type") { next[k] = msg[k]; } });
  next.me = keep;
  next.type = "snapshot";
  PC.keepSubmitted(S.snap.round, S.snap.cities, next.round, next.cities);
  S.snap = next;
  setServerTime(msg.session && msg.session.server_time);
  rememberRound();
  render();
}

/* A round closed or its deadline moved: only the round changed. */
function onRound(msg) {
  if (!S.snap) { sock.send({ type: "snapshot" }); return; }
  var r = round();
  if (!msg.round || (r && msg.round.number !== r.number)) { sock.send({ type: "snapshot" }); return; }
  S.snap.round = msg.round;
  setServerTime(msg.server_time);
  rememberRound();
  render();
}

function onSubmitted(msg) {
  if (!S.snap) { return; }
  var r = round();
  if (r && msg.round !== r.number) { return; }
  var seats = msg.seats || [];  // every seat of the province that saved since the last notice
  cities().forEach(function (c) { if (seats.indexOf(c.seat) >= 0) { c.submitted = true; } });
  renderProvince();
}


function onError(msg) {
  if (S.saving && msg.request_id === S.saving.requestId) {
    window.clearTimeout(S.saving.timer);
    S.saving = null;
    clearFieldErrors();
    if (msg.code === "invalid_sheet" && msg.params && msg.params.problems) {
      showProblems(msg.params.problems);
    } else {
      $("err-sheet").textContent = msg.message || gettext("The sheet was not saved.");
      // Refused because the game was paused: stale once play resumes (sheet.js clearPausedError).
      if (msg.code === "paused") {
        $("err-sheet").dataset.paused = "1";
        // Nothing is wrong with the sheet: "fix them" would send the student hunting for a mistake.
        updateSaveUi(gettext("The game is paused: not saved yet. Your entries are still here; you can save them when the game resumes."));
        return;
      }
    }
    updateSaveUi(gettext("Not saved. Your entries are still here: fix them and save again."));
    return;
  }
  // An answer to a part's request (chat, …) is that part's to show (hooks.js).
  if (msg.request_id !== null && msg.request_id !== undefined) { return; }
  notice("error", gettext("Something went wrong"), msg.message || msg.code, "server-error");
}

function onRemoved() {
  stopSocket();
  S.dead = true;
  showOnly(null);
  notice("error", gettext("You were removed from this game"),
    gettext("The instructor removed you from this game. Ask them if this is a mistake; you can join again with the game code."),
    "dead", { href: root.dataset.joinUrl, text: gettext("Join again") });
  announce(gettext("You were removed from this game."));
}

function onForbidden() {
  S.dead = true;
  document.body.classList.add("is-dead");
  showOnly(null);
  notice("error", gettext("This browser is not seated in this game"),
    gettext("Your place in this game could not be found (you may have been removed, or joined from another browser). Join again with the game code, or open your personal link."),
    "dead", { href: root.dataset.joinUrl, text: gettext("Go to the join page") });
}

function stopSocket() {
  document.body.classList.add("is-dead");
  sock.closedForGood = true;
  var ws = sock.ws;
  sock.ws = null;  // the socket ignores the close of a socket it no longer holds
  sock.setState("closed");
  if (ws) { try { ws.close(); } catch (e) { /* already closed */ } }
}
/* For tests and debugging in the browser console. */
window.PCPlay = { state: S, receive: onMessage };
