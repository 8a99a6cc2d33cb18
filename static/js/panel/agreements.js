/* Agreements and tasks in the instructor panel: every agreement of the round (annul one
   with a reason), assigning a joint project to named cities (专项式发包), the tasks, and
   after scoring each province's counts and record of promises. Sends `agreement.annul`
   and `task.assign` on the instructor socket (docs/protocol.md §9). */
import { el, T, F, $, clear, showError, showOk } from "./common.js";
import { mount, on, onRender, send, state } from "./hooks.js";
import { renderRecord } from "../play/promises.js";

var A = { round: null, agreements: [], tasks: [], record: {}, counts: [], pending: {}, seq: 0 };

mount("main", el("section", { class: "card", id: "agreements-section", "aria-labelledby": "agreements-title" }, [
  el("h2", { id: "agreements-title", text: T("Agreements and tasks") }),
  el("p", { class: "muted small", text: T("Proposals and signed agreements of this round in every province. Annul one with a reason the parties will read, or assign a joint project to named cities with required contributions.") }),
  el("div", { id: "agreements-counts" }),
  el("div", { id: "agreements-table", class: "table-wrap" }),
  el("div", { id: "tasks-list" }),
  el("div", { id: "task-form-box" }),
  el("div", { id: "promise-records" })
]));

var STATUS = {
  proposed: T("Waiting for answers"), signed: T("Signed"), declined: T("Declined"),
  withdrawn: T("Withdrawn"), lapsed: T("Lapsed"), annulled: T("Annulled")
};

on("agreements", function (msg) {
  A.round = msg.round; A.agreements = msg.agreements || []; A.tasks = msg.tasks || [];
  A.record = msg.record || {}; A.counts = msg.counts || [];
  draw();
});
on("agreement", function (msg) { upsert(A.agreements, msg.agreement); draw(); });
on("task", function (msg) { upsert(A.tasks, msg.task); draw(); });
on("agreement_counts", function (msg) { A.counts = msg.counts || []; if (msg.record) { A.record = msg.record; } draw(); });
on("agreement.done", function (msg) { done(msg.request_id); upsert(A.agreements, msg.agreement); draw(); });
on("task.done", function (msg) { done(msg.request_id); upsert(A.tasks, msg.task); draw(); });
on("error", function (msg) {
  if (msg.request_id && A.pending[msg.request_id]) { delete A.pending[msg.request_id]; showError(msg.message || msg.code); }
});
onRender(function () {
  var r = currentRound();
  if (r && A.round !== null && r.number !== A.round) { A.agreements = []; A.tasks = []; A.round = r.number; }
  draw();
});

function currentRound() { var s = state().snap; return s && s.round; }
function upsert(list, item) {
  var r = currentRound();
  if (!item || (r && item.round !== r.number)) { return; }
  for (var i = 0; i < list.length; i++) { if (list[i].id === item.id) { list[i] = item; return; } }
  list.push(item);
}
function request(message, okText) {
  var id = "pa-" + (++A.seq);
  A.pending[id] = okText;
  message.request_id = id;
  send(message);
}
function done(id) { if (A.pending[id]) { showOk(A.pending[id]); delete A.pending[id]; } }

function provinces() { var s = state().snap; return (s && s.provinces) || []; }
function provinceOf(id) { return provinces().filter(function (p) { return p.province && p.province.id === id; })[0] || null; }
function provinceNumber(id) { var p = provinceOf(id); return p ? p.province.number : "?"; }
function cityName(provinceId, city) {
  var p = provinceOf(provinceId);
  var c = p && (p.cities || []).filter(function (x) { return x.city === city; })[0];
  return c ? PC.name(c.name) : city;
}
var JOINT_NAMES = {};
try { JOINT_NAMES = JSON.parse($("joint-names-data").textContent) || {}; } catch (e) { JOINT_NAMES = {}; }
function projectName(provinceId, project) {
  var p = provinceOf(provinceId) || provinces()[0];
  var j = p && p.offer && (p.offer.joint || []).filter(function (x) { return x.id === project; })[0];
  if (j) { return PC.name({ zh: j.name_zh, en: j.name_en }); }
  return JOINT_NAMES[project] ? PC.name(JOINT_NAMES[project]) : project;  // a past round's project
}
function annullable() { var r = currentRound(); return !!(r && (r.status === "open" || r.status === "closed")); }

