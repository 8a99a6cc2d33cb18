/* The policy sheet: the form built from the offer, local checks, saving, a teammate's newer save. */
import { $, badge, clear, clockTime, cssEscape, fact, fmt, h, pct, t } from "./dom.js";
import { JOINT_TYPES, SECTORS } from "./labels.js";
import { send } from "./hooks.js";
import { announce } from "./notices.js";
import { renderProvince } from "./side.js";
import { S, cities, cityName, me, myCity, round, rulesName } from "./state.js";

/* The save bar's height, for the phone's chat sheet to end above it (app.css): a student
   can save while the chat is open. 0 while the sheet is not shown. */
(function publishBarHeight() {
  var bar = $("budget-bar");
  if (!bar || !window.ResizeObserver) { return; }
  new ResizeObserver(function () {
    document.documentElement.style.setProperty("--save-bar-h", bar.offsetHeight + "px");
  }).observe(bar);
})();

export function onSheet(msg) {
  var m = me();
  if (!S.snap || msg.seat !== m.seat) { return; }
  var r = round();
  if (!r || msg.round !== r.number) { return; }
  var known = m.sheet && m.sheet.round === msg.round ? m.sheet.version : 0;
  if (msg.version <= known) { return; }  // an echo of a save we already know
  m.sheet = { round: msg.round, data: msg.data, version: msg.version, saved_at: msg.saved_at, saved_by: msg.saved_by };
  cities().forEach(function (c) { if (c.seat === msg.seat) { c.submitted = true; } });
  renderProvince();
  if (S.saving && sameSheet(msg.data, S.saving.data)) { return; }  // our own save, acknowledged next
  syncFormWithServer(m.sheet, false);
}

export function onSaved(msg) {
  if (!S.saving || msg.request_id !== S.saving.requestId) { return; }
  window.clearTimeout(S.saving.timer);
  S.saving = null;
  var m = me();
  m.sheet = { round: msg.round, data: msg.data, version: msg.version, saved_at: msg.saved_at, saved_by: m.name };
  S.baseline = { data: msg.data, version: msg.version };
  S.remote = null;
  renderTeammateNotice();
  var mine = myCity();
  if (mine) { mine.submitted = true; }
  renderProvince();
  clearFieldErrors();
  updateBudget();
  updateSaveUi();
}
/* ----- the sheet form */
export function hideForm() {
  $("sheet-form").hidden = true;
}

export function showForm() {
  var r = round(), offer = S.snap.offer;
  var form = $("sheet-form");
  var key = me().seat + ":" + r.number + ":" + r.rules.version + ":" + (offer ? (offer.industrial || []).concat(offer.joint || []).map(function (p) { return p.id; }).join(",") : "");
  form.hidden = false;
  if (S.formKey !== key) {
    S.formKey = key;
    S.baseline = null;
    S.remote = null;
    buildForm(r, offer || { industrial: [], joint: [] });
    var sheet = me().sheet && me().sheet.round === r.number ? me().sheet : null;
    fillForm(sheet ? sheet.data : null);
    S.baseline = sheet ? { data: sheet.data, version: sheet.version } : { data: null, version: 0 };
    renderTeammateNotice();
  }
  var c = myCity();
  $("sheet-budget").textContent = c ? t(gettext("Budget this round: %(budget)s units"), { budget: fmt(c.budget, 0) }) : "";
  clearPausedError();
  updateBudget();
  updateSaveUi();
}

export function inputField(opts) {
  var hintId = opts.id + "-hint", errId = opts.id + "-err";
  var input = h("input", {
    id: opts.id, type: "number", inputmode: "numeric", min: "0", max: opts.max || null, step: "1",
    placeholder: "0", autocomplete: "off", "data-field": opts.field,
    "aria-describedby": hintId + " " + errId
  });
  input.addEventListener("input", onFormInput);
  return h("div", { class: "field" }, [
    h("label", { for: opts.id, text: opts.label }),
    h("div", { class: "input-unit" }, [input, h("span", { class: "unit", "aria-hidden": "true", text: opts.unit || gettext("units") })]),
    h("span", { class: "hint", id: hintId, text: opts.hint || "" }),
    h("span", { class: "field-error", id: errId, "data-error-for": opts.field, role: "alert" })
  ]);
}

