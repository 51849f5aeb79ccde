// Live updates for the maatwerkscan. Without JavaScript the forms do the same on submit:
// the ranking after "Toon passend werk", the week after "Aan de week toevoegen".
// The server renders both; this script only asks it again while the user types and swaps in
// the new part of the page, announcing the change to screen readers.
(function () {
  "use strict";

  function debounce(fn, wait) {
    var timer = null;
    var later = function () {
      clearTimeout(timer);
      timer = setTimeout(fn, wait);
    };
    // A submit replaces the page: a pending update would only race it.
    later.cancel = function () {
      clearTimeout(timer);
    };
    return later;
  }

  function query(form, skip) {
    var params = new URLSearchParams();
    new FormData(form).forEach(function (value, name) {
      if (skip.indexOf(name) < 0) {
        params.append(name, value);
      }
    });
    return params.toString();
  }

  function swap(url, targetId, status) {
    return fetch(url, { credentials: "same-origin", headers: { "X-Requested-With": "fetch" } })
      .then(function (response) {
        return response.ok ? response.text() : null;
      })
      .then(function (html) {
        if (html === null) {
          return;
        }
        var fresh = new DOMParser().parseFromString(html, "text/html").getElementById(targetId);
        var current = document.getElementById(targetId);
        if (fresh && current) {
          current.innerHTML = fresh.innerHTML;
          if (status) {
            status.textContent = status.getAttribute("data-updated");
          }
        }
      })
      .catch(function () {
        // Offline or a server error: the submit button still works.
      });
  }

  var ranking = document.querySelector("form[data-live-ranking]");
  if (ranking) {
    var status = document.getElementById("live-status");
    var update = debounce(function () {
      var url = ranking.getAttribute("action") + "?" + query(ranking, []);
      swap(url, "maatwerk-result", status).then(function () {
        window.history.replaceState(null, "", url);
      });
    }, 400);
    ranking.addEventListener("input", update);
    ranking.addEventListener("change", update);
    ranking.addEventListener("submit", update.cancel);
  }

  var week = document.querySelector("form[data-live-week]");
  if (week) {
    var updateWeek = debounce(function () {
      var url = window.location.pathname + "?" + query(week, ["csrfmiddlewaretoken"]);
      swap(url, "week-figures", null);
    }, 400);
    week.addEventListener("input", updateWeek);
    week.addEventListener("change", updateWeek);
    week.addEventListener("submit", updateWeek.cancel);
  }
})();
