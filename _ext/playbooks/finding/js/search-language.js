/* Manual de Atendimento: accent-insensitive Portuguese search (_ext/playbooks/finding/search.py).
 * PLAYBOOK_SEARCH_CONFIG (plurals, accents, min_stem, keyword_weight, word_cap) is written
 * before this file by search.py, from its Python constants. */
const PlaybookSearch = ((config) => {
  const PLURALS = config.plurals;
  const ACCENTS = config.accents;
  const MIN_STEM = config.min_stem;
  const KEYWORD_WEIGHT = config.keyword_weight;
  const WORD_CAP = config.word_cap;
  const fold = (text) => text.normalize("NFKD").replace(/\p{Mn}/gu, "").toLowerCase();
  const rewrite = (word, rules) => {
    for (const [old, repl] of rules) {
      if (word.endsWith(old) && word.length - old.length >= MIN_STEM)
        return word.slice(0, word.length - old.length) + repl;
    }
    return word;
  };
  const canonical = (snowball, input) => {
    let word = rewrite(rewrite(fold(input), PLURALS), ACCENTS);
    let stemmed = snowball.stemWord(word);
    if (stemmed.endsWith("s") && word.length > 4 && /[aeo]s$/.test(word))
      stemmed = snowball.stemWord(word.slice(0, -1));
    return fold(stemmed);
  };
  return { fold, canonical, KEYWORD_WEIGHT, WORD_CAP };
})(PLAYBOOK_SEARCH_CONFIG);

var Stemmer = function () {
  const snowball = new PortugueseStemmer();
  this.stemWord = (word) => PlaybookSearch.canonical(snowball, word);
};
window.Stemmer = Stemmer;

if (typeof Search !== "undefined" && !Search._playbookSearch) {
  Search._playbookSearch = true;
  // Result summaries come from the page's text: leave the metadata panel out of them.
  const pageText = Search.htmlToText;
  Search.htmlToText = (htmlString, anchor) => {
    const page = new DOMParser().parseFromString(htmlString, "text/html");
    page.querySelectorAll(".playbook-panel").forEach((el) => el.remove());
    return pageText(page.documentElement.outerHTML, anchor);
  };
  const perform = Search._performSearch;
  let entryStems = null; // document number -> Set of keyword/title stems
  const stemsOfEntries = () => {
    if (entryStems !== null) return entryStems;
    entryStems = new Map();
    const stemmer = new Stemmer();
    for (const [entry, found] of Object.entries(Search._index.indexentries || {})) {
      const stems = splitQuery(entry).map((w) => stemmer.stemWord(w));
      for (const [file] of found) {
        if (!entryStems.has(file)) entryStems.set(file, new Set());
        stems.forEach((s) => entryStems.get(file).add(s));
      }
    }
    return entryStems;
  };
  Search._performSearch = (query, searchTerms, excludedTerms, highlightTerms, objectTerms) => {
    const folded = PlaybookSearch.fold(query);
    const stemmer = new Stemmer();
    const words = [...new Set(splitQuery(folded).filter((w) => !stopwords.has(w)))];
    const wanted = new Set(words.map((w) => stemmer.stemWord(w)));
    const textWords = words.filter((w) => !/^\d+$/.test(w));
    const found = new Map(); // docname -> {result, best: Map(word or "*" -> score)}
    const collect = (results, key) => {
      for (const result of results) {
        let seen = found.get(result[0]);
        if (seen === undefined) found.set(result[0], (seen = { result, best: new Map() }));
        if ((seen.best.get(key) ?? -Infinity) < result[4]) {
          seen.best.set(key, result[4]);
          if (key === "*") seen.result = result;
        }
      }
    };
    // Sphinx's own search: every word required, the whole query against index entries.
    collect(perform(folded, searchTerms, excludedTerms, highlightTerms, objectTerms), "*");
    // Each word on its own, so that a playbook missing one word of a long query
    // (words pasted from a ticket) is still listed, after those that have more of them.
    if (textWords.length > 1) {
      for (const word of textWords) {
        const stem = stemmer.stemWord(word);
        collect(perform(word, new Set([stem]), excludedTerms, new Set([word]), new Set([word])), word);
      }
    }
    const needed = Math.ceil(textWords.length / 2);
    const docNumber = new Map(Search._index.docnames.map((name, i) => [name, i]));
    const stems = stemsOfEntries();
    const results = [];
    for (const [, seen] of found) {
      const full = seen.best.has("*");
      const matched = textWords.filter((w) => seen.best.has(w)).length;
      if (!full && matched < needed) continue;
      let score = full ? seen.best.get("*") : 0;
      textWords.forEach((w) => { score += Math.min(seen.best.get(w) ?? 0, PlaybookSearch.WORD_CAP); });
      const own = stems.get(docNumber.get(seen.result[0]));
      if (own) wanted.forEach((w) => { if (own.has(w)) score += PlaybookSearch.KEYWORD_WEIGHT; });
      const result = seen.result.slice();
      result[4] = score;
      results.push(result);
    }
    // Ascending: Sphinx displays the list from its end.
    summariesShown = 0;
    DOCUMENTATION_OPTIONS.SHOW_SEARCH_SUMMARY = showSummaries;
    watchResults();
    return results.sort(_orderResultsByScoreThenName);
  };
  // Sphinx downloads each result's whole page to show a snippet under it: a broad query on
  // a big handbook would download hundreds of pages.  Snippets for the best
  // SUMMARY_LIMIT results only (Sphinx reads the flag for each item it displays, best
  // first, 5 ms apart; the observer turns it off once enough items are on the page).
  const SUMMARY_LIMIT = 10;
  const showSummaries = DOCUMENTATION_OPTIONS.SHOW_SEARCH_SUMMARY;
  let summariesShown = 0;
  let watching = false;
  const watchResults = () => {  // once the page's body exists (this file loads in <head>)
    const resultsBox = document.getElementById("search-results");
    if (watching || !resultsBox || !showSummaries) return;
    watching = true;
    new MutationObserver((changes) => {
      for (const change of changes) {
        change.addedNodes.forEach((node) => {
          if (node.nodeName === "LI") summariesShown += 1;
        });
      }
      if (summariesShown >= SUMMARY_LIMIT) DOCUMENTATION_OPTIONS.SHOW_SEARCH_SUMMARY = false;
    }).observe(resultsBox, { childList: true, subtree: true });
  };
}
