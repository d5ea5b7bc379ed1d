/* The reading page, enhanced. Everything here has a plain-HTML fallback:
   annotations are a numbered list below the text, the layer toggles work
   through CSS :has(), the Cite menu is a <details>, acronyms have a title.

   This script adds: a popover for each annotated passage (click, Enter or
   Space; Escape closes and returns focus), landing on a permanent link
   (#annotation-<uuid>: scroll to the passage, focus it, open it), remembered
   layer choices (localStorage), acronym tooltips on hover, focus and tap,
   and copy buttons. */
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  var STORE = "archive.reading.layers";
  var reading, body, popover, tip, activeMark = null, tippedTerm = null, tappedTerm = null, lastPointer = "mouse";

  function $(selector, root) { return (root || document).querySelector(selector); }
  function $$(selector, root) { return Array.prototype.slice.call((root || document).querySelectorAll(selector)); }
  function firstFragment(uuid) { return document.getElementById("passage-" + uuid); }
  function noteItem(uuid) { return document.getElementById("annotation-" + uuid); }

  /* Layers ------------------------------------------------------------------ */

  function layerState() {
    var state = { clean: false };
    $$("[data-layer-toggle]").forEach(function (box) { state[box.dataset.layerToggle] = box.checked; });
    state.clean = $("[data-clean-toggle]").checked;
    return state;
  }

  function isShown(layer) {
    var state = layerState();
    return !state.clean && state[layer] !== false;
  }

  function applyLayers(save) {
    var state = layerState();
    Object.keys(state).forEach(function (layer) {
      if (layer !== "clean") reading.classList.toggle("hide-" + layer, !state[layer]);
    });
    reading.classList.toggle("clean", state.clean);
    // Hidden highlights leave the tab order; shown ones come back.
    $$("mark[data-annotation][id]", body).forEach(function (mark) {
      mark.tabIndex = isShown(mark.dataset.layer) ? 0 : -1;
    });
    $$("a.mention", body).forEach(function (link) {
      if (isShown("mentions")) link.removeAttribute("tabindex"); else link.tabIndex = -1;
    });
    if (save) {
      try { localStorage.setItem(STORE, JSON.stringify(state)); } catch (e) { /* private mode */ }
    }
  }

  function restoreLayers() {
    var saved = null;
    try { saved = JSON.parse(localStorage.getItem(STORE) || "null"); } catch (e) { saved = null; }
    if (saved) {
      $$("[data-layer-toggle]").forEach(function (box) {
        if (typeof saved[box.dataset.layerToggle] === "boolean") box.checked = saved[box.dataset.layerToggle];
      });
      $("[data-clean-toggle]").checked = !!saved.clean;
    }
    applyLayers(false);
    $$("[data-layer-toggle], [data-clean-toggle]").forEach(function (box) {
      box.addEventListener("change", function () { closePopover(false); applyLayers(true); });
    });
  }

  function showLayerOf(mark) {
    // A permanent link always shows its passage, whatever layers the reader hid.
    if (isShown(mark.dataset.layer)) return;
    $("[data-clean-toggle]").checked = false;
    var box = $('[data-layer-toggle="' + mark.dataset.layer + '"]');
    if (box) box.checked = true;
    applyLayers(false);
  }

  /* Popover ----------------------------------------------------------------- */

  function buildPopover() {
    popover = document.createElement("div");
    popover.className = "annotation-popover";
    popover.id = "annotation-popover";
    popover.setAttribute("role", "dialog");
    popover.setAttribute("aria-labelledby", "annotation-popover-title");
    popover.tabIndex = -1;
    popover.hidden = true;
    popover.innerHTML = '<div class="popover-head"><h2 id="annotation-popover-title"></h2>' +
      '<button type="button" class="popover-close">Close<span class="visually-hidden"> annotation</span></button></div>' +
      '<div class="popover-body"></div>';
    document.body.appendChild(popover);
    $(".popover-close", popover).addEventListener("click", function () { closePopover(true); });
    popover.addEventListener("keydown", function (event) {
      if (event.key === "Escape") { event.preventDefault(); closePopover(true); }
    });
    popover.addEventListener("focusout", function (event) {
      var next = event.relatedTarget;
      // A link inside the open passage keeps it open: on touch, its second tap follows it.
      var inPassage = activeMark && next && next.closest && next.closest('mark[data-annotation="' + activeMark.dataset.annotation + '"]');
      if (next && !popover.contains(next) && next !== activeMark && !inPassage) closePopover(false);
    });
  }

  function openPopover(uuid, options) {
    var mark = firstFragment(uuid), item = noteItem(uuid);
    if (!mark || !item) return;
    closePopover(false);
    var content = $(".annotation-content", item).cloneNode(true);
    // The clone must not repeat ids that are already on the page.
    $$("[id]", content).forEach(function (el) { el.removeAttribute("id"); });
    $$("[aria-labelledby]", content).forEach(function (el) { el.removeAttribute("aria-labelledby"); });
    $$("button.copy", content).forEach(function (button) { button.hidden = false; });
    var number = Array.prototype.indexOf.call(item.parentNode.children, item) + 1;
    $("#annotation-popover-title").textContent = "Annotation " + number;
    var holder = $(".popover-body", popover);
    holder.innerHTML = "";
    holder.appendChild(content);
    activeMark = mark;
    $$('mark[data-annotation="' + uuid + '"]', body).forEach(function (m) { m.classList.add("is-active"); });
    popover.hidden = false;
    placePopover(mark);
    if (!options || options.focus !== false) {
      popover.focus({ preventScroll: true });
      popover.scrollIntoView({ block: "nearest" });
    }
  }

  function placePopover(mark) {
    // Below the whole passage, aligned with its first line, kept inside the window.
    var first = mark.getClientRects()[0] || mark.getBoundingClientRect();
    var whole = mark.getBoundingClientRect();
    var width = popover.offsetWidth;
    var right = window.scrollX + document.documentElement.clientWidth - width - 8;
    popover.style.left = Math.max(8, Math.min(first.left + window.scrollX, right)) + "px";
    popover.style.top = (whole.bottom + window.scrollY + 8) + "px";
  }

  function closePopover(returnFocus) {
    if (!popover || popover.hidden) return;
    popover.hidden = true;
    $$("mark.is-active", body).forEach(function (m) { m.classList.remove("is-active"); });
    var mark = activeMark;
    activeMark = null;
    if (returnFocus && mark) mark.focus({ preventScroll: false });
  }

  function markFor(target) {
    var mark = target.closest && target.closest("mark[data-annotation]");
    return mark && body.contains(mark) && isShown(mark.dataset.layer) ? mark : null;
  }

  function wirePassages() {
    // Which pointer made the coming click: a touch explains before it navigates.
    body.addEventListener("pointerdown", function (event) { lastPointer = event.pointerType; }, true);
    body.addEventListener("click", function (event) {
      var ref = event.target.closest("a.noteref");
      if (ref) {
        event.preventDefault();
        openPopover(ref.getAttribute("href").replace("#annotation-", ""));
        return;
      }
      var mark = markFor(event.target);
      var link = event.target.closest("a");
      if (link && !link.classList.contains("term")) {
        // On touch, the first tap on a link inside a passage opens the passage; a second
        // tap, or a link in the opened annotation, follows it. A mouse follows at once.
        if (!mark || lastPointer !== "touch" || activeMark === firstFragment(mark.dataset.annotation)) return;
        event.preventDefault();
      }
      if (link && link.classList.contains("term")) return; // an acronym explains itself (wireTerms)
      if (mark) openPopover(mark.dataset.annotation);
    });
    body.addEventListener("keydown", function (event) {
      if (event.key !== "Enter" && event.key !== " ") return;
      var mark = event.target.matches && event.target.matches("mark[data-annotation]") ? markFor(event.target) : null;
      if (!mark) return;
      event.preventDefault();
      openPopover(mark.dataset.annotation);
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && popover && !popover.hidden) closePopover(true);
    });
    document.addEventListener("click", function (event) {
      if (popover.hidden || popover.contains(event.target) || markFor(event.target)) return;
      if (event.target.closest && event.target.closest("a.noteref")) return;
      closePopover(false);
    });
    window.addEventListener("resize", function () { if (activeMark && !popover.hidden) placePopover(activeMark); });
    // The footnote numbers duplicate the passages' own tab stops.
    $$("a.noteref", body).forEach(function (ref) { ref.tabIndex = -1; });
  }

  function landOnHash() {
    var match = /^#annotation-([0-9a-f-]{36})$/.exec(window.location.hash);
    if (!match) return;
    var mark = firstFragment(match[1]);
    if (!mark) return;
    showLayerOf(mark);
    mark.scrollIntoView({ block: "center" });
    mark.focus({ preventScroll: true });
    openPopover(match[1], { focus: false });
  }

  /* Acronyms ---------------------------------------------------------------- */

  function wireTerms() {
    tip = document.createElement("div");
    tip.className = "term-tip";
    tip.id = "term-tip";
    tip.setAttribute("role", "tooltip");
    tip.hidden = true;
    document.body.appendChild(tip);
    $$("a.term", body).forEach(function (term) {
      var abbr = $("abbr", term);
      // Our tooltip replaces the browser's, which would otherwise appear on top of it.
      if (abbr && abbr.title) { abbr.dataset.title = abbr.title; abbr.removeAttribute("title"); }
      term.dataset.describedby = term.getAttribute("aria-describedby") || "";
      term.addEventListener("mouseenter", function () { showTip(term); });
      term.addEventListener("mouseleave", function () { if (document.activeElement !== term) hideTip(); });
      term.addEventListener("focus", function () { showTip(term); });
      term.addEventListener("blur", hideTip);
      term.addEventListener("keydown", function (event) { if (event.key === "Escape") hideTip(); });
      // On touch, the first tap explains the acronym; a second tap follows the link.
      // The tap's own focus shows the tip too, so the tap itself is remembered apart.
      term.addEventListener("click", function (event) {
        if (lastPointer === "touch" && tappedTerm !== term) {
          event.preventDefault();
          tappedTerm = term;
          showTip(term);
        }
      });
    });
  }

  function showTip(term) {
    tip.textContent = term.dataset.expansion;
    tip.hidden = false;
    tippedTerm = term;
    term.setAttribute("aria-describedby", "term-tip");
    var rect = term.getBoundingClientRect();
    var left = Math.max(4, Math.min(rect.left + window.scrollX, window.scrollX + document.documentElement.clientWidth - tip.offsetWidth - 4));
    tip.style.left = left + "px";
    tip.style.top = (rect.bottom + window.scrollY + 6) + "px";
  }

  function hideTip() {
    tip.hidden = true;
    tappedTerm = null;
    if (tippedTerm) tippedTerm.setAttribute("aria-describedby", tippedTerm.dataset.describedby);
    tippedTerm = null;
  }

  /* Copy buttons ------------------------------------------------------------ */

  function copyText(text, button) {
    var done = function () {
      var label = button.textContent;
      button.textContent = "Copied";
      setTimeout(function () { button.textContent = label; }, 1800);
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done, function () { fallbackCopy(text); done(); });
    } else {
      fallbackCopy(text);
      done();
    }
  }

  function fallbackCopy(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "absolute";
    area.style.left = "-9999px";
    document.body.appendChild(area);
    area.select();
    try { document.execCommand("copy"); } catch (e) { /* nothing more to try */ }
    area.remove();
  }

  function wireCopy() {
    $$("button.copy").forEach(function (button) { button.hidden = false; });
    document.addEventListener("click", function (event) {
      var button = event.target.closest && event.target.closest("button.copy");
      if (!button) return;
      if (button.dataset.copyFrom) {
        copyText(document.getElementById(button.dataset.copyFrom).textContent.trim(), button);
      } else if (button.dataset.copyLink) {
        copyText(new URL(button.dataset.copyLink, window.location.href).href, button);
      }
    });
  }

  /* Start ------------------------------------------------------------------- */

  function start() {
    reading = $(".reading");
    body = $("#article-body");
    if (!reading || !body) return;
    buildPopover();
    restoreLayers();
    wirePassages();
    wireTerms();
    wireCopy();
    landOnHash();
    window.addEventListener("hashchange", landOnHash);
    // The browser's own jump to the note list may come after ours on a first load.
    window.addEventListener("load", function () { if (activeMark) landOnHash(); });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
