/* The instructor panel: live round control, rules, provinces, roster and ranking.
   Everything is drawn from the `snapshot` the instructor socket sends after every change;
   `sheet` messages update a seat's sheet in place. Buttons post to the action endpoint. */
import { root, el, T, F, $, clear, notice, showError, showOk, act, postRules } from "./common.js";
import { dispatch, rendered, useSocket, useState } from "./hooks.js";
// The parts of the panel that plug in through hooks.js (each registers itself when imported).
import "./compare.js";
import "./agreements.js";
import "./chat.js";

var strategies = JSON.parse(document.getElementById("strategies-data").textContent || "[]");

var state = {
  snap: null,
  offset: 0,
  selectedSeat: null,
  editing: null,        // participant id being renamed inline
  rulesKey: null,       // "round:version" the rules editor was built for
  rulesTreatment: "",   // the treatment the rules section changes ("" every one), with treatments
  rosterKey: null,
  lastStatus: null,
  busy: false
};
useState(state);

/* ---------- small helpers ---------- */

/* Replaces a container's children, keeping focus and any values the user typed or chose. */
function replaceKeeping(container, nodes) {
  var active = document.activeElement;
  var focusId = active && container.contains(active) ? active.id : null;
  var kept = {};
  container.querySelectorAll("input[id], select[id], textarea[id]").forEach(function (c) {
    if (c.dataset.touched) { kept[c.id] = c.type === "checkbox" ? c.checked : c.value; }
  });
  clear(container);
  nodes.forEach(function (n) { if (n) { container.appendChild(n); } });
  Object.keys(kept).forEach(function (id) {
    var c = document.getElementById(id);
    if (!c) { return; }
    if (c.type === "checkbox") { c.checked = kept[id]; } else { c.value = kept[id]; }
    c.dataset.touched = "1";
  });
  if (focusId) {
    var again = document.getElementById(focusId);
    if (again) { again.focus(); }
  }
}

["input", "change"].forEach(function (kind) {
  root.addEventListener(kind, function (e) { if (e.target && e.target.dataset) { e.target.dataset.touched = "1"; } });
});

/* ---------- labels ---------- */

var ROUND_STATUS = {
  draft: T("waiting to open"),
  open: T("open"),
  closed: T("closed, scoring…"),
  scored: T("scored")
};
var SESSION_STATUS = { lobby: T("Lobby"), running: T("Running"), ended: T("Ended") };
var ACCOUNTING = [["host", T("host city only")], ["equal", T("equally among members")],
                  ["contribution", T("in proportion to contributions")]];
var WEIGHTS = {
  gdp_growth: T("GDP growth"), net_fiscal: T("Net fiscal"), collaboration: T("Collaboration"),
  ecology: T("Ecology"), public_service: T("Public service")
};
var PARAMS = {
  prizes: { label: T("Promotion points by rank") },
  all_pay: { label: T("All-pay auctions"), help: T("Every bid at or above the reserve is paid, won or lost. Losing bids must then be revealed: what a city paid shows in its public figures.") },
  reveal_losing_bids: { label: T("Reveal losing bids") },
  duplicate_penalty: { label: T("Duplicate-sector penalty"), min: 0, max: 1, step: 0.05,
                       help: T("Share of a project's value lost when the city or a neighbour already hosts the sector (0–1).") },
  gdp_accounting: { label: T("GDP accounting"), choices: ACCOUNTING,
                    help: T("Who books a joint project's output.") },
  tax_sharing: { label: T("Tax sharing"), choices: ACCOUNTING,
                 help: T("Who receives a joint project's fiscal yield.") },
  refund_failed: { label: T("Refund failed joint projects") },
  compensation_rate: { label: T("Compensation rate"), min: 0, max: 1, step: 0.05,
                       help: T("Share of a shortfall below the fair share paid to those who paid more (0–1).") },
  reporting: { label: T("Self-reported collaboration"), help: T("Cities may inflate their collaboration report.") },
  audit_probability: { label: T("Audit probability"), min: 0, max: 1, step: 0.05 },
  audit_penalty: { label: T("Audit penalty (points)"), min: 0, max: 100, step: 0.5 },
  collaboration_bar: { label: T("Collaboration reward bar"), min: 0, max: 10, step: 0.05,
                       help: T("Reported collaboration indicator needed for the reward.") },
  collaboration_reward: { label: T("Collaboration reward (points)"), min: 0, max: 100, step: 0.5 },
  binding_agreements: { label: T("Binding agreements") },
  enforce_tasks: { label: T("Enforce assigned tasks") },
  breach_penalty: { label: T("Breach penalty (points)"), min: 0, max: 100, step: 0.5 },
  task_penalty: { label: T("Task penalty (points)"), min: 0, max: 100, step: 0.5 },
  retention_rate: { label: T("Retention rate"), min: 0, max: 1, step: 0.05,
                    help: T("Share of fiscal revenue kept as next round's extra budget (0–1).") }
};

function paramLabel(key) {
  if (key.indexOf("weights.") === 0) {
    var w = key.slice(8);
    return F("Weight: %(name)s", { name: WEIGHTS[w] || w });
  }
  return PARAMS[key] ? PARAMS[key].label : key;
}

function valueText(key, value) {
  if (value === null || value === undefined) { return "–"; }
  if (typeof value === "boolean") { return value ? T("on") : T("off"); }
  if (Array.isArray(value)) { return value.map(function (v) { return PC.fmt(v, 2); }).join(", "); }
  if (typeof value === "number") { return PC.fmt(value, 3); }
  var meta = PARAMS[key];
  if (meta && meta.choices) {
    var found = meta.choices.filter(function (c) { return c[0] === value; })[0];
    if (found) { return found[1]; }
  }
  return String(value);
}

function provinceLabel(number) { return F("Province %(n)s", { n: number }); }

function seatLabel(provinceNumber, cityName) { return "P" + provinceNumber + " · " + cityName; }

/* Every seat of the session: [{seat, province, city}] in province order. */
function allSeats() {
  var out = [];
  (state.snap.provinces || []).forEach(function (p) {
    p.cities.forEach(function (c) { out.push({ province: p.province, city: c }); });
  });
  return out;
}

function findSeat(seatId) {
  var seats = allSeats();
  for (var i = 0; i < seats.length; i++) { if (seats[i].city.seat === seatId) { return seats[i]; } }
  return null;
}

function roundInPlay() {
  var r = state.snap.round;
  return !!(r && (r.status === "open" || r.status === "closed"));
}

