/* Manual de Atendimento: exact phrases of a query (issue 14; finding/search.py).
 * The compact index holds no word positions, so a phrase pasted from a log or an error
 * screen is looked for in the pages of the best results, the pages whose summaries the
 * search page shows anyway (each is downloaded once: Sphinx's summary reads the copy kept
 * here).  A run of phrase_min_words words of the query or more, phrase_min_meaningful of
 * them meaningful (not stop words nor ignored words),
 * found word for word in a page (not across two paragraphs), adds its words' weight times
 * phrase_weight to the page's score, in place of the bonus a keyword or title found whole
 * in the query gave it (the page holds its title and keywords too).  Queries without such
 * a run are shown at once, as before; pages that do not arrive within phrase_wait_ms are
 * ranked without them. */
const PlaybookPhrases = (() => {
  const C = PlaybookSearch.config;
  const BREAK = "\u0000"; // between two blocks of a page: a phrase does not cross it
  const reading = new Map(); // URL -> Promise of the page's HTML (null if it failed)
  const parsed = new Map(); // a page's HTML -> its facts and blocks (readPage), parsed once
  let current = null; // the last query's words and their weights, for the summaries

  /* The playbook's category and team, and the text blocks of the page (paragraphs, items,
   * cells, headings), without the panel, header links and scripts. */
  const parsePage = (html) => {
    const page = new DOMParser().parseFromString(html, "text/html");
    const fact = (name) => {
      const el = page.querySelector(`.playbook-fact-${name} .playbook-fact-value`);
      return el ? el.textContent.trim() : "";
    };
    const facts = [["Categoria", fact("category")], ["Equipe", fact("team")]].filter(([, v]) => v);
    page.querySelectorAll(".playbook-panel, .headerlink, script, style").forEach((el) => el.remove());
    const main = page.querySelector('[role="main"]') || page.body;
    const blocks = [], kinds = []; // kinds[i]: the tag of blocks[i] ("h1": the page's title)
    for (const el of main.querySelectorAll("p, li, dd, dt, pre, td, h1, h2, h3")) {
      if (el.querySelector("p, li, dd, pre, td")) continue;
      const text = el.textContent.replace(/\s+/g, " ").trim();
      if (text) { blocks.push(text); kinds.push(el.tagName.toLowerCase()); }
    }
    return { facts, blocks, kinds };
  };
  // The phrase step and Sphinx's summary read the same pages: each is parsed once.
  const readPage = (html) => {
    let found = parsed.get(html);
    if (found === undefined) parsed.set(html, (found = parsePage(html)));
    return found;
  };
  const tokens = (blocks) => {
    const out = [];
    for (const block of blocks) out.push(...splitQuery(PlaybookSearch.fold(block)), BREAK);
    return out;
  };

  /* The runs of the query's words found one after the other in the page: [start in the
   * query, length], each as long as it goes, of phrase_min_words words or more. */
  const runs = (query, page) => {
    const at = new Map();
    page.forEach((word, i) => {
      let list = at.get(word);
      if (list === undefined) at.set(word, (list = []));
      list.push(i);
    });
    const found = [];
    for (let i = 0; i < query.length; i++) {
      for (const p of at.get(query[i]) || []) {
        if (i > 0 && p > 0 && query[i - 1] === page[p - 1]) continue; // inside a longer run
        let n = 1;
        while (i + n < query.length && p + n < page.length && query[i + n] === page[p + n]) n += 1;
        if (n >= C.phrase_min_words) found.push([i, n]);
      }
    }
    return found;
  };

  /* The weight of the query's words found as phrases in the page: the heaviest runs that
   * do not overlap in the query, each with phrase_min_meaningful meaningful words or more. */
  const value = (query, page, weightOf) => {
    const candidates = runs(query, page)
      .map(([i, n]) => {
        const parts = query.slice(i, i + n);
        return [i, n, weightOf(parts), parts.filter((w) => weightOf([w]) > 0).length];
      })
      .filter(([, , weight, meaningful]) => weight > 0 && meaningful >= C.phrase_min_meaningful)
      .sort((a, b) => b[2] - a[2]);
    const taken = new Uint8Array(query.length);
    let total = 0;
    for (const [i, n, weight] of candidates) {
      if (taken.subarray(i, i + n).some((t) => t)) continue;
      taken.fill(1, i, i + n);
      total += weight;
    }
    return total;
  };

  /* Could the query hold a phrase at all (phrase_min_words words, enough meaningful)? */
  const hasPhrase = (words, weightOf) => words.length >= C.phrase_min_words
    && words.filter((w) => weightOf([w]) > 0).length >= C.phrase_min_meaningful;

  const pageUrl = (docName) => {  // as Sphinx's _displayItem asks for the summary
    const root = document.documentElement.dataset.content_root;
    if (DOCUMENTATION_OPTIONS.BUILDER === "dirhtml") {
      let dir = docName + "/";
      if (/\/index\/$/.test(dir)) dir = dir.slice(0, -6);
      else if (dir === "index/") dir = "";
      return root + dir;
    }
    return root + docName + DOCUMENTATION_OPTIONS.FILE_SUFFIX;
  };
  const realFetch = window.fetch.bind(window);
  const read = (url) => {
    if (!reading.has(url))
      reading.set(url, realFetch(url)
        .then((response) => (response.ok ? response.text() : null))
        .catch(() => null)
        .then((html) => {
          if (html === null) reading.delete(url); // tried again next time
          return html;
        }));
    return reading.get(url);
  };
  // Sphinx's summaries fetch the same pages: they get the copy read (or being read) here.
  window.fetch = (input, init) => (typeof input === "string" && reading.has(input)
    ? reading.get(input).then((html) => (html === null ? realFetch(input, init)
      : new Response(html, { headers: { "Content-Type": "text/html" } })))
    : realFetch(input, init));

  /* Sphinx's results (ascending: the best last) re-scored by the phrases found in the best
   * phrase_pages pages; a Promise of the list, or null when the query holds no phrase. */
  const refine = (query, results, ranking) => {
    current = null;
    if (!ranking || !results.length) return null;
    const model = PlaybookRanking.model();
    const words = PlaybookRanking.words(PlaybookRanking.body(query));
    const weightOf = PlaybookRanking.phraseWeight(model, ranking.used);
    if (!hasPhrase(words, weightOf)) return null;
    current = { words, weightOf };
    const byName = new Map(ranking.results.map((r) => [model.index.docnames[r.doc], r]));
    const best = results.slice(-C.phrase_pages);
    // Each page is scored as soon as it arrives: its reading overlaps the other downloads.
    const phrases = new Map(); // result -> the weight of its phrases
    const score = (item, html) => {
      if (html !== null && !phrases.has(item))
        phrases.set(item, C.phrase_weight * value(words, tokens(readPage(html).blocks), weightOf));
    };
    const pages = Promise.all(best.map((item) => read(pageUrl(item[0])).then((html) => score(item, html))));
    const late = new Promise((resolve) => setTimeout(resolve, C.phrase_wait_ms));
    return Promise.race([pages, late]).then(() => {
      // Late: the pages that did arrive count; the others are ranked by their words.
      for (const [item, phrase] of phrases) {
        const r = byName.get(item[0]);
        if (r !== undefined && phrase > r.phrase) item[4] = Math.round((r.base + phrase) * r.factor * 1000) / 1000;
      }
      return results.sort(playbookOrder);
    });
  };

  /* The weight of the last query's phrases found in one block (the summary prefers it). */
  const blockWeight = (text) => (current === null ? 0 : value(current.words, tokens([text]), current.weightOf));

  return { readPage, runs, value, refine, blockWeight, read, pageUrl };
})();
