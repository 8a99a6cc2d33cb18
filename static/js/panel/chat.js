/* The instructor's side of the platform: announcements (to one province or all) and a
   reader of every chat channel of the session, province by province, where the
   instructor writes as the province government and hides messages. Hidden messages stay
   listed here, marked, as they stay in the record. Text goes in with textContent only
   (PC.el `text`), names inside <bdi>. */
import { $, T, F, clear, el, showError, showOk } from "./common.js";
import { mount, on, onRender, send, state } from "./hooks.js";

var MAX_CHARS = 500;
var C = {
  provinces: [],       // [{id, number, cities: [city ids], channels: [{key, count, hidden}]}]
  announcements: [],   // newest first
  province: null,      // the province id shown
  channel: "province",
  page: null,          // {province, channel, messages: [...oldest → newest], more, loading}
  seq: 0,
  pending: {}          // request id -> what it was, for its answer or error
};

/* ------------------------------------------------------------------ layout */
var annTarget = el("select", { id: "ann-target" });
var annText = el("textarea", { id: "ann-text", rows: "2", maxlength: String(MAX_CHARS * 2) });
var annList = el("ul", { class: "ann-list list-plain small", id: "ann-list" });
var annForm = el("form", { class: "ann-form", id: "ann-form", novalidate: "novalidate" }, [
  el("label", { for: "ann-target", text: T("To") }), annTarget,
  el("label", { for: "ann-text", text: T("Announcement") }), annText,
  el("button", { type: "submit", class: "btn btn-primary", id: "ann-send", text: T("Announce") })
]);
var provinceTabs = el("div", { class: "pchat-provinces", role: "group", "aria-label": T("Province") });
var channels = el("ul", { class: "pchat-channels list-plain", id: "pchat-channels" });
var pairA = el("select", { id: "pchat-pair-a", "aria-label": T("First city") });
var pairB = el("select", { id: "pchat-pair-b", "aria-label": T("Second city") });
var pairOpen = el("button", { type: "button", class: "btn btn-small", id: "pchat-pair-open", text: T("Open") });
var title = el("h3", { id: "pchat-title" });
var older = el("button", { type: "button", class: "btn btn-small", id: "pchat-older", hidden: "hidden", text: T("Show older messages") });
var list = el("ol", { class: "pchat-messages list-plain", id: "pchat-messages" });
var log = el("div", { class: "pchat-log", role: "log", "aria-live": "polite", "aria-labelledby": "pchat-title", tabindex: "0" }, [older, list]);
var postText = el("textarea", { id: "pchat-text", rows: "2", maxlength: String(MAX_CHARS * 2) });
var postForm = el("form", { class: "pchat-form", id: "pchat-form", novalidate: "novalidate" }, [
  el("label", { for: "pchat-text", text: T("Write as the province government") }), postText,
  el("button", { type: "submit", class: "btn btn-primary", id: "pchat-send", text: T("Post as the province") })
]);
var section = el("section", { class: "card", id: "chat-section", "aria-labelledby": "chat-section-title" }, [
  el("h2", { id: "chat-section-title", text: T("Coordination platform: announcements and chat") }),
  el("div", { class: "pchat-grid" }, [
    el("div", { class: "pchat-ann" }, [el("h3", { text: T("Announcements") }),
      el("p", { class: "muted small", text: T("A banner on every student screen of the province (or all), a line in its province channel, and on the projector.") }),
      annForm, annList]),
    el("div", { class: "pchat-reader" }, [
      el("h3", { text: T("Chat") }),
      el("p", { class: "muted small", text: T("You read every channel, private ones included. Students see only their own city's channels.") }),
      provinceTabs, channels,
      el("div", { class: "pchat-pair" }, [el("span", { class: "small", text: T("Private channel:") }), pairA, pairB, pairOpen]),
      title, log, postForm
    ])
  ])
]);
mount("main", section);

