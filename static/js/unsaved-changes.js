// Warns before leaving a page with typed but unsaved input: a questionnaire step's answers,
// or ticks on the reports page that are not yet in the chosen set.
// Only an enhancement: without JavaScript nothing warns, and a draft kept after an expired
// session is still shown again as before. Submitting the form itself never warns.
(function () {
  "use strict";
  var form = document.querySelector("form[data-warn-unsaved]");
  if (!form) {
    return;
  }
  var dirty = false;
  function markDirty() {
    dirty = true;
  }
  form.addEventListener("input", markDirty);
  form.addEventListener("change", markDirty);
  form.addEventListener("submit", function () {
    dirty = false;
  });
  window.addEventListener("beforeunload", function (event) {
    if (!dirty) {
      return;
    }
    // Browsers show their own text; the message is for older ones.
    event.preventDefault();
    event.returnValue = form.getAttribute("data-warn-unsaved");
    return event.returnValue;
  });
})();
