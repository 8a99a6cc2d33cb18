/* DOM and number helpers shared by every part of the student page (no state). */
export var h = PC.el;
export function $(id) { return document.getElementById(id); }
export function clear(node) { while (node.firstChild) { node.removeChild(node.firstChild); } return node; }
export function fmt(n, d) { return PC.fmt(n, d); }
export function pct(x, d) { return (x === null || x === undefined || isNaN(x)) ? "–" : PC.fmt(x * 100, d === undefined ? 1 : d) + " %"; }
export function signed(n, d) {
  if (n === null || n === undefined || isNaN(n)) { return "–"; }
  var v = Number(n);
  if (Math.abs(v) < 1e-9) { return "0"; }
  return (v > 0 ? "+" : "−") + PC.fmt(Math.abs(v), d === undefined ? 2 : d);
}
export function clockTime(iso) {
  if (!iso) { return ""; }
  var d = new Date(iso);
  if (isNaN(d.getTime())) { return ""; }
  return d.toLocaleTimeString(document.documentElement.lang || undefined, { hour: "2-digit", minute: "2-digit", second: "2-digit", hour12: false });
}
export function t(fmtString, params) { return interpolate(fmtString, params, true); }
export function srOnly(text) { return h("span", { class: "sr-only", text: text }); }
export function badge(text, kind) { return h("span", { class: "badge" + (kind ? " badge-" + kind : ""), text: text }); }
export function table(caption, headers, rows, opts) {
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
export function td(content, cls) {
  var node = h("td", { class: cls || null });
  (Array.isArray(content) ? content : [content]).forEach(function (c) {
    if (c === null || c === undefined) { return; }
    node.appendChild(typeof c === "string" || typeof c === "number" ? document.createTextNode(String(c)) : c);
  });
  return node;
}
export function th(content, cls) { var n = td(content, cls); var x = h("th", { scope: "row", class: cls || null }); while (n.firstChild) { x.appendChild(n.firstChild); } return x; }
export function fact(label, value) {
  return h("div", {}, [h("dt", { text: label }), h("dd", {}, [value])]);
}
export function stat(label, value) { return h("div", {}, [h("dt", { text: label }), h("dd", { text: value })]); }
export function cssEscape(s) { return (window.CSS && CSS.escape) ? CSS.escape(s) : String(s).replace(/["\\]/g, "\\$&"); }