/* ------------------------------------------------------------------ helpers */
function snapProvince(id) {
  var snap = state() && state().snap;
  return ((snap && snap.provinces) || []).filter(function (p) { return p.province && p.province.id === id; })[0] || null;
}
function cityName(provinceId, city) {
  var p = snapProvince(provinceId);
  var c = p && p.cities.filter(function (x) { return x.city === city; })[0];
  return c ? PC.name(c.name) : city;
}
function province(id) { return C.provinces.filter(function (p) { return p.id === id; })[0] || null; }
function pairKey(a, b) { return "pair:" + [a, b].sort().join("|"); }
function channelLabel(provinceId, key) {
  if (key === "province") { return T("Province channel"); }
  var cities = key.slice(5).split("|");
  return cities.map(function (c) { return cityName(provinceId, c); }).join(" ↔ ");
}
function request(msg, what) {
  C.seq += 1;
  msg.request_id = "pc" + C.seq;
  C.pending[msg.request_id] = what;
  send(msg);
  return msg.request_id;
}
function chars(text) { return Array.from(text).length; }
function checkText(text) {
  if (!text) { return T("Write something before sending."); }
  if (chars(text) > MAX_CHARS) { return F("A message can be at most %(max)s characters (this one has %(n)s).", { max: MAX_CHARS, n: chars(text) }); }
  return null;
}
function bump(m) {
  var p = province(m.province);
  if (!p) { return; }
  var ch = p.channels.filter(function (x) { return x.key === m.channel; })[0];
  if (!ch) { ch = { key: m.channel, count: 0, hidden: 0 }; p.channels.push(ch); }
  ch.count += 1;
}

/* ------------------------------------------------------------------ drawing */
function drawTargets() {
  var keep = annTarget.value;
  clear(annTarget);
  annTarget.appendChild(el("option", { value: "", text: T("All provinces") }));
  C.provinces.forEach(function (p) { annTarget.appendChild(el("option", { value: String(p.id), text: F("Province %(n)s", { n: p.number }) })); });
  annTarget.value = keep;
  if (annTarget.value !== keep) { annTarget.value = ""; }
}

function drawAnnouncements() {
  clear(annList);
  C.announcements.slice(0, 8).forEach(function (a) {
    annList.appendChild(el("li", {}, [
      el("span", { class: "muted", text: (a.province_number ? F("Province %(n)s", { n: a.province_number }) : T("All provinces")) + " · " }),
      el("span", { text: a.text })
    ]));
  });
}

function drawReader() {
  clear(provinceTabs);
  if (!C.provinces.length) {
    provinceTabs.appendChild(el("p", { class: "muted small", text: T("No province yet.") }));
    clear(channels); return;
  }
  if (!province(C.province)) { C.province = C.provinces[0].id; C.channel = "province"; }
  C.provinces.forEach(function (p) {
    var total = p.channels.reduce(function (s, ch) { return s + ch.count; }, 0);
    provinceTabs.appendChild(el("button", {
      type: "button", class: "btn btn-small" + (p.id === C.province ? " is-active" : ""), "aria-pressed": String(p.id === C.province),
      "data-province": String(p.id), onclick: function () { openChannel(p.id, "province"); }
    }, [F("Province %(n)s", { n: p.number }), " ", el("span", { class: "badge", text: String(total) })]));
  });
  var p = province(C.province);
  clear(channels);
  var shown = [{ key: "province", count: 0, hidden: 0 }].concat(p.channels.filter(function (ch) { return ch.key !== "province"; }));
  var provinceChannel = p.channels.filter(function (ch) { return ch.key === "province"; })[0];
  if (provinceChannel) { shown[0] = provinceChannel; }
  shown.forEach(function (ch) {
    var active = ch.key === C.channel;
    channels.appendChild(el("li", {}, [el("button", {
      type: "button", class: "pchat-channel" + (active ? " is-active" : ""), "aria-pressed": String(active), "data-channel": ch.key,
      onclick: function () { openChannel(p.id, ch.key); }
    }, [
      el("span", { text: channelLabel(p.id, ch.key) }), " ",
      el("span", { class: "badge", text: F("Messages: %(n)s", { n: ch.count }) }),
      ch.hidden ? el("span", { class: "badge badge-warn", text: F("Hidden: %(n)s", { n: ch.hidden }) }) : null
    ])]));
  });
  [pairA, pairB].forEach(function (select, i) {
    var keep = select.value;
    clear(select);
    p.cities.forEach(function (c) { select.appendChild(el("option", { value: c, text: cityName(p.id, c) })); });
    select.value = keep && p.cities.indexOf(keep) >= 0 ? keep : (p.cities[i] || "");
  });
  title.textContent = F("Province %(n)s · %(channel)s", { n: p.number, channel: channelLabel(p.id, C.channel) });
}

