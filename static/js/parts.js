/* The extension points shared by the student page (play/hooks.js) and the instructor
   panel (panel/hooks.js): a part of a screen registers message handlers and redraw
   callbacks, mounts its section into a slot and writes on the page's socket. */
export function createParts() {
  var handlers = {};   // message type -> [fn]
  var renderers = [];
  var socket = null;
  var pageState = null;

  function each(fns, arg) {
    fns.forEach(function (fn) {
      try { fn(arg); } catch (e) { window.console && console.error(e); }  // one broken part must not stop the others
    });
  }

  return {
    on: function (type, fn) { (handlers[type] = handlers[type] || []).push(fn); },
    onRender: function (fn) { renderers.push(fn); },
    state: function () { return pageState; },
    mount: function (slot, node) {
      var box = document.getElementById("slot-" + slot);
      if (!box) { throw new Error("unknown slot " + slot); }
      box.appendChild(node);
      return node;
    },
    send: function (msg) { if (socket) { socket.send(msg); } },
    // for the page's main module only
    useSocket: function (sock) { socket = sock; },
    useState: function (s) { pageState = s; },
    dispatch: function (msg) { each(handlers[msg.type] || [], msg); },
    rendered: function () { each(renderers); }
  };
}