export function buildForm(r, offer) {
  var params = r.rules.params || {};
  var myId = me().city;
  var c = myCity();

  // what the rules say, in one place above the cards
  var notes = clear($("sheet-rules-notes"));
  var lines = [];
  if (params.all_pay) { lines.push(gettext("All-pay auctions: every bid at or above the reserve is paid, whether it wins or not.")); }
  else { lines.push(gettext("First-price auctions: only the winner pays its bid; the highest bid at or above the reserve wins.")); }
  lines.push(params.refund_failed
    ? gettext("If a joint project fails, contributions are refunded.")
    : gettext("If a joint project fails, contributions are lost."));
  if (S.snap.session && S.snap.session.local_return !== undefined) {
    lines.push(t(gettext("Each unit you do not spend is invested locally and adds %(rho)s GDP to your city."), { rho: fmt(S.snap.session.local_return, 2) }));
  }
  notes.appendChild(h("details", { class: "small" }, [
    h("summary", { text: t(gettext("Rules in force: %(name)s"), { name: rulesName(r.rules) }) }),
    r.rules.summary ? h("p", { text: PC.name(r.rules.summary) }) : null,
    h("ul", {}, lines.map(function (l) { return h("li", { text: l }); }))
  ]));

  // industrial projects
  var ind = clear($("industrial-cards"));
  (offer.industrial || []).forEach(function (p) {
    var name = PC.name({ zh: p.name_zh, en: p.name_en });
    var dup = (p.duplicate_for || []).indexOf(myId) >= 0;
    ind.appendChild(h("article", { class: "card" + (dup ? " is-warning" : ""), "aria-label": name }, [
      h("div", { class: "card-head" }, [
        h("h4", { class: "project-name", text: name }),
        badge(SECTORS[p.sector] || p.sector, "info")
      ]),
      h("dl", { class: "facts" }, [
        fact(gettext("Value V (GDP)"), fmt(p.value)),
        fact(gettext("Fiscal yield Y"), fmt(p.fiscal_yield)),
        fact(gettext("Reserve price"), fmt(p.reserve, 0))
      ]),
      dup ? h("p", { class: "warning-line" }, [
        h("span", { "aria-hidden": "true", text: "⚠" }),
        h("span", { text: t(gettext("Your city or a neighbour already hosts this sector: if you win, its GDP value is cut by %(pct)s."), { pct: pct(params.duplicate_penalty, 0) }) })
      ]) : null,
      inputField({
        id: "bid-" + p.id, field: "bids." + p.id, label: gettext("Your sealed bid"),
        hint: t(gettext("Whole units. A bid below %(reserve)s cannot win; leave empty or 0 for no bid."), { reserve: fmt(p.reserve, 0) })
      })
    ]));
  });
  if (!(offer.industrial || []).length) { ind.appendChild(h("p", { class: "muted", text: gettext("No industrial project is on offer this round.") })); }

  // joint projects
  var joint = clear($("joint-cards"));
  var others = [];
  (offer.joint || []).forEach(function (p) {
    if ((p.members || []).indexOf(myId) < 0) { others.push(p); return; }
    joint.appendChild(jointCard(p, r, params));
  });
  if (!joint.childNodes.length) { joint.appendChild(h("p", { class: "muted", text: gettext("Your city is not a member of any joint project this round.") })); }
  var oth = clear($("joint-others"));
  if (others.length) {
    oth.appendChild(h("details", { class: "card" }, [
      h("summary", { text: t(gettext("Other joint projects in the province (%(count)s)"), { count: others.length }) }),
      h("ul", { class: "list-plain small" }, others.map(function (p) {
        return h("li", {}, [
          h("strong", { text: PC.name({ zh: p.name_zh, en: p.name_en }) }), " · ",
          JOINT_TYPES[p.type] || p.type, " · ",
          t(gettext("members: %(members)s"), { members: PC.list(p.members.map(cityName)) }), " · ",
          t(gettext("threshold %(t)s"), { t: fmt(p.threshold, 0) })
        ]);
      }))
    ]));
  }

  // inflation of the collaboration report
  var inf = clear($("inflation-block"));
  if (params.reporting) {
    inf.hidden = false;
    inf.appendChild(h("h3", { text: gettext("Collaboration report") }));
    inf.appendChild(h("p", { class: "small", text: t(gettext("Under these rules each city reports its own collaboration. You may inflate the report; the province audits each city with probability %(prob)s, and an inflated report that is caught scores 0 and costs %(penalty)s points."),
      { prob: pct(params.audit_probability, 0), penalty: fmt(params.audit_penalty, 2) }) }));
    var field = inputField({ id: "inflation", field: "inflation_pct", label: gettext("Report inflation"), max: "50", unit: "%",
      hint: gettext("A whole number from 0 to 50 %. 0 means an honest report.") });
    inf.appendChild(field);
  } else {
    inf.hidden = true;
  }
  if (c) { /* budget shown in updateBudget */ }
}

