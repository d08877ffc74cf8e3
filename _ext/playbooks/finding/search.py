"""Portuguese full-text search that ignores accents, on Sphinx's own search page.

Sphinx's ``pt`` search language stems with Snowball but keeps accents: the index holds
``soluçã`` and "solucao" finds nothing.  This language replaces it (same ``lang``):

* every word, in the index (Python) and in the query (JavaScript), goes through the same
  :func:`canonical` key: accents folded, the ``-ão`` family put back in one form
  (``-ções``/``-cao``/``-ção`` -> ``-ção``), then Snowball, then folded again.  Folding
  only before stemming would split ``informação``/``informações``; folding only after
  would split about half of the accent pairs;
* the query is folded before Sphinx compares it with the index entries, which
  keywords_index.py fills with the folded keywords and title of each playbook;
* results are re-ranked: a playbook's score is Sphinx's score for the whole query plus
  its score for each word (at most :data:`WORD_CAP`), plus :data:`KEYWORD_WEIGHT` for each query word found among
  its keywords or title words; a playbook that lacks some words of a long query is still
  listed when it has at least half of them; each playbook is listed once, best first.

The page stays ``search.html?q=…`` and works from ``file://`` as well as over HTTP.

Why not Pagefind (the alternative the issue names): on the 30-query evaluation over PEN's
49 real playbooks (tests/search_evaluation.py) this search ranks the right playbook first
in 30/30 queries and in the top 3 in 30/30; Pagefind 1.5.2 (Portuguese stemming,
diacritics folded, ``--root-selector div.body``) got 29/30 and 30/30, Sphinx's stock
``pt`` search 11/30 and 12/30.  Pagefind does not load from ``file://``, needs its binary
at build time and a search page of its own; this keeps Sphinx's page, links and
bookmarks.  At 1,000 synthetic playbooks the index is 191 KB gzipped, written in the
compact form of search_index_format.py (320 KB in Sphinx's own form).
"""

from __future__ import annotations

import json

from sphinx.application import Sphinx
from sphinx.search import _MINIFIED_JS_PATH
from sphinx.search._stopwords.pt import PORTUGUESE_STOPWORDS
from sphinx.search.pt import SearchPortuguese

from ..collect.config import is_playbook, schema_from
from ..collect.records import get_records
from ..standard.fold import fold

#: Plural endings of the ``-ão`` family (applied first, folded), to the singular.
PLURALS = (("oes", "ao"), ("aes", "ao"), ("aos", "ao"))
#: Accents put back on a few endings so that Snowball sees one spelling (first match wins).
ACCENTS = (
    ("cao", "ção"), ("ao", "ão"),
    ("aveis", "áveis"), ("avel", "ável"), ("iveis", "íveis"), ("ivel", "ível"),
    ("encias", "ência"), ("encia", "ência"), ("ancias", "ância"), ("ancia", "ância"),
)
#: An ending is only rewritten when this many letters stay before it.
MIN_STEM = 2
#: Score added for each query word found in a playbook's keywords or title.
KEYWORD_WEIGHT = 20
#: Most a single word of a longer query adds (an exact keyword match scores 100 in Sphinx).
WORD_CAP = 30


def _rewrite(word: str, rules) -> str:
    for old, new in rules:
        if word.endswith(old) and len(word) - len(old) >= MIN_STEM:
            return word[: -len(old)] + new
    return word


def canonical(word: str, stem) -> str:
    """The index key of ``word``; ``stem`` is Snowball's Portuguese ``stemWord``."""
    word = fold(word)
    word = _rewrite(_rewrite(word, PLURALS), ACCENTS)
    stemmed = stem(word)
    if stemmed.endswith("s") and len(word) > 4 and word[-2:] in ("as", "es", "os"):
        stemmed = stem(word[:-1])  # "erros": Snowball keeps the plural of a few words
    return fold(stemmed)


JS_CODE = r"""
/* Manual de Atendimento: accent-insensitive Portuguese search (_ext/playbooks/search.py). */
const PlaybookSearch = (() => {
  const PLURALS = %(plurals)s;
  const ACCENTS = %(accents)s;
  const MIN_STEM = %(min_stem)d;
  const KEYWORD_WEIGHT = %(weight)d;
  const WORD_CAP = %(word_cap)d;
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
})();

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
"""


