/* The province chat on the student page: one tab per channel the city is party to (the
   province, and a private channel with each other city) with unread badges, the
   channel's messages (older pages on demand), and a box to write. On a phone it opens
   over the page from the "Chat" button in the top bar; on a wide screen it sits in the
   side column. Every text from the server goes in with textContent (PC.el `text`),
   names inside <bdi>. The server decides everything: who may read what, the unread
   counts (kept per seat, so every device and teammate agrees), the limits. */
import { clockTime, h, clear, t } from "./dom.js";
import { cityName, me } from "./state.js";
import { mount, on, onRender, send } from "./hooks.js";

var MAX_CHARS = 500;
var C = {
  channels: [],        // [{key, city}] in the server's order: the province first
  unread: {},          // key -> count (server's, plus messages received since)
  pages: {},           // key -> {messages: [...oldest → newest], more, loaded, loading}
  active: "province",
  open: false,         // the overlay on a phone
  sending: null,       // {requestId, timer}
  readTimer: null,
  readSentAt: 0,       // when the last chat.read left
  seen: {},            // key -> true: a message arrived while the channel was on screen
  seq: 0
};
/* A wide screen shows the chat all the time: telling the server about every message read
   was one database write per message per reader (11 per message in a province). The
   server hears at most one read every READ_EVERY_MS; the badge of the channel on screen
   is cleared at once here. */
var READ_EVERY_MS = 3000;

/* ------------------------------------------------------------------ layout */
var toggle = h("button", { type: "button", class: "chat-toggle", "aria-controls": "chat", "aria-expanded": "false", hidden: "hidden" }, [
  h("span", { "aria-hidden": "true", text: "✉ " }), h("span", { class: "chat-toggle-label", text: gettext("Chat") }),
  h("span", { class: "badge badge-danger chat-total", hidden: "hidden" })
]);
var tabs = h("div", { class: "chat-tabs", role: "tablist", "aria-label": gettext("Chat channels") });
var older = h("button", { type: "button", class: "btn btn-small chat-older", hidden: "hidden", text: gettext("Show older messages") });
var list = h("ol", { class: "chat-messages" });
var empty = h("p", { class: "muted small chat-empty", text: gettext("No messages yet. Say hello!") });
var log = h("div", { class: "chat-log", id: "chat-log", role: "log", "aria-live": "polite", "aria-relevant": "additions", tabindex: "0" }, [older, empty, list]);
var input = h("textarea", { id: "chat-input", rows: "2", maxlength: String(MAX_CHARS * 2), autocomplete: "off", "aria-describedby": "chat-count chat-error" });
var label = h("label", { for: "chat-input", class: "sr-only", id: "chat-input-label" });
var count = h("span", { class: "chat-count small muted", id: "chat-count", "aria-live": "off" });
var sendBtn = h("button", { type: "submit", class: "btn btn-primary chat-send", text: gettext("Send") });
var error = h("p", { class: "field-error chat-error", id: "chat-error", role: "alert" });
var form = h("form", { class: "chat-form", novalidate: "novalidate" }, [label, input, h("div", { class: "chat-form-row" }, [count, sendBtn]), error]);
var closeBtn = h("button", { type: "button", class: "btn btn-small chat-close", text: gettext("Close") });
var privacy = h("p", { class: "small muted chat-privacy" });
var section = h("section", { class: "card chat", id: "chat", "aria-labelledby": "chat-title", hidden: "hidden" }, [
  h("div", { class: "card-head chat-head" }, [h("h2", { id: "chat-title", text: gettext("Chat") }), closeBtn]),
  tabs, privacy, log, form
]);
mount("side", section);
mount("bar", toggle);

/* ------------------------------------------------------------------ helpers */
function chars(text) { return Array.from(text).length; }
function page(key) { return C.pages[key] || (C.pages[key] = { messages: [], more: false, loaded: false, loading: false }); }
function channelLabel(ch) { return ch.key === "province" ? gettext("Province") : cityName(ch.city); }
function mine(m) { return !m.as_province && m.city === me().city; }

/* The chat is on screen: open over the page on a phone, or in the side column. */
function visible() {
  if (section.hidden || document.hidden) { return false; }
  return C.open || window.getComputedStyle(toggle).display === "none";
}