export function jointCard(p, r, params) {
  var name = PC.name({ zh: p.name_zh, en: p.name_en });
  var mine = (p.preview || {})[me().city] || {};
  var members = PC.list(p.members.map(function (m) {
    var label = cityName(m);
    if (m === p.host) { label = t(gettext("%(city)s (host)"), { city: label }); }
    if (m === me().city) { label = t(gettext("%(city)s (you)"), { city: label }); }
    return label;
  }));
  var payoutRound = r.number + (p.delay || 0);
  var total = S.snap.session ? S.snap.session.total_rounds : null;
  var pointsLabel = p.type === "public_service" ? gettext("Public-service points") : gettext("Ecology points");
  var gets = [
    fact(gettext("GDP"), "+" + fmt(mine.gdp_if_completed)),
    fact(gettext("Fiscal"), "+" + fmt(mine.fiscal))
  ];
  if (mine.points) { gets.push(fact(pointsLabel, "+" + fmt(mine.points))); }
  return h("article", { class: "card is-member", "aria-label": name }, [
    h("div", { class: "card-head" }, [
      h("h4", { class: "project-name", text: name }),
      badge(JOINT_TYPES[p.type] || p.type, "info")
    ]),
    h("p", { class: "small" }, [h("strong", { text: gettext("Members:") + " " }), members]),
    h("dl", { class: "facts" }, [
      fact(gettext("Threshold T"), fmt(p.threshold, 0)),
      fact(gettext("Your fair share"), fmt(mine.fair_share)),
      fact(gettext("Pays out"), p.delay ? t(ngettext("%(n)s round later (round %(r)s)", "%(n)s rounds later (round %(r)s)", p.delay), { n: p.delay, r: payoutRound }) : gettext("this round"))
    ]),
    p.delay && total && payoutRound > total ? h("p", { class: "warning-line" }, [
      h("span", { "aria-hidden": "true", text: "⚠" }),
      h("span", { text: gettext("This pays out after the last round: nobody will receive its benefits in this game.") })
    ]) : null,
    h("p", { class: "small", text: gettext("If it completes under these rules (and every member pays its fair share), your city gets:") }),
    h("dl", { class: "facts" }, gets),
    inputField({
      id: "contrib-" + p.id, field: "contributions." + p.id, label: gettext("Your contribution"),
      hint: t(gettext("Whole units. It completes when members pay %(t)s in total."), { t: fmt(p.threshold, 0) })
    }),
    h("p", { class: "small muted", text: gettext("Money paid above T goes back to the members who paid above their fair share, and collaboration counts what you pay up to your fair share: over-paying buys nothing.") })
  ]);
}

