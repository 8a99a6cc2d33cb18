/* The student's live screen. Everything is drawn from the server's snapshot and the
   small messages that follow it (province, submitted, sheet, saved, error, removed).
   No game rule is computed here: the page only shows numbers the server sent and adds
   up shown numbers (the budget left, a points waterfall). */
(function () {
  "use strict";

  var h = PC.el;
  var root = document.getElementById("play");
  if (!root) { return; }

  var playData = {};
  try { playData = JSON.parse(document.getElementById("play-data").textContent) || {}; } catch (e) { playData = {}; }
  var PROJECTS = playData.projects || {};

  /* ------------------------------------------------------------------ labels */
  var SECTORS = {
    nev: gettext("New-energy vehicles"),
    biomed: gettext("Biomedicine"),
    materials: gettext("New materials"),
    data: gettext("Data centres"),
    chips: gettext("Semiconductors"),
    equipment: gettext("High-end equipment"),
    hydrogen: gettext("Hydrogen energy"),
    logistics: gettext("Logistics")
  };
  var JOINT_TYPES = {
    infrastructure: gettext("Infrastructure"),
    industry: gettext("Industrial park"),
    science: gettext("Science and innovation"),
    ecology: gettext("Ecology"),
    public_service: gettext("Public service"),
    culture: gettext("Culture and tourism")
  };
  var INDICATORS = [
    ["gdp_growth", gettext("GDP growth")],
    ["net_fiscal", gettext("Net fiscal balance")],
    ["collaboration", gettext("Collaboration")],
    ["ecology", gettext("Ecology")],
    ["public_service", gettext("Public service")]
  ];
  var PARAMS = {
    all_pay: gettext("All-pay auctions"),
    reveal_losing_bids: gettext("Losing bids made public"),
    duplicate_penalty: gettext("Duplicate-sector penalty"),
    gdp_accounting: gettext("GDP of joint projects booked to"),
    tax_sharing: gettext("Taxes of joint projects go to"),
    refund_failed: gettext("Refund if a joint project fails"),
    compensation_rate: gettext("Compensation rate for paying less than your fair share"),
    reporting: gettext("Cities self-report collaboration"),
    audit_probability: gettext("Audit probability"),
    audit_penalty: gettext("Audit penalty (points)"),
    collaboration_bar: gettext("Collaboration reward bar (share of budget)"),
    collaboration_reward: gettext("Collaboration reward (points)"),
    binding_agreements: gettext("Agreements are binding"),
    enforce_tasks: gettext("Assigned tasks are enforced"),
    breach_penalty: gettext("Breach penalty (points)"),
    task_penalty: gettext("Missed-task penalty (points)"),
    retention_rate: gettext("Share of fiscal revenue kept for next budget"),
    prizes: gettext("Promotion points by rank"),
    "weights.gdp_growth": gettext("Weight of GDP growth"),
    "weights.net_fiscal": gettext("Weight of net fiscal balance"),
    "weights.collaboration": gettext("Weight of collaboration"),
    "weights.ecology": gettext("Weight of ecology"),
    "weights.public_service": gettext("Weight of public service")
  };
  var ACCOUNTING = {
    host: gettext("the host city only"),
    equal: gettext("members in equal parts"),
    contribution: gettext("members in proportion to what they paid")
  };
  var PERCENT_PARAMS = { duplicate_penalty: 1, audit_probability: 1, compensation_rate: 1, retention_rate: 1, collaboration_bar: 1 };

  /* ------------------------------------------------------------------ state */
  var S = {
    snap: null,
    offsetMs: 0,
    phase: null,            // "n:status" of the round last drawn, for announcements
    formKey: null,          // which round's form is built
    baseline: null,         // {data, version} the form was last loaded from / saved as
    saving: null,           // {requestId, data, timer}
    remote: null,           // a teammate's newer sheet waiting to be loaded
    dead: false,            // removed or refused: stop drawing the game
    rulesByRound: {},       // round number -> rules seen (from play data and snapshots)
    myPoints: {},           // round number -> {points, rank}
    seq: 0
  };
  (playData.rounds || []).forEach(function (r) {
    S.rulesByRound[r.number] = { version: r.version, preset: r.preset, params: r.params, status: r.status };
  });
  (playData.points || []).forEach(function (p) { S.myPoints[p.round] = { points: p.points, rank: p.rank, city: p.city }; });

  /* ------------------------------------------------------------------ helpers */
  function $(id) { return document.getElementById(id); }
  function clear(node) { while (node.firstChild) { node.removeChild(node.firstChild); } return node; }
  function fmt(n, d) { return PC.fmt(n, d); }
  function pct(x, d) { return (x === null || x === undefined || isNaN(x)) ? "–" : PC.fmt(x * 100, d === undefined ? 1 : d) + " %"; }
  function signed(n, d) {
    if (n === null || n === undefined || isNaN(n)) { return "–"; }
    var v = Number(n);
    if (Math.abs(v) < 1e-9) { return "0"; }
    return (v > 0 ? "+" : "−") + PC.fmt(Math.abs(v), d === undefined ? 2 : d);
  }
  function clockTime(iso) {
    if (!iso) { return ""; }
    var d = new Date(iso);
    if (isNaN(d.getTime())) { return ""; }
    return d.toLocaleTimeString(document.documentElement.lang || undefined, { hour: "2-digit", minute: "2-digit", second: "2-digit", hour12: false });
  }
  function t(fmtString, params) { return interpolate(fmtString, params, true); }
  function srOnly(text) { return h("span", { class: "sr-only", text: text }); }
  function badge(text, kind) { return h("span", { class: "badge" + (kind ? " badge-" + kind : ""), text: text }); }
  function table(caption, headers, rows, opts) {
    opts = opts || {};
    var thead = h("thead", {}, [h("tr", {}, headers.map(function (hd) {
      var label = typeof hd === "string" ? hd : hd.text;
      return h("th", { scope: "col", class: (typeof hd === "object" && hd.num) ? "num" : null, text: label });
    }))]);
    var t_ = h("table", { class: "table" + (opts.cls ? " " + opts.cls : "") }, [
      caption ? h("caption", { class: opts.captionHidden ? "sr-only" : null, text: caption }) : null,
      thead, h("tbody", {}, rows)
    ]);
    return h("div", { class: "table-wrap" }, [t_]);
  }
  function td(content, cls) {
    var node = h("td", { class: cls || null });
    (Array.isArray(content) ? content : [content]).forEach(function (c) {
      if (c === null || c === undefined) { return; }
      node.appendChild(typeof c === "string" || typeof c === "number" ? document.createTextNode(String(c)) : c);
    });
    return node;
  }
  function th(content, cls) { var n = td(content, cls); var x = h("th", { scope: "row", class: cls || null }); while (n.firstChild) { x.appendChild(n.firstChild); } return x; }

  function cities() { return (S.snap && S.snap.cities) || []; }
  function cityById(id) { return cities().filter(function (c) { return c.city === id; })[0] || null; }
  function cityName(id) {
    var c = cityById(id);
    return c ? PC.name(c.name) : (id || "");
  }
  function me() { return (S.snap && S.snap.me) || {}; }
  function myCity() { return cityById(me().city); }
  function round() { return S.snap && S.snap.round; }
  function projectName(id) {
    var p = PROJECTS[id];
    if (p) { return PC.name(p.name); }
    var offer = S.snap && S.snap.offer;
    var all = offer ? (offer.industrial || []).concat(offer.joint || []) : [];
    var q = all.filter(function (x) { return x.id === id; })[0];
    return q ? PC.name({ zh: q.name_zh, en: q.name_en }) : id;
  }
  function rulesName(rules) {
    if (!rules) { return ""; }
    return rules.name ? PC.name(rules.name) : gettext("Custom rules");
  }
  function announce(text) {
    var a = $("announcer");
    a.textContent = "";
    window.setTimeout(function () { a.textContent = text; }, 60);
  }
  function paramValue(param, v) {
    if (v === true) { return gettext("on"); }
    if (v === false) { return gettext("off"); }
    if (v === null || v === undefined) { return "–"; }
    if (Array.isArray(v)) { return v.map(function (x) { return fmt(x, 2); }).join(", "); }
    if (typeof v === "string") { return ACCOUNTING[v] || v; }
    if (PERCENT_PARAMS[param]) { return pct(v, 0); }
    return fmt(v, 3);
  }

  /* The rules a scored round was played under: the current round's when it is that round,
     else what this page saw or was given (page data) for that round number. */
  function rulesOfRound(n) {
    var r = round();
    if (r && r.number === n && r.rules) { return r.rules.params; }
    var seen = S.rulesByRound[n];
    return seen ? seen.params : null;
  }

  /* Whether the current round's rules really differ from the previous round's: a rules
     version can be reused by several rounds, and then its `changes` are old news. */
  function rulesChangedThisRound() {
    var r = round();
    if (!r || !r.rules || !r.rules.changes || !r.rules.changes.length || r.number <= 1) { return false; }
    var prev = S.rulesByRound[r.number - 1];
    if (prev && prev.version === r.rules.version) { return false; }
    return true;
  }

  /* ------------------------------------------------------------------ socket */
  var sock = new LiveSocket(root.dataset.ws, onMessage);
  // Keep idle sockets alive through proxies that drop quiet connections.
  window.setInterval(function () { if (sock.isOpen()) { sock.send({ type: "ping" }); } }, 25000);

  function onMessage(msg) {
    if (S.dead) { return; }
    switch (msg.type) {
      case "snapshot": onSnapshot(msg); break;
      case "province": onProvince(msg); break;
      case "round": onRound(msg); break;
      case "submitted": onSubmitted(msg); break;
      case "sheet": onSheet(msg); break;
      case "saved": onSaved(msg); break;
      case "error": onError(msg); break;
      case "removed": onRemoved(); break;
      case "forbidden": onForbidden(); break;
      default: break;  // pong, reconnect: nothing to draw
    }
  }

  function setServerTime(iso) {
    var server = Date.parse(iso || "");
    if (!isNaN(server)) { S.offsetMs = server - Date.now(); }
  }

  function rememberRound() {
    var r = round();
    if (r && r.rules && r.status !== "draft") {
      S.rulesByRound[r.number] = { version: r.rules.version, preset: r.rules.preset, params: r.rules.params, status: r.status };
    } else if (r && r.rules && !S.rulesByRound[r.number]) {
      S.rulesByRound[r.number] = { version: r.rules.version, preset: r.rules.preset, params: r.rules.params, status: r.status };
    }
    var lr = S.snap && S.snap.last_result;
    var mine = lr && (lr.cities || []).filter(function (c) { return c.city_id === me().city; })[0];
    if (mine) { S.myPoints[lr.round] = { points: roundPoints(mine), rank: mine.rank, city: mine.city_id }; }
  }

  function onSnapshot(msg) {
    S.snap = msg;
    setServerTime(msg.session && msg.session.server_time);
    rememberRound();
    render();
    syncFormWithServer(me().sheet, true);
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
    cities().forEach(function (c) { if (c.seat === msg.seat) { c.submitted = true; } });
    renderProvince();
  }

  function onSheet(msg) {
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

  function onSaved(msg) {
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

  function onError(msg) {
    if (S.saving && msg.request_id === S.saving.requestId) {
      window.clearTimeout(S.saving.timer);
      S.saving = null;
      clearFieldErrors();
      if (msg.code === "invalid_sheet" && msg.params && msg.params.problems) {
        showProblems(msg.params.problems);
      } else {
        $("err-sheet").textContent = msg.message || gettext("The sheet was not saved.");
      }
      updateSaveUi(gettext("Not saved. Your entries are still here: fix them and save again."));
      return;
    }
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

  /* ------------------------------------------------------------------ notices */
  function notice(kind, title, text, key, link) {
    var box = $("notices");
    if (key) { var old = box.querySelector('[data-key="' + key + '"]'); if (old) { old.remove(); } }
    var node = h("div", { class: "alert alert-" + kind, role: kind === "error" ? "alert" : "status", "data-key": key || null }, [
      h("p", { class: "alert-title", text: title }),
      text ? h("p", { text: text }) : null,
      link ? h("p", {}, [h("a", { href: link.href, class: "btn btn-primary", text: link.text })]) : null,
      key !== "dead" ? h("button", { type: "button", class: "btn-link small", text: gettext("Dismiss"), onclick: function () { node.remove(); } }) : null
    ]);
    box.appendChild(node);
    return node;
  }

  /* ------------------------------------------------------------------ views */
  function showOnly(id) {
    ["view-loading", "view-noseat"].forEach(function (v) { $(v).hidden = v !== id; });
    if (id !== "form") { $("sheet-form").hidden = true; }
    if (id === null) {
      clear($("view-state")); clear($("view-results"));
      $("sheet-form").hidden = true;
      document.querySelector(".col-side").hidden = true;
      $("statusbar").querySelectorAll("#sb-round,#sb-rules,#sb-clock").forEach(function (n) { n.hidden = true; });
    }
  }

  function render() {
    if (S.dead || !S.snap) { return; }
    var snap = S.snap;
    if (!snap.province) {
      showOnly("view-noseat");
      renderTopbar();
      return;
    }
    $("view-loading").hidden = true;
    $("view-noseat").hidden = true;
    renderTopbar();
    announcePhase();

    var r = round();
    var ended = snap.session && snap.session.status === "ended";
    if (!(r && r.status === "open" && !ended) && S.remote) { S.remote = null; renderTeammateNotice(); }
    var openKeys = Array.prototype.map.call(document.querySelectorAll("#main-col details[data-key][open]"), function (d) { return d.dataset.key; });
    var state = clear($("view-state"));
    var results = clear($("view-results"));

    if (ended) {
      hideForm();
      state.appendChild(renderFinal());
      if (snap.last_result) { results.appendChild(renderResults(snap.last_result, false)); }
    } else if (!r || r.status === "draft") {
      hideForm();
      if (rulesChangedThisRound()) { state.appendChild(renderRulesChanged(r)); }
      state.appendChild(snap.last_result ? renderBetweenRounds(r, rulesChangedThisRound()) : renderLobby(r));
      if (snap.last_result) { results.appendChild(renderResults(snap.last_result, false)); }
    } else if (r.status === "open") {
      if (rulesChangedThisRound()) { state.appendChild(renderRulesChanged(r)); }
      showForm();
      if (snap.last_result) { results.appendChild(renderResults(snap.last_result, true)); }
    } else if (r.status === "closed") {
      hideForm();
      state.appendChild(renderClosed(r));
      if (snap.last_result) { results.appendChild(renderResults(snap.last_result, true)); }
    } else {  // scored, and no next round yet
      hideForm();
      state.appendChild(renderAfterLast(r));
      if (snap.last_result) { results.appendChild(renderResults(snap.last_result, false)); }
    }
    openKeys.forEach(function (k) {
      var d = document.querySelector('#main-col details[data-key="' + cssEscape(k) + '"]');
      if (d) { d.open = true; }
    });
    renderMe();
    renderProvince();
    renderStandings();
    tick();
  }

  function renderTopbar() {
    var snap = S.snap, r = round(), c = myCity();
    $("sb-city").textContent = c ? PC.name(c.name) : gettext("Province Contest");
    var total = snap.session ? snap.session.total_rounds : null;
    var rb = $("sb-round");
    if (r) {
      rb.hidden = false;
      rb.textContent = t(gettext("Round %(n)s/%(total)s"), { n: r.number, total: total });
    } else { rb.hidden = true; }
    var rules = $("sb-rules");
    if (r && r.rules) { rules.hidden = false; rules.textContent = rulesName(r.rules); rules.title = gettext("Rules in force"); }
    else { rules.hidden = true; }
    $("sb-clock").hidden = !(r && r.status === "open" && r.deadline);
    document.title = (c ? PC.name(c.name) + " · " : "") + gettext("Province Contest");
  }

  function announcePhase() {
    var r = round();
    var ended = S.snap.session && S.snap.session.status === "ended";
    var phase = ended ? "ended" : (r ? r.number + ":" + r.status : "lobby");
    var first = S.phase === null;
    if (phase === S.phase) { return; }
    S.phase = phase;
    if (first) { return; }
    if (ended) { announce(gettext("The game has ended. Final standings are shown.")); return; }
    if (!r) { return; }
    if (r.status === "open") {
      announce(t(gettext("Round %(n)s is open. Time left: %(time)s."), { n: r.number, time: PC.clock(PC.secondsLeft(r.deadline, S.offsetMs)) }));
    } else if (r.status === "closed") {
      announce(t(gettext("Round %(n)s is closed. Scoring…"), { n: r.number }));
    } else if (S.snap.last_result) {
      announce(t(gettext("The results of round %(n)s are in."), { n: S.snap.last_result.round }));
    }
  }

  /* ----- lobby, between rounds, closed, final */
  function teamLine(c) {
    var players = (c && c.players) || [];
    if (!players.length) { return gettext("nobody yet"); }
    return players.map(function (p) { return p === me().name ? t(gettext("%(name)s (you)"), { name: p }) : p; }).join(", ");
  }

  function rulesSummary(rules) {
    if (!rules) { return null; }
    return h("div", { class: "small" }, [
      h("p", {}, [h("strong", { text: t(gettext("Rules: %(name)s"), { name: rulesName(rules) }) })]),
      rules.summary ? h("p", { text: PC.name(rules.summary) }) : null
    ]);
  }

  function renderLobby(r) {
    var c = myCity(), prov = S.snap.province;
    var neighbours = (c && c.neighbours || []).map(cityName).join(", ");
    return h("section", { class: "card", "aria-labelledby": "lobby-title" }, [
      h("div", { class: "hero" }, [
        h("p", { class: "big", id: "lobby-title", text: gettext("Waiting for the instructor to start the game") }),
        h("p", { class: "muted", text: gettext("Keep this page open: the first round appears here by itself.") })
      ]),
      h("dl", { class: "facts" }, [
        fact(gettext("Province"), t(gettext("No. %(n)s"), { n: prov.number })),
        fact(gettext("Your city"), c ? PC.name(c.name) : "–"),
        fact(gettext("Your team"), teamLine(c)),
        fact(gettext("Neighbours"), neighbours || "–"),
        fact(gettext("GDP"), c ? fmt(c.gdp) : "–"),
        fact(gettext("Budget"), c ? fmt(c.budget, 0) : "–")
      ]),
      r && r.rules ? rulesSummary(r.rules) : null
    ]);
  }

  function renderBetweenRounds(r, changeShown) {
    return h("section", { class: "card", "aria-labelledby": "between-title" }, [
      h("h2", { id: "between-title", text: r ? t(gettext("Waiting for round %(n)s"), { n: r.number }) : gettext("Waiting for the next round") }),
      h("p", { class: "muted", text: gettext("The instructor opens the next round. Meanwhile, read below why your score changed.") }),
      r && r.rules && !changeShown ? rulesSummary(r.rules) : null
    ]);
  }

  function renderClosed(r) {
    var sheet = me().sheet && me().sheet.round === r.number ? me().sheet : null;
    return h("section", { class: "card hero", "aria-labelledby": "closed-title" }, [
      h("p", { class: "big", id: "closed-title", text: t(gettext("Round %(n)s closed: scoring…"), { n: r.number }) }),
      h("p", { class: "muted", text: gettext("The province is scoring the round. Results appear here in a moment.") }),
      h("p", {}, [sheet
        ? badge(t(gettext("✓ Your sheet counted (saved %(time)s by %(name)s)"), { time: clockTime(sheet.saved_at), name: sheet.saved_by || "–" }), "ok")
        : badge(gettext("– You saved no sheet: your whole budget is invested locally"), "warn")])
    ]);
  }

  function renderAfterLast(r) {
    return h("section", { class: "card hero" }, [
      h("p", { class: "big", text: gettext("All rounds are played") }),
      h("p", { class: "muted", text: gettext("Waiting for the instructor to end the game.") })
    ]);
  }

  function renderFinal() {
    var st = S.snap.standings || [];
    var mine = st.filter(function (s) { return s.city === me().city; })[0];
    return h("section", { class: "card", "aria-labelledby": "final-title" }, [
      h("h2", { id: "final-title", text: gettext("The game has ended: final standings") }),
      mine ? h("p", { class: "big", text: t(gettext("%(city)s finished in place %(place)s of %(count)s with %(points)s points."),
        { city: cityName(mine.city), place: mine.place, count: st.length, points: fmt(mine.points, 2) }) }) : null,
      standingsTable(st, gettext("Final standings")),
      h("p", { class: "muted small", text: gettext("Thank you for playing. Your instructor will now lead the debrief.") })
    ]);
  }

  function fact(label, value) {
    return h("div", {}, [h("dt", { text: label }), h("dd", {}, [value])]);
  }

  function renderRulesChanged(r) {
    var changes = r.rules.changes || [];
    return h("section", { class: "alert alert-warning", "aria-labelledby": "rules-changed-title" }, [
      h("p", { class: "alert-title", id: "rules-changed-title",
        text: r.status === "draft" ? t(gettext("The rules change for round %(n)s"), { n: r.number }) : gettext("The rules changed for this round") }),
      h("p", {}, [h("strong", { text: rulesName(r.rules) })]),
      r.rules.summary ? h("p", { text: PC.name(r.rules.summary) }) : null,
      h("details", { "data-key": "changes-" + r.number }, [
        h("summary", { text: t(gettext("What changed (%(count)s)"), { count: changes.length }) }),
        h("ul", {}, changes.map(function (ch) {
          return h("li", {}, [
            h("span", { text: (PARAMS[ch.param] || ch.param) + ": " }),
            h("span", { text: paramValue(ch.param, ch.old) }),
            h("span", { "aria-hidden": "true", text: " → " }),
            srOnly(" " + gettext("becomes") + " "),
            h("strong", { text: paramValue(ch.param, ch.new) })
          ]);
        }))
      ])
    ]);
  }

  /* ----- the sheet form */
  function hideForm() {
    $("sheet-form").hidden = true;
  }

  function showForm() {
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
    updateBudget();
    updateSaveUi();
  }

  function inputField(opts) {
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

  function buildForm(r, offer) {
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
            t(gettext("members: %(members)s"), { members: p.members.map(cityName).join(", ") }), " · ",
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

  function jointCard(p, r, params) {
    var name = PC.name({ zh: p.name_zh, en: p.name_en });
    var mine = (p.preview || {})[me().city] || {};
    var members = p.members.map(function (m) {
      var label = cityName(m);
      if (m === p.host) { label = t(gettext("%(city)s (host)"), { city: label }); }
      if (m === me().city) { label = t(gettext("%(city)s (you)"), { city: label }); }
      return label;
    }).join(", ");
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
      })
    ]);
  }

  function formInputs() { return Array.prototype.slice.call($("sheet-form").querySelectorAll("input[data-field]")); }

  function readInput(input) {
    if (input.validity && input.validity.badInput) { return { ok: false }; }
    var raw = (input.value || "").trim();
    if (raw === "") { return { ok: true, value: 0, empty: true }; }
    if (!/^\d+$/.test(raw)) { return { ok: false }; }
    return { ok: true, value: parseInt(raw, 10) };
  }

  /* The form as a sheet; `problems` lists inputs that are not whole numbers. */
  function formSheet() {
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

  function normalise(data) {
    var out = { bids: {}, contributions: {}, inflation_pct: 0 };
    if (!data) { return out; }
    ["bids", "contributions"].forEach(function (k) {
      Object.keys(data[k] || {}).sort().forEach(function (id) { if (data[k][id]) { out[k][id] = data[k][id]; } });
    });
    out.inflation_pct = data.inflation_pct || 0;
    return out;
  }
  function sameSheet(a, b) { return JSON.stringify(normalise(a)) === JSON.stringify(normalise(b)); }

  function isDirty() {
    if ($("sheet-form").hidden || !S.baseline) { return false; }
    var f = formSheet();
    if (f.problems.length) { return true; }
    return !sameSheet(f.sheet, S.baseline.data);
  }

  function fillForm(data) {
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
  function syncFormWithServer(sheet, fromSnapshot) {
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
        announce(t(gettext("%(name)s saved your city's sheet. The form now shows their version."), { name: sheet.saved_by }));
      }
    } else if (!(S.saving && sameSheet(sheet.data, S.saving.data))) {
      S.remote = sheet;
      renderTeammateNotice();
      updateSaveUi();
    }
  }

  function renderTeammateNotice() {
    var old = $("notices").querySelector('[data-key="teammate"]');
    if (old) { old.remove(); }
    if (!S.remote) { return; }
    var remote = S.remote;
    var node = h("div", { class: "alert alert-warning", role: "alert", "data-key": "teammate" }, [
      h("p", { class: "alert-title", text: gettext("A teammate saved a newer version") }),
      h("p", { text: t(gettext("%(name)s saved your city's sheet at %(time)s. You have unsaved changes here: load their version, or keep yours and save it to replace theirs."),
        { name: remote.saved_by || gettext("A teammate"), time: clockTime(remote.saved_at) }) }),
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

  function onFormInput(event) {
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

  function cssEscape(s) { return (window.CSS && CSS.escape) ? CSS.escape(s) : String(s).replace(/["\\]/g, "\\$&"); }

  function markInvalid(field, message) {
    var input = $("sheet-form").querySelector('input[data-field="' + cssEscape(field) + '"]');
    var err = document.querySelector('[data-error-for="' + cssEscape(field) + '"]');
    if (!input || !err) { return false; }
    input.classList.add("is-invalid");
    input.setAttribute("aria-invalid", "true");
    err.textContent = err.textContent ? err.textContent + " " + message : message;
    return true;
  }

  function clearFieldErrors() {
    formInputs().forEach(function (input) { input.classList.remove("is-invalid"); input.removeAttribute("aria-invalid"); });
    $("sheet-form").querySelectorAll("[data-error-for]").forEach(function (e) { e.textContent = ""; });
    $("err-sheet").textContent = "";
  }

  function showProblems(problems) {
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

  function updateBudget() {
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

  function updateSaveUi(message) {
    var btn = $("save-btn"), status = clear($("save-status"));
    btn.disabled = !!S.saving;
    btn.textContent = S.saving ? gettext("Saving…") : gettext("Save");
    if (message) { status.appendChild(h("span", { class: "unsaved", text: message })); return; }
    if (S.saving) { status.appendChild(h("span", { text: gettext("Saving…") })); return; }
    var sheet = me().sheet, r = round();
    var saved = sheet && r && sheet.round === r.number ? sheet : null;
    var dirty = isDirty();
    if (saved) {
      var who = saved.saved_by === me().name ? gettext("you") : (saved.saved_by || gettext("a scripted player"));
      status.appendChild(h("span", { class: "saved", text: t(gettext("Saved ✓ %(time)s by %(name)s"), { time: clockTime(saved.saved_at), name: who }) }));
    } else {
      status.appendChild(h("span", { class: "muted", text: gettext("Not saved yet.") }));
    }
    if (dirty) {
      status.appendChild(document.createTextNode(" · "));
      status.appendChild(h("span", { class: "unsaved", text: gettext("You have unsaved changes.") }));
    }
  }

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
    S.saving = {
      requestId: requestId, data: f.sheet,
      timer: window.setTimeout(function () {
        if (S.saving && S.saving.requestId === requestId) {
          S.saving = null;
          updateSaveUi(gettext("No answer from the server yet. Your entries are still here; check the connection and save again."));
        }
      }, 15000)
    };
    sock.send({ type: "sheet.save", round: r.number, sheet: f.sheet, request_id: requestId });
    updateSaveUi();
  });

  window.addEventListener("beforeunload", function (event) {
    if (!S.dead && isDirty()) { event.preventDefault(); event.returnValue = ""; }
  });

  /* ----- side cards */
  function renderMe() {
    var body = clear($("card-me-body"));
    var c = myCity();
    if (!c) { return; }
    var st = (S.snap.standings || []).filter(function (s) { return s.city === c.city; })[0];
    $("card-me-title").textContent = PC.name(c.name);
    body.appendChild(h("p", { class: "small" }, [
      h("strong", { text: gettext("Team:") + " " }), teamLine(c), " · ",
      t(gettext("Province %(n)s"), { n: S.snap.province.number })
    ]));
    body.appendChild(h("dl", { class: "stats" }, [
      stat(gettext("GDP"), fmt(c.gdp)),
      stat(gettext("Budget this round"), fmt(c.budget, 0)),
      stat(gettext("Total points"), st ? fmt(st.points, 2) : "0"),
      stat(gettext("Place"), st ? t(gettext("%(place)s of %(count)s"), { place: st.place, count: S.snap.standings.length }) : "–"),
      stat(gettext("Last round's rank"), st && st.last_rank ? String(st.last_rank) : "–")
    ]));
    // points per round: from the standings when the payload carries them, else what the page knows
    var rows = [];
    var hist = {};
    (S.snap.history || []).forEach(function (x) { hist[x.round] = x; });
    var perRound = {};
    if (st && st.rounds) { st.rounds.forEach(function (x) { perRound[x.round] = x; }); }
    else { Object.keys(S.myPoints).forEach(function (k) { if (S.myPoints[k].city === c.city) { perRound[k] = S.myPoints[k]; } }); }
    var numbers = Object.keys(perRound).concat(Object.keys(hist)).map(Number)
      .filter(function (v, i, a) { return a.indexOf(v) === i; }).sort(function (a, b) { return a - b; });
    numbers.forEach(function (n) {
      var p = perRound[n], pv = hist[n];
      rows.push(h("tr", {}, [
        th(String(n)),
        td(p ? signed(p.points) : "–", "num"),
        td(p ? String(p.rank) : "–", "num"),
        td(pv ? t(gettext("%(done)s/%(offered)s"), { done: pv.joint_completed, offered: pv.joint_offered }) : "–", "num")
      ]));
    });
    if (rows.length) {
      body.appendChild(table(gettext("Your points per round"), [
        gettext("Round"), { text: gettext("Points"), num: true }, { text: gettext("Rank"), num: true },
        { text: gettext("Joint projects completed (province)"), num: true }
      ], rows));
    } else {
      body.appendChild(h("p", { class: "muted small", text: gettext("No round has been scored yet.") }));
    }
  }

  function stat(label, value) { return h("div", {}, [h("dt", { text: label }), h("dd", { text: value })]); }

  function renderProvince() {
    if (!S.snap || !S.snap.province) { return; }
    var r = round();
    var inRound = r && (r.status === "open" || r.status === "closed");
    var list = cities();
    $("card-province-title").textContent = t(gettext("Province %(n)s"), { n: S.snap.province.number });
    var done = list.filter(function (c) { return c.submitted; }).length;
    $("card-province-count").textContent = inRound ? t(gettext("%(done)s/%(total)s submitted"), { done: done, total: list.length }) : "";
    var body = clear($("card-province-body"));
    body.appendChild(h("ul", { class: "list-plain" }, list.map(function (c) {
      var isMe = c.city === me().city;
      var who = c.bot ? [badge(gettext("bot"), "muted")] : [h("span", { class: "small muted", text: (c.players || []).join(", ") || gettext("empty seat") })];
      var status = null;
      if (inRound) {
        status = c.submitted ? badge(gettext("✓ submitted"), "ok") : badge(gettext("– not yet"), "muted");
      }
      return h("li", { class: isMe ? "is-me" : null }, [
        h("div", { class: "city-row" }, [
          h("span", { class: "who" }, [h("strong", { text: PC.name(c.name) }), isMe ? h("span", { class: "small", text: " " + gettext("(you)") }) : null, " "].concat(who)),
          status
        ])
      ]);
    })));
  }

  function moveCell(s) {
    if (s.previous_place === null || s.previous_place === undefined) {
      return [h("span", { class: "move same", "aria-hidden": "true", text: "·" }), srOnly(gettext("no earlier place"))];
    }
    var d = s.previous_place - s.place;
    if (d > 0) { return [h("span", { class: "move up", "aria-hidden": "true", text: "▲ " + d }), srOnly(t(ngettext("up %(n)s place", "up %(n)s places", d), { n: d }))]; }
    if (d < 0) { return [h("span", { class: "move down", "aria-hidden": "true", text: "▼ " + (-d) }), srOnly(t(ngettext("down %(n)s place", "down %(n)s places", -d), { n: -d }))]; }
    return [h("span", { class: "move same", "aria-hidden": "true", text: "=" }), srOnly(gettext("same place"))];
  }

  function standingsTable(st, caption) {
    var lr = S.snap.last_result, last = {};
    if (lr) { (lr.cities || []).forEach(function (c) { last[c.city_id] = roundPoints(c); }); }
    return table(caption, [
      { text: gettext("Place"), num: true }, gettext("City"), { text: gettext("Points"), num: true }, gettext("Move")
    ], st.map(function (s) {
      var isMe = s.city === me().city;
      return h("tr", { class: isMe ? "is-me" : null }, [
        td(String(s.place), "num"),
        th([cityName(s.city), isMe ? h("span", { class: "small", text: " " + gettext("(you)") }) : null]),
        td([fmt(s.points, 2), last[s.city] !== undefined ? h("span", { class: "small muted", text: " (" + signed(last[s.city]) + ")" }) : null], "num"),
        td(moveCell(s))
      ]);
    }));
  }

  function renderStandings() {
    var body = clear($("card-standings-body"));
    var st = S.snap.standings || [];
    if (!st.length) {
      body.appendChild(h("p", { class: "muted small", text: gettext("No round has been scored yet. The ranking appears after the first round.") }));
      return;
    }
    body.appendChild(standingsTable(st, gettext("Cumulative promotion points (last round's points in brackets)")));
  }

  /* ----- results: why my score changed */
  function roundPoints(c) {
    var p = c.points || {};
    return (p.rank_prize || 0) + (p.collaboration_reward || 0) - (p.breach_penalty || 0) - (p.task_penalty || 0) - (p.audit_penalty || 0);
  }

  function indicatorValue(key, c) {
    var v = (c.indicators || {})[key];
    if (key === "ecology" || key === "public_service") { return fmt(v, 2); }
    return pct(v, 1);
  }

  function renderResults(lr, collapsed) {
    var mine = (lr.cities || []).filter(function (c) { return c.city_id === me().city; })[0];
    var wrap = h(collapsed ? "details" : "section", { class: "card results", "data-key": collapsed ? "results-" + lr.round : null, "aria-labelledby": collapsed ? null : "results-title" });
    var title = t(gettext("Round %(n)s results: why your score changed"), { n: lr.round });
    wrap.appendChild(collapsed ? h("summary", { text: title }) : h("h2", { id: "results-title", text: title }));
    if (!mine) {
      wrap.appendChild(h("p", { class: "muted", text: gettext("Your city has no result for this round.") }));
      wrap.appendChild(projectsOutcome(lr));
      return wrap;
    }
    var params = rulesOfRound(lr.round);
    var weights = params && params.weights;
    var total = roundPoints(mine);
    var st = (S.snap.standings || []).filter(function (s) { return s.city === mine.city_id; })[0];
    var count = (lr.cities || []).length;

    wrap.appendChild(h("p", { class: "big" }, [
      t(gettext("You ranked %(rank)s of %(count)s and earned %(points)s points this round."), { rank: mine.rank, count: count, points: signed(total) })
    ]));

    // 1. indicators × weights → composite
    var rows = INDICATORS.map(function (pair) {
      var key = pair[0], norm = (mine.normalised || {})[key];
      var w = weights ? weights[key] : null;
      return h("tr", {}, [
        th(pair[1]),
        td(indicatorValue(key, mine), "num"),
        td(fmt(norm, 3), "num"),
        weights ? td(fmt(w, 3), "num") : null,
        weights ? td(fmt(norm * w, 3), "num") : null
      ]);
    });
    rows.push(h("tr", { class: "total" }, weights
      ? [th(gettext("Composite score")), td(""), td(""), td(""), td(fmt(mine.composite, 3), "num")]
      : [th(gettext("Composite score")), td(""), td(fmt(mine.composite, 3), "num")]));
    var headers = [gettext("Indicator"), { text: gettext("Value"), num: true }, { text: gettext("Scaled 0–1"), num: true }];
    if (weights) { headers.push({ text: gettext("× weight"), num: true }, { text: gettext("= score"), num: true }); }
    wrap.appendChild(h("h3", { text: gettext("1. Indicators and the composite score") }));
    wrap.appendChild(h("p", { class: "small muted", text: gettext("Each indicator is scaled within the province: the best city gets 1, the lowest 0 (all equal: 0.5). The weights of the rules turn them into one composite score, which sets your rank.") }));
    wrap.appendChild(table(gettext("Indicators"), headers, rows, { captionHidden: true }));
    if (!weights) { wrap.appendChild(h("p", { class: "small muted", text: gettext("The weights of that round's rules are not available here.") })); }
    if (mine.audited || mine.inflation_pct) {
      var auditText;
      if (mine.caught) { auditText = t(gettext("Your collaboration report (inflated by %(pct)s) was audited and caught: collaboration counts 0 and a penalty applies."), { pct: mine.inflation_pct + " %" }); }
      else if (mine.audited) { auditText = gettext("Your collaboration report was audited and found accurate."); }
      else { auditText = t(gettext("You inflated your collaboration report by %(pct)s and were not audited."), { pct: mine.inflation_pct + " %" }); }
      wrap.appendChild(h("p", { class: "warning-line" }, [h("span", { "aria-hidden": "true", text: "⚠" }), h("span", { text: auditText })]));
    }

    // 2. points waterfall
    var p = mine.points || {};
    var before = st ? st.points - total : null;
    var wf = [];
    if (before !== null) { wf.push(h("tr", { class: "sub" }, [th(gettext("Points before this round")), td(fmt(before, 2), "num")])); }
    wf.push(h("tr", {}, [th(t(gettext("Rank prize (rank %(rank)s)"), { rank: mine.rank })), td(signed(p.rank_prize), "num")]));
    wf.push(h("tr", {}, [th(gettext("Collaboration reward")), td(signed(p.collaboration_reward), "num")]));
    wf.push(h("tr", {}, [th(gettext("Breach penalty (broken binding agreement)")), td(signed(-(p.breach_penalty || 0)), "num")]));
    wf.push(h("tr", {}, [th(gettext("Missed assigned task")), td(signed(-(p.task_penalty || 0)), "num")]));
    wf.push(h("tr", {}, [th(gettext("Audit penalty")), td(signed(-(p.audit_penalty || 0)), "num")]));
    wf.push(h("tr", { class: "total" }, [th(gettext("Points this round")), td(signed(total), "num")]));
    if (st) {
      var moveText = st.previous_place ? t(gettext("place %(old)s → %(new)s"), { old: st.previous_place, new: st.place }) : t(gettext("place %(new)s"), { new: st.place });
      wf.push(h("tr", { class: "total" }, [th(t(gettext("Total points now (%(move)s)"), { move: moveText })), td(fmt(st.points, 2), "num")]));
    }
    wrap.appendChild(h("h3", { text: gettext("2. Promotion points") }));
    wrap.appendChild(table(gettext("Promotion points"), [gettext("Item"), { text: gettext("Points"), num: true }], wf, { captionHidden: true, cls: "waterfall" }));

    // 3. where GDP and money came from
    var g = mine.gdp_gain || {};
    var gain = (g.projects || 0) + (g.spillover || 0) + (g.output || 0) + (g.local || 0) + (g.delayed || 0);
    wrap.appendChild(h("details", { "data-key": "gdp-" + lr.round }, [
      h("summary", { text: gettext("3. Where your GDP growth and money came from") }),
      table(gettext("GDP gain"), [gettext("Source"), { text: gettext("GDP"), num: true }], [
        h("tr", {}, [th(gettext("Industrial projects won")), td(fmt(g.projects, 2), "num")]),
        h("tr", {}, [th(gettext("Spillover of completed joint projects")), td(fmt(g.spillover, 2), "num")]),
        h("tr", {}, [th(gettext("Your share of joint-project output")), td(fmt(g.output, 2), "num")]),
        h("tr", {}, [th(gettext("Delayed payouts arriving")), td(fmt(g.delayed, 2), "num")]),
        h("tr", {}, [th(t(gettext("Local investment (%(units)s units)"), { units: fmt(mine.local_investment, 0) })), td(fmt(g.local, 2), "num")]),
        h("tr", { class: "total" }, [th(gettext("GDP gain")), td(fmt(gain, 2), "num")]),
        h("tr", { class: "sub" }, [th(t(gettext("÷ GDP at the start of the round (%(gdp)s) = growth"), { gdp: fmt(mine.gdp_start, 1) })), td(pct((mine.indicators || {}).gdp_growth, 1), "num")])
      ]),
      table(gettext("Money"), [gettext("Item"), { text: gettext("Units"), num: true }], [
        h("tr", {}, [th(gettext("Budget")), td(fmt(mine.budget, 0), "num")]),
        h("tr", {}, [th(gettext("Bids paid")), td(signed(-(mine.bids_paid || 0)), "num")]),
        h("tr", {}, [th(gettext("Contributions to joint projects")), td(signed(-(mine.contributions_spent || 0)), "num")]),
        h("tr", {}, [th(gettext("Refunds")), td(signed(mine.refunds), "num")]),
        h("tr", {}, [th(gettext("Compensation paid")), td(signed(-(mine.compensation_paid || 0)), "num")]),
        h("tr", { class: "total" }, [th(gettext("Invested locally")), td(fmt(mine.local_investment, 2), "num")]),
        h("tr", {}, [th(gettext("Fiscal yield received")), td(signed(mine.fiscal_yield), "num")]),
        h("tr", {}, [th(gettext("Tax shares received")), td(signed(mine.tax_shares), "num")]),
        h("tr", {}, [th(gettext("Compensation received")), td(signed(mine.compensation_received), "num")])
      ])
    ]));

    // 4. what happened to each project
    wrap.appendChild(projectsOutcome(lr, params));
    return wrap;
  }

  function projectsOutcome(lr, params) {
    var box = h("div", {});
    box.appendChild(h("h3", { text: gettext("4. What happened to each project") }));
    var reveal = params ? params.reveal_losing_bids : null;
    var ind = (lr.industrial || []).map(function (p) {
      var bids = Object.keys(p.bids || {}).sort(function (a, b) { return p.bids[b] - p.bids[a]; })
        .map(function (c) { return cityName(c) + " " + fmt(p.bids[c], 0); }).join(", ");
      var notes = [];
      if (p.tied && p.tied.length > 1) { notes.push(t(gettext("Tie between %(cities)s, broken by a draw."), { cities: p.tied.map(cityName).join(", ") })); }
      if (p.duplicate) { notes.push(gettext("Duplicate sector: the winner's GDP value was reduced.")); }
      return h("li", { class: p.winner === me().city ? "is-me" : null }, [
        h("div", { class: "city-row" }, [
          h("strong", { text: projectName(p.project_id) }),
          p.winner ? badge(t(gettext("won by %(city)s for %(bid)s"), { city: cityName(p.winner), bid: fmt(p.winning_bid, 0) }), p.winner === me().city ? "ok" : "info")
                   : badge(gettext("not awarded: no bid reached the reserve"), "muted")
        ]),
        bids ? h("div", { class: "small", text: t(gettext("Bids: %(bids)s"), { bids: bids }) }) : null,
        notes.length ? h("div", { class: "small muted", text: notes.join(" ") }) : null
      ]);
    });
    if (ind.length) {
      box.appendChild(h("h4", { text: gettext("Industrial projects") }));
      box.appendChild(h("ul", { class: "list-plain outcomes" }, ind));
      if (reveal === false) { box.appendChild(h("p", { class: "small muted", text: gettext("Under these rules losing bids stay secret: only winning bids are shown.") })); }
    }
    var joint = (lr.joint || []).map(function (j) {
      var info = PROJECTS[j.project_id] || {};
      var paid = Object.keys(j.contributions || {}).map(function (c) { return cityName(c) + " " + fmt(j.contributions[c], 0); }).join(", ");
      var notes = [];
      if (!j.completed) { notes.push(j.refunded ? gettext("Contributions were refunded.") : gettext("Contributions were lost.")); }
      if (j.completed && j.pays_in_round && j.pays_in_round !== lr.round) { notes.push(t(gettext("Pays out in round %(n)s."), { n: j.pays_in_round })); }
      if (j.completed && !j.pays_in_round) { notes.push(gettext("Pays out after the game ends: nobody gets its benefits.")); }
      var amount = info.threshold !== undefined
        ? t(gettext("Paid in %(paid)s of the %(threshold)s needed."), { paid: fmt(j.total_contributed, 0), threshold: fmt(info.threshold, 0) })
        : t(gettext("Paid in %(paid)s."), { paid: fmt(j.total_contributed, 0) });
      var member = (j.contributions || {})[me().city] !== undefined;
      return h("li", { class: member ? "is-me" : null }, [
        h("div", { class: "city-row" }, [
          h("strong", { text: projectName(j.project_id) }),
          j.completed ? badge(gettext("✓ completed"), "ok") : badge(gettext("✗ not completed"), "danger")
        ]),
        h("div", { class: "small", text: amount }),
        paid ? h("div", { class: "small", text: t(gettext("Who paid what: %(list)s"), { list: paid }) }) : null,
        notes.length ? h("div", { class: "small muted", text: notes.join(" ") }) : null
      ]);
    });
    if (joint.length) {
      box.appendChild(h("h4", { text: gettext("Joint projects") }));
      box.appendChild(h("ul", { class: "list-plain outcomes" }, joint));
    }
    var totals = lr.totals;
    if (totals) {
      box.appendChild(h("p", { class: "small" }, [t(gettext("Province: %(done)s of %(offered)s joint projects completed; GDP gain %(gain)s; bid spending %(spend)s, of which %(waste)s bought nothing."),
        { done: totals.joint_completed, offered: totals.joint_offered, gain: fmt(totals.gdp_gain, 1), spend: fmt(totals.bid_spending, 0), waste: fmt(totals.bid_waste, 0) })]));
    }
    return box;
  }

  /* ------------------------------------------------------------------ clock */
  var urgentAnnounced = null;
  function tick() {
    var r = round();
    var chip = $("sb-clock");
    var barClock = $("bar-clock");
    if (!r || r.status !== "open" || !r.deadline || S.dead) { chip.hidden = true; barClock.hidden = true; return; }
    var left = PC.secondsLeft(r.deadline, S.offsetMs);
    chip.hidden = false;
    barClock.hidden = false;
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

  /* For tests and debugging in the browser console. */
  window.PCPlay = { state: S, receive: onMessage };

  /* ------------------------------------------------------------------ rejoin link */
  var copyBtn = $("copy-rejoin");
  if (copyBtn) {
    copyBtn.addEventListener("click", function () {
      var input = $("rejoin-url");
      var done = function () { $("copy-status").textContent = gettext("Copied ✓ — keep it somewhere safe."); };
      var fallback = function () {
        input.focus(); input.select();
        try { if (document.execCommand("copy")) { done(); return; } } catch (e) { /* ignore */ }
        $("copy-status").textContent = gettext("Select the link and copy it by hand.");
      };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(input.value).then(done, fallback);
      } else { fallback(); }
    });
    $("rejoin-url").addEventListener("focus", function () { this.select(); });
  }
})();