function setOpen(open) {
  C.open = open;
  document.body.classList.toggle("chat-open", open);
  toggle.setAttribute("aria-expanded", open ? "true" : "false");
  if (open) { drawMessages(true); markRead(); input.focus(); } else { toggle.focus(); }
}

/* ------------------------------------------------------------------ drawing */
function drawTabs() {
  clear(tabs);
  var total = 0;
  C.channels.forEach(function (ch) {
    var n = C.unread[ch.key] || 0;
    total += n;
    var selected = ch.key === C.active;
    tabs.appendChild(h("button", {
      type: "button", role: "tab", class: "chat-tab" + (selected ? " is-active" : ""), "data-channel": ch.key,
      "aria-selected": selected ? "true" : "false", "aria-controls": "chat-log", tabindex: selected ? "0" : "-1",
      onclick: function () { select(ch.key); }
    }, [
      h("span", { text: channelLabel(ch) }),
      n ? h("span", { class: "badge badge-danger chat-unread", text: String(n) }) : null,
      n ? h("span", { class: "sr-only", text: " " + t(gettext("%(n)s unread"), { n: n }) }) : null
    ]));
  });
  var badge = toggle.querySelector(".chat-total");
  badge.hidden = !total;
  badge.textContent = total ? String(total) : "";
  toggle.setAttribute("aria-label", total ? t(gettext("Chat, %(n)s unread"), { n: total }) : gettext("Chat"));
}

function messageNode(m) {
  var who;
  if (m.as_province) {
    who = [h("strong", { text: gettext("Province government") }),
      m.kind === "announcement" ? h("span", { class: "badge badge-warn", text: gettext("Announcement") }) : null];
  } else {
    who = [h("bdi", { class: "chat-name", text: m.name }), h("span", { class: "muted", text: " · " + cityName(m.city) })];
  }
  return h("li", {
    class: "chat-msg" + (mine(m) ? " is-mine" : "") + (m.as_province ? " is-province" : ""), "data-id": String(m.id)
  }, [
    h("div", { class: "chat-meta small" }, who.concat([h("time", { class: "muted", datetime: m.at, text: " " + clockTime(m.at).slice(0, 5) })])),
    h("p", { class: "chat-text", text: m.text })
  ]);
}

function drawMessages(toBottom) {
  var p = page(C.active);
  var atBottom = toBottom || log.scrollHeight - log.scrollTop - log.clientHeight < 40;
  clear(list);
  p.messages.forEach(function (m) { list.appendChild(messageNode(m)); });
  empty.hidden = !p.loaded || p.messages.length > 0;
  older.hidden = !p.more;
  older.disabled = p.loading;
  if (atBottom) { log.scrollTop = log.scrollHeight; }
}

function drawHeader() {
  var ch = C.channels.filter(function (c) { return c.key === C.active; })[0];
  if (!ch) { return; }
  label.textContent = t(gettext("Message to %(channel)s"), { channel: channelLabel(ch) });
  input.placeholder = ch.key === "province"
    ? gettext("Write to every city of the province…")
    : t(gettext("Write privately to %(city)s…"), { city: cityName(ch.city) });
  privacy.textContent = ch.key === "province"
    ? gettext("Every city of the province and the instructor read this channel.")
    : t(gettext("Only %(city)s, your city and the instructor read this channel."), { city: cityName(ch.city) });
}

function drawAll() { drawTabs(); drawHeader(); drawMessages(false); updateCount(); }

/* ------------------------------------------------------------------ actions */
function select(key) {
  if (key !== C.active) { sendRead(); }
  C.active = key;
  var p = page(key);
  if (!p.loaded && !p.loading) { fetchPage(key); }
  drawTabs(); drawHeader(); drawMessages(true);
  var tab = tabs.querySelector('[data-channel="' + CSS.escape(key) + '"]');
  if (tab) { tab.focus(); }
  markRead();
}

/* The newest message's last line is inside the log's visible part and inside the
   window: the log may be scrolled up to older messages, or (side column on a wide
   screen) the whole chat may be scrolled out of the window. */
function newestOnScreen() {
  var node = list.lastElementChild;
  if (!node) { return false; }
  var box = log.getBoundingClientRect(), r = node.getBoundingClientRect();
  var top = Math.max(box.top, 0), bottom = Math.min(box.bottom, window.innerHeight);
  return r.bottom <= bottom + 2 && r.bottom > top;
}

