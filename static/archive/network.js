// Progressive enhancement for the network: pointing at or focusing a name
// brings out its own links and fades the rest. Without it the picture is the same.
(function () {
  "use strict";
  const svg = document.querySelector("svg.network-svg");
  if (!svg) return;
  const edges = Array.from(svg.querySelectorAll(".edge"));

  function trace(id) {
    svg.classList.add("is-tracing");
    for (const edge of edges) {
      const near = edge.dataset.source === id || edge.dataset.target === id;
      edge.classList.toggle("is-near", near);
    }
  }

  function clear() {
    svg.classList.remove("is-tracing");
    for (const edge of edges) edge.classList.remove("is-near");
  }

  for (const node of svg.querySelectorAll("a.node")) {
    node.addEventListener("pointerenter", () => trace(node.dataset.id));
    node.addEventListener("pointerleave", clear);
    node.addEventListener("focus", () => trace(node.dataset.id));
    node.addEventListener("blur", clear);
  }

  // Zoom: the picture grows inside its frame, which then scrolls (pinch-zoom works too).
  const frame = svg.closest(".zoom-frame");
  const controls = document.querySelector(".zoom-controls");
  if (!frame || !controls) return;
  const STEPS = [1, 1.5, 2, 3, 4];
  let step = 0;

  function zoom(to) {
    step = Math.max(0, Math.min(STEPS.length - 1, to));
    frame.style.setProperty("--zoom", String(STEPS[step]));
    frame.classList.toggle("is-zoomed", step > 0);
    controls.querySelector('[data-zoom="in"]').disabled = step === STEPS.length - 1;
    controls.querySelector('[data-zoom="out"]').disabled = step === 0;
    controls.querySelector('[data-zoom="fit"]').disabled = step === 0;
  }

  controls.addEventListener("click", (event) => {
    const button = event.target.closest("button[data-zoom]");
    if (!button) return;
    const action = button.dataset.zoom;
    zoom(action === "in" ? step + 1 : action === "out" ? step - 1 : 0);
  });
  controls.hidden = false;
  zoom(0);

  // On a phone the table comes first; open it, since the picture is a small overview there.
  const table = document.querySelector(".picture-data details");
  if (table && window.matchMedia("(max-width: 600px)").matches) table.open = true;
})();
