/* Translated labels of sectors, project types, indicators and rule parameters. */
import { fmt, pct } from "./dom.js";

export var SECTORS = {
  nev: gettext("New-energy vehicles"),
  biomed: gettext("Biomedicine"),
  materials: gettext("New materials"),
  data: gettext("Data centres"),
  chips: gettext("Semiconductors"),
  equipment: gettext("High-end equipment"),
  hydrogen: gettext("Hydrogen energy"),
  logistics: gettext("Logistics")
};
export var JOINT_TYPES = {
  infrastructure: gettext("Infrastructure"),
  industry: gettext("Industrial park"),
  science: gettext("Science and innovation"),
  ecology: gettext("Ecology"),
  public_service: gettext("Public service"),
  culture: gettext("Culture and tourism")
};
export var INDICATORS = [
  ["gdp_growth", gettext("GDP growth")],
  ["net_fiscal", gettext("Net fiscal balance")],
  ["collaboration", gettext("Collaboration")],
  ["ecology", gettext("Ecology")],
  ["public_service", gettext("Public service")]
];
export var PARAMS = {
  all_pay: gettext("All-pay auctions"),
  reveal_losing_bids: gettext("Losing bids made public"),
  duplicate_penalty: gettext("Duplicate-sector penalty"),
  gdp_accounting: gettext("GDP of joint projects booked to"),
  tax_sharing: gettext("Taxes of joint projects go to"),
  refund_failed: gettext("Refund if a joint project fails"),
  compensation_rate: gettext("Compensation rate for paying less than your fair share"),
  reporting: gettext("Cities self-report collaboration"),
  audit_probability: gettext("Audit probability"),
  audit_penalty: gettext("Audit penalty (points)"),
  collaboration_bar: gettext("Collaboration reward bar (share of budget)"),
  collaboration_reward: gettext("Collaboration reward (points)"),
  binding_agreements: gettext("Agreements are binding"),
  enforce_tasks: gettext("Assigned tasks are enforced"),
  breach_penalty: gettext("Breach penalty (points)"),
  task_penalty: gettext("Missed-task penalty (points)"),
  retention_rate: gettext("Share of fiscal revenue kept for next budget"),
  prizes: gettext("Promotion points by rank"),
  "weights.gdp_growth": gettext("Weight of GDP growth"),
  "weights.net_fiscal": gettext("Weight of net fiscal balance"),
  "weights.collaboration": gettext("Weight of collaboration"),
  "weights.ecology": gettext("Weight of ecology"),
  "weights.public_service": gettext("Weight of public service")
};
export var ACCOUNTING = {
  host: gettext("the host city only"),
  equal: gettext("members in equal parts"),
  contribution: gettext("members in proportion to what they paid")
};
export var PERCENT_PARAMS = { duplicate_penalty: 1, audit_probability: 1, compensation_rate: 1, retention_rate: 1, collaboration_bar: 1 };
export function paramValue(param, v) {
  if (v === true) { return gettext("on"); }
  if (v === false) { return gettext("off"); }
  if (v === null || v === undefined) { return "–"; }
  if (Array.isArray(v)) { return v.map(function (x) { return fmt(x, 2); }).join(", "); }
  if (typeof v === "string") { return ACCOUNTING[v] || v; }
  if (PERCENT_PARAMS[param]) { return pct(v, 0); }
  return fmt(v, 3);
}
