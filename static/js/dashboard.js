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
})();