function messageNode(m) {
  var who = m.as_province
    ? [el("strong", { text: T("Province government") }),
       m.kind === "announcement" ? el("span", { class: "badge badge-warn", text: " " + T("Announcement") }) : null]
    : [el("bdi", { text: m.name }), el("span", { class: "muted", text: " · " + cityName(m.province, m.city) })];
  var time = new Date(m.at);
  var item = el("li", { class: "pchat-msg" + (m.hidden ? " is-hidden" : "") + (m.as_province ? " is-province" : ""), "data-id": String(m.id) }, [
    el("div", { class: "small" }, who.concat([
      el("span", { class: "muted", text: " · " + (isNaN(time.getTime()) ? "" : time.toLocaleTimeString(document.documentElement.lang || undefined, { hour: "2-digit", minute: "2-digit", hour12: false })) }),
      m.hidden ? el("span", { class: "badge badge-warn", text: T("hidden from students") }) : null
    ])),
    el("p", { class: "pchat-text", text: m.text })
  ]);
  if (!m.hidden) {
    item.appendChild(el("button", {
      type: "button", class: "btn btn-small btn-quiet pchat-hide", "data-hide": String(m.id), text: T("Hide"),
      "aria-label": F("Hide the message of %(name)s", { name: m.as_province ? T("Province government") : m.name }),
      onclick: function (e) {
        if (!window.confirm(T("Hide this message from every student screen? It stays in the record, marked hidden."))) { return; }
        e.currentTarget.disabled = true;
        request({ type: "chat.hide", province: m.province, channel: m.channel, id: m.id }, { kind: "hide" });
      }
    }));
  }
  return item;
}

function drawMessages(toBottom) {
  var pg = C.page;
  clear(list);
  if (!pg) { return; }
  var atBottom = toBottom || log.scrollHeight - log.scrollTop - log.clientHeight < 40;
  if (!pg.messages.length && !pg.loading) { list.appendChild(el("li", { class: "muted small", text: T("No messages in this channel yet.") })); }
  pg.messages.forEach(function (m) { list.appendChild(messageNode(m)); });
  older.hidden = !pg.more;
  older.disabled = !!pg.loading;
  if (atBottom) { log.scrollTop = log.scrollHeight; }
}

/* ------------------------------------------------------------------ actions */
function openChannel(provinceId, key) {
  C.province = provinceId;
  C.channel = key;
  C.page = { province: provinceId, channel: key, messages: [], more: false, loading: true };
  request({ type: "chat.history", province: provinceId, channel: key, before: null }, { kind: "history" });
  drawReader();
  drawMessages(true);
}

older.addEventListener("click", function () {
  var pg = C.page;
  if (!pg || pg.loading || !pg.messages.length) { return; }
  pg.loading = true;
  older.disabled = true;
  request({ type: "chat.history", province: pg.province, channel: pg.channel, before: pg.messages[0].id }, { kind: "history" });
});