/* ---------- presence (who is connected, from the server's coalesced `presence`) ---------- */

var PRESENCE = { online: T("online"), idle: T("idle"), gone: T("gone") };

function presenceOf(participantId) {
  var p = state.snap.presence;
  return (p && p.participants && p.participants[String(participantId)]) || "gone";
}

/* A seat is online when one of its students is, idle when one is idle, gone when all are. */
function seatPresence(seatId) {
  var best = null, rank = { online: 3, idle: 2, gone: 1 };
  (state.snap.roster || []).forEach(function (r) {
    if (r.removed || r.seat !== seatId) { return; }
    var st = presenceOf(r.id);
    if (!best || rank[st] > rank[best]) { best = st; }
  });
  return best;
}

function presenceDot(st) {
  if (!st) { return null; }
  return el("span", { class: "pres pres-" + st, title: PRESENCE[st] }, [
    el("span", { class: "pres-dot", "aria-hidden": "true" }), el("span", { class: "sr-only", text: PRESENCE[st] })]);
}

function renderPresence() {
  var p = state.snap.presence || { online: 0, idle: 0, gone: 0 };
  var total = p.online + p.idle + p.gone;
  $("presence-line").textContent = total ? window.interpolate(window.ngettext(
    "Here now: %(online)s online, %(idle)s idle, %(gone)s gone (of %(total)s student).",
    "Here now: %(online)s online, %(idle)s idle, %(gone)s gone (of %(total)s students).", total),
    { online: p.online, idle: p.idle, gone: p.gone, total: total }, true) : "";
}

/* ---------- header and round control ---------- */

function renderHead() {
  var s = state.snap.session;
  $("session-title").textContent = s.title || T("(untitled)");
  $("session-scenario").textContent = PC.name(s.scenario.name);
  var badge = $("session-status");
  badge.textContent = SESSION_STATUS[s.status] || s.status;
  badge.className = "badge badge-" + s.status;
  $("end-session").disabled = s.status === "ended";
  var lock = $("lock-joining");
  lock.textContent = s.joining_locked ? T("Unlock joining") : T("Lock joining");
  lock.setAttribute("aria-pressed", String(!!s.joining_locked));
  lock.disabled = s.status === "ended";
  $("joining-state").textContent = s.joining_locked
    ? T("Joining is locked: only returning students (name + return code) get in.") : T("Open for new students.");
  $("joining-state").className = "join-state" + (s.joining_locked ? " is-locked" : "");
  document.body.classList.toggle("is-ended", s.status === "ended");
}

function lastScored() {
  var round = null, done = 0, offered = 0;
  (state.snap.provinces || []).forEach(function (p) {
    if (!p.last_result) { return; }
    if (round === null || p.last_result.round > round) { round = p.last_result.round; done = 0; offered = 0; }
    if (p.last_result.round === round) {
      done += p.last_result.totals.joint_completed || 0;
      offered += p.last_result.totals.joint_offered || 0;
    }
  });
  return round === null ? null : { round: round, done: done, offered: offered };
}

function renderRound() {
  var snap = state.snap, s = snap.session, r = snap.round, next = snap.next_round;
  var ended = s.status === "ended";
  $("round-number").textContent = r ? F("Round %(n)s of %(total)s", { n: r.number, total: s.total_rounds })
    : T("No round");
  var badge = $("round-state");
  badge.textContent = ended ? T("session ended") : r ? (ROUND_STATUS[r.status] || r.status) : "–";
  badge.className = "badge badge-" + (ended ? "ended" : r ? r.status : "none");
  $("round-rules").textContent = r && r.rules.name ? "· " + PC.name(r.rules.name)
    : r ? "· " + T("custom rules") : "";

  $("clock-row").hidden = !(r && r.status === "open") || ended;
  $("pause").textContent = s.paused_at ? T("Resume") : T("Pause");
  $("pause").setAttribute("aria-pressed", String(!!s.paused_at));
  var openRow = $("open-row");
  openRow.hidden = !(next && !ended && (!r || r.status === "draft" || r.status === "scored"));
  if (next) {
    // With treatments, one button opens every province, each under its own rules.
    var shown = state.snap.treatments && r ? r.rules : next.rules;
    var rulesName = shown.name ? PC.name(shown.name) : T("custom rules");
    $("open-round").textContent = F("Open round %(n)s · %(rules)s", { n: next.number, rules: rulesName });
  }
  var scored = lastScored();
  var line = $("scored-line");
  line.hidden = !scored;
  if (scored) {
    clear(line);
    line.appendChild(el("strong", { text: F("Round %(n)s scored.", { n: scored.round }) }));
    line.appendChild(document.createTextNode(" " + F("Joint projects completed: %(done)s of %(offered)s.",
      { done: scored.done, offered: scored.offered })));
  }
  var hint = "";
  if (ended && r && (r.status === "closed" || r.status === "open")) {
    hint = F("This session has ended. Round %(n)s, open when it ended, is being scored with the sheets saved so far.", { n: r.number });
  } else if (ended) { hint = T("This session has ended. The results stay here to read."); }
  else if (r && r.status === "open") { hint = T("The round closes by itself at the deadline; it is then scored and published automatically."); }
  else if (r && r.status === "closed") { hint = T("Scoring… the results appear in a moment."); }
  else if (!next) { hint = T("Every round has been played. End the session when the debrief is over."); }
  else if (!(snap.provinces || []).length) { hint = T("Waiting for students to join."); }
  $("round-hint").textContent = hint;

  var status = (r ? r.number + ":" + r.status : "") + ":" + s.status;
  if (state.lastStatus && state.lastStatus !== status) {
    notice(badge.textContent + " – " + $("round-number").textContent);
  }
  state.lastStatus = status;
  tick();
}

function tick() {
  if (!state.snap) { return; }
  var r = state.snap.round;
  if (!r || r.status !== "open") { return; }
  var left = PC.roundLeft(r, state.snap.session, state.offset);
  var paused = !!state.snap.session.paused_at;
  var clock = $("round-clock");
  clock.textContent = paused ? F("paused · %(time)s", { time: PC.clock(left) }) : PC.clock(left);
  clock.classList.toggle("is-paused", paused);
  clock.classList.toggle("is-low", left !== null && left <= 30);
  clock.setAttribute("aria-label", F("Time left: %(t)s", { t: PC.clock(left) }));
}

/* ---------- rules ---------- */

