// On narrow screens the filters fold away above the results; without JavaScript they stay open.
document.querySelectorAll("details[data-collapse-below]").forEach((panel) => {
  if (window.matchMedia(`(max-width: ${panel.dataset.collapseBelow})`).matches) {
    panel.open = false;
  }
});