pairOpen.addEventListener("click", function () {
  if (!pairA.value || !pairB.value || pairA.value === pairB.value) { showError(T("Choose two different cities.")); return; }
  openChannel(C.province, pairKey(pairA.value, pairB.value));
});

postForm.addEventListener("submit", function (e) {
  e.preventDefault();
  var text = postText.value.trim(), problem = checkText(text);
  if (problem) { showError(problem); postText.focus(); return; }
  $("pchat-send").disabled = true;
  request({ type: "chat.post", province: C.province, channel: C.channel, text: text }, { kind: "post" });
});

annForm.addEventListener("submit", function (e) {
  e.preventDefault();
  var text = annText.value.trim(), problem = checkText(text);
  if (problem) { showError(problem); annText.focus(); return; }
  $("ann-send").disabled = true;
  request({ type: "announcement.post", province: annTarget.value ? Number(annTarget.value) : null, text: text }, { kind: "announce" });
});

/* ------------------------------------------------------------------ messages */
on("chat.state", function (msg) {
  C.provinces = msg.provinces || [];
  C.announcements = msg.announcements || [];
  drawTargets();
  drawAnnouncements();
  drawReader();
  if (province(C.province)) { openChannel(C.province, C.channel); }  // heal what was missed while offline
});

on("chat.history", function (msg) {
  delete C.pending[msg.request_id];
  var pg = C.page;
  if (!pg || pg.province !== msg.province || pg.channel !== msg.channel) { return; }
  var got = msg.messages.slice().reverse();
  pg.loading = false;
  pg.more = msg.more;
  if (msg.before === null || msg.before === undefined) {
    pg.messages = got;
    drawMessages(true);
  } else {
    pg.messages = got.concat(pg.messages);
    var before = log.scrollHeight;
    drawMessages(false);
    log.scrollTop += log.scrollHeight - before;
  }
});

function received(m) {
  bump(m);
  var pg = C.page;
  if (pg && pg.province === m.province && pg.channel === m.channel && !pg.messages.some(function (x) { return x.id === m.id; })) {
    pg.messages.push(m);
    drawMessages(false);
  }
  drawReader();
}

on("chat.message", function (msg) { received(msg.message); });

on("announcement", function (msg) {
  if (!C.announcements.some(function (a) { return a.id === msg.announcement.id; })) { C.announcements.unshift(msg.announcement); }
  (msg.messages || []).forEach(received);
  drawAnnouncements();
});

on("chat.hidden", function (msg) {
  var p = province(msg.province);
  var ch = p && p.channels.filter(function (x) { return x.key === msg.channel; })[0];
  if (ch) { ch.hidden += 1; }
  var pg = C.page;
  // A message's id is its number within its channel: match the channel too.
  if (pg && pg.province === msg.province && pg.channel === msg.channel) {
    pg.messages.forEach(function (m) { if (m.id === msg.id) { m.hidden = true; } });
  }
  drawReader();
  drawMessages(false);
});

on("chat.posted", function (msg) {
  if (!C.pending[msg.request_id]) { return; }
  delete C.pending[msg.request_id];
  $("pchat-send").disabled = false;
  postText.value = "";
});

on("announcement.done", function (msg) {
  if (!C.pending[msg.request_id]) { return; }
  delete C.pending[msg.request_id];
  $("ann-send").disabled = false;
  annText.value = "";
  showOk(T("Announcement sent."));
});

on("chat.hide.done", function (msg) { delete C.pending[msg.request_id]; });

on("error", function (msg) {
  var what = C.pending[msg.request_id];
  if (!what) { return; }
  delete C.pending[msg.request_id];
  $("pchat-send").disabled = false;
  $("ann-send").disabled = false;
  if (what.kind === "history" && C.page) { C.page.loading = false; drawMessages(false); }
  showError(msg.message);
});

/* Names and players come from the panel's snapshot: redraw when it changes. */
onRender(function () { drawReader(); if (C.page) { drawMessages(false); } });