function draw() {
  drawCounts();
  drawTable();
  drawTasks();
  drawTaskForm();
  drawRecords();
}

/* Every province's record of promises, as its students see it: one folded table each,
   in province order (the server sends it after each scoring and in every snapshot). */
function drawRecords() {
  var box = $("promise-records");
  var shown = provinces().filter(function (p) { return p.province && (A.record[String(p.province.id)] || []).length; });
  var key = shown.map(function (p) { return p.province.id; }).join(",");
  if (box.dataset.key !== key) {
    box.dataset.key = key;
    clear(box);
    if (shown.length) { box.appendChild(el("h3", { text: T("Records of promises") })); }
    shown.forEach(function (p) {
      box.appendChild(el("div", { class: "promise-record", "data-province": String(p.province.id) }));
    });
  }
  shown.forEach(function (p) {
    var id = p.province.id;
    renderRecord(box.querySelector('[data-province="' + id + '"]'), A.record[String(id)], {
      city: function (c) { return cityName(id, c); },
      project: function (j) { return projectName(id, j); }
    }, function (kept, broken) {
      return F("Province %(n)s: %(kept)s kept, %(broken)s broken", { n: p.province.number, kept: kept, broken: broken });
    });
  });
}

function drawCounts() {
  var box = $("agreements-counts");
  clear(box);
  if (!A.counts.length) { return; }
  box.appendChild(el("ul", { class: "plain small" }, A.counts.map(function (c) {
    return el("li", { text: F("Province %(n)s, round %(round)s: %(signed)s signed, %(kept)s kept, %(broken)s broken", {
      n: provinceNumber(c.province), round: c.round, signed: c.signed, kept: c.kept, broken: c.broken }) });
  })));
}

function drawTable() {
  var box = $("agreements-table");
  clear(box);
  if (!A.agreements.length) {
    box.appendChild(el("p", { class: "muted small", text: T("No agreement has been proposed this round.") }));
    return;
  }
  var rows = A.agreements.map(function (a) {
    var parties = (a.parties || []).map(function (p) {
      return cityName(a.province, p.city) + " " + p.pledge + (p.accepted ? " ✓" : "");
    }).join(", ");
    var action = null;
    if ((a.status === "proposed" || a.status === "signed") && annullable()) {
      var reason = el("input", { type: "text", maxlength: "500", "aria-label": F("Reason for annulling agreement #%(id)s", { id: a.id }),
                                 placeholder: T("Reason") });
      action = el("div", { class: "input-row" }, [reason, el("button", { type: "button", class: "btn btn-small", text: T("Annul"),
        onclick: function () {
          request({ type: "agreement.annul", id: a.id, reason: reason.value }, F("Agreement #%(id)s annulled.", { id: a.id }));
        } })]);
    }
    return el("tr", { "data-agreement": String(a.id), "data-status": a.status }, [
      el("td", { text: "P" + provinceNumber(a.province) }),
      el("td", { text: "#" + a.id }),
      el("td", { text: projectName(a.province, a.project) }),
      el("td", { text: parties }),
      el("td", {}, [el("span", { class: "badge", text: STATUS[a.status] || a.status }),
                    a.reason ? el("div", { class: "small muted", text: a.reason }) : null]),
      el("td", { class: "small", text: a.note }),
      el("td", {}, [action])
    ]);
  });
  box.appendChild(el("table", { class: "table" }, [
    el("caption", { class: "sr-only", text: T("Agreements this round") }),
    el("thead", {}, [el("tr", {}, [T("Province"), T("No."), T("Joint project"), T("Parties and pledges"), T("Status"), T("Note"), T("Annul")].map(function (x) {
      return el("th", { scope: "col", text: x });
    }))]),
    el("tbody", {}, rows)
  ]));
}