function renderRules() {
  var next = state.snap.next_round;
  var ended = state.snap.session.status === "ended";
  var enabled = !!next && !ended;
  $("rules-disabled").hidden = enabled;
  $("rules-body").hidden = !enabled;
  $("rules-section").classList.toggle("is-disabled", !enabled);
  if (!enabled) { state.rulesKey = null; return; }
  var rules = rulesShown(next);
  // With every treatment chosen, each treatment's own rules are shown (issue #13 trial):
  // showing only the first one's made the worlds look merged.
  var each = everyTreatmentsRules(next);
  $("rules-for").textContent = state.snap.treatments
    ? F("Round %(n)s, %(which)s:", { n: next.number, which: treatmentName(state.rulesTreatment) })
    : F("Round %(n)s:", { n: next.number });
  $("rules-current-name").textContent = each
    ? each.map(function (t) { return t.label + ": " + rulesName(t.rules); }).join(" · ")
    : rulesName(rules);
  var shared = each ? sharedPreset(each) : rules.preset;
  $("rules-summary").textContent = (!each || shared) && rules.summary ? PC.name(rules.summary) : "";
  document.querySelectorAll("[data-preset]").forEach(function (b) {
    b.setAttribute("aria-pressed", String(!!shared && b.dataset.preset === shared));
  });
  var diff = $("rules-diff");
  clear(diff);
  var changes = [];
  (each || [{ label: "", rules: rules }]).forEach(function (t) {
    (t.rules.changes || []).forEach(function (c) { changes.push({ label: t.label, c: c }); });
  });
  if (!changes.length) {
    diff.appendChild(el("li", { class: "muted", text: next.number === 1 ? T("First round: nothing to compare with.")
      : T("No change: the same rules as the previous round.") }));
  } else {
    changes.forEach(function (item) {
      var c = item.c;
      diff.appendChild(el("li", {}, [
        el("span", { class: "diff-param", text: (item.label ? item.label + " · " : "") + paramLabel(c.param) + ": " }),
        el("span", { class: "diff-old", text: valueText(c.param, c.old) }),
        el("span", { class: "diff-arrow", text: " → " }),
        el("strong", { class: "diff-new", text: valueText(c.param, c.new) })
      ]));
    });
  }
  var key = next.number + ":" + rules.version + ":" + state.rulesTreatment;
  if (key !== state.rulesKey) {
    state.rulesKey = key;
    buildEditor(rules.params, next.number);
  }
}

/* ---------- treatments (docs/treatments.md) ---------- */

function treatmentName(label) {
  return label ? F("treatment %(label)s", { label: label }) : T("every treatment");
}

/* "treatment A", or "every treatment (A, B)": names what an edit changed. */
function treatmentsNamed(label) {
  return label ? treatmentName(label)
    : F("every treatment (%(labels)s)", { labels: state.snap.treatments.labels.join(", ") });
}

/* The rules the section shows and edits: the chosen treatment's; with every treatment
   chosen, the first one's (an edit applies its changed parameters to each). */
function rulesShown(next) {
  var plan = state.snap.treatments;
  if (!plan || !next.treatments) { return next.rules; }
  if (plan.labels.indexOf(state.rulesTreatment) < 0) { state.rulesTreatment = ""; }
  return next.treatments[state.rulesTreatment || plan.labels[0]] || next.rules;
}

function rulesName(rules) {
  return rules.name ? PC.name(rules.name) : T("custom rules");
}

/* [{label, rules}] for every treatment when "every treatment" is chosen; null otherwise. */
function everyTreatmentsRules(next) {
  var plan = state.snap.treatments;
  if (!plan || !next.treatments || state.rulesTreatment) { return null; }
  return plan.labels.filter(function (l) { return next.treatments[l]; })
    .map(function (l) { return { label: l, rules: next.treatments[l] }; });
}

/* The preset every treatment plays, or "" when they differ (no preset button is lit). */
function sharedPreset(each) {
  var first = each.length ? each[0].rules.preset : "";
  return each.every(function (t) { return t.rules.preset === first; }) ? (first || "") : "";
}

function renderTreatmentChoice() {
  var plan = state.snap.treatments;
  $("rules-treatment-row").hidden = !plan;
  if (!plan) { return; }
  var select = $("rules-treatment");
  var wanted = [""].concat(plan.labels).join("|");
  if (select.dataset.labels !== wanted) {
    clear(select);
    select.appendChild(el("option", { value: "", text: T("Every treatment") }));
    plan.labels.forEach(function (label) {
      select.appendChild(el("option", { value: label, text: F("Treatment %(label)s", { label: label }) }));
    });
    select.dataset.labels = wanted;
  }
  select.value = state.rulesTreatment;
}

$("rules-treatment").addEventListener("change", function (e) {
  state.rulesTreatment = e.target.value;
  state.rulesKey = null;
  renderRules();
});

function treatmentOf(provinceId) {
  var plan = state.snap.treatments;
  return plan ? plan.provinces[String(provinceId)] || "" : "";
}

/* The province's treatment: a badge, or a choice while provinces may still change treatment. */
function treatmentControl(p) {
  var plan = state.snap.treatments;
  if (!plan) { return null; }
  var label = treatmentOf(p.province.id);
  if (!plan.assignable) {
    return el("span", { class: "badge badge-treatment", text: F("Treatment %(label)s", { label: label }) });
  }
  var id = "treatment-" + p.province.id;
  var select = el("select", { id: id, class: "treatment-select" }, plan.labels.map(function (l) {
    return el("option", { value: l, selected: l === label ? "selected" : null, text: F("Treatment %(label)s", { label: l }) });
  }));
  select.addEventListener("change", function () {
    var chosen = select.value;
    act("treatment", { province: p.province.id, treatment: chosen }, select).then(function (data) {
      // A live update may have redrawn the list meanwhile (keeping the touched choice):
      // act on the select on the page now, not the one that was changed.
      var shown = document.getElementById(id) || select;
      delete shown.dataset.touched;
      // Refused: show the stored treatment again, not the choice the server turned down.
      if (!data) { shown.value = treatmentOf(p.province.id); return; }
      showOk(F("%(province)s now plays treatment %(label)s.", { province: provinceLabel(p.province.number), label: chosen }));
    });
  });
  return el("span", { class: "treatment-choice" }, [
    el("label", { for: id, class: "sr-only", text: F("Treatment of %(province)s", { province: provinceLabel(p.province.number) }) }),
    select
  ]);
}

