// Wat als: show the difference as soon as an answer changes. Without this script the
// "Verschil bekijken" button does the same with a full page load.
(function () {
  "use strict";
  var form = document.querySelector(".whatif-form");
  var result = document.getElementById("whatif-result");
  if (!form || !result || !window.fetch || !window.FormData) {
    return;
  }
  var timer = null;
  var latest = 0;
  function refresh() {
    var data = new FormData(form);
    data.append("bekijk", "1");
    var ticket = ++latest;
    fetch(form.action, {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { "X-Whatif-Fragment": "1" }
    }).then(function (response) {
      return response.text();
    }).then(function (html) {
      // Only the newest answer counts when several changes cross on the way.
      if (ticket === latest) {
        result.innerHTML = html;
      }
    }).catch(function () {
      // Leave the last result; the button still works.
    });
  }
  form.addEventListener("change", function (event) {
    if (!event.target.name || event.target.name.indexOf("q-") !== 0) {
      return;
    }
    window.clearTimeout(timer);
    timer = window.setTimeout(refresh, 250);
  });
}());
