/* Manual de Atendimento: accent-insensitive Portuguese search (_ext/playbooks/finding/search.py).
 * PLAYBOOK_SEARCH_CONFIG (plurals, accents, min_stem and the ranking's weights) is written
 * before this file by search.py, from its Python constants; PLAYBOOK_SEARCH_IGNORED (the
 * words of a ticket that weigh nothing) and PLAYBOOK_SEARCH_PLAYBOOK_ROOT come from conf.py
 * (static/playbook-search-config.js_t). */
// Sphinx's default splitter (searchtools.js), for the pages that load this file without
// searchtools.js: every page's header search (static/search-box.js).
if (typeof splitQuery === "undefined") {
  var splitQuery = (query) => query.split(/[^\p{Letter}\p{Number}_\p{Emoji_Presentation}]+/gu).filter((term) => term);
}

const PlaybookSearch = ((config) => {
  const PLURALS = config.plurals;
  const ACCENTS = config.accents;
  const MIN_STEM = config.min_stem;
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
  /* A verb and its enclitic pronoun ("enviá-lo", "trata-se") as the verb alone ("enviar",
   * "trata"): the twin of collect/search_words.py's without_clitics. */
  const AFTER_R = new Set(config.clitics_after_r);
  const CLITIC_RE = new RegExp("(?<![\\p{L}\\p{N}_-])(\\p{L}+)-("
    + [...config.clitics_after_r, ...config.clitics].sort((a, b) => b.length - a.length).join("|")
    + ")(?![\\p{L}\\p{N}_-])", "giu");
  const verb = (match, word, clitic) => {
    if (!AFTER_R.has(clitic.toLowerCase())) return word;
    const last = fold(word.slice(-1));
    if (!"aeio".includes(last)) return word;
    const upper = word === word.toUpperCase() && word !== word.toLowerCase();
    if (word.slice(-2).toLowerCase() === "mo") return word + (upper ? "S" : "s"); // "enviamo-lo": enviamos
    return word.slice(0, -1) + (upper ? last.toUpperCase() : last) + (upper ? "R" : "r");
  };
  const withoutClitics = (text) => (text.includes("-") ? text.replace(CLITIC_RE, verb) : text);
  return { fold, canonical, withoutClitics, config };
})(PLAYBOOK_SEARCH_CONFIG);

/* Sphinx's splitQuery (searchtools.js, loaded before this file), every caller's way of
 * cutting a text into words (the query, the phrases of the pages, the summaries), with a
 * verb and its enclitic pronoun as one word, as the index side splits them
 * (FoldedPortuguese.split). */
const _sphinxSplitQuery = typeof splitQuery === "function" ? splitQuery
  : (query) => query.split(/[^\p{Letter}\p{Number}_\p{Emoji_Presentation}]+/gu).filter((term) => term);
var splitQuery = (query) => _sphinxSplitQuery(PlaybookSearch.withoutClitics(query));

const _playbookStems = new Map(); // folded word -> index key (the same for every Stemmer)
var Stemmer = function () {
  const snowball = new PortugueseStemmer();
  this.stemWord = (word) => {
    let stem = _playbookStems.get(word);
    if (stem === undefined) _playbookStems.set(word, (stem = PlaybookSearch.canonical(snowball, word)));
    return stem;
  };
};
window.Stemmer = Stemmer;

