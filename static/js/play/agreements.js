/* Agreements on the student page: proposals this seat is party to (accept, decline,
   withdraw), the form to propose one, the province's assigned tasks, and what binds this
   city shown on the joint-project cards of the policy sheet. The server decides every
   rule (who may act, what is valid, what binds); the page shows what it sent.
   Messages: `agreements` (state after each snapshot), `agreement`, `task`,
   `agreement.done`, `task.done`, `error` (docs/protocol.md §9). */
import { $, badge, clear, fmt, h, t } from "./dom.js";
import { mount, on, onRender, send, state } from "./hooks.js";
import { announce } from "./notices.js";
import { cityName, me, projectName, round } from "./state.js";
import { renderRecord } from "./promises.js";
import { clearFieldErrors } from "./sheet.js";

var A = { round: null, agreements: [], tasks: [], record: [], pending: {}, seq: 0 };

var section = mount("main", h("section", { class: "card", id: "card-agreements", "aria-labelledby": "agreements-title", hidden: true }, [
  h("div", { class: "card-head" }, [
    h("h2", { id: "agreements-title", text: gettext("Agreements") }),
    h("span", { class: "card-sub", id: "agreements-sub" })
  ]),
  h("div", { id: "agreements-status", role: "status", "aria-live": "polite", class: "small" }),
  h("div", { id: "agreements-tasks" }),
  h("div", { id: "agreements-list" }),
  h("div", { id: "agreements-propose" }),
  h("div", { id: "agreements-record" })
]));

export var STATUS = {
  proposed: [gettext("Waiting for answers"), "warn"],
  signed: [gettext("Signed"), "ok"],
  declined: [gettext("Declined"), "muted"],
  withdrawn: [gettext("Withdrawn"), "muted"],
  lapsed: [gettext("Lapsed"), "muted"],
  annulled: [gettext("Annulled by the province"), "danger"]
};

function params() { var r = round(); return (r && r.rules && r.rules.params) || {}; }
function isOpen() { var r = round(); var s = state().snap; return !!(r && r.status === "open" && s && s.session && s.session.status !== "ended"); }

/* ----- messages */
on("agreements", function (msg) {
  A.round = msg.round; A.agreements = msg.agreements || []; A.tasks = msg.tasks || []; A.record = msg.record || [];
  draw();
});
on("agreement", function (msg) { upsert(A.agreements, msg.agreement); draw(); });
on("task", function (msg) { upsert(A.tasks, msg.task); draw(); });
on("promises", function (msg) { A.record = msg.record || []; draw(); });
on("agreement.done", function (msg) { settle(msg.request_id, null); upsert(A.agreements, msg.agreement); draw(); });
on("error", function (msg) {
  if (!msg.request_id || !A.pending[msg.request_id]) { return; }
  // A refused proposal is shown once, beside its form (#ag-error, below); any other
  // refusal in the status line.
  var besideForm = !!(A.onDone && A.onDone[msg.request_id]);
  settle(msg.request_id, msg.message || msg.code, besideForm);
});
on("round", function () { draw(); });
onRender(function () {
  // A new round: this round's agreements and tasks come with the next state message.
  var r = round();
  if (r && A.round !== null && r.number !== A.round) {
    A.agreements = []; A.tasks = []; A.round = r.number;
    $("agreements-status").textContent = "";
  }
  draw();
});

function upsert(list, item) {
  var r = round();
  if (!item || (r && item.round !== r.number)) { return; }
  for (var i = 0; i < list.length; i++) { if (list[i].id === item.id) { list[i] = item; return; } }
  list.push(item);
}

function act(message, label) {
  var id = "ag-" + (++A.seq);
  A.pending[id] = label;
  message.request_id = id;
  $("agreements-status").textContent = t(gettext("%(action)s…"), { action: label });
  send(message);
  return id;
}

function settle(id, error, shownElsewhere) {
  if (!A.pending[id]) { return; }
  var label = A.pending[id];
  delete A.pending[id];
  var status = $("agreements-status");
  if (error && shownElsewhere) { status.className = "small"; status.textContent = ""; return; }
  status.className = "small" + (error ? " field-error" : "");
  status.textContent = error ? error : t(gettext("%(action)s: done."), { action: label });
  announce(status.textContent);
}

