/* Warn before the idle timeout ends the session, and offer to extend it; once it has ended, say
   so (title and text) and offer the login instead.
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
  var over = false;
  var pending = 0;
  // The "HH:MM" in "Ohne Aktivität werden Sie um HH:MM Uhr abgemeldet.": the server formats it
  // (the Jobcenter's time zone, not the browser's), the sentence around it stays as rendered.
  var clock = document.getElementById("session-timeout-time");

  function show(data) {
    if (data.expires_at) { expiresAt = data.expires_at * 1000; }
    if (clock && data.expires_time) { clock.textContent = data.expires_time; }
  }

  // The region is busy while any request of this script is under way (see ask).
  function busy(request) {
    pending += 1;
    form.setAttribute("aria-busy", "true");
    function done() {
      pending -= 1;
      if (pending === 0) { form.removeAttribute("aria-busy"); }
    }
    return request.then(function (value) { done(); return value; },
                        function (error) { done(); throw error; });
  }

  // This page's clock is not the session's: a request in another tab keeps it alive, a logout
  // there ends it. So the server is asked before the dialog warns or says "abgemeldet"; the
  // question itself neither extends nor ends the session.
  // While the answer is awaited the region is marked busy (aria-busy): assistive technology
  // waits for the decision, and so can a test that moves the page's clock.
  function ask(then) {
    busy(fetch(form.dataset.statusUrl, { credentials: "same-origin", cache: "no-store" })
      .then(function (response) { return response.json(); }))
      .then(function (data) {
        skew = data.now * 1000 - Date.now();
        if (!data.authenticated) { return expired(); }
        show(data);
        then();
      }, function () { then(); });
  }

  function decide() {
    if (over) { return; }
    var left = expiresAt - (Date.now() + skew);
    if (left <= 0) { return expired(); }
    if (left <= warning) {
      if (!dialog.open) { dialog.showModal(); }
      timer = window.setTimeout(schedule, Math.min(left, 5000));
    } else {
      if (dialog.open) { dialog.close(); }  // extended in another tab
      timer = window.setTimeout(schedule, left - warning);
    }
  }

  function schedule() {
    window.clearTimeout(timer);
    if (expiresAt - (Date.now() + skew) <= warning) { return ask(decide); }
    decide();
  }

  // A page whose form keeps what was typed when it is sent after the logout (the wizard):
  // the dialog sends it instead of leaving it, so nothing typed is lost.
  var keep = document.querySelector("form[data-keep-on-timeout]");

  function expired() {
    window.clearTimeout(timer);
    over = true;
    var title = dialog.querySelector("[data-title-expired]");
    title.textContent = title.dataset.titleExpired;
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

  // Asked first: a POST after the end would end the session, and with it the citizen the kept
  // page belongs to.
  dialog.querySelector("[data-extend]").addEventListener("click", function () {
    ask(extend);
  });

  function extend() {
    if (over) { return; }
    busy(fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      headers: { "Accept": "application/json" },
      credentials: "same-origin"
    }).then(function (response) {
      if (!response.ok) { throw new Error("extend failed"); }
      return response.json();
    })).then(function (data) {
      if (!data.expires_at) { return expired(); }
      show(data);
      dialog.close();
      schedule();
    }).catch(expired);
  }

  // Back to this tab: another tab may have kept the login alive (or ended it) meanwhile, so the
  // header's time and the timer follow the server's answer.
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible" && !over) { ask(schedule); }
  });

  ask(schedule);
}());
