// Keeps the status of a running report job up to date without reloading the page.
// Without JavaScript the page offers a link that does the same, so nothing depends on this.
// (A timed page refresh would fail WCAG 2.2.1; this updates one live region instead.)
(function () {
  "use strict";
  var region = document.getElementById("job-state");
  if (!region || region.dataset.finished === "true" || !window.fetch || !window.DOMParser) {
    return;
  }
  var timer = window.setInterval(function () {
    window
      .fetch(window.location.href, { credentials: "same-origin" })
      .then(function (response) {
        return response.ok ? response.text() : null;
      })
      .then(function (html) {
        if (!html) {
          return;
        }
        var fresh = new DOMParser().parseFromString(html, "text/html");
        var state = fresh.getElementById("job-state");
        var status = fresh.getElementById("job-status");
        if (!state) {
          return;
        }
        region.replaceChildren.apply(region, Array.prototype.slice.call(state.childNodes));
        if (status) {
          document.getElementById("job-status").textContent = status.textContent;
        }
        if (state.dataset.finished === "true") {
          region.dataset.finished = "true";
          window.clearInterval(timer);
        }
      })
      .catch(function () {
        // Keep the last known state; the refresh link still works.
      });
  }, 5000);
})();
