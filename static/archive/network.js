// Progressive enhancement for the network: pointing at or focusing a name
// brings out its own links and fades the rest. Without it the picture is the same.
(function () {
  "use strict";
  const svg = document.querySelector("svg.network-svg");
  if (!svg) return;
  const edges = Array.from(svg.querySelectorAll("line.edge"));

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
})();