/* Ranking (issue 14), in the manner of BM25F, from the index the page already loaded:
 * - each word of the query weighs its IDF (how rare it is among the documents), less for a
 *   word common in Portuguese at large (the index's playbook_common: "coisa", "precisa");
 * - each field where it is found adds its weight, normalised by the field's length:
 *   title, keywords (the index entries), "situation" (Situação and Quando Ocorre, the
 *   index's playbook_fields) and the whole text (terms and titleterms; its length is the
 *   number of distinct words of the document); the sum saturates (k1);
 * - a keyword or title of the playbook found whole in the query (an error message, "status 2")
 *   adds its words' weight again, times the phrase's own rarity: exact phrases rank their
 *   playbook first, a phrase many titles share (a category's name) adds little;
 * - in a pasted ticket, the signature after the closing formula is left out (body);
 * - stop words and ticket boilerplate (PLAYBOOK_SEARCH_IGNORED) weigh nothing;
 * - a word of five letters or more that is not in the index is tried with one edit; a
 *   diminutive that is not ("barrinha") is searched as its word ("barra");
 * - the share of the query's weight a playbook matches (coverage_weight) counts a word found
 *   only in its text at text_coverage of its weight: a rare word in the title, keywords or
 *   Situação names the situation, the same word in a log line or an aside does not (issue 21).
 * Entry points shared by every caller (the search page, the header's search box):
 * PlaybookRanking.rank(query) -> {terms, used, results: [{doc, base, phrase, factor, score}]}
 * (unsorted; doc indexes Search._index), PlaybookRanking.analyse(query), .phraseWeight,
 * .words and .model(); the weights are PlaybookSearch.config (finding/search.py RANKING). */
/* A playbook's page, not the catalog, a category's index, the guide or the health page
 * (PLAYBOOK_SEARCH_PLAYBOOK_ROOT: conf.py's playbook_root; every page without it). */
const isPlaybookPage = (docname) => typeof PLAYBOOK_SEARCH_PLAYBOOK_ROOT === "undefined"
  || (docname.startsWith(PLAYBOOK_SEARCH_PLAYBOOK_ROOT + "/") && !docname.endsWith("/index"));

