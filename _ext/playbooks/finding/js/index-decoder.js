/* Decoder of the compact searchindex.js (_ext/playbooks/finding/search_index_format.py).
 * Called with its configuration as ``this`` ({digits, bitmap}, from search_index_format.py). */
function playbookIndex(index) {
  const CONFIG = this;
  const DIGITS = CONFIG.digits;
  const VALUE = {};
  for (let i = 0; i < DIGITS.length; i++) VALUE[DIGITS[i]] = i;
  const numbers = (text) => {
    const out = [];
    if (text.startsWith(CONFIG.bitmap)) {
      for (let p = 1; p < text.length; p++) {
        const value = VALUE[text[p]];
        for (let bit = 0; bit < 6; bit++) if ((value >> (5 - bit)) & 1) out.push((p - 1) * 6 + bit);
      }
      return out;
    }
    let previous = -1, gap = 0, shift = 0;
    for (const char of text) {
      const value = VALUE[char];
      gap += (value & 31) * 2 ** shift;
      if (value & 32) shift += 5;
      else { previous += gap + 1; out.push(previous); gap = 0; shift = 0; }
    }
    return out;
  };
  const compact = index.compact;
  delete index.compact;
  const riders = new Map(); // word -> positions of its "situation" documents ("" = all)
  for (const key of ["terms", "titleterms"]) {
    const terms = index[key] || {};
    for (const word of Object.keys(terms)) {
      const value = terms[word];
      if (typeof value !== "string") continue;
      const parts = value.split(".");
      if (parts.length === 1) terms[word] = numbers(value);
      else if (parts[0] === "") {
        terms[word] = +parts[1];
        riders.set(word, parts.slice(2).join("."));
      } else {
        terms[word] = numbers(parts[0]);
        riders.set(word, parts[1]);
      }
    }
  }
  if ((compact.fields || []).includes("situation")) {
    const everywhere = (word) => {
      const found = new Set();
      for (const key of ["terms", "titleterms"]) {
        const value = (index[key] || {})[word];
        if (typeof value === "number") found.add(value);
        else if (Array.isArray(value)) value.forEach((n) => found.add(n));
      }
      return [...found].sort((a, b) => a - b);
    };
    const field = {};
    for (const word of [...riders.keys()].sort()) {
      const all = everywhere(word);
      const positions = riders.get(word);
      field[word] = positions === "" ? all : numbers(positions).map((i) => all[i]);
    }
    index.playbook_fields = { situation: field };
  }
  const entries = index.indexentries || {};
  for (const entry of Object.keys(entries)) {
    const found = entries[entry];
    if (typeof found === "number") entries[entry] = [[found, "", true]];
    else if (typeof found === "string") entries[entry] = numbers(found).map((n) => [n, "", true]);
  }
  if ("own_titles" in compact) {
    const all = new Map(Object.entries(index.alltitles));
    for (const n of numbers(compact.own_titles)) {
      const title = index.titles[n];
      if (!all.has(title)) all.set(title, []);
      const found = all.get(title);
      let at = found.findIndex((item) => item[0] >= n);
      if (at < 0) at = found.length;
      found.splice(at, 0, [n, null]);
    }
    // Sphinx's key order (sorted); titles put back would otherwise come last.
    index.alltitles = Object.fromEntries([...all].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  }
  if ("filename_suffix" in compact)
    index.filenames = index.docnames.map((name) => name + compact.filename_suffix);
  return index;
}
