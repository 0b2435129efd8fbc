// Progressive enhancement for the upload form: send it with XMLHttpRequest to show progress.
// Without JavaScript (or if anything here fails) the form is posted the ordinary way.
(function () {
  "use strict";

  function enhance(form) {
    if (form.dataset.enhanced) return;
    form.dataset.enhanced = "1";
    var box = form.querySelector("[data-progress]");
    var bar = box && box.querySelector("progress");
    form.addEventListener("submit", function (event) {
      if (!window.FormData || !bar) return;
      event.preventDefault();
      var button = form.querySelector("button[type=submit]");
      if (button) button.disabled = true;
      box.hidden = false;
      bar.value = 0;
      var xhr = new XMLHttpRequest();
      xhr.open("POST", form.action || window.location.href);
      xhr.upload.addEventListener("progress", function (e) {
        if (e.lengthComputable) bar.value = Math.round((e.loaded / e.total) * 100);
      });
      xhr.addEventListener("load", function () {
        if (xhr.responseURL && xhr.responseURL !== window.location.href.split("#")[0]) {
          window.location.assign(xhr.responseURL);
          return;
        }
        // The page came back with messages: show it as if it had been posted normally.
        var doc = new DOMParser().parseFromString(xhr.responseText, "text/html");
        var main = doc.getElementById("main");
        var current = document.getElementById("main");
        if (main && current) {
          current.replaceWith(main);
          document.title = doc.title;
          init();
          var summary = document.getElementById("error-summary");
          if (summary) summary.focus();
        } else {
          window.location.reload();
        }
      });
      xhr.addEventListener("error", function () {
        if (button) button.disabled = false;
        box.hidden = true;
        form.submit();
      });
      xhr.send(new FormData(form));
    });
  }

  function init() {
    document.querySelectorAll("form[data-upload]").forEach(enhance);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