const PlaybookRanking = (() => {
  const C = PlaybookSearch.config;
  const ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
  let model = null;
  const add = (map, key, value) => {
    let set = map.get(key);
    if (set === undefined) map.set(key, (set = new Set()));
    set.add(value);
  };
  const own = (object, key) => Object.prototype.hasOwnProperty.call(object, key);
  /* The documents of a word, as lists that do not overlap: Sphinx's terms and titleterms
   * (a document is in one of them), and the titles and keywords for the words Sphinx leaves
   * out (numbers). */
  const postings = (m, stem) => {
    const out = [];
    for (const terms of [m.index.terms, m.index.titleterms]) {
      if (!own(terms, stem)) continue;
      const value = terms[stem];
      out.push(typeof value === "number" ? [value] : value);
    }
    if (m.fieldDocs.has(stem)) out.push(m.fieldDocs.get(stem));
    return out;
  };
  const documentCount = (m, stem) => {
    let count = m.counts.get(stem);
    if (count === undefined) {
      count = 0;
      for (const list of postings(m, stem)) count += list.length;
      m.counts.set(stem, count);
    }
    return count;
  };
  const words = (text) => splitQuery(PlaybookSearch.fold(text));
  const build = (index) => {
    const stemmer = new Stemmer();
    const n = index.docnames.length;
    const length = new Float64Array(n); // distinct words of each document
    for (const key of ["terms", "titleterms"])
      for (const value of Object.values(index[key])) {
        if (typeof value === "number") length[value] += 1;
        else for (const doc of value) length[doc] += 1;
      }
    const meaningful = (text) => words(text).filter((w) => !stopwords.has(w)).map((w) => stemmer.stemWord(w));
    const title = index.titles.map((t) => new Set(meaningful(t)));
    const keywords = new Map(); // document -> Set of stems
    const phrases = new Map(); // folded phrase (keyword or title) -> Set of documents
    const entries = Object.entries(index.indexentries || {});
    for (const [entry, found] of entries) {
      const phrase = words(entry).join(" ");
      for (const [doc] of found) {
        meaningful(entry).forEach((s) => add(keywords, doc, s));
        if (phrase) add(phrases, phrase, doc);
      }
    }
    index.titles.forEach((t, doc) => { const p = words(t).join(" "); if (p) add(phrases, p, doc); });
    const situation = new Map();
    for (const [stem, docs] of Object.entries((index.playbook_fields || {}).situation || {}))
      situation.set(stem, new Set(docs));
    const common = new Map(); // folded word -> factor on its weight (finding/common_words.py)
    for (const [tenths, stems] of Object.entries(index.playbook_common || {}))
      for (const stem of stems.split(" ")) if (stem) common.set(stem, Number(tenths) / 10);
    const fields = new Map(); // title and keyword words that are not in terms/titleterms
    const inTerms = (stem) => own(index.terms, stem) || own(index.titleterms, stem);
    title.forEach((stems, doc) => stems.forEach((s) => { if (!inTerms(s)) add(fields, s, doc); }));
    keywords.forEach((stems, doc) => stems.forEach((s) => { if (!inTerms(s)) add(fields, s, doc); }));
    const fieldDocs = new Map([...fields].map(([stem, docs]) => [stem, [...docs]]));
    // Phrases of two words or more by their first word: [words, documents].
    const byFirst = new Map();
    for (const [phrase, docs] of phrases) {
      const parts = phrase.split(" ");
      if (parts.length < 2) continue;
      if (!byFirst.has(parts[0])) byFirst.set(parts[0], []);
      byFirst.get(parts[0]).push([parts, docs]);
    }
    const average = (values) => values.reduce((a, b) => a + b, 0) / Math.max(values.length, 1) || 1;
    return {
      index, n, length, title, keywords, byFirst, situation, common, fieldDocs, counts: new Map(),
      stems: new Set([...Object.keys(index.terms), ...Object.keys(index.titleterms), ...fieldDocs.keys()]),
      avgLength: average([...length]),
      avgTitle: average(title.map((s) => s.size)),
      avgKeywords: average([...keywords.values()].map((s) => s.size)),
    };
  };
  const get = () => {
    if (model === null || model.index !== Search._index) model = build(Search._index);
    return model;
  };
  const idf = (m, df) => Math.log(1 + (m.n - df + 0.5) / (df + 0.5));
  /* The weight of a word (folded, as the query writes it) of this df: its IDF, less for a
   * word common in Portuguese at large ("coisa", "precisa"), which the playbooks' formal
   * register makes look rare. */
  const weigh = (m, word, df) => idf(m, df) * (m.common.get(word) ?? 1);
  const ignored = (word) =>
    stopwords.has(word) || (typeof PLAYBOOK_SEARCH_IGNORED !== "undefined" && PLAYBOOK_SEARCH_IGNORED.has(word))
    || (word.length < 2 && !/^\d$/.test(word));
  /* A pasted ticket without its signature: in a query of several lines, the short lines
   * after the closing formula (the last line, not the first, whose words are all stop
   * words or ignored words: "Atenciosamente,", "Att.", "Obrigado,") name who writes (a
   * person, a unit), not what happened, and are left out (signature_lines and
   * signature_words: at most that many lines, each of at most that many words). */
  const body = (query) => {
    if (!C.signature_lines) return query;
    const lines = query.split(/\r?\n/);
    let closing = -1;
    for (let i = 1; i < lines.length; i++) {
      const parts = splitQuery(PlaybookSearch.fold(lines[i]));
      if (parts.length && parts.every(ignored)) closing = i;
    }
    if (closing < 1) return query;
    const after = lines.slice(closing + 1).map((line) => splitQuery(line)).filter((parts) => parts.length);
    if (after.length > C.signature_lines || after.some((parts) => parts.length > C.signature_words)) return query;
    return lines.slice(0, closing).join("\n");
  };
  /* The word within one edit (deletion, substitution, insertion, transposition) whose key
   * is in the most documents, or null. */
  const correct = (m, word, stemmer, minDf) => {
    let best = null, bestDf = minDf - 1;
    // A word's key is the word less an ending (Snowball), so a candidate none of whose
    // longer beginnings is a key cannot match: skipped without stemming it.
    const possible = (candidate) => {
      for (let end = candidate.length; end >= Math.max(2, candidate.length - 7); end--)
        if (m.stems.has(candidate.slice(0, end))) return true;
      return false;
    };
    const tryWord = (candidate) => {
      if (candidate.length < 2 || !possible(candidate) || ignored(candidate)) return;
      const df = documentCount(m, stemmer.stemWord(candidate));
      if (df > bestDf) { best = candidate; bestDf = df; }
    };
    for (let i = 0; i <= word.length; i++) {
      const before = word.slice(0, i), after = word.slice(i);
      if (i < word.length) tryWord(before + after.slice(1));
      if (i + 1 < word.length) tryWord(before + after[1] + after[0] + after.slice(2));
      for (const c of ALPHABET) {
        if (i < word.length && c !== word[i]) tryWord(before + c + after.slice(1));
        tryWord(before + c + after);
      }
    }
    return best;
  };
  /* The word of a diminutive (-zinho, -zinha, -inho, -inha and their plurals) whose key is
   * in the index or that the search ignores ("botaozinho": "botao"; "barrinha": "barra";
   * "obrigadinho": "obrigado"), or null. */
  const undiminished = (m, word, stemmer) => {
    for (const base of [word.replace(/zinh[oa](s?)$/, "$1"), word.replace(/inh([oa]s?)$/, "$1")])
      if (base !== word && base.length >= C.min_diminutive_base
          && (ignored(base) || documentCount(m, stemmer.stemWord(base))))
        return base;
    return null;
  };
  /* Endings of the regular forms a ticket uses, after the index key of a verb in -ar, -er
   * or -ir ("migr" + "amos"); not the bare vowels, which nouns share ("logo", "serve",
   * "contrato"). */
  const VERB_ENDINGS = {
    a: ["ou", "ei", "amos", "aram", "ando", "ado", "ada", "ados", "adas", "ava", "avam", "ar", "aria"],
    e: ["eu", "emos", "eram", "endo", "ido", "ida", "idos", "idas", "ia", "iam", "er", "eria"],
    i: ["iu", "imos", "iram", "indo", "ido", "ida", "idos", "idas", "ia", "iam", "ir", "iria"],
  };
  /* Whether a word of the query is a synonym key's word: written as it, or, for a word that
   * is a Portuguese verb in the infinitive ("migrar"), one of its regular forms ("migramos",
   * "migrou"): its index key followed by one of its VERB_ENDINGS, and the same index key.
   * "log", "logs" and "logo" are not forms of "logar", nor "serve" of "server".  The key's
   * side is worked out once, not for every word of the query. */
  const keyForm = (stemmer, key) => {
    const infinitive = /([aei])r$/.exec(key);
    const stem = infinitive === null ? null : stemmer.stemWord(key);
    if (stem === null || !key.startsWith(stem)) return Object.assign((typed) => typed === key, { fixed: key.length });
    const endings = VERB_ENDINGS[infinitive[1]];
    // fixed: how many first letters every matching word shares with the key
    return Object.assign((typed) => typed === key || (typed.startsWith(stem) && endings.includes(typed.slice(stem.length))
                                                      && stemmer.stemWord(typed) === stem), { fixed: stem.length });
  };
  /* The synonym keys, worked out once for a PLAYBOOK_SEARCH_SYNONYMS map: each {key, others,
   * forms, order} filed by the first two letters of its first word, the keys a word of the
   * query can start ("always": keys whose first word matches words sharing fewer letters).
   * A pasted ticket of 200 words then tries a handful of keys per word, not all of them. */
  const NO_SYNONYMS = new Map();
  let synonymKeys = { source: null };
  const keysOf = (synonyms) => {
    // (worked out again when the map is replaced or its size changes; an entry changed in
    // place is not seen: conf.py's map is written once, before this script)
    if (synonymKeys.source === synonyms && synonymKeys.size === synonyms.size) return synonymKeys;
    const stemmer = new Stemmer();
    const byStart = new Map();
    const always = [];
    let order = 0;
    for (const [key, others] of synonyms) {
      const parts = splitQuery(PlaybookSearch.fold(key));
      if (!parts.length) continue;
      const entry = { key, others, forms: parts.map((w) => keyForm(stemmer, w)), order: order++ };
      if (entry.forms[0].fixed < 2) always.push(entry);
      else if (byStart.has(parts[0].slice(0, 2))) byStart.get(parts[0].slice(0, 2)).push(entry);
      else byStart.set(parts[0].slice(0, 2), [entry]);
    }
    synonymKeys = { source: synonyms, size: synonyms.size, byStart, always };
    return synonymKeys;
  };
  /* The query's words: [{word, stem, weight, corrected}] (one per stem), and the corrections. */
  const analyse = (query) => {
    const m = get();
    const stemmer = new Stemmer();
    const seen = new Map();
    const corrections = [];
    let tries = 0;
    // In a pasted ticket, a capitalised word without a match is a name (a signature): it is
    // not corrected, and a correction must be a word of two documents or more.
    const raw = splitQuery(body(query).normalize("NFKD").replace(/\p{Mn}/gu, ""));
    const long = raw.length > C.short_query;
    for (const original of raw) {
      const word = original.toLowerCase();
      if (ignored(word)) continue;
      let stem = stemmer.stemWord(word);
      if (seen.has(stem)) continue;
      let df = documentCount(m, stem);
      let corrected = null;
      let looked = word; // the word looked up: as typed, or the word of its diminutive
      if (df === 0) {
        // A diminutive the playbooks do not use is searched as its word, and weighs as it:
        // "barrinha" as "barra", "botaozinho" as "botao" (the same word, so no notice,
        // unlike a correction); "obrigadinho" is as ignored as "obrigado".
        const base = undiminished(m, word, stemmer);
        if (base !== null) {
          if (ignored(base)) continue;
          stem = stemmer.stemWord(base);
          if (seen.has(stem)) continue;
          df = documentCount(m, stem);
          looked = base;
        }
      }
      if (df === 0 && word.length >= C.min_correction && !/\d/.test(word) && tries < C.max_corrections
          && !(long && original[0] !== word[0])) {
        tries += 1;
        corrected = correct(m, word, stemmer, long ? 2 : 1);
        if (corrected !== null) {
          stem = stemmer.stemWord(corrected);
          if (seen.has(stem)) continue;
          df = documentCount(m, stem);
          corrections.push([word, corrected]);
        }
      }
      seen.set(stem, { word: corrected || word, original: word, stem, df, weight: df ? weigh(m, corrected || looked, df) : 0,
                      corrected: corrected !== null });
    }
    // Synonyms (PLAYBOOK_SEARCH_SYNONYMS, from conf.py): "upgrade" also looks for
    // "atualizar", at synonym_factor of its weight, unless the query has the word itself.
    // A key matches a word of the query as written (accents and case aside), and a key that
    // is a verb in the infinitive also matches its forms (keyForm: "migrar" in "migramos"):
    // other forms a requester uses are keys of their own ("vencido", "venceu"), and no other
    // word that happens to share its index key ("log" and "logar") calls its synonyms.  A key of
    // several words ("código de barras", "e-cpf") matches them one after the other; a synonym
    // of several words looks for each.
    const keys = keysOf(typeof PLAYBOOK_SEARCH_SYNONYMS === "undefined" ? NO_SYNONYMS : PLAYBOOK_SEARCH_SYNONYMS);
    const typed = raw.map((w) => w.toLowerCase());
    const found = new Set();
    const tryKeys = (entries, i) => {
      for (const entry of entries) {
        if (found.has(entry) || i + entry.forms.length > typed.length) continue;
        const span = typed.slice(i, i + entry.forms.length);
        if (entry.forms.every((isForm, k) => isForm(span[k])) && !span.every(ignored)) found.add(entry);
      }
    };
    typed.forEach((word, i) => {
      tryKeys(keys.byStart.get(word.slice(0, 2)) || [], i);
      tryKeys(keys.always, i);
    });
    // In the map's order, as written in conf.py: the first key to call a word keeps it.
    for (const { key: original, others } of [...found].sort((a, b) => a.order - b.order)) {
      for (const other of others) {
        for (const w of splitQuery(PlaybookSearch.fold(other))) {
          if (ignored(w)) continue;
          const stem = stemmer.stemWord(w);
          const df = seen.has(stem) ? 0 : documentCount(m, stem);
          if (df) seen.set(stem, { word: other, original, stem, df, weight: weigh(m, w, df) * C.synonym_factor,
                                   corrected: false, synonym: true });
        }
      }
    }
    return { model: m, terms: [...seen.values()] };
  };
  /* The weight of a phrase of the query (a list of folded words): its words' weights; a word
   * the index does not hold (a number) weighs as the rarest word; stop words and ignored
   * words weigh nothing. */
  const phraseWeight = (m, used) => {
    const stemmer = new Stemmer();
    const weights = new Map(used.map((t) => [t.stem, t.weight]));
    return (parts) => parts.reduce((sum, w) => {
      if (ignored(w)) return sum;
      const stem = stemmer.stemWord(w);
      return sum + (weights.has(stem) ? weights.get(stem) : documentCount(m, stem) ? 0 : idf(m, 1));
    }, 0);
  };
  const rank = (query) => {
    const { model: m, terms } = analyse(query);
    const used = terms.filter((t) => t.df > 0);
    const total = used.reduce((sum, t) => sum + t.weight, 0);
    // Per document: score, words matched, weight of the words matched.
    const score = new Float64Array(m.n), matched = new Uint16Array(m.n), weight = new Float64Array(m.n);
    const phrase = new Float64Array(m.n); // keywords and titles found whole in the query
    const touched = [];
    const norm = (b, len, avg) => 1 - b + b * (len / avg);
    for (const t of used) {
      const situation = m.situation.get(t.stem);
      const factor = (t.corrected ? C.corrected_factor : 1) * t.weight * (C.k1 + 1);
      for (const list of postings(m, t.stem)) for (const doc of list) {
        let tf = C.weight_text / norm(C.b_text, m.length[doc], m.avgLength);
        let named = false; // in a field that names the situation: title, keywords, Situação
        if (m.title[doc].has(t.stem)) {
          tf += C.weight_title / norm(C.b_title, m.title[doc].size, m.avgTitle);
          named = true;
        }
        const own = m.keywords.get(doc);
        if (own !== undefined && own.has(t.stem)) {
          tf += C.weight_keywords / norm(C.b_keywords, own.size, m.avgKeywords);
          named = true;
        }
        if (situation !== undefined && situation.has(doc)) {
          tf += C.weight_situation;
          named = true;
        }
        if (matched[doc] === 0) touched.push(doc);
        score[doc] += factor * tf / (C.k1 + tf);
        matched[doc] += 1;
        weight[doc] += t.weight * (named ? 1 : C.text_coverage);
      }
    }
    // Keywords and titles found whole in the query (two words or more).  A word of the
    // phrase that the index does not hold (a number) weighs as the rarest word.  The phrase
    // weighs as rare as it is: its words' weight times its own IDF over that of a phrase of
    // one document ("protocolo integrado", in a dozen titles, names a category, not a
    // situation).
    const weightOf = phraseWeight(m, used);
    const sequence = words(body(query));
    const found = new Set();
    for (let i = 0; i < sequence.length; i++) {
      for (const entry of m.byFirst.get(sequence[i]) || []) {
        const [parts, docs] = entry;
        if (found.has(entry) || !parts.every((w, k) => sequence[i + k] === w)) continue;
        found.add(entry);
        const bonus = C.phrase_weight * weightOf(parts) * idf(m, docs.size) / idf(m, 1);
        for (const doc of docs) if (matched[doc] > 0) phrase[doc] += bonus;
      }
    }
    // A title that holds every word of the query.
    if (used.length >= 2)
      for (const doc of touched)
        if (matched[doc] === used.length && used.every((t) => m.title[doc].has(t.stem)))
          score[doc] += C.whole_title_weight * total;
    const results = [];
    let top = 0;
    for (const doc of touched) top = Math.max(top, score[doc] + phrase[doc]);
    const needed = Math.ceil(used.length / 2);
    for (const doc of touched) {
      // Short queries: at least half of their words; long ones (a pasted ticket): near the best.
      if (used.length <= C.short_query ? matched[doc] < needed
          : score[doc] + phrase[doc] < C.long_query_share * top) continue;
      const coverage = total ? weight[doc] / total : 0;
      const name = m.index.docnames[doc];
      const playbook = isPlaybookPage(name);
      const factor = (1 - C.coverage_weight + C.coverage_weight * coverage) * (playbook ? 1 : C.other_page_factor);
      // The score is (base + phrase) * factor: search-phrases.js may raise the phrase part
      // once it has read the page.
      results.push({ doc, base: score[doc], phrase: phrase[doc], factor, score: (score[doc] + phrase[doc]) * factor });
    }
    return { terms, used, results };
  };
  return { analyse, rank, phraseWeight, words, body, model: get };
})();

