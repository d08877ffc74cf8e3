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
* results are re-ranked: each query word found among a playbook's keywords or title
  words adds :data:`KEYWORD_WEIGHT`, and each playbook is listed once, best first.

The page stays ``search.html?q=…`` and works from ``file://`` as well as over HTTP.
"""

from __future__ import annotations

import json

from sphinx.application import Sphinx
from sphinx.search import _MINIFIED_JS_PATH
from sphinx.search._stopwords.pt import PORTUGUESE_STOPWORDS
from sphinx.search.pt import SearchPortuguese

from .fold import fold

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
  return { fold, canonical, KEYWORD_WEIGHT };
})();

var Stemmer = function () {
  const snowball = new PortugueseStemmer();
  this.stemWord = (word) => PlaybookSearch.canonical(snowball, word);
};
window.Stemmer = Stemmer;

if (typeof Search !== "undefined" && !Search._playbookSearch) {
  Search._playbookSearch = true;
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
    const results = perform(folded, searchTerms, excludedTerms, highlightTerms, objectTerms);
    const stemmer = new Stemmer();
    const wanted = new Set(
      splitQuery(folded).filter((w) => !stopwords.has(w)).map((w) => stemmer.stemWord(w)),
    );
    const docNumber = new Map(Search._index.docnames.map((name, i) => [name, i]));
    const stems = stemsOfEntries();
    const best = new Map();
    for (const result of results) {
      const own = stems.get(docNumber.get(result[0]));
      let hits = 0;
      if (own) wanted.forEach((w) => { if (own.has(w)) hits += 1; });
      result[4] += PlaybookSearch.KEYWORD_WEIGHT * hits;
      const previous = best.get(result[0]);
      if (previous === undefined || result[4] > previous[4]) best.set(result[0], result);
    }
    // Ascending: Sphinx displays the list from its end.
    return [...best.values()].sort(_orderResultsByScoreThenName);
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
        }
        return "\n".join((base, portuguese, code))


def setup(app: Sphinx) -> None:
    app.add_search_language(SearchPortugueseFolded)
