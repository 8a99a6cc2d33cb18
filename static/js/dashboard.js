/* Dashboard: one-click rule schedules for the "create a session" form. */
(function () {
  "use strict";
  var input = document.getElementById("id_schedule");
  var rounds = document.getElementById("id_total_rounds");
  document.querySelectorAll("[data-schedule]").forEach(function (button) {
    button.addEventListener("click", function () {
      if (!input) { return; }
      input.value = button.dataset.schedule;
      if (rounds && button.dataset.rounds) { rounds.value = button.dataset.rounds; }
      input.focus();
    });
  });
  // Treatment suggestions carry N (every round), H (the first half) and R (the rest),
  // filled from the Rounds field at the moment of the click, so the counts always add up.
  var treatments = document.getElementById("id_treatments");
  document.querySelectorAll("[data-treatments]").forEach(function (button) {
    button.addEventListener("click", function () {
      if (!treatments) { return; }
      var n = Math.max(1, parseInt(rounds && rounds.value, 10) || 1);
      var half = Math.floor(n / 2);
      var text = button.dataset.treatments;
      if (text.indexOf("H") >= 0 && half < 1) {
        text = text.replace(/growth_tournament:H,collaborative_contest:R/, "collaborative_contest:N");
      }
      treatments.value = text.replace(/:N\b/g, ":" + n).replace(/:H\b/g, ":" + half).replace(/:R\b/g, ":" + (n - half));
      treatments.focus();
    });
  });
  // Times are sent as ISO timestamps and shown in the browser's own time zone, as on
  // every other screen (the server's zone is no concern of the person reading).
  document.querySelectorAll("time[datetime]").forEach(function (node) {
    node.textContent = PC.when(node.getAttribute("datetime"), true);
  });
  // Deleting a session asks first (the server also refuses a delete without confirm=yes).
  document.querySelectorAll("form[data-confirm]").forEach(function (form) {
    form.addEventListener("submit", function (e) {
      if (!window.confirm(form.dataset.confirm)) { e.preventDefault(); return; }
      form.querySelector("input[name=confirm]").value = "yes";
    });
  });
})();
