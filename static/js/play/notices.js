/* Alerts above the page and the screen-reader announcer. */
import { $, h } from "./dom.js";

export function announce(text) {
  var a = $("announcer");
  a.textContent = "";
  window.setTimeout(function () { a.textContent = text; }, 60);
}
export function notice(kind, title, text, key, link) {
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
