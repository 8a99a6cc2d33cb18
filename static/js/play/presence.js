/* Presence: the heartbeat says whether this page is idle (hidden, or untouched for two
   minutes), so the instructor sees who is really here. It also keeps idle sockets alive
   through proxies that drop quiet connections. A change of state is sent at once; nothing
   else is sent between heartbeats. */
import { send } from "./hooks.js";

var IDLE_AFTER_MS = 120000, BEAT_MS = 25000;
var lastInput = Date.now(), lastSent = null;

function idle() { return document.hidden || Date.now() - lastInput > IDLE_AFTER_MS; }

function beat(onlyIfChanged) {
  var now = idle();
  if (onlyIfChanged && now === lastSent) { return; }
  lastSent = now;
  send({ type: "ping", idle: now });
}

["pointerdown", "keydown", "input", "scroll"].forEach(function (kind) {
  window.addEventListener(kind, function () {
    lastInput = Date.now();
    if (lastSent === true) { beat(true); }
  }, { passive: true, capture: true });
});
document.addEventListener("visibilitychange", function () { if (!document.hidden) { lastInput = Date.now(); } beat(true); });
window.setInterval(function () { beat(false); }, BEAT_MS);
window.setInterval(function () { beat(true); }, 15000);  // notice going idle without waiting a whole beat