export function formInputs() { return Array.prototype.slice.call($("sheet-form").querySelectorAll("input[data-field]")); }

export function readInput(input) {
  if (input.validity && input.validity.badInput) { return { ok: false }; }
  var raw = (input.value || "").trim();
  if (raw === "") { return { ok: true, value: 0, empty: true }; }
  if (!/^\d+$/.test(raw)) { return { ok: false }; }
  return { ok: true, value: parseInt(raw, 10) };
}

/* The form as a sheet; `problems` lists inputs that are not whole numbers. */
export function formSheet() {
  var sheet = { bids: {}, contributions: {}, inflation_pct: 0 }, problems = [];
  formInputs().forEach(function (input) {
    var v = readInput(input);
    var field = input.dataset.field;
    if (!v.ok) { problems.push({ field: field, message: gettext("Enter a whole number of 0 or more.") }); return; }
    if (field === "inflation_pct") {
      if (v.value > 50) { problems.push({ field: field, message: gettext("The report inflation must be between 0 and 50 %.") }); }
      sheet.inflation_pct = v.value;
    } else {
      var parts = field.split(".");
      var kind = parts.shift();
      if (v.value > 0) { sheet[kind][parts.join(".")] = v.value; }
    }
  });
  return { sheet: sheet, problems: problems };
}

export function normalise(data) {
  var out = { bids: {}, contributions: {}, inflation_pct: 0 };
  if (!data) { return out; }
  ["bids", "contributions"].forEach(function (k) {
    Object.keys(data[k] || {}).sort().forEach(function (id) { if (data[k][id]) { out[k][id] = data[k][id]; } });
  });
  out.inflation_pct = data.inflation_pct || 0;
  return out;
}
export function sameSheet(a, b) { return JSON.stringify(normalise(a)) === JSON.stringify(normalise(b)); }

export function isDirty() {
  if ($("sheet-form").hidden || !S.baseline) { return false; }
  var f = formSheet();
  if (f.problems.length) { return true; }
  return !sameSheet(f.sheet, S.baseline.data);
}

export function fillForm(data) {
  data = data || {};
  formInputs().forEach(function (input) {
    var field = input.dataset.field, v;
    if (field === "inflation_pct") { v = data.inflation_pct; }
    else {
      var parts = field.split("."), kind = parts.shift();
      v = (data[kind] || {})[parts.join(".")];
    }
    input.value = v ? String(v) : "";
  });
  clearFieldErrors();
}

/* A sheet arrived from the server (snapshot on (re)connect, or a teammate's save). */
export function syncFormWithServer(sheet, fromSnapshot) {
  var r = round();
  if (!r || r.status !== "open" || $("sheet-form").hidden || !sheet || sheet.round !== r.number) { return; }
  var baseVersion = S.baseline ? S.baseline.version : 0;
  if (sheet.version <= baseVersion) { return; }
  if (!isDirty()) {
    fillForm(sheet.data);
    S.baseline = { data: sheet.data, version: sheet.version };
    S.remote = null;
    renderTeammateNotice();
    updateBudget();
    updateSaveUi();
    if (!fromSnapshot && sheet.saved_by && sheet.saved_by !== me().name) {
      announce(t(gettext("%(name)s saved your city's sheet. The form now shows their version."), { name: PC.isolate(sheet.saved_by) }));
    }
  } else if (!(S.saving && sameSheet(sheet.data, S.saving.data))) {
    S.remote = sheet;
    renderTeammateNotice();
    updateSaveUi();
  }
}

