/* Warn before the idle timeout ends the session, and offer to extend it.
   Optional: without JavaScript the header shows the time and a "Sitzung verlängern" button.
   Nothing is reloaded or submitted automatically, so no input on the page is lost; after the
   logout a wizard page is sent on request and its input kept for after the next login. */
(function () {
  "use strict";
  var form = document.getElementById("session-timeout");
  var dialog = document.getElementById("session-timeout-dialog");
  if (!form || !dialog || typeof dialog.showModal !== "function") { return; }
  var warning = parseInt(form.dataset.warningSeconds, 10) * 1000;
  var expiresAt = parseInt(form.dataset.expiresAt, 10) * 1000;
  var skew = 0;
  var timer = null;

  function schedule() {
    window.clearTimeout(timer);
    var left = expiresAt - (Date.now() + skew);
    if (left <= 0) { return expired(); }
    if (left <= warning) {
      if (!dialog.open) { dialog.showModal(); }
      timer = window.setTimeout(schedule, Math.min(left, 5000));
    } else {
      timer = window.setTimeout(schedule, left - warning);
    }
  }

  // A page whose form keeps what was typed when it is sent after the logout (the wizard):
  // the dialog sends it instead of leaving it, so nothing typed is lost.
  var keep = document.querySelector("form[data-keep-on-timeout]");

  function expired() {
    window.clearTimeout(timer);
    dialog.querySelector("[data-text-warning]").hidden = true;
    dialog.querySelector("[data-text-expired]").hidden = false;
    dialog.querySelector("[data-extend]").hidden = true;
    dialog.querySelector("[data-text-keep]").hidden = !keep;
    dialog.querySelector("[data-keep]").hidden = !keep;
    dialog.querySelector("[data-login]").hidden = !!keep;
    if (!dialog.open) { dialog.showModal(); }
  }

  dialog.querySelector("[data-keep]").addEventListener("click", function () {
    // submit(), not requestSubmit(): no validation in the way, the server keeps it as typed.
    if (keep) { keep.submit(); }
  });

  dialog.querySelector("[data-extend]").addEventListener("click", function () {
    fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      headers: { "Accept": "application/json" },
      credentials: "same-origin"
    }).then(function (response) {
      if (!response.ok) { throw new Error("extend failed"); }
      return response.json();
    }).then(function (data) {
      if (!data.expires_at) { return expired(); }
      expiresAt = data.expires_at * 1000;
      dialog.close();
      schedule();
    }).catch(expired);
  });

  fetch(form.dataset.statusUrl, { credentials: "same-origin" })
    .then(function (response) { return response.json(); })
    .then(function (data) { skew = data.now * 1000 - Date.now(); schedule(); })
    .catch(schedule);
}());
