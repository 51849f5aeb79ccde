// The export page's "select all" box, bound here because the CSP blocks inline handlers.
// Without JavaScript every field is selected already, so the page still works.
document.addEventListener("DOMContentLoaded", () => {
  const toggle = document.getElementById("select-all-toggle");
  if (!toggle) {
    return;
  }
  const boxes = () =>
    document.querySelectorAll('.selectable-field-export-row input[type="checkbox"]:not(#select-all-toggle)');
  toggle.addEventListener("change", () => {
    boxes().forEach((box) => {
      box.checked = toggle.checked;
    });
  });
  // Keep the toggle honest when a single field is changed.
  boxes().forEach((box) =>
    box.addEventListener("change", () => {
      toggle.checked = Array.from(boxes()).every((each) => each.checked);
    }),
  );
});
