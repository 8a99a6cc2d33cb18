/* Extension points of the student page, so a part of the screen (chat, agreements, …)
   lives in its own module and plugs in without editing the others.

   A part is a module that imports this file and, when it is evaluated:
   - on(type, fn)      handles server messages of that type; fn(msg) runs after the core
                       page has drawn it ("snapshot" and "province" included), so
                       state() is already up to date. Several parts may handle one type.
   - onRender(fn)      fn() runs after every full redraw of the page (snapshot, province,
                       round): redraw what depends on the round or the cities.
   - mount(slot, node) puts the part's section into the page: slot "top" (above the
                       main column, for banners), "main" (below the results), "side"
                       (side column, above the personal link) or "bar" (the top bar).
   - send(msg)         sends a message on the page's socket (queued while offline).
   - state()           the page state: state().snap is the last snapshot (with `me`).
   Then it is listed once in main.js (`import "./yourpart.js";`). Parts never touch
   another part's DOM; the page computes no game rule (the server sends what to show). */
import { S } from "./state.js";
import { createParts } from "../parts.js";

var parts = createParts();
parts.useState(S);
export var on = parts.on, onRender = parts.onRender, mount = parts.mount, send = parts.send, state = parts.state;
/* main.js only */
export var useSocket = parts.useSocket, useState = parts.useState, dispatch = parts.dispatch, rendered = parts.rendered;