function drawTasks() {
  var box = $("tasks-list");
  clear(box);
  if (!A.tasks.length) { return; }
  box.appendChild(el("h3", { text: T("Tasks assigned this round") }));
  box.appendChild(el("ul", { class: "plain small" }, A.tasks.map(function (t) {
    return el("li", { "data-task": String(t.id), text: F("#%(id)s P%(n)s %(project)s: %(shares)s", {
      id: t.id, n: provinceNumber(t.province), project: projectName(t.province, t.project),
      shares: (t.shares || []).map(function (s) { return cityName(t.province, s.city) + " " + s.required; }).join(", ") }) });
  })));
}

function drawTaskForm() {
  var box = $("task-form-box");
  var r = currentRound();
  var list = provinces().filter(function (p) { return p.offer && (p.offer.joint || []).length; });
  var key = r && r.status === "open" ? r.number + ":" + list.map(function (p) { return p.province.id; }).join(",") : "";
  if (box.dataset.key === key) { return; }
  box.dataset.key = key;
  clear(box);
  if (!key || !list.length) { return; }
  var province = el("select", { id: "task-province" }, list.map(function (p) {
    return el("option", { value: String(p.province.id), text: F("Province %(n)s", { n: p.province.number }) });
  }));
  var project = el("select", { id: "task-project" });
  var shares = el("div", { id: "task-shares", class: "task-shares" });
  var note = el("input", { id: "task-note", type: "text", maxlength: "500" });
  function chosen() { return list.filter(function (p) { return String(p.province.id) === province.value; })[0]; }
  function fillProjects() {
    clear(project);
    (chosen().offer.joint || []).forEach(function (j) {
      project.appendChild(el("option", { value: j.id, text: PC.name({ zh: j.name_zh, en: j.name_en }) }));
    });
    fillShares();
  }
  function fillShares() {
    clear(shares);
    var j = (chosen().offer.joint || []).filter(function (x) { return x.id === project.value; })[0];
    if (!j) { return; }
    j.members.forEach(function (m) {
      var id = "task-share-" + m;
      shares.appendChild(el("div", { class: "field" }, [
        el("label", { for: id, text: cityName(chosen().province.id, m) }),
        el("input", { id: id, type: "number", min: "0", step: "1", placeholder: "–", "data-city": m })
      ]));
    });
  }
  province.addEventListener("change", fillProjects);
  project.addEventListener("change", fillShares);
  fillProjects();
  var form = el("form", { class: "task-form", novalidate: true }, [
    el("h3", { text: T("Assign a joint project as a task") }),
    el("div", { class: "field" }, [el("label", { for: "task-province", text: T("Province") }), province]),
    el("div", { class: "field" }, [el("label", { for: "task-project", text: T("Joint project") }), project]),
    el("p", { class: "small", text: T("Required contribution of each named city (leave empty to leave a city out):") }),
    shares,
    el("div", { class: "field" }, [el("label", { for: "task-note", text: T("Note to the cities (optional)") }), note]),
    el("button", { type: "submit", class: "btn btn-primary", text: T("Assign") })
  ]);
  form.addEventListener("submit", function (ev) {
    ev.preventDefault();
    var required = {};
    shares.querySelectorAll("input[data-city]").forEach(function (input) {
      if ((input.value || "").trim() !== "") { required[input.dataset.city] = Number(input.value); }
    });
    request({ type: "task.assign", province: Number(province.value), project: project.value, required: required, note: note.value },
      T("Task assigned."));
  });
  box.appendChild(el("details", { class: "card" }, [el("summary", { text: T("Assign a task") }), form]));
}