function numberField(id, label, value, meta, help) {
  var input = el("input", { type: "number", id: id, name: id, value: value, inputmode: "decimal",
                            min: meta.min, max: meta.max, step: meta.step || "any",
                            "aria-describedby": help ? id + "-help" : null });
  return el("div", { class: "field" }, [
    el("label", { for: id, text: label }), input,
    help ? el("div", { class: "help", id: id + "-help", text: help }) : null
  ]);
}

function buildEditor(params, roundNumber) {
  var form = $("rules-editor");
  clear(form);
  var weights = params.weights || {};
  var wSet = el("fieldset", { class: "weights" }, [el("legend", { text: T("Indicator weights") })]);
  Object.keys(weights).forEach(function (w) {
    wSet.appendChild(numberField("rp-w-" + w, WEIGHTS[w] || w, weights[w], { min: 0, max: 100, step: 0.05 }));
  });
  form.appendChild(wSet);

  var other = el("fieldset", { class: "params" }, [el("legend", { text: T("Other parameters") })]);
  Object.keys(params).forEach(function (key) {
    if (key === "weights") { return; }
    var value = params[key], meta = PARAMS[key] || { label: key }, id = "rp-" + key;
    var help = meta.help || null;
    if (key === "prizes" || Array.isArray(value)) {
      other.appendChild(el("div", { class: "field" }, [
        el("label", { for: id, text: meta.label }),
        el("input", { type: "text", id: id, name: id, value: (value || []).join(", "),
                      "aria-describedby": id + "-help", inputmode: "decimal" }),
        el("div", { class: "help", id: id + "-help",
                    text: T("Points for 1st, 2nd, 3rd… place, separated by commas; places beyond the list get 0.") })
      ]));
    } else if (typeof value === "boolean") {
      other.appendChild(el("div", { class: "field field-check" }, [
        el("input", { type: "checkbox", id: id, name: id, checked: value ? "checked" : null,
                      "aria-describedby": help ? id + "-help" : null }),
        el("label", { for: id, text: meta.label }),
        help ? el("div", { class: "help", id: id + "-help", text: help }) : null
      ]));
    } else if (meta.choices) {
      var select = el("select", { id: id, name: id, "aria-describedby": help ? id + "-help" : null },
        meta.choices.map(function (c) {
          return el("option", { value: c[0], selected: c[0] === value ? "selected" : null, text: c[1] });
        }));
      other.appendChild(el("div", { class: "field" }, [
        el("label", { for: id, text: meta.label }), select,
        help ? el("div", { class: "help", id: id + "-help", text: help }) : null
      ]));
    } else if (typeof value === "number") {
      other.appendChild(numberField(id, meta.label, value, meta, help));
    } else {
      other.appendChild(el("div", { class: "field" }, [
        el("label", { for: id, text: meta.label }),
        el("input", { type: "text", id: id, name: id, value: value === null ? "" : String(value) })
      ]));
    }
  });
  form.appendChild(other);
  form.appendChild(el("div", { class: "form-actions" }, [
    el("button", { type: "submit", class: "btn btn-primary", id: "rules-apply",
                   text: F("Apply to round %(n)s", { n: roundNumber }) }),
    el("button", { type: "button", class: "btn btn-quiet", text: T("Discard my edits"),
                   onclick: function () { state.rulesKey = null; renderRules(); } })
  ]));
}

function readEditor() {
  var params = rulesShown(state.snap.next_round).params, out = {}, problems = [];
  var weights = {};
  Object.keys(params.weights || {}).forEach(function (w) {
    var input = $("rp-w-" + w);
    var v = parseFloat(input.value);
    if (isNaN(v) || v < 0) { problems.push(F("%(name)s must be a number ≥ 0.", { name: WEIGHTS[w] || w })); return; }
    if (v !== params.weights[w]) { weights[w] = v; }
  });
  if (Object.keys(weights).length) { out.weights = weights; }
  Object.keys(params).forEach(function (key) {
    if (key === "weights") { return; }
    var input = $("rp-" + key), old = params[key], meta = PARAMS[key] || { label: key }, v;
    if (!input) { return; }
    if (Array.isArray(old)) {
      var parts = input.value.split(/[,，\s]+/).filter(function (x) { return x !== ""; });
      v = parts.map(Number);
      if (v.some(function (x) { return isNaN(x) || x < 0; })) {
        problems.push(F("%(name)s: write numbers ≥ 0 separated by commas.", { name: meta.label }));
        return;
      }
      if (JSON.stringify(v) !== JSON.stringify(old)) { out[key] = v; }
    } else if (typeof old === "boolean") {
      if (input.checked !== old) { out[key] = input.checked; }
    } else if (typeof old === "number") {
      v = parseFloat(input.value);
      if (isNaN(v)) { problems.push(F("%(name)s must be a number.", { name: meta.label })); return; }
      if ((meta.min !== undefined && v < meta.min) || (meta.max !== undefined && v > meta.max)) {
        problems.push(F("%(name)s must be between %(min)s and %(max)s.", { name: meta.label, min: meta.min, max: meta.max }));
        return;
      }
      if (v !== old) { out[key] = v; }
    } else if (input.value !== old) {
      out[key] = input.value;
    }
  });
  return { params: out, problems: problems };
}

$("rules-editor").addEventListener("submit", function (e) {
  e.preventDefault();
  if (!state.snap || !state.snap.next_round) { return; }
  var read = readEditor();
  if (read.problems.length) { showError(read.problems.join(" ")); return; }
  if (!Object.keys(read.params).length) { showOk(T("Nothing to apply: no parameter was changed.")); return; }
  var n = state.snap.next_round.number;
  var which = state.snap.treatments ? treatmentsNamed(state.rulesTreatment) : "";
  postRules(read.params, $("rules-apply"), state.rulesTreatment).then(function (data) {
    if (data) {
      state.rulesKey = null;  // rebuild from the next snapshot
      showOk(which ? F("Rules for round %(n)s updated for %(which)s.", { n: n, which: which })
        : F("Rules for round %(n)s updated.", { n: n }));
    }
  });
});

document.querySelectorAll("[data-preset]").forEach(function (button) {
  button.addEventListener("click", function () {
    var name = button.textContent.trim();
    var plan = state.snap && state.snap.treatments;
    // One click would give every treatment the same rules, merging the worlds: asked first.
    if (plan && !state.rulesTreatment && !window.confirm(F(
      "Set ALL treatments (%(labels)s) to “%(name)s” for the next round? They would then play the same rules. To change one treatment, choose it above first.", { labels: plan.labels.join(", "), name: name }))) { return; }
    var which = plan ? treatmentsNamed(state.rulesTreatment) : "";
    act("preset", { preset: button.dataset.preset, treatment: state.rulesTreatment }, button).then(function (data) {
      if (!data) { return; }
      state.rulesKey = null;
      showOk(plan
        ? F("Preset “%(name)s” set for the next round of %(which)s.", { name: name, which: which })
        : F("Preset “%(name)s” set for the next round.", { name: name }));
    });
  });
});

