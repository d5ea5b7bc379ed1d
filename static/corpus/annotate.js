/* Select-to-annotate on the Article change page (see corpus/editing/annotator/service.py).
 *
 * The body is rendered from a JSON payload as paragraphs of segments, cut at
 * every annotation and mention boundary, so overlapping and nested spans need
 * no nested elements. Each segment knows its start as a code-point offset:
 * the server counts Unicode code points (Python str indices) and the browser
 * counts UTF-16 code units, so every offset is converted here before it is
 * sent. All text goes in through textContent, never as HTML.
 */
"use strict";

(function () {
  const dataScript = document.getElementById("annotator-data");
  if (!dataScript) return;
  const data = JSON.parse(dataScript.textContent);
  const chars = Array.from(data.body); // one entry per code point
  const KIND = Object.fromEntries(data.choices.kind);
  const STATUS = Object.fromEntries(data.choices.status);
  const $ = (id) => document.getElementById(id);

  const textEl = $("annotator-text");
  const listEl = $("annotator-list");
  const statusEl = $("annotator-status");
  const dialog = $("annotator-dialog");
  const form = $("annotator-form");
  const errorEl = $("annotator-error");
  const findInput = $("annotator-find");
  const annotateButton = $("annotator-annotate");

  let annotations = data.annotations;
  let segments = []; // {node, start, end} in document order, offsets in code points
  let current = null; // the dialog's subject: {start, end, exact} or an annotation
  let returnFocus = null;
  let keyboard = null; // the keyboard selection {start, end}

  // --- Text and offsets -----------------------------------------------------------

  const slice = (start, end) => chars.slice(start, end).join("");
  const codePoints = (text) => Array.from(text).length;
  const short = (text, n = 80) => (codePoints(text) > n ? Array.from(text).slice(0, n - 1).join("") + "…" : text);
  const placed = (a) => a.anchor !== "orphaned";

  function paragraphs() {
    const result = [];
    let start = 0;
    for (let i = 0; i < chars.length; i++) {
      if (chars[i] === "\n" && chars[i + 1] === "\n") {
        if (i > start) result.push([start, i]);
        while (chars[i + 1] === "\n") i++;
        start = i + 1;
      }
    }
    if (start < chars.length) result.push([start, chars.length]);
    return result;
  }
  const PARAGRAPHS = paragraphs();

  const WORDS = [];
  const SENTENCE_ENDS = [];
  chars.forEach((ch, i) => {
    const space = /\s/u.test(ch);
    if (!space && (i === 0 || /\s/u.test(chars[i - 1]))) WORDS.push({ start: i, end: i + 1 });
    else if (!space) WORDS[WORDS.length - 1].end = i + 1;
    if (/[.!?]/u.test(ch) && (i + 1 === chars.length || /[\s”’"')\]]/u.test(chars[i + 1]))) {
      let end = i + 1;
      while (end < chars.length && /[”’"')\]]/u.test(chars[end])) end++;
      SENTENCE_ENDS.push(end);
    }
  });

  function render() {
    const fragment = document.createDocumentFragment();
    segments = [];
    const spans = annotations.filter(placed);
    for (const [pStart, pEnd] of PARAGRAPHS) {
      const p = document.createElement("p");
      const cuts = new Set([pStart, pEnd]);
      for (const s of [...spans, ...data.mentions]) {
        for (const at of [s.start, s.end]) if (at > pStart && at < pEnd) cuts.add(at);
      }
      const points = [...cuts].sort((a, b) => a - b);
      for (let i = 0; i < points.length - 1; i++) {
        const [start, end] = [points[i], points[i + 1]];
        const covering = spans
          .filter((a) => a.start <= start && a.end >= end)
          .sort((a, b) => a.end - a.start - (b.end - b.start)); // innermost first
        const mentions = data.mentions.filter((m) => m.start <= start && m.end >= end);
        const el = document.createElement(covering.length ? "mark" : "span");
        el.dataset.start = start;
        el.textContent = slice(start, end);
        if (mentions.length) {
          el.classList.add("annotator-mention");
          el.title = mentions.map((m) => `${m.type === "actor" ? "Person" : "Organization"}: ${m.name}`).join("; ");
        }
        if (covering.length) {
          const inner = covering[0];
          el.dataset.uuids = covering.map((a) => a.uuid).join(" ");
          el.classList.add("annotator-mark", `kind-${inner.kind}`, `status-${inner.status}`);
          if (covering.length > 1) el.classList.add("annotator-nested");
          const starting = covering.find((a) => a.start === start);
          if (starting) {
            el.tabIndex = 0;
            el.setAttribute("role", "button");
            el.dataset.opens = starting.uuid;
            el.setAttribute("aria-label", `${describe(starting)}. Press Enter to edit.`);
          }
        }
        p.append(el);
        segments.push({ node: el.firstChild, start, end });
      }
      fragment.append(p);
    }
    textEl.replaceChildren(fragment);
    renderList();
  }

  function describe(a) {
    const claims = a.claims.length ? `, ${a.claims.length} claim${a.claims.length > 1 ? "s" : ""}` : "";
    return `${KIND[a.kind]} annotation, ${STATUS[a.status]}${claims}: “${short(a.exact, 100)}”`;
  }

  function renderList() {
    const items = annotations.map((a) => {
      const li = document.createElement("li");
      const button = document.createElement("button");
      button.type = "button";
      button.className = "annotator-list-item";
      button.dataset.uuid = a.uuid;
      const badge = document.createElement("span");
      badge.className = `annotator-badge kind-${a.kind} status-${a.status}`;
      badge.textContent = `${KIND[a.kind]} · ${STATUS[a.status]}${placed(a) ? "" : " · orphaned"}`;
      button.append(badge, ` “${short(a.exact, 120)}”`);
      li.append(button);
      return li;
    });
    listEl.replaceChildren(...items);
    $("annotator-count").textContent = annotations.length;
  }

  /** The body offset (code points) of a DOM boundary point, or null outside the text. */
  function offsetAt(node, offset) {
    if (!textEl.contains(node)) return null;
    if (node.nodeType === Node.TEXT_NODE) {
      const el = node.parentElement.closest("[data-start]");
      if (el) return Number(el.dataset.start) + codePoints(node.data.slice(0, offset));
    }
    const point = document.createRange();
    point.setStart(node, offset);
    for (const s of segments) if (point.comparePoint(s.node, 0) >= 0) return s.start;
    return segments.length ? segments[segments.length - 1].end : 0;
  }

  /** The DOM boundary point of a body offset; at a paragraph break, the nearer side. */
  function pointAt(offset, isEnd) {
    let segment = segments.find((s) => (isEnd ? s.start < offset && offset <= s.end : s.start <= offset && offset < s.end));
    if (!segment) segment = isEnd ? [...segments].reverse().find((s) => s.end <= offset) : segments.find((s) => s.start >= offset);
    if (!segment) segment = segments[isEnd ? segments.length - 1 : 0];
    const within = Math.max(0, Math.min(offset, segment.end) - segment.start);
    return [segment.node, Array.from(segment.node.data).slice(0, within).join("").length];
  }

  function trimmed(start, end) {
    while (start < end && /\s/u.test(chars[start])) start++;
    while (end > start && /\s/u.test(chars[end - 1])) end--;
    return start < end ? { start, end } : null;
  }

  /** The editor's selection in the text, in code points, trimmed of spaces; or null. */
  function selectedPassage() {
    const selection = window.getSelection();
    if (!selection.rangeCount || selection.isCollapsed) return null;
    const range = selection.getRangeAt(0);
    const start = offsetAt(range.startContainer, range.startOffset);
    const end = offsetAt(range.endContainer, range.endOffset);
    if (start === null || end === null) return null;
    return trimmed(start, end);
  }

  function select(passage, announce = true) {
    keyboard = passage;
    const selection = window.getSelection();
    if (!passage) {
      selection.removeAllRanges();
      annotateButton.disabled = true;
      return;
    }
    const [startNode, startOffset] = pointAt(passage.start, false);
    const [endNode, endOffset] = pointAt(passage.end, true);
    selection.setBaseAndExtent(startNode, startOffset, endNode, endOffset);
    annotateButton.disabled = false;
    const el = endNode.parentElement;
    if (el.scrollIntoView) el.scrollIntoView({ block: "nearest" });
    if (announce) say(`Selected “${short(slice(passage.start, passage.end), 120)}”. Enter annotates it.`);
  }

  function say(message) {
    statusEl.textContent = message;
  }

  // --- Keyboard selection in the text -----------------------------------------------

  function moveWord(direction) {
    const from = keyboard || selectedPassage();
    let word;
    if (!from) word = direction > 0 ? WORDS[0] : WORDS[WORDS.length - 1];
    else if (direction > 0) word = WORDS.find((w) => w.start >= from.end) || WORDS.find((w) => w.end > from.start && w.start >= from.start);
    else word = [...WORDS].reverse().find((w) => w.end <= from.start) || WORDS[0];
    if (word) select({ start: word.start, end: word.end });
  }

  function extend(direction, unit) {
    const from = keyboard || selectedPassage();
    if (!from) return moveWord(1);
    let end;
    if (unit === "word") {
      end = direction > 0 ? WORDS.find((w) => w.start >= from.end)?.end : [...WORDS].reverse().find((w) => w.end < from.end && w.end > from.start)?.end;
    } else {
      end = direction > 0 ? SENTENCE_ENDS.find((e) => e > from.end) : [...SENTENCE_ENDS].reverse().find((e) => e < from.end && e > from.start);
    }
    if (end !== undefined) select(trimmed(from.start, end) || from);
  }

  function moveParagraph(direction) {
    const at = (keyboard || selectedPassage() || { start: -1 }).start;
    const paragraph = direction > 0 ? PARAGRAPHS.find(([s]) => s > at) : [...PARAGRAPHS].reverse().find(([, e]) => e <= at);
    if (!paragraph) return;
    const word = WORDS.find((w) => w.start >= paragraph[0]);
    if (word) select({ start: word.start, end: word.end });
  }

  textEl.addEventListener("keydown", (event) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const opens = event.target.dataset && event.target.dataset.opens;
    const keys = {
      ArrowRight: () => (event.shiftKey ? extend(1, "word") : moveWord(1)),
      ArrowLeft: () => (event.shiftKey ? extend(-1, "word") : moveWord(-1)),
      ArrowDown: () => (event.shiftKey ? extend(1, "sentence") : moveParagraph(1)),
      ArrowUp: () => (event.shiftKey ? extend(-1, "sentence") : moveParagraph(-1)),
      Escape: () => {
        select(null);
        say("Selection cleared.");
      },
      Enter: () => {
        const passage = selectedPassage() || keyboard;
        if (opens && !passage) return openEdit(opens, event.target);
        if (passage) return openCreate(passage, textEl);
        if (opens) return openEdit(opens, event.target);
        say("Select a passage first: press → to select a word, Shift+→ to extend.");
      },
    };
    if (event.key === " " && opens) keys[" "] = () => openEdit(opens, event.target);
    if (!keys[event.key]) return;
    event.preventDefault();
    keys[event.key]();
  });

  // --- Mouse ------------------------------------------------------------------------

  textEl.addEventListener("mouseup", () => {
    window.setTimeout(() => {
      const passage = selectedPassage();
      if (passage) openCreate(passage, textEl);
    }, 0);
  });

  textEl.addEventListener("click", (event) => {
    const mark = event.target.closest("mark[data-uuids]");
    if (!mark || !window.getSelection().isCollapsed) return;
    openEdit(mark.dataset.uuids.split(" ")[0], mark.dataset.opens ? mark : textEl);
  });

  listEl.addEventListener("click", (event) => {
    const button = event.target.closest("button[data-uuid]");
    if (button) openEdit(button.dataset.uuid, button);
  });

  // --- Find a passage ---------------------------------------------------------------

  let matchFrom = 0;
  function find(fromStart) {
    const phrase = findInput.value.trim();
    if (!phrase) return select(null);
    // A case-insensitive search on the body itself, so UTF-16 indices stay the body's.
    const pattern = new RegExp(phrase.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"), "giu");
    pattern.lastIndex = fromStart ? 0 : matchFrom;
    let match = pattern.exec(data.body);
    if (!match && !fromStart) {
      pattern.lastIndex = 0;
      match = pattern.exec(data.body);
    }
    if (!match) {
      select(null);
      return say(`“${short(phrase)}” is not in the text.`);
    }
    matchFrom = match.index + 1;
    const start = codePoints(data.body.slice(0, match.index));
    select({ start, end: start + codePoints(match[0]) });
  }

  findInput.addEventListener("input", () => find(true));
  findInput.addEventListener("keydown", (event) => {
    if (event.key === "ArrowDown") {
      event.preventDefault();
      find(false);
    } else if (event.key === "Enter") {
      event.preventDefault();
      if (keyboard) openCreate(keyboard, findInput);
    }
  });
  $("annotator-find-next").addEventListener("click", () => find(false));
  annotateButton.addEventListener("click", () => {
    const passage = selectedPassage() || keyboard;
    if (passage) openCreate(passage, annotateButton);
  });
  for (const el of [findInput, $("annotator-find-next")]) el.disabled = false;

  // --- Entity pickers: the admin's autocomplete endpoint, a datalist and chips -------------

  const SOURCES = {
    actors: [{ type: "actor", model: "annotation", field: "actors", label: "" }],
    organizations: [{ type: "organization", model: "annotation", field: "organizations", label: "" }],
    claimant: [
      { type: "actor", model: "claim", field: "claimant_actor", label: " (person)" },
      { type: "organization", model: "claim", field: "claimant_organization", label: " (organization)" },
    ],
  };

  class Picker {
    constructor(root) {
      this.name = root.dataset.picker;
      this.single = root.hasAttribute("data-single");
      this.chips = root.querySelector(".annotator-chips");
      this.input = root.querySelector("input");
      this.list = root.querySelector("datalist");
      this.suggest = root.querySelector(".annotator-suggest");
      this.options = new Map();
      this.values = [];
      this.timer = null;
      this.input.addEventListener("input", () => {
        if (this.pick()) return;
        window.clearTimeout(this.timer);
        this.timer = window.setTimeout(() => this.search(), 150);
      });
      this.input.addEventListener("keydown", (event) => {
        if (event.key !== "Enter") return;
        event.preventDefault();
        if (!this.pick(true) && this.input.value.trim()) say(`No match for “${this.input.value}” yet: pick a name from the list.`);
      });
      this.chips.addEventListener("click", (event) => {
        const button = event.target.closest("button[data-key]");
        if (!button) return;
        this.values = this.values.filter((v) => key(v) !== button.dataset.key);
        this.render();
        this.input.focus();
      });
      this.suggest.addEventListener("click", (event) => {
        const button = event.target.closest("button[data-key]");
        if (button) this.add(JSON.parse(button.dataset.item));
      });
    }

    async search() {
      const term = this.input.value.trim();
      if (!term) return;
      const found = await Promise.all(
        SOURCES[this.name].map(async (source) => {
          const params = new URLSearchParams({ term, app_label: "corpus", model_name: source.model, field_name: source.field });
          const response = await fetch(`${data.urls.autocomplete}?${params}`, { headers: { Accept: "application/json" } });
          if (!response.ok) return [];
          const json = await response.json();
          return json.results.map((r) => ({ type: source.type, id: Number(r.id), name: r.text, label: r.text + source.label }));
        }),
      );
      if (term !== this.input.value.trim()) return; // the editor typed on
      this.options = new Map(found.flat().map((item) => [item.label, item]));
      this.list.replaceChildren(...[...this.options.keys()].map((label) => new Option(label, label)));
      this.pick();
    }

    /** Add the option the input names exactly (or the only one, when `loose`). */
    pick(loose = false) {
      const typed = this.input.value.trim();
      const items = [...this.options.values()];
      const named = items.filter((i) => i.name === typed);
      let item = this.options.get(typed) || (named.length === 1 ? named[0] : null);
      if (!item && loose && items.length === 1) item = items[0];
      if (!item) return false;
      this.add(item);
      return true;
    }

    add(item) {
      if (this.single) this.values = [];
      if (!this.values.some((v) => key(v) === key(item))) this.values.push(item);
      this.input.value = "";
      this.render();
      form.dispatchEvent(new CustomEvent("picked", { detail: this.name }));
    }

    set(items) {
      this.values = [...items];
      this.input.value = "";
      this.render();
    }

    offer(items) {
      const buttons = items.map((item) => {
        const button = document.createElement("button");
        button.type = "button";
        button.className = "annotator-suggestion";
        button.dataset.key = key(item);
        button.dataset.item = JSON.stringify(item);
        button.textContent = `+ ${item.name}`;
        button.setAttribute("aria-label", `Add ${item.name}`);
        return button;
      });
      this.suggest.replaceChildren(document.createTextNode("Named in the passage: "), ...buttons);
      this.render();
    }

    render() {
      this.chips.replaceChildren(
        ...this.values.map((item) => {
          const li = document.createElement("li");
          const remove = document.createElement("button");
          remove.type = "button";
          remove.dataset.key = key(item);
          remove.textContent = "×";
          remove.setAttribute("aria-label", `Remove ${item.name}`);
          li.append(item.name + (this.single ? (item.type === "actor" ? " (person)" : " (organization)") : ""), " ", remove);
          return li;
        }),
      );
      let offered = 0;
      for (const button of this.suggest.querySelectorAll("button[data-key]")) {
        button.hidden = this.values.some((v) => key(v) === button.dataset.key);
        if (!button.hidden) offered++;
      }
      this.suggest.hidden = !offered;
    }
  }
  const key = (item) => `${item.type}:${item.id}`;
  const pickers = Object.fromEntries([...dialog.querySelectorAll("[data-picker]")].map((root) => [root.dataset.picker, new Picker(root)]));

  // --- The dialog -------------------------------------------------------------------

  const field = (id) => $(`annotator-${id}`);
  let kindTouched = false;
  field("kind").addEventListener("change", () => (kindTouched = true));
  form.addEventListener("picked", (event) => {
    if (event.detail === "claimant" && pickers.claimant.values.length && !kindTouched) field("kind").value = "claim";
  });

  function mentionedIn(start, end) {
    const seen = new Map();
    for (const m of data.mentions) if (m.start >= start && m.end <= end) seen.set(`${m.type}:${m.id}`, { type: m.type, id: m.id, name: m.name });
    return [...seen.values()];
  }

  function open(title, opener) {
    returnFocus = opener || document.activeElement;
    $("annotator-dialog-title").textContent = title;
    showError("");
    $("annotator-confirm").hidden = true;
    $("annotator-buttons").hidden = false;
    $("annotator-fields").hidden = false;
    kindTouched = false;
    if (!dialog.open) dialog.showModal();
  }

  function fillCommon(subject) {
    $("annotator-quote").textContent = subject.exact;
    $("annotator-position").textContent = `Characters ${subject.start}–${subject.end} of ${chars.length}.`;
    const named = mentionedIn(subject.start, subject.end);
    pickers.actors.offer(named.filter((m) => m.type === "actor"));
    pickers.organizations.offer(named.filter((m) => m.type === "organization"));
    pickers.claimant.offer(named);
    pickers.claimant.set([]);
    field("claim-form").value = "quote";
    field("claim-kind").value = "assessment";
    field("claim-text").value = subject.exact;
    const others = annotations.flatMap((a) => (a.uuid === subject.uuid ? [] : a.claims.map((c) => ({ claim: c, on: a }))));
    field("attach").replaceChildren(
      new Option("—", ""),
      ...others.map(({ claim, on }) => new Option(`${claim.claimant.name}: “${short(claim.text, 60)}” (on “${short(on.exact, 30)}”)`, claim.id)),
    );
    field("attach").disabled = !data.perms.change_claim;
    const mayAddClaim = data.perms.add_claim;
    pickers.claimant.input.disabled = !mayAddClaim;
  }

  function openCreate(passage, opener) {
    if (!data.perms.add_annotation) return say("You may not add annotations.");
    const exact = slice(passage.start, passage.end);
    current = { start: passage.start, end: passage.end, exact };
    open("Annotate passage", opener);
    fillCommon(current);
    field("kind").value = "note";
    field("status-field").value = "draft";
    field("status-field").disabled = false;
    field("note").value = "";
    field("tags").value = "";
    field("reason").value = "";
    pickers.actors.set([]);
    pickers.organizations.set([]);
    $("annotator-claims").replaceChildren();
    $("annotator-delete").hidden = true;
    const overlapped = annotations.find((a) => placed(a) && a.start < passage.end && a.end > passage.start);
    if (overlapped) {
      showError(
        `The selection overlaps the annotated passage “${short(overlapped.exact)}” (characters ${overlapped.start}–${overlapped.end}). ` +
          "Select text outside it, or open that annotation to edit it.",
      );
    }
    field("kind").focus();
  }

  function openEdit(uuid, opener) {
    const annotation = annotations.find((a) => a.uuid === uuid);
    if (!annotation) return;
    current = annotation;
    open("Edit annotation", opener);
    fillCommon(annotation);
    field("kind").value = annotation.kind;
    field("status-field").value = annotation.status;
    field("status-field").disabled = annotation.status === "published" && !data.perms.publish_annotation;
    field("note").value = annotation.note;
    field("tags").value = annotation.tags.join(", ");
    field("reason").value = "";
    pickers.actors.set(annotation.actors.map((a) => ({ type: "actor", ...a })));
    pickers.organizations.set(annotation.organizations.map((o) => ({ type: "organization", ...o })));
    $("annotator-claims").replaceChildren(
      ...annotation.claims.map((claim) => {
        const li = document.createElement("li");
        const link = document.createElement("a");
        link.href = claim.admin_url;
        link.textContent = "edit in the admin";
        li.append(`${claim.claimant.name} (${STATUS[claim.status]}): “${short(claim.text, 100)}” — `, link);
        return li;
      }),
    );
    $("annotator-delete").hidden = !data.perms.delete_annotation;
    field("kind").focus();
  }

  function showError(message) {
    errorEl.textContent = message;
    errorEl.classList.toggle("is-shown", Boolean(message));
  }

  function requestBody() {
    const body = {
      kind: field("kind").value,
      status: field("status-field").value,
      note: field("note").value,
      tags: field("tags").value,
      new_tags: newTags(),
      reason: field("reason").value,
      actors: pickers.actors.values.map((v) => v.id),
      organizations: pickers.organizations.values.map((v) => v.id),
    };
    const claimant = pickers.claimant.values[0];
    if (claimant) {
      body.claim = {
        [claimant.type === "actor" ? "claimant_actor" : "claimant_organization"]: claimant.id,
        form: field("claim-form").value,
        kind: field("claim-kind").value,
        text: field("claim-text").value,
      };
    }
    if (field("attach").value) body.attach_claim = Number(field("attach").value);
    if (current.uuid) body.version = current.version;
    else Object.assign(body, { start: current.start, end: current.end, exact: current.exact });
    return body;
  }

  function csrfToken() {
    const input = document.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  async function post(url, body) {
    let response;
    try {
      response = await fetch(url, {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json", Accept: "application/json", "X-CSRFToken": csrfToken() },
        body: JSON.stringify(body),
      });
    } catch {
      return { error: "The server could not be reached: check the connection and save again." };
    }
    const json = (response.headers.get("Content-Type") || "").includes("application/json") ? await response.json() : null;
    if (response.ok && json) return { json };
    if (json && json.error) return { error: json.error, status: response.status };
    return {
      error: `The server refused the request (${response.status}${response.redirected ? ", sent to the login page" : ""}). Your session may have expired: log in again in another tab, then save.`,
    };
  }

  const urlFor = (template, uuid) => template.replace(data.placeholder, uuid);

  // Tag names as the server splits them (commas only), and those no tag has yet.
  const slug = (text) => text.toLowerCase().normalize("NFKD").replace(/[\u0300-\u036f]/g, "").replace(/[^\w\s-]/g, "").replace(/[-\s]+/g, "-").replace(/^[-_]+|[-_]+$/g, "");
  const tagNames = () => [...new Set(field("tags").value.split(",").map((name) => name.trim().replace(/^"|"$/g, "").trim()).filter(Boolean))];
  function newTags() {
    const known = new Set((data.tags || []).flatMap((name) => [name.toLowerCase(), slug(name)]));
    return tagNames().filter((name) => !known.has(name.toLowerCase()) && !known.has(slug(name)));
  }

  let saving = false;
  async function save() {
    if (saving || !current) return;
    const fresh = newTags();
    // A new public tag is made only when the editor says so: a typo or a split name stays a question.
    if (fresh.length && !window.confirm(`Create ${fresh.length === 1 ? "a new tag" : "new tags"}: ${fresh.map((name) => `“${name}”`).join(", ")}? Choose Cancel to pick an existing tag instead.`)) {
      field("tags").focus();
      return;
    }
    saving = true;
    $("annotator-save").disabled = true;
    const editing = Boolean(current.uuid);
    const result = await post(editing ? urlFor(data.urls.update, current.uuid) : data.urls.create, requestBody());
    saving = false;
    $("annotator-save").disabled = false;
    if (result.error) return showError(result.error); // the editor's input stays as typed
    const saved = result.json;
    annotations = annotations.filter((a) => a.uuid !== saved.uuid);
    const attached = new Set(saved.claims.map((c) => c.id));
    for (const a of annotations) a.claims = a.claims.filter((c) => !attached.has(c.id));
    annotations.push(saved);
    annotations.sort((a, b) => a.start - b.start || b.end - a.end);
    render();
    select(null);
    returnFocus = textEl.querySelector(`[data-opens="${saved.uuid}"]`) || returnFocus;
    close();
    say(`${editing ? "Saved" : "Annotated"}: ${describe(saved)}`);
  }

  function askDelete() {
    const claims = current.claims || [];
    const row = $("annotator-confirm-claims-row");
    row.hidden = !claims.length;
    $("annotator-delete-claims").checked = false;
    $("annotator-delete-claims-label").textContent = `Also delete its ${claims.length} claim${claims.length === 1 ? "" : "s"}: ${claims.map((c) => `“${short(c.text, 50)}”`).join(", ")}`;
    $("annotator-confirm-text").textContent = claims.length
      ? "Its highlight, note, tags and links go. It carries claims, which cannot stay without it: delete them too, or move them to another passage first."
      : "Its highlight, note, tags and links go.";
    $("annotator-fields").hidden = true;
    $("annotator-buttons").hidden = true;
    $("annotator-confirm").hidden = false;
    showError("");
    $("annotator-confirm-heading").focus();
  }

  async function confirmDelete() {
    const result = await post(urlFor(data.urls.delete, current.uuid), {
      version: current.version,
      delete_claims: $("annotator-delete-claims").checked,
      reason: field("reason").value,
    });
    if (result.error) return showError(result.error);
    annotations = annotations.filter((a) => a.uuid !== current.uuid);
    render();
    returnFocus = textEl;
    close();
    say(`Deleted the annotation on “${short(current.exact)}”${result.json.claims_deleted.length ? " and its claims" : ""}.`);
  }

  function keepIt() {
    $("annotator-confirm").hidden = true;
    $("annotator-fields").hidden = false;
    $("annotator-buttons").hidden = false;
    $("annotator-delete").focus();
  }

  function close() {
    if (dialog.open) dialog.close();
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    save();
  });
  form.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      save();
    }
  });
  $("annotator-cancel").addEventListener("click", close);
  $("annotator-delete").addEventListener("click", askDelete);
  $("annotator-confirm-delete").addEventListener("click", confirmDelete);
  $("annotator-confirm-keep").addEventListener("click", keepIt);
  dialog.addEventListener("close", () => {
    const target = returnFocus && document.contains(returnFocus) ? returnFocus : textEl;
    target.focus();
  });

  render();
  say("");
})();