/* Tell the server the newest message is read once it has been on screen (selecting a
   channel alone does not read it); while messages arrive on screen (`arriving`, or
   some already seen), at most every READ_EVERY_MS. */
function markRead(arriving) {
  window.clearTimeout(C.readTimer);
  var throttled = arriving === true || C.seen[C.active];
  var wait = throttled ? Math.max(400, C.readSentAt + READ_EVERY_MS - Date.now()) : 400;
  C.readTimer = window.setTimeout(sendRead, wait);
}

function sendRead() {
  window.clearTimeout(C.readTimer);
  var key = C.active, p = page(key);
  var last = p.messages[p.messages.length - 1];
  if (!visible() || !last) { return; }
  // Unread messages: only once the newest is on screen. Only messages seen as they
  // arrived (C.seen): they were on screen then.
  if (C.unread[key] ? !newestOnScreen() : !C.seen[key]) { return; }
  C.seen[key] = false;
  C.readSentAt = Date.now();
  send({ type: "chat.read", channel: key, up_to: last.id });
}

/* A page of history: the newest (before undefined) or the one older than message `before`. */
function fetchPage(key, before) {
  page(key).loading = true;
  C.seq += 1;
  send({ type: "chat.history", channel: key, before: before === undefined ? null : before, request_id: "h" + C.seq });
}

function updateCount() {
  var n = chars(input.value.trim());
  count.textContent = t(gettext("%(n)s/%(max)s"), { n: n, max: MAX_CHARS });
  count.classList.toggle("is-over", n > MAX_CHARS);
}

function finishSending() {
  if (C.sending) { window.clearTimeout(C.sending.timer); }
  C.sending = null;
  sendBtn.disabled = false;
  sendBtn.textContent = gettext("Send");
}

function addMessage(m) {
  var p = page(m.channel);
  if (p.messages.some(function (x) { return x.id === m.id; })) { return false; }
  p.messages.push(m);
  p.messages.sort(function (a, b) { return a.id - b.id; });
  return true;
}

form.addEventListener("submit", function (event) {
  event.preventDefault();
  if (C.sending) { return; }
  var text = input.value.trim();
  error.textContent = "";
  if (!text) { error.textContent = gettext("Write something before sending."); input.focus(); return; }
  if (chars(text) > MAX_CHARS) {
    error.textContent = t(gettext("A message can be at most %(max)s characters (this one has %(n)s)."), { max: MAX_CHARS, n: chars(text) });
    input.focus();
    return;
  }
  C.seq += 1;
  var requestId = "c" + Date.now().toString(36) + "-" + C.seq;
  C.sending = { requestId: requestId, timer: window.setTimeout(function () {
    if (C.sending && C.sending.requestId === requestId) {
      finishSending();
      error.textContent = gettext("No answer from the server yet. Your message is still here; check the connection and send again.");
    }
  }, 10000) };
  sendBtn.disabled = true;
  sendBtn.textContent = gettext("Sending…");
  send({ type: "chat.post", channel: C.active, text: text, request_id: requestId });
});
input.addEventListener("input", function () { updateCount(); if (error.textContent) { error.textContent = ""; } });
input.addEventListener("keydown", function (event) {
  // Enter sends, Shift+Enter starts a new line (as in most chat apps); not while composing Chinese.
  if (event.key === "Enter" && !event.shiftKey && !event.isComposing) { event.preventDefault(); form.requestSubmit(); }
});
older.addEventListener("click", function () {
  var p = page(C.active);
  if (p.loading || !p.messages.length) { return; }
  older.disabled = true;
  fetchPage(C.active, p.messages[0].id);
});
tabs.addEventListener("keydown", function (event) {
  var keys = C.channels.map(function (c) { return c.key; });
  var i = keys.indexOf(C.active);
  if (event.key === "ArrowRight" || event.key === "ArrowDown") { event.preventDefault(); select(keys[(i + 1) % keys.length]); }
  if (event.key === "ArrowLeft" || event.key === "ArrowUp") { event.preventDefault(); select(keys[(i - 1 + keys.length) % keys.length]); }
});
toggle.addEventListener("click", function () { setOpen(!C.open); });
closeBtn.addEventListener("click", function () { setOpen(false); });
document.addEventListener("keydown", function (event) { if (event.key === "Escape" && C.open) { setOpen(false); } });
document.addEventListener("visibilitychange", function () { markRead(); });
// Scrolling the log down to the newest message, or the page down to the chat, reads it.
log.addEventListener("scroll", function () { markRead(); }, { passive: true });
window.addEventListener("scroll", function () { markRead(); }, { passive: true });

