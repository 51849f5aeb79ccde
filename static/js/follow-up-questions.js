// Shows a follow-up question the moment an answer that leads to it is chosen, and hides it
// again when that answer is undone. Without JavaScript the page does the same on saving (the
// server decides which questions apply), so nothing depends on this script.
// A question with data-reveal-when="field=value ..." applies when one of those inputs is
// checked and the question that input belongs to itself applies.
(function () {
  "use strict";
  var form = document.querySelector("form[data-follow-ups]");
  if (!form) {
    return;
  }
  var status = document.getElementById("follow-up-status");
  var followUps = Array.prototype.slice.call(form.querySelectorAll(".question[data-reveal-when]"));
  if (!followUps.length) {
    return;
  }

  function isChosen(pair) {
    var split = pair.indexOf("=");
    var name = pair.slice(0, split);
    var value = pair.slice(split + 1);
    var inputs = form.querySelectorAll("input[name='" + name + "']");
    for (var i = 0; i < inputs.length; i++) {
      if (inputs[i].value === value && inputs[i].checked) {
        var owner = inputs[i].closest(".question");
        return !owner || !owner.hidden;
      }
    }
    return false;
  }

  function legendOf(question) {
    var legend = question.querySelector("legend");
    return legend ? legend.textContent.trim() : "";
  }

  function update(announce) {
    var appeared = [];
    // A follow-up can lead to another; repeat until nothing changes (a few rounds at most).
    for (var round = 0; round < followUps.length + 1; round++) {
      var changed = false;
      followUps.forEach(function (question) {
        var applies = question.getAttribute("data-reveal-when").split(" ").some(isChosen);
        if (question.hidden === applies) {
          question.hidden = !applies;
          changed = true;
          var at = appeared.indexOf(question);
          if (applies && at < 0) {
            appeared.push(question);
          } else if (!applies && at >= 0) {
            appeared.splice(at, 1);
          }
        }
      });
      if (!changed) {
        break;
      }
    }
    if (announce && status && appeared.length) {
      status.textContent = status.getAttribute("data-shown") + " " + appeared.map(legendOf).join("; ");
    }
  }

  form.addEventListener("change", function (event) {
    var type = event.target.getAttribute("type");
    if (type === "radio" || type === "checkbox") {
      update(true);
    }
  });
  update(false);
})();