/* ----- drawing */
function draw() {
  var s = state().snap;
  var seated = !!(s && s.province && me().city);
  section.hidden = !seated;
  if (!seated) { return; }
  drawTasks();
  drawList();
  drawPropose();
  renderRecord($("agreements-record"), A.record, { city: cityName, project: projectName });
  markSheet();
  linkCards();
  var waiting = A.agreements.filter(function (a) { return a.status === "proposed" && myParty(a) && !myParty(a).accepted; }).length;
  $("agreements-sub").textContent = waiting ? t(ngettext("%(n)s proposal waits for your answer", "%(n)s proposals wait for your answer", waiting), { n: waiting }) : "";
}

function myParty(a) { return (a.parties || []).filter(function (p) { return p.city === me().city; })[0] || null; }

function partiesLine(parties, key) {
  return h("ul", { class: "plain small" }, parties.map(function (p) {
    var mark = key === "pledge" ? (p.accepted ? badge(gettext("accepted"), "ok") : badge(gettext("not yet"), "muted")) : null;
    return h("li", {}, [
      t(gettext("%(city)s: %(amount)s units"), { city: cityName(p.city), amount: fmt(p[key], 0) }), " ", mark
    ]);
  }));
}

function drawList() {
  var box = clear($("agreements-list"));
  if (!A.agreements.length) {
    var r = round();
    // Between rounds the list is the last round's: say which round, not "this round".
    var none = isOpen() ? gettext("No agreement names your city this round.")
      : r ? t(gettext("No agreement named your city in round %(n)s."), { n: r.number })
      : gettext("No agreements yet: they are made while a round is open.");
    box.appendChild(h("p", { class: "muted small", text: none }));
    return;
  }
  A.agreements.forEach(function (a) {
    var st = STATUS[a.status] || [a.status, "muted"];
    var mine = myParty(a);
    var buttons = [];
    if (a.status === "proposed" && isOpen()) {
      if (mine && !mine.accepted) {
        buttons.push(h("button", { type: "button", class: "btn btn-primary", text: gettext("Accept"),
          onclick: function () { act({ type: "agreement.accept", id: a.id }, gettext("Accepting")); } }));
        buttons.push(h("button", { type: "button", class: "btn", text: gettext("Decline"),
          onclick: function () { act({ type: "agreement.decline", id: a.id }, gettext("Declining")); } }));
      }
      if (a.proposer === me().city) {
        buttons.push(h("button", { type: "button", class: "btn", text: gettext("Withdraw"),
          onclick: function () { act({ type: "agreement.withdraw", id: a.id }, gettext("Withdrawing")); } }));
      }
    }
    box.appendChild(h("article", { class: "card agreement", "data-agreement": String(a.id), "data-status": a.status, "aria-label": t(gettext("Agreement #%(id)s"), { id: a.id }) }, [
      h("div", { class: "card-head" }, [
        h("h3", { class: "project-name", text: t(gettext("#%(id)s · %(project)s"), { id: a.id, project: projectName(a.project) }) }),
        badge(st[0], st[1])
      ]),
      h("p", { class: "small muted", text: t(gettext("Proposed by %(city)s"), { city: cityName(a.proposer) }) }),
      partiesLine(a.parties || [], "pledge"),
      h("p", { class: "small note-text" }, [h("strong", { text: gettext("How benefits are shared:") + " " }), a.note]),
      a.status === "annulled" && a.reason ? h("p", { class: "warning-line" }, [
        h("span", { "aria-hidden": "true", text: "⚠" }),
        h("span", { text: t(gettext("The province annulled it: %(reason)s"), { reason: a.reason }) })
      ]) : null,
      buttons.length ? h("div", { class: "btn-row" }, buttons) : null
    ]));
  });
}

function drawTasks() {
  var box = clear($("agreements-tasks"));
  A.tasks.forEach(function (task) {
    box.appendChild(h("article", { class: "card is-warning task", "data-task": String(task.id) }, [
      h("div", { class: "card-head" }, [
        h("h3", { class: "project-name", text: t(gettext("Task #%(id)s from the province · %(project)s"), { id: task.id, project: projectName(task.project) }) }),
        badge(params().enforce_tasks ? gettext("enforced") : gettext("not enforced"), params().enforce_tasks ? "warn" : "muted")
      ]),
      task.note ? h("p", { class: "small note-text", text: task.note }) : null,
      partiesLine(task.shares || [], "required")
    ]));
  });
}

