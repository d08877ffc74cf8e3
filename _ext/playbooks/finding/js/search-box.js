/* Manual de Atendimento: the search field in every page's header (finding/search.py).
 * Without JavaScript it is a form to search.html?q=.  Here it becomes an ARIA combobox: after
 * MIN_CHARS characters and a PAUSE, a listbox of the MAX best playbooks, ranked by the search
 * page's own code (playbookResults and PlaybookPhrases in js/, the same weights, ignored words,
 * synonyms and corrections), each with its category, team and passage (playbookSummary, from
 * the result's page).  Up/Down move, Enter opens the chosen result or, with none chosen, the
 * search page; Esc closes; "/" focuses the field.  A list belongs to the query it was made
 * for: once the field changes, no key acts on it (Enter opens the search page for what the
 * field now holds) until the list for the new query replaces it.  Nothing of the search
 * loads with the page: the first keystroke loads the ranking (language_data.js), its
 * settings and the index. */
(() => {
  const input = document.getElementById("manual-q");
  if (!input) return;
  const MIN_CHARS = 2, PAUSE = 150, MAX = 8;
  const root = document.documentElement.dataset.content_root || "";
  const popup = input.form.appendChild(document.createElement("div"));
  popup.className = "manual-q-popup";
  popup.hidden = true;
  const list = popup.appendChild(document.createElement("ul"));
  list.id = "manual-q-list";
  list.setAttribute("role", "listbox");
  list.setAttribute("aria-label", "Scripts encontrados");
  const more = popup.appendChild(document.createElement("a"));
  more.className = "manual-q-more";
  more.tabIndex = -1;
  const status = input.form.appendChild(document.createElement("span"));
  status.className = "manual-visually-hidden";
  status.setAttribute("role", "status");
  for (const [name, value] of [["role", "combobox"], ["aria-autocomplete", "list"],
                               ["aria-expanded", "false"], ["aria-controls", list.id]])
    input.setAttribute(name, value);

  let loading = null; // Promise: the ranking and the index are there
  const script = (src) => new Promise((done, fail) => {
    const el = document.createElement("script");
    el.src = src;
    el.async = false; // run in the order added, downloaded together
    el.addEventListener("load", done);
    el.addEventListener("error", fail);
    document.head.appendChild(el);
  });
  const load = () => loading || (loading = new Promise((done, fail) => {
    if (typeof Search !== "undefined" && Search.performSearch) { // the search page loads its own
      if (Search._index) return done();
      const setIndex = Search.setIndex;
      Search.setIndex = (index) => { setIndex(index); done(); };
      return;
    }
    // searchindex.js calls Search.setIndex: the ranking reads Search._index
    window.Search = { _index: null, setIndex: (index) => { window.Search._index = index; done(); } };
    Promise.all(["_static/playbook-search-config.js", "_static/language_data.js", "searchindex.js"]
      .map((path) => script(root + path))).catch(fail);
  }).catch((error) => { loading = null; throw error; }));

  let options = [], active = -1, asked = 0, timer = 0;
  let shownFor = null; // the query the list was made for
  const current = () => input.value.trim();
  const stale = () => shownFor !== current();
  const setActive = (i) => {
    if (active >= 0) options[active].setAttribute("aria-selected", "false");
    active = i;
    if (i < 0) return input.removeAttribute("aria-activedescendant");
    options[i].setAttribute("aria-selected", "true");
    input.setAttribute("aria-activedescendant", options[i].id);
    options[i].scrollIntoView({ block: "nearest" });
  };
  const open = (yes) => {
    popup.hidden = !yes;
    input.setAttribute("aria-expanded", String(yes));
    if (!yes) setActive(-1);
  };
  const go = (option) => { window.location.href = option.dataset.href; };

  const fullSearch = (query, count) => { // the link under the list: the search page for the query
    const full = new URL(input.form.action); // "#" on the search page itself
    full.hash = "";
    full.search = new URLSearchParams({ q: query });
    more.href = full.href;
    more.textContent = count === null ? `Buscar “${query}” (Enter)`
      : count ? `Todos os resultados de “${query}” (Enter)`
        : `Nenhum script encontrado para “${query}”. Busca completa (Enter)`;
  };
  const clear = () => {
    open(false);
    options = [];
    shownFor = null;
    list.replaceChildren();
    list.removeAttribute("aria-busy");
  };
  const render = (query, top, ranking) => {
    setActive(-1);
    shownFor = query;
    list.removeAttribute("aria-busy");
    options = top.map(([docname, title], i) => {
      const option = document.createElement("li");
      option.id = "manual-q-" + i;
      option.setAttribute("role", "option");
      option.setAttribute("aria-selected", "false");
      option.dataset.href = PlaybookPhrases.pageUrl(docname);
      option.appendChild(document.createElement("span")).className = "manual-q-title";
      option.firstChild.textContent = title;
      const details = option.appendChild(document.createElement("span"));
      details.className = "manual-q-details";
      PlaybookPhrases.read(option.dataset.href).then((html) => {
        const summary = html && option.isConnected ? playbookSummary(html, ranking.used) : null;
        if (summary) details.replaceChildren(summary);
      });
      return option;
    });
    list.replaceChildren(...options);
    fullSearch(query, options.length);
    status.textContent = options.length ? `${options.length} scripts; setas para escolher` : "Nenhum script encontrado";
    open(true);
    input.dispatchEvent(new CustomEvent("manual-search-shown", { detail: { query, count: options.length } }));
  };
  let inFlight = null; // {number, query} of the search under way
  const search = (query) => {
    const number = ++asked;
    inFlight = { number, query };
    const paused = performance.now();
    load().then(() => {
      if (number !== asked) return null;
      const { ranking, items } = playbookResults(query);
      const pending = PlaybookPhrases.refine(query, items, ranking);
      return (pending || Promise.resolve(items)).then((list) => {
        if (number !== asked) return;
        // Playbooks only: the guide and the health page stay on the search page.
        render(query, list.filter(([docname]) => isPlaybookPage(docname)).slice(-MAX).reverse(), ranking);
        input.dataset.shownMs = String(performance.now() - paused); // from the pause: make bench
      });
    }).catch(() => null); // no list: the form still opens the search page
  };

  const cancel = () => { // no list comes for a query the field no longer holds
    clearTimeout(timer);
    asked += 1;
  };
  input.addEventListener("input", () => {
    load().catch(() => null);
    cancel();
    const query = input.value.trim();
    if (query.length < MIN_CHARS) return clear();
    if (!stale()) return list.removeAttribute("aria-busy"); // back to the query of the list shown
    setActive(-1); // a choice made in the older list no longer applies
    list.setAttribute("aria-busy", "true");
    fullSearch(query, null); // the link below it is for what the field holds
    timer = setTimeout(() => search(query), PAUSE);
  });
  input.addEventListener("keydown", (event) => {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      if (stale()) { // the list on screen is for an older query: ask for this one now (once)
        if (current().length >= MIN_CHARS) {
          event.preventDefault();
          if (!(inFlight && inFlight.number === asked && inFlight.query === current())) {
            clearTimeout(timer);
            search(current());
          }
        }
        return;
      }
      if (!options.length) return;
      event.preventDefault();
      const step = event.key === "ArrowDown" ? 1 : -1;
      if (popup.hidden) open(true);
      setActive(active < 0 ? (step > 0 ? 0 : options.length - 1) : (active + step + options.length) % options.length);
    } else if (event.key === "Enter" && !popup.hidden && active >= 0 && !stale()) {
      event.preventDefault();
      go(options[active]);
    } else if (event.key === "Escape" && !popup.hidden) {
      event.preventDefault();
      cancel();
      open(false);
    } // Enter with nothing chosen: the form opens search.html?q=
  });
  input.addEventListener("blur", () => { cancel(); open(false); });
  popup.addEventListener("mousedown", (event) => event.preventDefault()); // the field keeps the focus
  list.addEventListener("click", (event) => {
    const option = event.target.closest("[role=option]");
    if (option) go(option);
  });
  document.addEventListener("keydown", (event) => {
    const target = event.target;
    if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented
        || target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName)) return;
    event.preventDefault();
    input.focus();
    input.select();
  });
})();