/* ---------- provinces and seats ---------- */

function chipStatus(city) {
  var inPlay = roundInPlay();
  var players = city.players.length;
  if (inPlay) {
    if (city.submitted) { return { cls: "is-submitted", icon: "✓", text: T("saved") }; }
    return { cls: "is-waiting", icon: "○", text: T("not saved") };
  }
  if (city.bot) { return { cls: "is-idle", icon: "", text: "" }; }
  if (!players) { return { cls: "is-empty", icon: "–", text: T("empty") }; }
  return { cls: "is-idle", icon: "", text: "" };
}

function renderProvinces() {
  var provinces = state.snap.provinces || [];
  var nodes = [];
  if (!provinces.length) {
    nodes.push(el("p", { class: "muted", text: T("No province yet: provinces are created as students join.") }));
  }
  provinces.forEach(function (p) {
    var saved = p.cities.filter(function (c) { return c.submitted; }).length;
    var chips = el("ul", { class: "chips", "aria-label": provinceLabel(p.province.number) });
    p.cities.forEach(function (c) {
      var st = chipStatus(c);
      var who = c.bot ? T("Bot") : c.players.length ? PC.list(c.players.map(PC.isolate)) : T("nobody");
      var selected = state.selectedSeat === c.seat;
      var here = c.players.length ? seatPresence(c.seat) : null;
      var label = PC.name(c.name) + " – " + (st.text ? st.text + ", " : "") + (c.bot ? T("bot") : who)
        + (here ? ", " + PRESENCE[here] : "");
      chips.appendChild(el("li", {}, [el("button", {
        type: "button", id: "chip-" + c.seat, class: "chip " + st.cls + (c.bot ? " is-bot" : "") + (selected ? " is-selected" : ""),
        "aria-pressed": String(selected), "aria-controls": "seat-detail", "aria-label": label,
        onclick: function () { selectSeat(selected ? null : c.seat); }
      }, [
        el("span", { class: "chip-city" }, [presenceDot(here), PC.name(c.name)]),
        st.text ? el("span", { class: "chip-status" }, [el("span", { class: "chip-icon", "aria-hidden": "true", text: st.icon }), " " + st.text]) : null,
        el("span", { class: "chip-who" }, c.stand_in ? [el("span", { class: "bot-tag", text: "⚙ " + F("bot standing in for %(names)s (gone)", { names: PC.list(c.players.map(PC.isolate)) }) })]
          : c.bot ? [el("span", { class: "bot-tag", text: "⚙ " + T("bot") })]
          : c.players.length ? PC.nameList(c.players) : [who])
      ])]));
    });
    var head = [el("h3", { text: provinceLabel(p.province.number) }), treatmentControl(p)];
    var people = (state.snap.roster || []).filter(function (r) {
      return !r.removed && p.cities.some(function (c) { return c.seat === r.seat; });
    });
    if (people.length) {
      var here = people.filter(function (r) { return presenceOf(r.id) !== "gone"; }).length;
      head.push(el("span", { class: "here-count", text: F("%(here)s of %(total)s here", { here: here, total: people.length }) }));
    }
    if (roundInPlay()) {
      head.push(el("span", { class: "count", text: F("%(saved)s/%(total)s saved", { saved: saved, total: p.cities.length }) }));
    }
    nodes.push(el("div", { class: "province-row" }, [el("div", { class: "province-head" }, head), chips]));
  });
  replaceKeeping($("provinces"), nodes);
}

function selectSeat(seatId) {
  state.selectedSeat = seatId;
  renderProvinces();
  renderDetail();
  if (seatId !== null) { $("seat-detail").focus(); }
}

function projectNames(provinceId) {
  var names = {};
  (state.snap.provinces || []).forEach(function (p) {
    if (p.province.id !== provinceId || !p.offer) { return; }
    p.offer.industrial.concat(p.offer.joint).forEach(function (item) {
      names[item.id] = PC.name({ zh: item.name_zh, en: item.name_en }) || item.id;
    });
  });
  return names;
}

function amountsTable(caption, amounts, names) {
  var keys = Object.keys(amounts || {});
  if (!keys.length) { return el("p", { class: "muted", text: caption + ": " + T("none") }); }
  return el("table", { class: "table table-compact" }, [
    el("caption", { text: caption }),
    el("thead", {}, [el("tr", {}, [el("th", { scope: "col", text: T("Project") }), el("th", { scope: "col", class: "num", text: T("Amount") })])]),
    el("tbody", {}, keys.map(function (k) {
      return el("tr", {}, [el("th", { scope: "row", text: names[k] || k }), el("td", { class: "num", text: PC.fmt(amounts[k], 0) })]);
    }))
  ]);
}

function renderDetail() {
  var box = $("seat-detail");
  var found = state.selectedSeat !== null ? findSeat(state.selectedSeat) : null;
  if (!found) { box.hidden = true; clear(box); return; }
  var c = found.city, p = found.province;
  var sheet = (state.snap.sheets || {})[String(c.seat)];
  var names = projectNames(p.id);
  var nodes = [
    el("div", { class: "detail-head" }, [
      el("h3", { id: "seat-detail-title", text: seatLabel(p.number, PC.name(c.name)) }),
      el("button", { type: "button", class: "btn btn-small btn-quiet", text: T("Close"),
                     onclick: function () { var id = "chip-" + c.seat; selectSeat(null); var chip = $(id); if (chip) { chip.focus(); } } })
    ]),
    el("dl", { class: "facts" }, [
      el("dt", { text: T("Players") }), el("dd", {}, c.players.length ? PC.nameList(c.players) : [T("nobody")]),
      el("dt", { text: T("Bot") }), el("dd", { text: c.bot || T("no") }),
      el("dt", { text: T("Budget") }), el("dd", { text: PC.fmt(c.budget, 0) }),
      el("dt", { text: T("GDP") }), el("dd", { text: PC.fmt(c.gdp, 1) })
    ])
  ];
  if (!roundInPlay()) {
    nodes.push(el("p", { class: "muted", text: T("No round is being played: there is no sheet to show.") }));
  } else if (!sheet) {
    nodes.push(el("p", { class: "sheet-none", text: "○ " + T("No sheet saved yet this round. If nothing is saved, the whole budget is invested locally.") }));
  } else {
    var data = sheet.data || {};
    var spent = 0;
    ["bids", "contributions"].forEach(function (part) {
      Object.keys(data[part] || {}).forEach(function (k) { spent += Number(data[part][k]) || 0; });
    });
    var meta = F("Saved at %(time)s (version %(v)s)", { time: PC.when(sheet.saved_at), v: sheet.version });
    if (sheet.saved_by) { meta += " · " + F("by %(name)s", { name: PC.isolate(sheet.saved_by) }); }
    nodes.push(el("p", { class: "sheet-meta", text: "✓ " + meta }));
    nodes.push(amountsTable(T("Bids on industrial projects"), data.bids, names));
    nodes.push(amountsTable(T("Contributions to joint projects"), data.contributions, names));
    var facts = el("dl", { class: "facts" }, [
      el("dt", { text: T("Spent") }), el("dd", { text: PC.fmt(spent, 0) }),
      el("dt", { text: T("Left to invest locally") }), el("dd", { text: PC.fmt(c.budget - spent, 0) })
    ]);
    if (data.inflation_pct) {
      facts.appendChild(el("dt", { text: T("Collaboration report inflated by") }));
      facts.appendChild(el("dd", { text: data.inflation_pct + " %" }));
    }
    nodes.push(facts);
  }
  clear(box);
  nodes.forEach(function (n) { box.appendChild(n); });
  box.hidden = false;
}

