/* The annotator's tag field: names separated by commas (or Enter), completed
 * from the archive's existing tags as the editor types, so "regime security"
 * picks `regime-security` instead of making new tags. A listbox under the
 * field follows the ARIA combobox pattern: arrows move, Enter or a click picks,
 * Escape closes. annotate.js asks before a name no tag has is sent as new. */
"use strict";

(function () {
  const dataScript = document.getElementById("annotator-data");
  const input = document.getElementById("annotator-tags");
  if (!dataScript || !input) return;
  const known = JSON.parse(dataScript.textContent).tags || [];
  const SHOWN = 8;
  const loose = (text) => text.toLowerCase().normalize("NFKD").replace(/[\u0300-\u036f]/g, "").replace(/[\s_-]+/g, " ").trim();

  const list = document.createElement("ul");
  list.id = "annotator-tags-options";
  list.className = "annotator-options";
  list.setAttribute("role", "listbox");
  list.setAttribute("aria-label", "Existing tag names");
  list.hidden = true;
  input.after(list);
  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-controls", list.id);
  input.setAttribute("aria-expanded", "false");

  let active = -1;
  const options = () => [...list.querySelectorAll("[role=option]")];
  const typed = () => input.value.slice(input.value.lastIndexOf(",") + 1).trim();

  function close() {
    list.hidden = true;
    active = -1;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
  }

  function offer() {
    const word = loose(typed());
    const chosen = new Set(input.value.split(",").map((name) => loose(name)));
    const matches = word ? known.filter((name) => loose(name).includes(word) && !chosen.has(loose(name)) || loose(name) === word).slice(0, SHOWN) : [];
    list.replaceChildren(
      ...matches.map((name, n) => {
        const li = document.createElement("li");
        li.id = `annotator-tags-option-${n}`;
        li.setAttribute("role", "option");
        li.textContent = name;
        li.addEventListener("mousedown", (event) => {
          event.preventDefault(); // keep the focus in the field
          pick(name);
        });
        return li;
      }),
    );
    if (!matches.length) return close();
    list.hidden = false;
    input.setAttribute("aria-expanded", "true");
    move(0);
  }

  function move(to) {
    const all = options();
    active = (to + all.length) % all.length;
    all.forEach((li, n) => li.setAttribute("aria-selected", String(n === active)));
    input.setAttribute("aria-activedescendant", all[active].id);
  }

  function pick(name) {
    const cut = input.value.lastIndexOf(",");
    const before = cut < 0 ? "" : `${input.value.slice(0, cut + 1)} `;
    input.value = `${before}${name}, `;
    close();
    input.focus();
  }

  input.addEventListener("input", offer);
  input.addEventListener("blur", close);
  input.addEventListener("keydown", (event) => {
    const open = !list.hidden;
    if (event.key === "ArrowDown" && open) move(active + 1);
    else if (event.key === "ArrowUp" && open) move(active - 1);
    else if (event.key === "Escape" && open) close();
    else if (event.key === "Enter") {
      // Enter picks the highlighted tag, or ends the name typed; it never saves the dialog.
      if (open && active >= 0) pick(options()[active].textContent);
      else if (typed()) input.value = `${input.value.replace(/\s*$/, "")}, `;
    } else return;
    event.preventDefault();
    if (event.key === "Escape") event.stopPropagation(); // the dialog stays open
  });
})();