class SearchPortugueseFolded(SearchPortuguese):
    """Sphinx's Portuguese search language, accent-insensitive on both sides."""

    lang = "pt"
    language_name = "Portuguese"
    # No raw stemmer file: js_stemmer_code below carries the stemmer and the query side.
    js_stemmer_rawcode = ""
    stopwords = frozenset(PORTUGUESE_STOPWORDS) | frozenset(fold(w) for w in PORTUGUESE_STOPWORDS)

    def stem(self, word: str) -> str:
        return canonical(word, self.stemmer.stemWord)

    @property
    def js_stemmer_code(self) -> str:  # type: ignore[override]
        base = (_MINIFIED_JS_PATH / "base-stemmer.js").read_text(encoding="utf-8")
        portuguese = (_MINIFIED_JS_PATH / "portuguese-stemmer.js").read_text(encoding="utf-8")
        code = JS_CODE % {
            "plurals": json.dumps(PLURALS, ensure_ascii=False),
            "accents": json.dumps(ACCENTS, ensure_ascii=False),
            "min_stem": MIN_STEM,
            "weight": KEYWORD_WEIGHT,
            "word_cap": WORD_CAP,
        }
        return "\n".join((base, portuguese, code))




# --- Incremental builds --------------------------------------------------------------
# Sphinx 9.0.4 loses part of its search index on an incremental build: the index entries
# of the pages that are not written again are not reloaded from searchindex.js (they only
# live in the environment, which is saved before pages are written), and words whose
# pages were all removed stay behind with an empty list.  Both are repaired here, before
# the index is dumped, so an incremental build writes the same index as a clean one.
# Upstream: sphinx-doc/sphinx issue 12599 (open), "'indexentries' section missing results
# from search index following non-fresh project rebuild".


def _previous_index_entries(builder) -> dict[str, list[tuple[str, str, str]]]:
    path = builder.outdir / builder.searchindex_filename
    try:
        frozen = builder.indexer_format.loads(path.read_text(encoding="utf-8"))
        docnames = frozen["docnames"]
        entries: dict[str, list[tuple[str, str, str]]] = {}
        for entry, found in frozen.get("indexentries", {}).items():
            for number, target, main in found:
                entries.setdefault(docnames[number], []).append((entry, target, "main" if main else ""))
        return entries
    except (OSError, ValueError, KeyError, IndexError, TypeError):
        return {}


def repair_incremental_index(app: Sphinx):
    builder = app.builder
    indexer = getattr(builder, "indexer", None)
    if indexer is None or not getattr(builder, "search", False):
        return []
    all_docs = set(app.env.all_docs)
    indexer.prune(all_docs)
    for mapping in (indexer._mapping, indexer._title_mapping):
        for word in [w for w, docs in mapping.items() if not docs]:
            del mapping[word]
    entries = indexer._index_entries
    for docname in [d for d in entries if d not in all_docs]:
        del entries[docname]
    missing = [d for d in indexer._titles if d not in entries]
    if missing:
        previous = _previous_index_entries(builder)
        for docname in missing:
            entries[docname] = sorted(previous.get(docname, []))
    drop_standard_headings(app, indexer)
    return []


def drop_standard_headings(app: Sphinx, indexer) -> None:
    """Leave the standard section headings of playbooks out of the searchable titles.

    Every playbook has "Situação", "Solução Sugerida"...: as titles they would list every
    playbook for a query such as "solução" and add about 20 KB (gzip) to the index at 1,000
    playbooks.  Their words stay in the index (``titleterms``), and other headings (reply
    labels, subsections) stay searchable titles.
    """
    kinds = schema_from(app.config).kinds
    records = get_records(app.env)
    for docname, titles in indexer._all_titles.items():
        kind = kinds.get((records.get(docname) or {}).get("kind"))
        if kind is None or not is_playbook(app.config, docname):
            continue
        kept = [(title, anchor) for title, anchor in titles if anchor is None or not kind.matches(title)]
        if len(kept) != len(titles):
            indexer._all_titles[docname] = kept


def setup(app: Sphinx) -> None:
    from . import search_index_format

    search_index_format.setup(app)
    app.add_search_language(SearchPortugueseFolded)
    app.connect("html-collect-pages", repair_incremental_index)