document.addEventListener("keydown", function (e) {
  if (e.key === "Escape" && state.selectedSeat !== null && $("seat-detail").contains(document.activeElement)) {
    var id = "chip-" + state.selectedSeat;
    selectSeat(null);
    var chip = $(id);
    if (chip) { chip.focus(); }
  }
});

/* ---------- ranking ---------- */

function moveCell(s) {
  if (s.previous_place === null || s.previous_place === undefined) {
    return el("span", { class: "rk-move rk-move-new", text: "–" }, []);
  }
  var d = s.previous_place - s.place;
  if (d > 0) { return el("span", { class: "rk-move rk-move-up" }, [el("span", { "aria-hidden": "true", text: "▲" + d }), el("span", { class: "sr-only", text: F("up %(n)s", { n: d }) })]); }
  if (d < 0) { return el("span", { class: "rk-move rk-move-down" }, [el("span", { "aria-hidden": "true", text: "▼" + (-d) }), el("span", { class: "sr-only", text: F("down %(n)s", { n: -d }) })]); }
  return el("span", { class: "rk-move rk-move-same" }, [el("span", { "aria-hidden": "true", text: "=" }), el("span", { class: "sr-only", text: T("no change") })]);
}

function cityNames(p) {
  var names = {};
  p.cities.forEach(function (c) { names[c.city] = PC.name(c.name); });
  return names;
}

function renderRankings() {
  var nodes = [];
  (state.snap.provinces || []).forEach(function (p) {
    var names = cityNames(p);
    var body;
    if (!p.standings.length) {
      body = el("p", { class: "muted", text: T("No round scored yet.") });
    } else {
      body = el("table", { class: "table table-compact ranking" }, [
        el("caption", { class: "sr-only", text: provinceLabel(p.province.number) }),
        el("thead", {}, [el("tr", {}, [
          el("th", { scope: "col", class: "num", text: T("Place") }),
          el("th", { scope: "col", text: T("Move") }),
          el("th", { scope: "col", text: T("City") }),
          el("th", { scope: "col", class: "num", text: T("Points") }),
          el("th", { scope: "col", class: "num", text: T("Last round's rank") })
        ])]),
        el("tbody", {}, p.standings.map(function (s) {
          return el("tr", {}, [
            el("td", { class: "num", text: PC.place(p.standings, s) }),
            el("td", {}, [moveCell(s)]),
            el("th", { scope: "row", text: names[s.city] || s.city }),
            el("td", { class: "num", text: PC.fmt(s.points, 2) }),
            el("td", { class: "num", text: s.last_rank === null || s.last_rank === undefined ? "–" : s.last_rank })
          ]);
        }))
      ]);
    }
    var last = p.last_result;
    nodes.push(el("div", { class: "ranking-card" }, [
      el("h3", { text: provinceLabel(p.province.number) }),
      last ? el("p", { class: "muted small", text: F("Round %(n)s: %(done)s of %(offered)s joint projects completed", {
        n: last.round, done: last.totals.joint_completed, offered: last.totals.joint_offered }) }) : null,
      body
    ]));
  });
  if (!nodes.length) { nodes.push(el("p", { class: "muted", text: T("No province yet.") })); }
  replaceKeeping($("rankings"), nodes);
}

/* ---------- roster and seats ---------- */

/* Where a student can go: seats with room (marked free), then every other seated student
   to swap with (a full seat is reached by a swap, never by an error). Values: "seat:ID", "swap:ID". */
function seatOptions(student) {
  var counts = {}, size = state.snap.session.students_per_seat || 1;
  (state.snap.roster || []).forEach(function (r) { if (!r.removed && r.seat) { counts[r.seat] = (counts[r.seat] || 0) + 1; } });
  var free = [], full = [];
  allSeats().forEach(function (s) {
    var n = counts[s.city.seat] || 0, label = seatLabel(s.province.number, PC.name(s.city.name));
    var mine = s.city.seat === student.seat;
    if (mine) {
      free.push(el("option", { value: "seat:" + s.city.seat, selected: "selected", text: label + " (" + T("current seat") + ")" }));
    } else if (n < size) {
      var extra = s.city.bot ? T("free, now a bot") : n ? F("free: %(n)s of %(size)s", { n: n, size: size }) : T("free");
      free.push(el("option", { value: "seat:" + s.city.seat, text: label + " (" + extra + ")" }));
    } else {
      full.push(s);
    }
  });
  var swaps = [];
  (state.snap.roster || []).forEach(function (r) {
    if (r.removed || !r.seat || r.id === student.id || r.seat === student.seat) { return; }
    swaps.push(el("option", { value: "swap:" + r.id, text: F("Swap with %(name)s (%(seat)s)", { name: PC.isolate(r.name), seat: seatName(r.seat) }) }));
  });
  return [el("optgroup", { label: T("Seats with room") }, free),
          swaps.length ? el("optgroup", { label: T("Full seats: swap") }, swaps) : null];
}

function seatName(seatId) {
  var s = findSeat(seatId);
  return s ? seatLabel(s.province.number, PC.name(s.city.name)) : T("no seat");
}