/* Sphinx's order of results (searchtools.js), best last; the same where it is not loaded. */
const playbookOrder = (a, b) => {
  if (typeof _orderResultsByScoreThenName === "function") return _orderResultsByScoreThenName(a, b);
  if (a[4] !== b[4]) return a[4] > b[4] ? 1 : -1;
  const [left, right] = [a[1].toLowerCase(), b[1].toLowerCase()];
  return left === right ? 0 : left > right ? -1 : 1;
};

/* A query's results as Sphinx's items ([docname, title, anchor, description, score,
 * filename, kind]), best last, and the ranking they come from.  The search page
 * (Search._performSearch below) and the header's list (static/search-box.js) both call it. */
const playbookResults = (query) => {
  const ranking = PlaybookRanking.rank(query);
  const index = PlaybookRanking.model().index;
  const items = ranking.results.map((r) => [
    index.docnames[r.doc], index.titles[r.doc], "", null, Math.round(r.score * 1000) / 1000,
    index.filenames[r.doc], "text",
  ]);
  return { ranking, items: items.sort(playbookOrder) };
};

const PLAYBOOK_SUMMARY_CHARS = 240;
/* A result's category and team (p.playbook-result-facts) and the passage that matches the
 * rarest words of the query (``terms``: PlaybookRanking's used terms), those words marked
 * (p.context), from the result's page: the search page's summaries and the header's list. */