/* ----- proposing */
function myProjects() {
  var offer = state().snap && state().snap.offer;
  return ((offer && offer.joint) || []).filter(function (p) { return p.members.indexOf(me().city) >= 0; });
}

function drawPropose() {
  var box = $("agreements-propose");
  var projects = myProjects();
  var key = isOpen() ? round().number + ":" + projects.map(function (p) { return p.id; }).join(",") : "";
  if (box.dataset.key === key) { return; }  // keep what the student is typing
  box.dataset.key = key;
  clear(box);
  if (!key || !projects.length) { return; }
  var select = h("select", { id: "ag-project" }, projects.map(function (p) {
    return h("option", { value: p.id, text: PC.name({ zh: p.name_zh, en: p.name_en }) });
  }));
  var pledges = h("div", { id: "ag-pledges", class: "pledge-fields" });
  var note = h("textarea", { id: "ag-note", rows: "2", maxlength: "500", "aria-describedby": "ag-note-hint" });
  var error = h("span", { class: "field-error", id: "ag-error", role: "alert" });
  function fillPledges() {
    clear(pledges);
    var p = projects.filter(function (x) { return x.id === select.value; })[0];
    if (!p) { return; }
    p.members.forEach(function (m) {
      var fair = ((p.preview || {})[m] || {}).fair_share;
      var id = "ag-pledge-" + m;
      pledges.appendChild(h("div", { class: "field" }, [
        h("label", { for: id, text: m === me().city ? t(gettext("%(city)s (you)"), { city: cityName(m) }) : cityName(m) }),
        h("div", { class: "input-unit" }, [
          h("input", { id: id, type: "number", inputmode: "numeric", min: "0", step: "1", placeholder: "–", "data-city": m }),
          h("span", { class: "unit", "aria-hidden": "true", text: gettext("units") })
        ]),
        fair !== undefined ? h("span", { class: "hint", text: t(gettext("fair share %(n)s"), { n: fmt(fair) }) }) : null
      ]));
    });
  }
  select.addEventListener("change", fillPledges);
  fillPledges();
  var form = h("form", { class: "propose-form", novalidate: true, "aria-labelledby": "ag-propose-title" }, [
    h("h3", { id: "ag-propose-title", text: gettext("Propose an agreement") }),
    h("p", { class: "small muted", text: params().binding_agreements
      ? gettext("Under these rules a signed pledge is binding: your sheet must give at least that much, and scoring enforces it.")
      : gettext("Under these rules a pledge is not binding: it is a promise, and the record will show who kept it.") }),
    h("div", { class: "field" }, [h("label", { for: "ag-project", text: gettext("Joint project") }), select]),
    h("p", { class: "small", text: gettext("Pledges (leave a city empty to leave it out):") }),
    pledges,
    h("div", { class: "field" }, [
      h("label", { for: "ag-note", text: gettext("How will the benefits be shared?") }),
      note,
      h("span", { class: "hint", id: "ag-note-hint", text: gettext("Up to 500 characters. Only the cities named and the instructor see it.") })
    ]),
    error,
    h("button", { type: "submit", class: "btn btn-primary", text: gettext("Send proposal") })
  ]);
  form.addEventListener("submit", function (ev) {
    ev.preventDefault();
    error.textContent = "";
    var amounts = {};
    var bad = false;
    pledges.querySelectorAll("input[data-city]").forEach(function (input) {
      var raw = (input.value || "").trim();
      if (input.validity && input.validity.badInput) { bad = true; return; }
      if (raw !== "") { amounts[input.dataset.city] = Number(raw); }
    });
    if (bad) { error.textContent = gettext("Pledges must be whole numbers."); return; }
    var id = act({ type: "agreement.propose", project: select.value, pledges: amounts, note: note.value }, gettext("Sending the proposal"));
    A.onDone = A.onDone || {};
    A.onDone[id] = function () { note.value = ""; };
  });
  box.appendChild(h("details", { class: "card", "data-key": "agreement-propose" }, [
    h("summary", { text: gettext("Propose an agreement to the members of a joint project") }), form
  ]));
}
/* Opens the proposal form with `project` chosen, and takes the student there: the form
   sits below the sheet and the agreements, far from where a phone user negotiates. */
