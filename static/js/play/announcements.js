/* The instructor's announcements as a banner above the page: every announcement of the
   current round to this province (or to all), until dismissed on this device or until
   the next round (the server sends only the current round's, after every snapshot).
   The same text is also a line in the province chat (chat.js). */
import { clockTime, h, clear } from "./dom.js";
import { mount, on } from "./hooks.js";

var box = mount("top", h("div", { class: "announcements", "aria-live": "polite" }));
var shown = [];

function dismissed(id) {
  try { return window.localStorage.getItem("pc-announcement-" + id) === "1"; } catch (e) { return false; }
}
function dismiss(id) {
  try { window.localStorage.setItem("pc-announcement-" + id, "1"); } catch (e) { /* private mode: this page only */ }
  shown = shown.filter(function (a) { return a.id !== id; });
  draw();
}

function draw() {
  clear(box);
  shown.forEach(function (a) {
    box.appendChild(h("div", { class: "alert alert-info announcement", role: "status", "data-announcement": String(a.id) }, [
      h("p", { class: "alert-title" }, [
        h("span", { "aria-hidden": "true", text: "⚑ " }),
        h("span", { text: gettext("Announcement from the province government") }),
        h("time", { class: "muted small", datetime: a.at, text: " " + clockTime(a.at).slice(0, 5) })
      ]),
      h("p", { class: "announcement-text", text: a.text }),
      h("button", { type: "button", class: "btn-link small", text: gettext("Dismiss"), onclick: function () { dismiss(a.id); } })
    ]));
  });
}

on("chat.state", function (msg) {
  shown = (msg.announcements || []).filter(function (a) { return !dismissed(a.id); });
  draw();
});

on("announcement", function (msg) {
  var a = msg.announcement;
  if (!a || dismissed(a.id) || shown.some(function (x) { return x.id === a.id; })) { return; }
  shown.push(a);
  draw();
});