function renderRoster() {
  var snap = state.snap;
  var ended = snap.session.status === "ended";
  var roster = snap.roster || [];
  var seatsSig = allSeats().map(function (s) { return [s.city.seat, s.city.bot, s.province.number]; });
  var key = JSON.stringify([roster, seatsSig, state.editing, snap.session.status, document.documentElement.lang,
                            snap.presence && snap.presence.participants]);
  if (key === state.rosterKey) { return; }
  state.rosterKey = key;
  var active = roster.filter(function (r) { return !r.removed; });
  $("roster-count").textContent = "(" + window.interpolate(window.ngettext("%(n)s student", "%(n)s students", active.length), { n: active.length }, true) + ")";

  var rows = roster.map(function (r) {
    var nameCell;
    if (state.editing === r.id) {
      var inputId = "rename-" + r.id;
      nameCell = el("th", { scope: "row" }, [el("form", { class: "inline-form", onsubmit: function (e) {
        e.preventDefault();
        var value = $(inputId).value.trim();
        if (!value) { showError(T("A name cannot be empty.")); return; }
        act("rename", { participant: r.id, name: value }, e.target.querySelector("button[type=submit]")).then(function (data) {
          if (data) { state.editing = null; state.rosterKey = null; renderRoster(); var b = $("rename-btn-" + r.id); if (b) { b.focus(); } }
        });
      } }, [
        el("label", { for: inputId, class: "sr-only", text: F("New name for %(name)s", { name: PC.isolate(r.name) }) }),
        el("input", { type: "text", id: inputId, value: r.name, maxlength: 40, autocomplete: "off",
                      onkeydown: function (e) { if (e.key === "Escape") { e.stopPropagation(); cancelEdit(r.id); } } }),
        el("button", { type: "submit", class: "btn btn-small btn-primary", text: T("Save") }),
        el("button", { type: "button", class: "btn btn-small btn-quiet", text: T("Cancel"), onclick: function () { cancelEdit(r.id); } })
      ])]);
    } else {
      nameCell = el("th", { scope: "row" }, [r.removed ? null : presenceDot(presenceOf(r.id)), PC.bdi(r.name), r.removed ? el("span", { class: "badge badge-ended", text: T("removed") }) : null,
        r.removed ? null : el("span", { class: "return-code small muted", title: T("Return code: the student types it with their name at the join page to get their seat back."),
                                         text: " · " + F("code %(code)s", { code: r.return_code }) })]);
    }
    var actions = [];
    if (!r.removed && !ended) {
      var selectId = "move-" + r.id;
      actions.push(el("button", { type: "button", class: "btn btn-small", id: "rename-btn-" + r.id, text: T("Rename"),
        "aria-label": F("Rename %(name)s", { name: PC.isolate(r.name) }),
        onclick: function () { state.editing = r.id; state.rosterKey = null; renderRoster(); var i = $("rename-" + r.id); if (i) { i.focus(); i.select(); } } }));
      actions.push(el("span", { class: "move-group" }, [
        el("label", { for: selectId, class: "sr-only", text: F("Seat for %(name)s", { name: PC.isolate(r.name) }) }),
        el("select", { id: selectId }, seatOptions(r)),
        el("button", { type: "button", class: "btn btn-small", text: window.pgettext("move a student to a seat", "Move"), "aria-label": F("Move %(name)s", { name: PC.isolate(r.name) }),
          onclick: function (e) {
            var choice = $(selectId).value.split(":"), target = Number(choice[1]);
            if (choice[0] === "swap") {
              var other = (state.snap.roster || []).filter(function (o) { return o.id === target; })[0];
              if (!other) { return; }
              act("swap", { participant: r.id, other: other.id }, e.currentTarget).then(function (data) {
                if (data) { showOk(F("%(a)s and %(b)s swapped seats.", { a: PC.isolate(r.name), b: PC.isolate(other.name) })); }
              });
              return;
            }
            if (target === r.seat) { showError(F("%(name)s already sits there.", { name: PC.isolate(r.name) })); return; }
            act("move", { participant: r.id, seat: target }, e.currentTarget).then(function (data) {
              if (data) { showOk(F("%(name)s moved to %(seat)s.", { name: PC.isolate(r.name), seat: seatName(target) })); }
            });
          } })
      ]));
      actions.push(el("button", { type: "button", class: "btn btn-small btn-danger", text: T("Remove"),
        "aria-label": F("Remove %(name)s", { name: PC.isolate(r.name) }),
        onclick: function (e) {
          if (!window.confirm(F("Remove %(name)s from the game? Their browser is disconnected.", { name: PC.isolate(r.name) }))) { return; }
          act("remove", { participant: r.id }, e.currentTarget).then(function (data) {
            if (data) { showOk(F("%(name)s removed.", { name: PC.isolate(r.name) })); }
          });
        } }));
    }
    return el("tr", { class: r.removed ? "is-removed" : "" }, [
      nameCell,
      el("td", { text: r.seat ? seatName(r.seat) : T("no seat") }),
      el("td", { class: "actions" }, actions)
    ]);
  });
  var table = roster.length ? el("table", { class: "table roster-table" }, [
    el("thead", {}, [el("tr", {}, [
      el("th", { scope: "col", text: T("Name") }),
      el("th", { scope: "col", text: T("Province · city") }),
      el("th", { scope: "col", text: T("Actions") })
    ])]),
    el("tbody", {}, rows)
  ]) : el("p", { class: "muted", text: T("Nobody has joined yet. Share the join code.") });
  replaceKeeping($("roster"), [table]);
  renderSeats();
}

function cancelEdit(id) {
  state.editing = null;
  state.rosterKey = null;
  renderRoster();
  var b = $("rename-btn-" + id);
  if (b) { b.focus(); }
}