function proposeFor(project) {
  var select = $("ag-project");
  if (!select) { return; }
  var details = select.closest("details");
  if (details) { details.open = true; }
  if (select.value !== project) {
    select.value = project;
    select.dispatchEvent(new Event("change"));
  }
  var first = document.querySelector('#ag-pledges input[data-city="' + CSS.escape(me().city) + '"]') || select;
  $("agreements-propose").scrollIntoView({ block: "start", behavior: "smooth" });
  first.focus({ preventScroll: true });
}

/* A "Propose an agreement for this project" button on each joint-project card of the
   sheet this city is a member of, while proposals can be made. */
function linkCards() {
  document.querySelectorAll("#joint-cards .propose-here").forEach(function (n) { n.parentNode.removeChild(n); });
  if (!$("ag-project")) { return; }
  myProjects().forEach(function (p) {
    var input = document.getElementById("contrib-" + p.id);
    var field = input && input.closest(".field");
    if (!field) { return; }
    field.parentNode.insertBefore(h("p", { class: "propose-here" }, [
      h("button", { type: "button", class: "btn btn-small btn-quiet", "data-project": p.id,
                    text: gettext("Propose an agreement for this project"), onclick: function () { proposeFor(p.id); } })
    ]), field.nextSibling);
  });
}

on("agreement.done", function (msg) {
  var done = A.onDone && A.onDone[msg.request_id];
  if (done) { delete A.onDone[msg.request_id]; done(); }
});
on("error", function (msg) {
  if (msg.request_id && A.onDone && A.onDone[msg.request_id]) {
    delete A.onDone[msg.request_id];
    var error = $("ag-error");
    if (error) { error.textContent = msg.message || msg.code; }
  }
});

/* ----- what binds this city, on the joint-project cards of the sheet */
function markSheet() {
  var binding = { agreement: !!params().binding_agreements, task: !!params().enforce_tasks };
  var lines = {};
  A.agreements.forEach(function (a) {
    var mine = myParty(a);
    if (a.status !== "signed" || !mine) { return; }
    (lines[a.project] = lines[a.project] || []).push(t(binding.agreement
      ? gettext("Agreement #%(id)s (signed): you pledged %(n)s units. Binding: the sheet must give at least that.")
      : gettext("Agreement #%(id)s (signed): you pledged %(n)s units. Not binding: a reminder; the record will show if you keep it."),
      { id: a.id, n: fmt(mine.pledge, 0) }));
  });
  A.tasks.forEach(function (task) {
    var share = (task.shares || []).filter(function (s) { return s.city === me().city; })[0];
    if (!share) { return; }
    (lines[task.project] = lines[task.project] || []).push(t(binding.task
      ? gettext("Task #%(id)s: the province requires %(n)s units from you. Enforced: the sheet must give at least that.")
      : gettext("Task #%(id)s: the province requires %(n)s units from you. Not enforced, but a missed share may cost points."),
      { id: task.id, n: fmt(share.required, 0) }));
  });
  // What binds a project changed (signed, annulled, a task): an old refusal of that
  // contribution no longer says why the next save may fail, so it goes.
  var signature = JSON.stringify(lines);
  if (A.marked !== undefined && A.marked !== signature) { clearFieldErrors(); }
  A.marked = signature;
  document.querySelectorAll("#joint-cards .commitments").forEach(function (n) { n.parentNode.removeChild(n); });
  Object.keys(lines).forEach(function (project) {
    var input = document.getElementById("contrib-" + project);
    var card = input && input.closest("article");
    if (!card) { return; }
    var field = input.closest(".field");
    card.insertBefore(h("div", { class: "commitments", role: "note" }, lines[project].map(function (line) {
      return h("p", { class: "warning-line" }, [h("span", { "aria-hidden": "true", text: "§" }), h("span", { text: line })]);
    })), field);
  });
}
