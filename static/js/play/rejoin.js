/* Copying the personal rejoin link. */
import { $ } from "./dom.js";

var copyBtn = $("copy-rejoin");
if (copyBtn) {
  copyBtn.addEventListener("click", function () {
    var input = $("rejoin-url");
    var done = function () { $("copy-status").textContent = gettext("Copied ✓ — keep it somewhere safe."); };
    var fallback = function () {
      input.focus(); input.select();
      try { if (document.execCommand("copy")) { done(); return; } } catch (e) { /* ignore */ }
      $("copy-status").textContent = gettext("Select the link and copy it by hand.");
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(input.value).then(done, fallback);
    } else { fallback(); }
  });
  $("rejoin-url").addEventListener("focus", function () { this.select(); });
}
