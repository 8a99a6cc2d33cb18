/* The record of promises: after each scoring, every signed agreement and assigned task
   of the province with kept or broken per city. Public within the province; it carries
   no note and no amounts paid (docs/rules.md §2A). Drawn by agreements.js for the
   student's province, and by the instructor panel for every province (panel/agreements.js).
   `names`: {city(id), project(id)} → display names; `summary(kept, broken)` (optional) →
   the folded line, when the default (the student's own province) does not fit. */
import { badge, clear, fmt, h, t, table, td, th } from "./dom.js";

export function renderRecord(box, record, names, summary) {
  var cityName = names.city, projectName = names.project;
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
    h("summary", { text: summary ? summary(kept, broken)
      : t(gettext("Record of promises in the province: %(kept)s kept, %(broken)s broken"), { kept: kept, broken: broken }) }),
    h("p", { class: "small muted", text: gettext("Every signed agreement and assigned task after scoring, city by city. Everyone in the province can see it; notes stay with the parties.") }),
    table(gettext("Record of promises"), [gettext("Round"), gettext("Agreement or task"), gettext("City"), { text: gettext("Pledged"), num: true }, gettext("Kept?")], rows)
  ]));
}
