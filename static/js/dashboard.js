/* Dashboard: one-click rule schedules for the "create a session" form. */
(function () {
  "use strict";
  var input = document.getElementById("id_schedule");
  var rounds = document.getElementById("id_total_rounds");
  // The suggested schedule (the form's default, or a suggestion clicked) follows the Rounds
  // field, so a 6-round game is not refused for a 9-round schedule; a schedule the teacher
  // typed is theirs and stays as it is.
  var PHASES = ["growth_tournament", "implicit_coordination", "collaborative_contest"];
  var countedDefault = document.querySelector("[data-schedule][data-rounds]");
  var suggested = countedDefault ? countedDefault.dataset.schedule : null;
  function scaled(n) {
    var used = PHASES.slice(0, Math.min(PHASES.length, n));
    if (used.length === 2) { used = [PHASES[0], PHASES[2]]; }  // two rounds: the two ends of the contrast
    return used.map(function (name, i) {
      var count = Math.floor(n / used.length) + (i < n % used.length ? 1 : 0);
      return name + ":" + count;
    }).join(",");
  }
  if (rounds && input) {
    rounds.addEventListener("input", function () {
      var n = parseInt(rounds.value, 10);
      if (!(n >= 1) || input.value !== suggested) { return; }
      input.value = suggested = scaled(n);
    });
  }
  document.querySelectorAll("[data-schedule]").forEach(function (button) {
    button.addEventListener("click", function () {
      if (!input) { return; }
      input.value = button.dataset.schedule;
      if (rounds && button.dataset.rounds) { rounds.value = button.dataset.rounds; suggested = input.value; }
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