/* ------------------------------------------------------------------ messages */
/* After every snapshot: the channels, the unread counts and the province channel's
   newest page. Other channels' pages are fetched again when shown (they may have
   missed messages while the socket was down). */
on("chat.state", function (msg) {
  C.channels = msg.channels || [];
  C.unread = {};
  C.channels.forEach(function (ch) { C.unread[ch.key] = ch.unread; });
  C.pages = {};
  if (msg.page) {
    var p = page(msg.page.channel);
    p.messages = msg.page.messages.slice().reverse();
    p.more = msg.page.more;
    p.loaded = true;
  }
  if (!C.channels.some(function (ch) { return ch.key === C.active; })) { C.active = "province"; }
  section.hidden = !C.channels.length;
  toggle.hidden = !C.channels.length;
  if (C.channels.length && !page(C.active).loaded) { fetchPage(C.active); }
  drawAll();
  drawMessages(true);
  markRead();
});

on("chat.history", function (msg) {
  var p = page(msg.channel);
  var got = msg.messages.slice().reverse();
  p.loading = false;
  p.more = msg.more;
  if (msg.before === null || msg.before === undefined) {
    p.messages = got.concat(p.messages.filter(function (m) { return got.length && m.id > got[got.length - 1].id; }));
    p.loaded = true;
    if (msg.channel === C.active) { drawMessages(true); markRead(); }
    return;
  }
  p.messages = got.concat(p.messages);
  if (msg.channel === C.active) {
    var before = log.scrollHeight;
    drawMessages(false);
    log.scrollTop += log.scrollHeight - before;  // keep the reader where they were
  }
});

function received(m) {
  if (!C.channels.some(function (ch) { return ch.key === m.channel; })) { return; }
  var p = page(m.channel);
  if (p.loaded && !addMessage(m)) { return; }
  if (m.channel === C.active) { drawMessages(false); }
  if (!mine(m)) {
    if (m.channel === C.active && p.loaded && visible() && newestOnScreen()) {
      C.seen[m.channel] = true;  // read on screen: no badge; the server hears it with the next read
      markRead(true);
    } else {
      // Scrolled up to older messages, or the chat out of view: unread until seen.
      C.unread[m.channel] = (C.unread[m.channel] || 0) + 1;  // until the server's count says otherwise
    }
  }
  drawTabs();
}

on("chat.message", function (msg) { received(msg.message); });
on("announcement", function (msg) { if (msg.message) { received(msg.message); } });

on("chat.posted", function (msg) {
  if (!C.sending || msg.request_id !== C.sending.requestId) { return; }
  finishSending();
  input.value = "";
  updateCount();
  if (page(msg.message.channel).loaded) { addMessage(msg.message); }
  if (msg.message.channel === C.active) { drawMessages(true); }
});

on("chat.unread", function (msg) {
  if (C.unread[msg.channel] === undefined) { return; }
  C.unread[msg.channel] = msg.unread;
  drawTabs();
});

on("chat.hidden", function (msg) {
  var p = C.pages[msg.channel];
  if (!p) { return; }
  p.messages = p.messages.filter(function (m) { return m.id !== msg.id; });
  if (msg.channel === C.active) { drawMessages(false); }
});

on("error", function (msg) {
  if (C.sending && msg.request_id === C.sending.requestId) {
    finishSending();
    error.textContent = msg.message || gettext("The message was not sent.");
    return;
  }
  if (typeof msg.request_id === "string" && msg.request_id.charAt(0) === "h") {  // a page that did not come
    Object.keys(C.pages).forEach(function (k) { C.pages[k].loading = false; });
    error.textContent = msg.message || "";
    drawMessages(false);
  }
});

/* City names come from the snapshot: redraw labels when it changes. */
onRender(function () { if (C.channels.length) { drawTabs(); drawHeader(); } });
