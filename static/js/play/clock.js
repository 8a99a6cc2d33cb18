/* The countdown of the open round, in the status bar and the budget bar. */
import { $, t } from "./dom.js";
import { updateSaveUi } from "./sheet.js";
import { S, round } from "./state.js";

var urgentAnnounced = null;
export function tick() {
  var r = round();
  var chip = $("sb-clock");
  var barClock = $("bar-clock");
  if (!r || r.status !== "open" || !r.deadline || S.dead) { chip.hidden = true; barClock.hidden = true; return; }
  var paused = !!(S.snap.session && S.snap.session.paused_at);
  var left = PC.roundLeft(r, S.snap.session, S.offsetMs);
  chip.hidden = false;
  barClock.hidden = false;
  chip.classList.toggle("is-paused", paused);
  if (paused) {
    $("sb-clock-value").textContent = t(gettext("paused · %(time)s"), { time: PC.clock(left) });
    barClock.textContent = t(gettext("Paused by the instructor: %(time)s left when the game resumes"), { time: PC.clock(left) });
    return;
  }
  $("sb-clock-value").textContent = left > 0 ? PC.clock(left) : gettext("time is up");
  barClock.textContent = left > 0 ? t(gettext("%(time)s left"), { time: PC.clock(left) }) : gettext("time is up");
  chip.classList.toggle("is-urgent", left !== null && left <= 30);
  barClock.classList.toggle("is-urgent", left !== null && left <= 30);
  if (left !== null && left <= 0 && urgentAnnounced !== r.number) {
    urgentAnnounced = r.number;
    updateSaveUi();
  }
}
window.setInterval(tick, 1000);
