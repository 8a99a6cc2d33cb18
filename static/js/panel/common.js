/* What every part of the instructor panel shares: translation aliases, DOM helpers, the
   alert region and the two ways of asking the server to act (panel actions over HTTP). */
import { send } from "./hooks.js";

export var root = document.getElementById("panel");
export var el = PC.el;
export var T = window.gettext;
export function F(text, values) { return window.interpolate(T(text), values, true); }

var csrf = (root.querySelector("input[name=csrfmiddlewaretoken]") || {}).value || "";
var actionUrl = root.dataset.action;
var rulesUrl = root.dataset.rulesUrl;

export function $(id) { return document.getElementById(id); }

export function clear(node) { while (node.firstChild) { node.removeChild(node.firstChild); } }

export function notice(text) {
  var n = $("notice");
  n.textContent = "";
  window.setTimeout(function () { n.textContent = text; }, 50);
}

/* A dismissable alert of the given kind ("alert-error", "alert-warning"). */
function showAlert(kind, message) {
  var box = $("alerts");
  var item = el("div", { class: "alert " + kind }, [
    el("span", { class: "alert-icon", "aria-hidden": "true", text: "⚠" }),
    el("span", { class: "alert-text", text: message }),
    el("button", { type: "button", class: "btn btn-small btn-quiet", text: T("Dismiss"),
                   onclick: function () { item.remove(); } })
  ]);
  box.appendChild(item);
  while (box.children.length > 4) { box.removeChild(box.firstChild); }
}

export function showError(message) { showAlert("alert-error", message || T("Something went wrong.")); }

/* A success makes earlier errors stale: an error left up after the action worked misled. */
export function clearErrors() {
  $("alerts").querySelectorAll(".alert-error").forEach(function (n) { n.remove(); });
}

export function showOk(message) {
  clearErrors();
  var box = $("alerts");
  var item = el("div", { class: "alert alert-ok" }, [
    el("span", { class: "alert-icon", "aria-hidden": "true", text: "✓" }),
    el("span", { class: "alert-text", text: message })
  ]);
  box.appendChild(item);
  window.setTimeout(function () { item.remove(); }, 4000);
}

/* Done and saved, but nobody could be told yet (the server says why, translated): a warning
   that stays until an action goes through normally (successes clear errors, not this). The
   panel asks its own socket for a snapshot, answered from the database, not via Redis. */
function warnIfUndelivered(data) {
  $("alerts").querySelectorAll(".alert-warning").forEach(function (n) { n.remove(); });
  if (!data.warning) { return; }
  showAlert("alert-warning", data.warning);
  send({ type: "snapshot" });
}

export function answer(response) {
  return response.text().then(function (text) {
    var data = null;
    try { data = JSON.parse(text); } catch (e) { data = null; }
    if (response.ok && data && data.type !== "error") { warnIfUndelivered(data); return data; }
    var message = data && data.message ? data.message
      : response.status === 403 ? T("The server refused the request. Your login may have expired: reload the page.")
      : F("The server answered with an error (%(status)s).", { status: response.status });
    throw new Error(message);
  });
}

/* Posts one panel action; resolves with the JSON answer, shows errors in the alert region. */
export function act(name, fields, button) {
  var body = new URLSearchParams();
  Object.keys(fields || {}).forEach(function (k) { body.append(k, fields[k]); });
  if (button) { button.disabled = true; button.setAttribute("aria-busy", "true"); }
  return fetch(actionUrl.replace("NAME", name), {
    method: "POST", credentials: "same-origin", body: body,
    headers: { "Accept": "application/json", "X-CSRFToken": csrf }
  }).then(answer).then(function (data) { clearErrors(); return data; }).catch(function (err) {
    showError(err && err.message && err.message !== "Failed to fetch" ? err.message
      : T("Could not reach the server. Check the connection and try again."));
    return null;
  }).then(function (data) {
    if (button) { button.disabled = false; button.removeAttribute("aria-busy"); }
    return data;
  });
}

/* `treatment`: the label of the one treatment to change ("" or none: every province). */
export function postRules(params, button, treatment) {
  if (button) { button.disabled = true; }
  var url = treatment ? rulesUrl + "?treatment=" + encodeURIComponent(treatment) : rulesUrl;
  return fetch(url, {
    method: "POST", credentials: "same-origin", body: JSON.stringify(params),
    headers: { "Accept": "application/json", "Content-Type": "application/json", "X-CSRFToken": csrf }
  }).then(answer).then(function (data) { clearErrors(); return data; }).catch(function (err) {
    showError(err && err.message ? err.message : T("Could not reach the server."));
    return null;
  }).then(function (data) {
    if (button) { button.disabled = false; }
    return data;
  });
}
