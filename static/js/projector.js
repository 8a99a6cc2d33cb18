/* The classroom projector: read-only, public information only (DESIGN §8).
   Lobby → join code, QR and head count; open round → countdown and submissions per
   province; after scoring → the animated rank table per province and the headline
   number of joint projects completed. */
(function () {
  "use strict";

  var root = document.getElementById("projector");
  if (!root) { return; }
  var el = PC.el;
  var T = window.gettext;
  function F(text, values) { return window.interpolate(T(text), values, true); }
  function $(id) { return document.getElementById(id); }
  function clear(node) { while (node.firstChild) { node.removeChild(node.firstChild); } }

  var state = { snap: null, offset: 0, animatedRound: null, view: null };
  var reduceMotion = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;

  /* Before the treatments are revealed the server sends no province's results, only the
     headline total of the last scored round (hidden_results): cards side by side would
     tell the class which province plays which rules. */
  function lastResultRound(snap) {
    if (snap.hidden_results) { return snap.hidden_results.round; }
    var n = null;
    (snap.provinces || []).forEach(function (p) {
      if (p.last_result && (n === null || p.last_result.round > n)) { n = p.last_result.round; }
    });
    return n;
  }

  function pickView(snap) {
    var r = snap.round, s = snap.session;
    if (r && (r.status === "open" || r.status === "closed") && s.status !== "ended") { return "round"; }
    if (lastResultRound(snap) !== null) { return "results"; }
    if (s.status === "ended") { return "results"; }
    return "lobby";
  }

  function show(view) {
    $("proj-lobby").hidden = view !== "lobby";
    $("proj-round").hidden = view !== "round";
    $("proj-results").hidden = view !== "results";
    $("corner-code").hidden = view === "lobby" || state.snap.session.status === "ended";
    document.body.dataset.view = view;
  }

  /* ---------- lobby ---------- */

  function renderLobby() {
    var n = state.snap.lobby_count || 0;
    $("lobby-locked").hidden = !state.snap.session.joining_locked;
    $("lobby-count").textContent = PC.fmt(n, 0);
    $("lobby-count-label").textContent = window.ngettext("student joined", "students joined", n);
    var here = state.snap.presence ? state.snap.presence.online : null;
    $("lobby-online").textContent = here === null ? "" : F("%(n)s connected now", { n: PC.fmt(here, 0) });
  }

  /* ---------- round ---------- */

  function renderRound() {
    var snap = state.snap, r = snap.round;
    $("round-heading").textContent = F("Round %(n)s of %(total)s", { n: r.number, total: snap.session.total_rounds });
    $("round-rules").textContent = r.rules.name ? PC.name(r.rules.name) : T("Custom rules");
    $("proj-state").textContent = r.status === "closed" ? T("Time is up. Scoring…") : "";
    $("proj-clock").hidden = r.status !== "open";
    renderSubmitted();
    tick();
  }

  function renderSubmitted() {
    var box = $("proj-submitted");
    var provinces = state.snap.provinces || [];
    box.classList.toggle("dense", provinces.length > 6);
    var nodes = provinces.map(function (p) {
      var total = p.cities.length;
      var done = p.cities.filter(function (c) { return c.submitted; }).length;
      var pct = total ? Math.round(100 * done / total) : 0;
      return el("div", { class: "sub-card" + (done === total ? " is-complete" : "") }, [
        el("p", { class: "sub-province", text: F("Province %(n)s", { n: p.province.number }) }),
        el("p", { class: "sub-count" }, [
          el("strong", { text: done + "/" + total }), " ", T("submitted"),
          done === total ? el("span", { class: "sub-check", text: " ✓" }) : null
        ]),
        el("div", { class: "sub-bar", "aria-hidden": "true" }, [el("span", { style: "width:" + pct + "%" })])
      ]);
    });
    clear(box);
    nodes.forEach(function (n) { box.appendChild(n); });
  }

  function tick() {
    var r = state.snap && state.snap.round;
    if (!r || r.status !== "open" || state.view !== "round") { return; }
    var left = PC.roundLeft(r, state.snap.session, state.offset);
    var clock = $("proj-clock");
    clock.textContent = state.snap.session.paused_at ? F("Paused · %(time)s", { time: PC.clock(left) }) : PC.clock(left);
    clock.classList.toggle("is-low", left !== null && left <= 30);
  }

  /* ---------- results ---------- */

  function pointsOf(city) {
    var p = city.points || {};
    return (p.rank_prize || 0) + (p.collaboration_reward || 0) - (p.breach_penalty || 0)
      - (p.task_penalty || 0) - (p.audit_penalty || 0);
  }

  function moveCell(s) {
    if (s.previous_place === null || s.previous_place === undefined) {
      return el("td", { class: "rk-move rk-move-new" }, [el("span", { "aria-hidden": "true", text: "–" }), el("span", { class: "sr-only", text: T("new") })]);
    }
    var d = s.previous_place - s.place;
    if (d > 0) {
      return el("td", { class: "rk-move rk-move-up" }, [el("span", { "aria-hidden": "true", text: "▲ " + d }),
        el("span", { class: "sr-only", text: F("up %(n)s", { n: d }) })]);
    }
    if (d < 0) {
      return el("td", { class: "rk-move rk-move-down" }, [el("span", { "aria-hidden": "true", text: "▼ " + (-d) }),
        el("span", { class: "sr-only", text: F("down %(n)s", { n: -d }) })]);
    }
    return el("td", { class: "rk-move rk-move-same" }, [el("span", { "aria-hidden": "true", text: "=" }),
      el("span", { class: "sr-only", text: T("no change") })]);
  }

  function signed(n) {
    var text = PC.fmt(Math.abs(n), 2);
    return (n > 0 ? "+" : n < 0 ? "−" : "±") + text;
  }

  var PAGE = 4, PAGE_MS = 12000;
  window.setInterval(function () {
    if (!state.snap || state.view !== "results" || pageCount() < 2) { return; }
    state.page = (state.page || 0) + 1;
    renderResults();
  }, PAGE_MS);

  /* With treatments the comparison is a page of its own (the first): beside the provinces
     it pushed their standings below the bottom of a projected 1080-pixel screen. */
  function comparing() { return document.body.classList.contains("has-compare"); }
  function pageCount() {
    if (state.snap && state.snap.hidden_results) { return 1; }
    return Math.max(1, Math.ceil(((state.snap && state.snap.provinces) || []).length / PAGE)) + (comparing() ? 1 : 0);
  }

  function renderResults() {
    var snap = state.snap, s = snap.session;
    var round = lastResultRound(snap);
    var done = 0, offered = 0;
    (snap.provinces || []).forEach(function (p) {
      if (p.last_result && p.last_result.round === round) {
        done += p.last_result.totals.joint_completed || 0;
        offered += p.last_result.totals.joint_offered || 0;
      }
    });
    if (snap.hidden_results) {
      done = snap.hidden_results.joint_completed;
      offered = snap.hidden_results.joint_offered;
    }
    $("proj-hidden-note").hidden = !snap.hidden_results;
    $("results-heading").textContent = round === null ? T("The game has ended")
      : s.status === "ended" ? F("Final results after round %(n)s", { n: round })
      : F("Results of round %(n)s", { n: round });
    $("headline").hidden = round === null;
    var animate = round !== null && state.animatedRound !== round && !reduceMotion;
    if (round !== null && state.animatedRound !== round) { state.page = 0; }  // new results: from the first page
    $("headline-offered").textContent = PC.fmt(offered, 0);
    countUp($("headline-done"), done, animate);

    var box = $("proj-tables");
    // Up to four provinces side by side, in type readable from the back of the room; more
    // are shown four at a time, turning every PAGE_MS (the page says which ones).
    var all = snap.provinces || [];
    var pages = pageCount();
    state.page = (state.page || 0) % pages;
    var onCompare = comparing() && state.page === 0;
    document.body.classList.toggle("compare-page", onCompare);
    var first = (state.page - (comparing() ? 1 : 0)) * PAGE;
    var provinces = onCompare || snap.hidden_results ? [] : all.slice(first, first + PAGE);
    box.dataset.count = String(provinces.length);
    var pageValues = { from: provinces[0] && provinces[0].province.number, total: all.length, page: state.page + 1,
                       pages: pages, to: provinces.length && provinces[provinces.length - 1].province.number };
    $("proj-page").textContent = pages < 2 ? "" : onCompare ? F("Treatments compared · page %(page)s of %(pages)s", pageValues)
      : provinces.length === 1
      ? F("Province %(from)s of %(total)s · page %(page)s of %(pages)s", pageValues)
      : F("Provinces %(from)s–%(to)s of %(total)s · page %(page)s of %(pages)s", pageValues);
    clear(box);
    provinces.forEach(function (p) {
      var names = {};
      p.cities.forEach(function (c) { names[c.city] = PC.name(c.name); });
      var gained = {};
      ((p.last_result && p.last_result.cities) || []).forEach(function (c) { gained[c.city_id] = pointsOf(c); });
      var rows = p.standings.map(function (st, i) {
        var shift = st.previous_place ? st.previous_place - st.place : 0;
        var row = el("tr", { class: animate ? "row-anim" : "", style: "--shift:" + shift + ";--i:" + i }, [
          el("td", { class: "num place", text: PC.place(p.standings, st) }),
          moveCell(st),
          el("th", { scope: "row", class: "city", text: names[st.city] || st.city }),
          el("td", { class: "num gained", text: st.city in gained ? signed(gained[st.city]) : "" }),
          el("td", { class: "num total", text: PC.fmt(st.points, 2) })
        ]);
        return row;
      });
      var last = p.last_result;
      box.appendChild(el("div", { class: "rank-card" }, [
        el("h2", {}, [F("Province %(n)s", { n: p.province.number }),
          last ? el("span", { class: "rank-joint", text: F("%(done)s/%(offered)s joint", {
            done: last.totals.joint_completed, offered: last.totals.joint_offered }) }) : null,
          promisesLine(p, last)]),
        el("table", { class: "rank-table" }, [
          el("thead", {}, [el("tr", {}, [
            el("th", { scope: "col", class: "num", text: T("#") }),
            el("th", { scope: "col", text: T("Move") }),
            el("th", { scope: "col", text: T("City") }),
            el("th", { scope: "col", class: "num", text: T("This round") }),
            el("th", { scope: "col", class: "num", text: T("Promotion points") })
          ])]),
          el("tbody", {}, rows)
        ])
      ]));
    });
    var next = snap.round;
    var nextText = "";
    if (s.status === "ended") { nextText = T("Thank you for playing."); }
    else if (next && next.status === "draft") {
      nextText = F("Next: round %(n)s · %(rules)s", { n: next.number, rules: next.rules.name ? PC.name(next.rules.name) : T("Custom rules") });
    }
    $("proj-next").textContent = nextText;
    if (round !== null) { state.animatedRound = round; }
  }

  /* Agreements signed, kept and broken in the province this round (agreement_counts). */
  function promisesLine(p, last) {
    var c = (state.agreementCounts || []).filter(function (x) { return x.province === p.province.id; })[0];
    if (!c || !last || c.round !== last.round || !c.signed) { return null; }
    return el("span", { class: "rank-promises", text: window.interpolate(window.ngettext(
      "%(signed)s agreement: %(kept)s kept, %(broken)s broken",
      "%(signed)s agreements: %(kept)s kept, %(broken)s broken", c.signed), c, true) });
  }

  function countUp(node, target, animate) {
    if (!animate || target <= 0) { node.textContent = PC.fmt(target, 0); return; }
    var start = null, duration = 1200;
    function step(ts) {
      if (start === null) { start = ts; }
      var k = Math.min(1, (ts - start) / duration);
      node.textContent = PC.fmt(Math.round(target * k), 0);
      if (k < 1) { window.requestAnimationFrame(step); }
    }
    node.textContent = "0";
    window.requestAnimationFrame(step);
  }

  /* ---------- wiring ---------- */

  function render() {
    var view = pickView(state.snap);
    state.view = view;
    show(view);
    if (view === "lobby") { renderLobby(); }
    else if (view === "round") { renderRound(); }
    else { renderResults(); }
  }

  /* Parts of this screen kept in their own scripts (projector-announcements.js) see every message. */
  window.PCProjectorParts = window.PCProjectorParts || [];

  function keepSubmitted(old, m) {
    PC.keepSubmitted(old.round, PC.allCities(old), m.round, PC.allCities(m));
  }

  function onMessage(m) {
    window.PCProjectorParts.forEach(function (part) { try { part(m); } catch (e) { window.console && console.error(e); } });
    if (m.type === "snapshot" || m.type === "round") {
      if (PC.takeView(state, m, keepSubmitted)) { render(); }
    } else if (m.type === "submitted" && state.snap) {
      if (!state.snap.round || state.snap.round.number !== m.round) { return; }
      var seats = m.seats || [];  // the seats of every province that saved since the last notice
      PC.allCities(state.snap).forEach(function (c) { if (seats.indexOf(c.seat) >= 0) { c.submitted = true; } });
      if (state.view === "round") { renderSubmitted(); }
    } else if (m.type === "agreement_counts") {
      state.agreementCounts = m.counts || [];
      if (state.snap && state.view === "results") { renderResults(); }
    } else if (m.type === "presence" && state.snap) {
      state.snap.presence = m;
      if (state.view === "lobby") { renderLobby(); }
    } else if (m.type === "forbidden") {
      var box = $("proj-lobby");
      show("lobby");
      box.insertBefore(el("p", { class: "alert alert-error", role: "alert",
        text: T("This screen is not allowed to follow the session. Log in as its instructor.") }), box.firstChild);
    }
  }

  var socket = new LiveSocket(root.dataset.ws, onMessage);
  window.setInterval(tick, 250);
  window.setInterval(function () { if (socket.isOpen()) { socket.send({ type: "ping" }); } }, 25000);
})();