export function renderTeammateNotice() {
  var old = $("notices").querySelector('[data-key="teammate"]');
  if (old) { old.remove(); }
  if (!S.remote) { return; }
  var remote = S.remote;
  var node = h("div", { class: "alert alert-warning", role: "alert", "data-key": "teammate" }, [
    h("p", { class: "alert-title", text: gettext("A teammate saved a newer version") }),
    h("p", { text: t(gettext("%(name)s saved your city's sheet at %(time)s. You have unsaved changes here: load their version, or keep yours and save it to replace theirs."),
      { name: remote.saved_by ? PC.isolate(remote.saved_by) : gettext("A teammate"), time: clockTime(remote.saved_at) }) }),
    h("div", { class: "actions" }, [
      h("button", { type: "button", class: "btn btn-primary btn-small", text: gettext("Load their version"), onclick: function () {
        fillForm(remote.data);
        S.baseline = { data: remote.data, version: remote.version };
        S.remote = null;
        renderTeammateNotice();
        updateBudget(); updateSaveUi();
        var first = formInputs()[0]; if (first) { first.focus(); }
      } }),
      h("button", { type: "button", class: "btn btn-small", text: gettext("Keep mine"), onclick: function () {
        S.baseline = { data: S.baseline ? S.baseline.data : null, version: remote.version };
        S.remote = null;
        renderTeammateNotice();
        updateSaveUi();
        $("save-btn").focus();
      } })
    ])
  ]);
  $("notices").appendChild(node);
}

export function onFormInput(event) {
  var input = event.target;
  var err = document.querySelector('[data-error-for="' + cssEscape(input.dataset.field) + '"]');
  if (err) { err.textContent = ""; }
  input.classList.remove("is-invalid");
  input.removeAttribute("aria-invalid");
  var v = readInput(input);
  if (!v.ok) { markInvalid(input.dataset.field, gettext("Enter a whole number of 0 or more.")); }
  updateBudget();
  updateSaveUi();
}

export function markInvalid(field, message) {
  var input = $("sheet-form").querySelector('input[data-field="' + cssEscape(field) + '"]');
  var err = document.querySelector('[data-error-for="' + cssEscape(field) + '"]');
  if (!input || !err) { return false; }
  input.classList.add("is-invalid");
  input.setAttribute("aria-invalid", "true");
  err.textContent = err.textContent ? err.textContent + " " + message : message;
  return true;
}

export function clearFieldErrors() {
  formInputs().forEach(function (input) { input.classList.remove("is-invalid"); input.removeAttribute("aria-invalid"); });
  $("sheet-form").querySelectorAll("[data-error-for]").forEach(function (e) { e.textContent = ""; });
  $("err-sheet").textContent = "";
  delete $("err-sheet").dataset.paused;
}

/* A save refused while the game was paused says "paused: not saved"; once the instructor
   resumes (the page learns it from the next snapshot or province message, which redraws
   the form: showForm), that is no longer true and the message goes. */
export function clearPausedError() {
  var err = $("err-sheet");
  if (!err.dataset.paused || (S.snap && S.snap.session && S.snap.session.paused_at)) { return; }
  delete err.dataset.paused;
  err.textContent = "";
}

export function showProblems(problems) {
  var general = [];
  var firstInput = null;
  problems.forEach(function (p) {
    if (p.field && p.field !== "sheet" && markInvalid(p.field, p.message)) {
      if (!firstInput) { firstInput = $("sheet-form").querySelector('input[data-field="' + cssEscape(p.field) + '"]'); }
    } else {
      general.push(p.message);
    }
  });
  $("err-sheet").textContent = general.join(" ");
  if (firstInput) { firstInput.focus(); }
}

