/* A websocket that reconnects by itself with capped exponential back-off and jitter,
   shows its state in every element with [data-connection], and hands each JSON message
   to onMessage. On every (re)connect the server sends a full snapshot, so nothing is
   lost while offline. */
(function () {
  "use strict";

  function LiveSocket(path, onMessage) {
    this.path = path;
    this.onMessage = onMessage;
    this.attempt = 0;
    this.ws = null;
    this.closedForGood = false;
    this.pending = [];
    this.retry = null;
    this.connect();
    var self = this;
    window.addEventListener("online", function () { if (!self.ws) { self.connect(); } });
    /* The browser knows the network is gone long before TCP does: say so at once. */
    window.addEventListener("offline", function () { self.lost(); });
  }

  LiveSocket.prototype.url = function () {
    var scheme = window.location.protocol === "https:" ? "wss://" : "ws://";
    return scheme + window.location.host + this.path;
  };

  LiveSocket.prototype.isOpen = function () {
    return this.ws && this.ws.readyState === WebSocket.OPEN;
  };

  LiveSocket.prototype.setState = function (state) {
    var label = {
      online: gettext("Connected"),
      connecting: gettext("Connecting…"),
      offline: gettext("Offline: reconnecting…"),
      closed: gettext("Disconnected")
    }[state];
    document.querySelectorAll("[data-connection]").forEach(function (el) {
      el.dataset.state = state;
      el.setAttribute("title", label);
      var text = el.querySelector(".connection-text");
      if (text) { text.textContent = label; }
    });
    document.body.classList.toggle("is-offline", state !== "online");
    // Parts that say something about pending work (the sheet's save bar) follow the state.
    window.dispatchEvent(new CustomEvent("pc:connection", { detail: { state: state } }));
  };

  LiveSocket.prototype.connect = function () {
    var self = this;
    if (this.closedForGood) { return; }
    window.clearTimeout(this.retry);  // one socket at a time, even when "online" fires during a back-off
    this.setState(this.attempt ? "offline" : "connecting");
    var ws = new WebSocket(this.url());
    this.ws = ws;
    ws.onopen = function () {
      self.attempt = 0;
      self.setState("online");
      var queued = self.pending.splice(0);
      queued.forEach(function (m) { ws.send(m); });
    };
    ws.onmessage = function (event) {
      if (self.ws !== ws) { return; }  // a socket given up on (lost) may still deliver
      var data;
      try { data = JSON.parse(event.data); } catch (e) { return; }
      self.onMessage(window.PC.expandTables(data));
    };
    ws.onclose = function (event) {
      if (self.ws !== ws) { return; }
      if (event.code === 4003) {  // not allowed: do not hammer the server
        self.closedForGood = true;
        self.setState("closed");
        self.onMessage({ type: "forbidden" });
        return;
      }
      self.lost(event.code === 4000 ? 50 : undefined);
    };
  };

  /* The socket closed, or the browser went offline: forget it, show it, retry later. */
  LiveSocket.prototype.lost = function (delay) {
    var ws = this.ws, self = this;
    if (!ws || this.closedForGood) { return; }
    this.ws = null;
    if (ws.readyState === WebSocket.CONNECTING || ws.readyState === WebSocket.OPEN) {
      try { ws.close(); } catch (e) { /* already going */ }
    }
    this.attempt += 1;
    this.setState("offline");
    if (delay === undefined) {
      delay = Math.min(10000, 300 * Math.pow(2, Math.min(this.attempt, 6)));
      delay = delay / 2 + Math.random() * delay / 2;
    }
    this.retry = window.setTimeout(function () { self.connect(); }, delay);
  };

  /* Sends now when connected; otherwise queues until the next connection. */
  LiveSocket.prototype.send = function (message) {
    var text = JSON.stringify(message);
    if (this.isOpen()) { this.ws.send(text); } else { this.pending.push(text); }
  };

  window.LiveSocket = LiveSocket;

  /* Shared helpers for the pages. */
  /* {"table": [columns], "rows": [[...]]} back into a list of objects ("a.b" → {a: {b}}):
     the server sends repeated rows (every city's outcome) as a table to keep the ranking small. */
  function expandTables(value) {
    if (Array.isArray(value)) { return value.map(expandTables); }
    if (!value || typeof value !== "object") { return value; }
    if (Array.isArray(value.table) && Array.isArray(value.rows)) {
      return value.rows.map(function (cells) {
        var row = {};
        value.table.forEach(function (column, i) {
          var dot = column.indexOf(".");
          if (dot > 0) {
            var key = column.slice(0, dot);
            row[key] = row[key] || {};
            row[key][column.slice(dot + 1)] = cells[i];
          } else {
            row[column] = cells[i];
          }
        });
        return row;
      });
    }
    Object.keys(value).forEach(function (k) { value[k] = expandTables(value[k]); });
    return value;
  }

  window.PC = {
    expandTables: expandTables,
    /* A `round` delta (closed, or the deadline moved) applied to a panel or projector
       snapshot, whose provinces each carry the round too. Returns the clock offset. */
    /* Views are built by several processes (web, worker, beat) and can arrive out of order;
       one built before the view on screen would undo a newer change (a pause, an opened
       round). `holder` remembers the newest stamp seen (session_info in selectors.py). */
    outOfOrder: function (holder, builtAt) {
      if (!builtAt) { return false; }
      var t = Date.parse(builtAt);
      if (isNaN(t)) { return false; }
      if (holder.builtAt && t < holder.builtAt) { return true; }
      holder.builtAt = t;
      return false;
    },
    /* The panel's and the projector's handling of a `snapshot` or `round` message: true
       when `state.snap` changed and the screen should be drawn again. `keep(old, m)`
       carries over what the page knew that an older-built snapshot may lack. */
    takeView: function (state, m, keep) {
      if (m.type === "snapshot") {
        if (window.PC.outOfOrder(state, m.session && m.session.server_time)) { return false; }
        if (state.snap) { keep(state.snap, m); }
        state.snap = m;
        if (m.session && m.session.server_time) { state.offset = Date.parse(m.session.server_time) - Date.now(); }
        return true;
      }
      if (m.type === "round" && state.snap) {
        if (window.PC.outOfOrder(state, m.server_time)) { return false; }
        var offset = window.PC.applyRound(state.snap, m);
        if (offset !== null) { state.offset = offset; }
        return true;
      }
      return false;
    },
    applyRound: function (snap, m) {
      snap.round = m.round;
      (snap.provinces || []).forEach(function (p) { p.round = m.round; });
      return m.server_time ? Date.parse(m.server_time) - Date.now() : null;
    },
    /* Within a round a saved sheet stays saved, but a `sheet`/`submitted` message sent by
       another process (the worker's bots) can overtake a snapshot loaded just before that
       save. Seats this page already knew were saved stay saved in a newer snapshot of the
       same round. */
    keepSubmitted: function (oldRound, oldCities, newRound, newCities) {
      if (!oldRound || !newRound || oldRound.number !== newRound.number) { return; }
      var saved = {};
      (oldCities || []).forEach(function (c) { if (c.submitted) { saved[c.seat] = true; } });
      (newCities || []).forEach(function (c) { if (saved[c.seat]) { c.submitted = true; } });
    },
    allCities: function (snap) {
      return [].concat.apply([], ((snap && snap.provinces) || []).map(function (p) { return p.cities || []; }));
    },
    lang: function () { return (document.documentElement.lang || "zh-hans").indexOf("zh") === 0 ? "zh" : "en"; },
    name: function (pair) { if (!pair) { return ""; } return pair[window.PC.lang()] || pair.en || pair.zh || ""; },
    el: function (tag, attrs, children) {
      var node = document.createElement(tag);
      Object.keys(attrs || {}).forEach(function (k) {
        if (k === "text") { node.textContent = attrs[k]; }
        else if (k === "class") { node.className = attrs[k]; }
        else if (k.indexOf("on") === 0) { node.addEventListener(k.slice(2), attrs[k]); }
        else if (attrs[k] !== null && attrs[k] !== undefined && attrs[k] !== false) { node.setAttribute(k, attrs[k]); }
      });
      (children || []).forEach(function (c) {
        if (c === null || c === undefined) { return; }
        node.appendChild(typeof c === "string" || typeof c === "number" ? document.createTextNode(String(c)) : c);
      });
      return node;
    },
    /* Items joined as the page's language writes a list: "太原 0，忻州 0" in Chinese,
       "Taiyuan 0, Xinzhou 0" in English (a plain separator: Intl.ListFormat would add "和"/"and"). */
    list: function (items) { return (items || []).join(window.PC.lang() === "zh" ? "，" : ", "); },
    /* A standings place as read aloud: "tied 1" when another city has the same place. */
    place: function (standings, row) {
      var level = (standings || []).filter(function (s) { return s.place === row.place; }).length;
      return level > 1 ? window.interpolate(window.gettext("tied %(place)s"), { place: row.place }, true) : String(row.place);
    },
    /* An ISO timestamp in the browser's own time zone: every screen shows times this way. */
    when: function (iso, withDate) {
      if (!iso) { return "–"; }
      var d = new Date(iso);
      var opts = { hour: "2-digit", minute: "2-digit", hour12: false };
      if (withDate) { opts.year = "numeric"; opts.month = "2-digit"; opts.day = "2-digit"; }
      return withDate ? d.toLocaleString(document.documentElement.lang || undefined, opts)
        : d.toLocaleTimeString(document.documentElement.lang || undefined, opts);
    },
    /* A student's name, isolated from the text around it: a right-to-left name (or one
       stored before names were cleaned of direction overrides) cannot reorder it.
       `bdi` for a name that is its own node, `isolate` (U+2068 … U+2069, first-strong
       isolate) for a name inside a sentence, label or attribute, `nameList` for several. */
    bdi: function (name) { var node = document.createElement("bdi"); node.textContent = name; return node; },
    isolate: function (name) { return "\u2068" + name + "\u2069"; },
    nameList: function (names, sep) {
      var out = [];
      (names || []).forEach(function (n, i) { if (i) { out.push(sep || (window.PC.lang() === "zh" ? "，" : ", ")); } out.push(window.PC.bdi(n)); });
      return out;
    },
    fmt: function (n, digits) {
      if (n === null || n === undefined || isNaN(n)) { return "–"; }
      return Number(n).toLocaleString(document.documentElement.lang, { maximumFractionDigits: digits === undefined ? 1 : digits });
    },
    /* Seconds left until an ISO deadline, using the server's clock offset when known. */
    secondsLeft: function (deadline, offsetMs) {
      if (!deadline) { return null; }
      return Math.max(0, Math.round((Date.parse(deadline) - (Date.now() + (offsetMs || 0))) / 1000));
    },
    /* Seconds left in a round, standing still while the session is paused. */
    roundLeft: function (round, session, offsetMs) {
      if (!round || !round.deadline) { return null; }
      if (session && session.paused_at) {
        return Math.max(0, Math.round((Date.parse(round.deadline) - Date.parse(session.paused_at)) / 1000));
      }
      return window.PC.secondsLeft(round.deadline, offsetMs);
    },
    clock: function (seconds) {
      if (seconds === null) { return "–:–"; }
      var m = Math.floor(seconds / 60), s = seconds % 60;
      return m + ":" + (s < 10 ? "0" : "") + s;
    }
  };
})();
