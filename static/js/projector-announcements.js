/* The instructor's announcements on the projector: the newest ones of the current round,
   over every view (lobby, round, results), with the province they were for. Fed by
   projector.js's messages (window.PCProjectorParts): `announcements` after every
   snapshot (the current round's), `announcement` when one is made. */
(function () {
  "use strict";

  var box = document.getElementById("proj-announcements");
  if (!box) { return; }
  var T = window.gettext;
  function F(text, values) { return window.interpolate(T(text), values, true); }
  var shown = [];
  var round = null;   // the session's current round number, from the snapshots and deltas

  function draw() {
    while (box.firstChild) { box.removeChild(box.firstChild); }
    var current = shown.filter(function (a) { return a.round === round; }).slice(-2);
    box.hidden = !current.length;
    current.forEach(function (a) {
      box.appendChild(PC.el("div", { class: "proj-announcement", "data-announcement": String(a.id) }, [
        PC.el("p", { class: "proj-announcement-head", text: "⚑ " + (a.province_number
          ? F("The province government to province %(n)s", { n: a.province_number })
          : T("The province government to all provinces")) }),
        PC.el("p", { class: "proj-announcement-text", text: a.text })
      ]));
    });
  }

  window.PCProjectorParts = window.PCProjectorParts || [];
  window.PCProjectorParts.push(function (m) {
    if ((m.type === "snapshot" || m.type === "round") && m.round) { round = m.round.number; draw(); }
    else if (m.type === "snapshot") { round = null; draw(); }
    else if (m.type === "announcements") { shown = m.announcements || []; draw(); }
    else if (m.type === "announcement" && m.announcement) {
      if (!shown.some(function (a) { return a.id === m.announcement.id; })) { shown.push(m.announcement); }
      draw();
    }
  });
})();