export function updateBudget() {
  var c = myCity();
  if (!c || $("sheet-form").hidden) { return; }
  var f = formSheet();
  var bids = 0, contribs = 0;
  Object.keys(f.sheet.bids).forEach(function (k) { bids += f.sheet.bids[k]; });
  Object.keys(f.sheet.contributions).forEach(function (k) { contribs += f.sheet.contributions[k]; });
  var left = c.budget - bids - contribs;
  var bar = $("budget-bar");
  $("left-value").textContent = fmt(left, 0);
  $("spent-breakdown").textContent = t(gettext("Budget %(budget)s − bids %(bids)s − contributions %(contribs)s"),
    { budget: fmt(c.budget, 0), bids: fmt(bids, 0), contribs: fmt(contribs, 0) });
  bar.classList.toggle("is-over", left < 0);
  var err = $("err-sheet");
  if (left < 0) {
    err.dataset.over = "1";
    err.textContent = t(gettext("Over budget by %(over)s units: lower your bids or contributions before saving."), { over: fmt(-left, 0) });
  } else if (err.dataset.over) {
    delete err.dataset.over;
    err.textContent = "";
  }
}

export function updateSaveUi(message) {
  var btn = $("save-btn"), status = clear($("save-status"));
  btn.disabled = !!S.saving;
  btn.textContent = S.saving ? gettext("Saving…") : gettext("Save");
  if (message) { status.appendChild(h("span", { class: "unsaved", text: message })); return; }
  if (S.saving && offline()) {
    // The save is queued on the socket and goes out on reconnect: say so where the student looks.
    btn.textContent = gettext("Waiting for the connection…");
    status.appendChild(h("span", { class: "unsaved", text: gettext("Offline: your sheet will be saved when the connection returns.") }));
    return;
  }
  if (S.saving) { status.appendChild(h("span", { text: gettext("Saving…") })); return; }
  var sheet = me().sheet, r = round();
  var saved = sheet && r && sheet.round === r.number ? sheet : null;
  var dirty = isDirty();
  if (saved) {
    var who = saved.saved_by === me().name ? gettext("you") : (saved.saved_by ? PC.isolate(saved.saved_by) : gettext("a scripted player"));
    status.appendChild(h("span", { class: "saved", text: t(gettext("Saved ✓ %(time)s by %(name)s"), { time: clockTime(saved.saved_at), name: who }) }));
  } else {
    status.appendChild(h("span", { class: "muted", text: gettext("Not saved yet.") }));
  }
  if (dirty) {
    status.appendChild(document.createTextNode(" · "));
    status.appendChild(h("span", { class: "unsaved", text: gettext("You have unsaved changes.") }));
  }
}

function offline() { return document.body.classList.contains("is-offline"); }

window.addEventListener("pc:connection", function () { if (S.saving) { updateSaveUi(); } });

$("sheet-form").addEventListener("submit", function (event) {
  event.preventDefault();
  if (S.saving) { return; }
  var r = round();
  if (!r || r.status !== "open") { return; }
  clearFieldErrors();
  var f = formSheet();
  if (f.problems.length) {
    f.problems.forEach(function (p) { markInvalid(p.field, p.message); });
    var first = $("sheet-form").querySelector("input.is-invalid");
    if (first) { first.focus(); }
    updateSaveUi(gettext("Not saved: fix the fields marked with ⚠."));
    return;
  }
  updateBudget();
  if ($("budget-bar").classList.contains("is-over")) {
    updateSaveUi(gettext("Not saved: you are over budget."));
    return;
  }
  S.seq += 1;
  var requestId = "s" + Date.now().toString(36) + "-" + S.seq;
  function giveUp() {
    if (!S.saving || S.saving.requestId !== requestId) { return; }
    // Offline, the save waits in the socket's queue: the wait for an answer starts on reconnect.
    if (offline()) { S.saving.timer = window.setTimeout(giveUp, 15000); return; }
    S.saving = null;
    updateSaveUi(gettext("No answer from the server yet. Your entries are still here; check the connection and save again."));
  }
  S.saving = { requestId: requestId, data: f.sheet, timer: window.setTimeout(giveUp, 15000) };
  send({ type: "sheet.save", round: r.number, sheet: f.sheet, request_id: requestId });
  updateSaveUi();
});

window.addEventListener("beforeunload", function (event) {
  if (!S.dead && isDirty()) { event.preventDefault(); event.returnValue = ""; }
});
