/* Manual de Atendimento: filter of the playbook catalog (landing page).
 * Words typed in the box must all appear in a playbook's title, keywords, team,
 * profile or category, ignoring case and accents ("duvida" finds "Dúvida"); chips
 * narrow by category and by team level (several chips of one group: any of them).
 * The filter is kept in the address (?filtro=...) so it survives "back" and links.
 * A content-health flag in the address (?sinal=rascunho, the links of the page "Saúde do
 * manual") narrows to the playbooks with it; its chips show only then. */
"use strict";
(() => {
  const fold = (text) => text.normalize("NFKD").replace(/\p{Mn}/gu, "").toLowerCase();

  const setup = (root) => {
    // chip group (and "text", the box) -> its key in the address: collect/catalog_address.py.
    // A page written before them keeps its static list (the controls stay hidden).
    if (!root.dataset.addressKeys) return;
    const { text: TEXT_KEY, ...KEYS } = JSON.parse(root.dataset.addressKeys);
    const form = root.querySelector(".catalog-controls");
    const input = root.querySelector(".catalog-filter");
    const chips = [...root.querySelectorAll(".catalog-chip")];
    const items = [...root.querySelectorAll(".catalog-item")];
    const sections = [...root.querySelectorAll(".catalog-category")];
    const status = root.querySelector(".catalog-status");
    const empty = root.querySelector(".catalog-empty");
    const texts = items.map((item) => item.dataset.text || "");
    const total = items.length;

    const selected = (group) =>
      new Set(chips.filter((c) => c.dataset.filter === group && c.getAttribute("aria-pressed") === "true")
        .map((c) => c.dataset.value));

    const remember = () => {
      const params = new URLSearchParams(window.location.search);
      const value = input.value.trim();
      if (value) params.set(TEXT_KEY, value); else params.delete(TEXT_KEY);
      for (const [group, key] of Object.entries(KEYS)) {
        const values = [...selected(group)];
        if (values.length) params.set(key, values.join(",")); else params.delete(key);
      }
      const query = params.toString();
      try {
        window.history.replaceState(null, "", window.location.pathname + (query ? "?" + query : "") + window.location.hash);
      } catch (error) { /* file:// in some browsers */ }
    };

    const apply = () => {
      const words = fold(input.value).split(/\s+/).filter(Boolean);
      const categories = selected("category");
      const teams = selected("team");
      const flags = selected("flag");
      let shown = 0;
      items.forEach((item, i) => {
        const visible = words.every((w) => texts[i].includes(w))
          && (categories.size === 0 || categories.has(item.dataset.category))
          && (teams.size === 0 || teams.has(item.dataset.team))
          && (flags.size === 0 || (item.dataset.flags || "").split(" ").some((f) => flags.has(f)));
        item.hidden = !visible;
        if (visible) shown += 1;
      });
      sections.forEach((section) => {
        section.hidden = section.querySelector(".catalog-item:not([hidden])") === null;
      });
      empty.hidden = shown !== 0;
      status.textContent = shown === total
        ? `${total} scripts`
        : `${shown} de ${total} scripts`;
      root.dataset.shown = String(shown);
    };

    const params = new URLSearchParams(window.location.search);
    input.value = params.get(TEXT_KEY) || "";
    for (const [group, key] of Object.entries(KEYS)) {
      const wanted = new Set((params.get(key) || "").split(",").filter(Boolean));
      chips.filter((c) => c.dataset.filter === group && wanted.has(c.dataset.value))
        .forEach((c) => c.setAttribute("aria-pressed", "true"));
    }
    const flagChips = root.querySelector(".catalog-chips-flag");
    if (flagChips && params.get(KEYS.flag)) flagChips.hidden = false;

    input.addEventListener("input", () => { apply(); remember(); });
    input.addEventListener("keydown", (event) => {
      if (event.key === "Escape") { input.value = ""; apply(); remember(); }
    });
    chips.forEach((chip) => chip.addEventListener("click", () => {
      const pressed = chip.getAttribute("aria-pressed") === "true";
      chip.setAttribute("aria-pressed", pressed ? "false" : "true");
      apply();
      remember();
    }));
    form.hidden = false;
    apply();
  };

  const init = () => document.querySelectorAll(".playbook-catalog").forEach(setup);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
