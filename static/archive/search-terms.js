/* The reading page reached from a search: mark, in the article's text, the words
   the search matched (listed by the server in data-search-words, spellings the
   archive knows included). Without this script the notice still offers the
   plain text and the way back to the results. */
(function () {
  "use strict";
  function escaped(word) { return word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); }

  function mark() {
    var notice = document.querySelector("[data-search-words]");
    var body = document.getElementById("article-body");
    var words = notice ? notice.getAttribute("data-search-words").split(" ").filter(Boolean) : [];
    if (!body || !words.length) return;
    var pattern = new RegExp("(^|[^\\w])(" + words.map(escaped).join("|") + ")(?![\\w])", "g");
    var walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
    var nodes = [];
    while (walker.nextNode()) nodes.push(walker.currentNode);
    nodes.forEach(function (node) {
      var text = node.nodeValue, last = 0, match, fragment = null;
      pattern.lastIndex = 0;
      while ((match = pattern.exec(text))) {
        fragment = fragment || document.createDocumentFragment();
        var start = match.index + match[1].length;
        fragment.appendChild(document.createTextNode(text.slice(last, start)));
        var found = document.createElement("mark");
        found.className = "search-term";
        found.textContent = match[2];
        fragment.appendChild(found);
        last = start + match[2].length;
      }
      if (!fragment) return;
      fragment.appendChild(document.createTextNode(text.slice(last)));
      node.parentNode.replaceChild(fragment, node);
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mark);
  else mark();
})();
