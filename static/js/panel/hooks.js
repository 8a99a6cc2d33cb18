/* Extension points of the instructor panel, so a part (chat reader, agreements, …) lives in
   its own module and plugs in without editing the others. The same contract as the
   student page (static/js/play/hooks.js), both built by static/js/parts.js:
   - on(type, fn)      handles socket messages of that type after the core panel has drawn
                       them ("snapshot" included); state().snap is the last snapshot.
   - onRender(fn)      fn() after every full redraw of the panel.
   - mount(slot, node) slot "main" (below the provinces) or "side" (below the ranking).
   - send(msg)         sends on the instructor socket; act() in common.js posts a panel action.
   Then the part is listed once in main.js (`import "./yourpart.js";`). */
import { createParts } from "../parts.js";

var parts = createParts();
export var on = parts.on, onRender = parts.onRender, mount = parts.mount, send = parts.send, state = parts.state;
/* main.js only */
export var useSocket = parts.useSocket, useState = parts.useState, dispatch = parts.dispatch, rendered = parts.rendered;
