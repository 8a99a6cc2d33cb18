/* The record of promises: after each scoring, every signed agreement and assigned task
   of the province with kept or broken per city. Public within the province; it carries
   no note and no amounts paid (docs/rules.md §2A). Drawn by agreements.js. */
import { badge, clear, fmt, h, t, table, td, th } from "./dom.js";
import { cityName, projectName } from "./state.js";

export function renderRecord(box, record) {
  var wasOpen = !!box.querySelector("details[open]");
  clear(box);
  if (!record || !record.length) { return; }
  var broken = 0, kept = 0;
  var rows = [];
  record.forEach(function (entry) {
    var what = entry.kind === "task"
      ? t(gettext("Task #%(id)s"), { id: entry.id })
      : t(gettext("Agreement #%(id)s"), { id: entry.id });
    entry.parties.forEach(function (p, i) {
      if (p.kept === true) { kept++; } else if (p.kept === false) { broken++; }
      rows.push(h("tr", { class: p.kept === false ? "is-broken" : null }, [
        i === 0 ? th(String(entry.round)) : td(""),
        td(i === 0 ? [what, h("br"), h("span", { class: "small muted", text: projectName(entry.project) })] : ""),
        td(cityName(p.city)),
        td(fmt(p.pledge, 0), "num"),
        td(p.kept === true ? badge("✓ " + gettext("kept"), "ok")
          : p.kept === false ? badge("✗ " + (p.penalised ? gettext("broken, penalised") : gettext("broken")), "danger")
          : badge(gettext("not scored"), "muted"))
      ]));
    });
  });
  box.appendChild(h("details", { class: "card", "data-key": "promise-record", open: wasOpen || null }, [
    h("summary", { text: t(gettext("Record of promises in the province: %(kept)s kept, %(broken)s broken"), { kept: kept, broken: broken }) }),
    h("p", { class: "small muted", text: gettext("Every signed agreement and assigned task after scoring, city by city. Everyone in the province can see it; notes stay with the parties.") }),
    table(gettext("Record of promises"), [gettext("Round"), gettext("Agreement or task"), gettext("City"), { text: gettext("Pledged"), num: true }, gettext("Kept?")], rows)
  ]));
}