const playbookSummary = (htmlString, terms) => {
  const SUMMARY_CHARS = PLAYBOOK_SUMMARY_CHARS;
  const { facts, blocks, kinds } = PlaybookPhrases.readPage(htmlString);
  const stemmer = new Stemmer();
  const weight = new Map(terms.map((t) => [t.stem, t.weight]));
  // Not the page's title (the result shows it already) nor a heading, unless nothing else
  // is there: a passage of the text, the first paragraph when no block holds a word.
  const body = blocks.filter((_, i) => kinds[i] !== "h1" && kinds[i] !== "h2" && kinds[i] !== "h3");
  const candidates = body.length ? body : blocks;
  if (!candidates.length) return null;
  let best = candidates[0], bestScore = 0;
  for (const text of candidates) {
    const found = new Set();
    for (const w of splitQuery(PlaybookSearch.fold(text))) {
      const stem = stemmer.stemWord(w);
      if (weight.has(stem)) found.add(stem);
    }
    const score = [...found].reduce((sum, s) => sum + weight.get(s), 0) + PlaybookPhrases.blockWeight(text);
    if (score > bestScore) { best = text; bestScore = score; }
  }
  // Up to SUMMARY_CHARS characters around the rarest word found in the passage.
  const tokens = [...best.matchAll(/[\p{Letter}\p{Number}_]+/gu)];
  const marked = tokens.filter((m) => weight.has(stemmer.stemWord(PlaybookSearch.fold(m[0]))));
  let start = 0;
  if (best.length > SUMMARY_CHARS && marked.length) {
    const rarest = marked.reduce((a, b) =>
      weight.get(stemmer.stemWord(PlaybookSearch.fold(b[0]))) > weight.get(stemmer.stemWord(PlaybookSearch.fold(a[0]))) ? b : a);
    start = Math.max(0, Math.min(rarest.index - SUMMARY_CHARS / 3, best.length - SUMMARY_CHARS));
    start = best.lastIndexOf(" ", start) + 1;
  }
  const end = Math.min(best.length, start + SUMMARY_CHARS);
  const summary = document.createElement("p");
  summary.classList.add("context");
  if (start > 0) summary.append("…");
  let at = start;
  for (const m of marked) {
    if (m.index < start || m.index + m[0].length > end) continue;
    summary.append(best.slice(at, m.index));
    summary.appendChild(document.createElement("mark")).textContent = m[0];
    at = m.index + m[0].length;
  }
  summary.append(best.slice(at, end));
  if (end < best.length) summary.append("…");
  const fragment = document.createDocumentFragment();
  if (facts.length) {
    const about = fragment.appendChild(document.createElement("p"));
    about.className = "playbook-result-facts";
    about.textContent = facts.map(([label, value]) => `${label}: ${value}`).join(" · ");
  }
  fragment.appendChild(summary);
  return fragment;
};