function renderSeats() {
  var ended = state.snap.session.status === "ended";
  var rows = allSeats().map(function (s) {
    var c = s.city, label = seatLabel(s.province.number, PC.name(c.name));
    var action;
    if (ended) {
      action = null;
    } else if (c.bot) {
      action = el("button", { type: "button", class: "btn btn-small", text: T("Remove bot"),
        "aria-label": F("Remove the bot from %(seat)s", { seat: label }),
        onclick: function (e) { act("bot", { seat: c.seat, strategy: "" }, e.currentTarget); } });
    } else if (!c.players.length) {
      var id = "bot-" + c.seat;
      action = el("span", { class: "move-group" }, [
        el("label", { for: id, class: "sr-only", text: F("Bot strategy for %(seat)s", { seat: label }) }),
        el("select", { id: id }, strategies.map(function (name) {
          return el("option", { value: name, text: name, selected: name === "best_response" ? "selected" : null });
        })),
        el("button", { type: "button", class: "btn btn-small", text: T("Add bot"),
          "aria-label": F("Add a bot to %(seat)s", { seat: label }),
          onclick: function (e) { act("bot", { seat: c.seat, strategy: $(id).value }, e.currentTarget); } })
      ]);
    } else {
      action = el("span", { class: "muted small", text: T("Students sit here: move them to add a bot.") });
    }
    return el("tr", {}, [
      el("th", { scope: "row", text: label }),
      el("td", {}, c.bot ? ["⚙ " + F("bot: %(strategy)s", { strategy: c.bot })] : c.players.length ? PC.nameList(c.players) : ["– " + T("empty")]),
      el("td", { class: "actions" }, [action])
    ]);
  });
  var table = rows.length ? el("table", { class: "table seats-table" }, [
    el("thead", {}, [el("tr", {}, [
      el("th", { scope: "col", text: T("Seat") }),
      el("th", { scope: "col", text: T("Who plays") }),
      el("th", { scope: "col", text: T("Bot") })
    ])]),
    el("tbody", {}, rows)
  ]) : el("p", { class: "muted", text: T("No seats yet.") });
  replaceKeeping($("seats"), [table]);
  var lobby = state.snap.session.status === "lobby";
  $("add-province").disabled = !lobby;
  $("add-province-hint").textContent = lobby ? T("Adds a full copy of the scenario's cities; students then fill it.")
    : T("Provinces can only be added before the first round.");
}

/* ---------- wiring ---------- */

function render() {
  renderHead();
  renderPresence();
  renderRound();
  renderTreatmentChoice();
  renderRules();
  renderProvinces();
  renderDetail();
  renderRankings();
  renderRoster();
  rendered();
}

$("open-round").addEventListener("click", function (e) {
  var n = state.snap && state.snap.next_round ? state.snap.next_round.number : "";
  act("open", {}, e.currentTarget).then(function (data) { if (data) { showOk(F("Round %(n)s is open.", { n: n })); } });
});
$("extend").addEventListener("click", function (e) {
  act("extend", { seconds: 60 }, e.currentTarget).then(function (data) { if (data) { showOk(T("One more minute.")); } });
});
$("pause").addEventListener("click", function (e) {
  var paused = !!(state.snap && state.snap.session.paused_at);
  act(paused ? "resume" : "pause", {}, e.currentTarget).then(function (data) {
    if (data) { showOk(paused ? T("The game resumes: the deadline moved on by the length of the pause.") : T("The game is paused: clocks stop and saves wait until you resume.")); }
  });
});
$("close-now").addEventListener("click", function (e) {
  if (!window.confirm(T("Close the round now? Sheets saved so far count; seats without a sheet invest locally."))) { return; }
  act("close", {}, e.currentTarget);
});
$("lock-joining").addEventListener("click", function (e) {
  var locked = !!(state.snap && state.snap.session.joining_locked);
  act(locked ? "unlock" : "lock", {}, e.currentTarget).then(function (data) {
    if (data) { showOk(locked ? T("New students can join again.") : T("Joining is locked: new students are refused.")); }
  });
});
$("end-session").addEventListener("click", function (e) {
  var r = state.snap && state.snap.round;
  var question = r && r.status === "open"
    ? F("End this session for everyone? Round %(n)s is open: it is closed now and scored with the sheets saved so far (seats without a sheet invest locally), and its result is part of the final standings. No more rounds can be played.", { n: r.number })
    : T("End this session for everyone? No more rounds can be played.");
  if (!window.confirm(question)) { return; }
  act("end", {}, e.currentTarget).then(function (data) { if (data) { showOk(T("The session has ended.")); } });
});
$("add-province").addEventListener("click", function (e) {
  act("add_province", {}, e.currentTarget).then(function (data) { if (data) { showOk(T("Province added.")); } });
});

/* A snapshot can be older than a `sheet` already received (PC.keepSubmitted). */
function keepSaved(old, m) {
  if (!old.round || !m.round || old.round.number !== m.round.number) { return; }
  m.sheets = m.sheets || {};
  Object.keys(old.sheets || {}).forEach(function (seat) {
    if (!m.sheets[seat] || m.sheets[seat].version < old.sheets[seat].version) { m.sheets[seat] = old.sheets[seat]; }
  });
  PC.keepSubmitted(old.round, PC.allCities(old), m.round, PC.allCities(m));
  PC.allCities(m).forEach(function (c) { if (m.sheets[String(c.seat)]) { c.submitted = true; } });
}

function onMessage(m) {
  drawCore(m);
  dispatch(m);  // then the parts (hooks.js)
}

function drawCore(m) {
  if (m.type === "snapshot" || m.type === "round") {
    if (PC.takeView(state, m, keepSaved)) { render(); }
  } else if (m.type === "sheets" && state.snap) {
    /* The sheets saved since the last notice, the latest of each seat (coalesced by the server). */
    var r = state.snap.round;
    if (!r || r.number !== m.round) { return; }
    state.snap.sheets = state.snap.sheets || {};
    var selectedChanged = false;
    (m.sheets || []).forEach(function (s) {
      var known = state.snap.sheets[String(s.seat)];
      if (known && known.version >= s.version) { return; }  // a snapshot already had it
      state.snap.sheets[String(s.seat)] = { data: s.data, saved_at: s.saved_at, version: s.version, saved_by: s.saved_by };
      var found = findSeat(s.seat);
      if (found) { found.city.submitted = true; }
      if (state.selectedSeat === s.seat) { selectedChanged = true; }
    });
    renderProvinces();
    if (selectedChanged) { renderDetail(); }
  } else if (m.type === "presence" && state.snap) {
    state.snap.presence = m;
    renderPresence();
    renderProvinces();
    renderRoster();
  } else if (m.type === "forbidden") {
    showError(T("This panel is not allowed to follow the session. Log in again with the session's owner account."));
  } else if (m.type === "error" && (m.request_id === null || m.request_id === undefined)) {
    showError(m.message);  // an answer to a part's request is that part's to show (hooks.js)
  }
}

var socket = new LiveSocket(root.dataset.ws, onMessage);
useSocket(socket);
window.setInterval(tick, 250);
window.setInterval(function () { if (socket.isOpen()) { socket.send({ type: "ping" }); } }, 25000);