if (typeof Search !== "undefined" && Search.performSearch && !Search._playbookSearch) {
  Search._playbookSearch = true;
  let lastTerms = []; // the words of the last query (with their weights), for the summaries
  let lastRanking = null; // PlaybookRanking.rank's answer for the last query
  // Sphinx's Search.query, with one step between ranking and display: exact phrases
  // (search-phrases.js), which may read the best results' pages first.
  let queries = 0; // the number of the latest query
  Search.query = (query) => {
    const [searchQuery, searchTerms, excludedTerms, highlightTerms, objectTerms] = Search._parseQuery(query);
    const results = Search._performSearch(searchQuery, searchTerms, excludedTerms, highlightTerms, objectTerms);
    const number = ++queries;
    // Sphinx's _displayNextItem (an item every 5 ms, then the summary line), stopped as soon
    // as a later query starts: neither query's items end up in the other's list.
    const show = (list) => {
      const count = list.length;
      const next = () => {
        if (number !== queries) return;
        if (!list.length) return _finishSearch(count);
        _displayItem(list.pop(), searchTerms, highlightTerms);
        setTimeout(next, 5);
      };
      next();
    };
    const pending = PlaybookPhrases.refine(query, results, lastRanking);
    if (pending === null) show(results);
    else pending.then(show, () => show(results)); // the list is shown whatever happens
    Search._playbookPending = pending; // the phrase step under way (null: none), for tests
  };
  Search._performSearch = (query, searchTerms, excludedTerms, highlightTerms, objectTerms) => {
    _removeChildren(document.getElementById("search-progress"));
    const { ranking, items } = playbookResults(query);
    lastTerms = ranking.used;
    lastRanking = ranking;
    showCorrections(ranking.terms.filter((t) => t.corrected), ranking.terms.filter((t) => t.synonym));
    summariesShown = 0;
    DOCUMENTATION_OPTIONS.SHOW_SEARCH_SUMMARY = showSummaries;
    watchResults();
    // Ascending: Sphinx displays the list from its end.
    return items;
  };
  const showCorrections = (corrected, synonyms) => {
    document.querySelectorAll(".playbook-search-correction, .playbook-search-synonyms").forEach((el) => el.remove());
    if (!Search.output) return;
    const say = (className, one, many, terms) => {
      // A synonym of several words is one term per word: named once.
      const pairs = [...new Set(terms.map((t) => `“${t.original}” → “${t.word}”`))];
      if (!pairs.length) return;
      const note = document.createElement("p");
      note.className = className;
      note.textContent = (pairs.length === 1 ? one : many) + pairs.join(", ");
      Search.output.before(note);
    };
    say("playbook-search-correction", "Palavra corrigida: ", "Palavras corrigidas: ", corrected);
    say("playbook-search-synonyms", "Também buscado o sinônimo: ", "Também buscados os sinônimos: ", synonyms);
  };
  // The passage that matches the rarest words of the query, those words marked, and the
  // playbook's category and team (from the page Sphinx downloads for the summary).
  Search.makeSearchSummary = (htmlString) => playbookSummary(htmlString, lastTerms);
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
