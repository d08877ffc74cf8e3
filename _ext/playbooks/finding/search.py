"""Portuguese full-text search that ignores accents, on Sphinx's own search page.

Sphinx's ``pt`` search language stems with Snowball but keeps accents: the index holds
``soluçã`` and "solucao" finds nothing.  This language replaces it (same ``lang``):

* every word, in the index (Python) and in the query (JavaScript), goes through the same
  :func:`~playbooks.collect.search_words.canonical` key: accents folded, the ``-ão`` family put back in one form
  (``-ções``/``-cao``/``-ção`` -> ``-ção``), then Snowball, then folded again.  Folding
  only before stemming would split ``informação``/``informações``; folding only after
  would split about half of the accent pairs;
* results are ranked in the browser (js/search-language.js), in the manner of BM25F,
  from the index the page already loaded: each word of the query weighs its IDF (less for
  a word common in Portuguese at large, common_words.py: "coisa", "precisa"); each
  field where it is found adds :data:`RANKING`'s weight, normalised by the field's length
  (title; keywords = the index entries collect/keywords_index.py adds; "situation" = the sections
  of ``playbook_search_situation_sections``, carried in the compact index by
  :func:`situation_field`; the whole text), and the sum saturates; a keyword or title found
  whole in the query adds its words' weight again; stop words and
  ``playbook_search_ignored_words`` (greetings, signatures) weigh nothing; a word of five
  letters or more without a match is tried with one edit, and the page says so; the words
  of ``playbook_search_synonyms`` ("upgrade") also look for their synonyms;
* exact phrases (js/search-phrases.js): the index has no word positions, so a query that
  may hold one (an error message pasted from a log) is shown once the best results' pages
  are read, each run of its words found there word for word counting again;
* each result shows the passage with the rarest words of the query, marked, and the
  playbook's category and team (read from the page Sphinx downloads for the summary).

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
from pathlib import Path

from rjsmin import jsmin
from sphinx.application import Sphinx
from sphinx.errors import ConfigError
from sphinx.search import _MINIFIED_JS_PATH

from ..collect import output
from ..collect.config import is_playbook, schema_from
from ..collect.records import get_records
from ..collect.search_words import ACCENTS, CLITICS, CLITICS_AFTER_R, MIN_STEM, PLURALS, FoldedPortuguese
from ..standard.fold import fold
from . import search_index_format
from .common_words import common_words as common_table

#: The ranking (js/search-language.js, in the manner of BM25F): weight of each field where
#: a word is found, how much its length normalises it (b), and the saturation (k1).
RANKING = {
    "weight_text": 1.0, "b_text": 0.75,
    "weight_title": 3.0, "b_title": 0.3,
    "weight_keywords": 2.5, "b_keywords": 0.3,
    "weight_situation": 1.5,
    "k1": 1.5,
    #: a keyword or title found whole in the query adds its words' weight times this (and
    #: times its rarity: the IDF of the documents that hold it over that of one document); so
    #: does a run of phrase_min_words words of the query (phrase_min_meaningful of them
    #: neither stop words nor ignored words: an error message, not "de processo do SEI")
    #: found word for word in one of the best phrase_pages results' pages
    #: (js/search-phrases.js), read for at most phrase_wait_ms
    "phrase_weight": 1.0, "phrase_min_words": 5, "phrase_min_meaningful": 3,
    #: 6 pages: a browser opens 6 connections to one server (HTTP/1.1), a 7th page would
    #: wait for a second round trip before the list can be shown
    "phrase_pages": 6, "phrase_wait_ms": 1500,
    #: a title that holds every word of a query of two words or more adds this share of the
    #: query's weight
    "whole_title_weight": 0.5,
    #: share of the score that depends on how much of the query's weight a playbook matches
    "coverage_weight": 0.5,
    #: in that share, a word found only in the text (not in the title, keywords or
    #: situation sections) counts this factor of its weight: the rare word that names the
    #: situation outweighs one a long page mentions in passing (issue 21; judged on the
    #: held-apart queries of tests/search_tickets_heldout.py)
    "text_coverage": 0.5,
    #: up to this many words, a playbook needs half of them; beyond, this share of the best score
    "short_query": 4, "long_query_share": 0.3,
    #: words of at least this many letters without a match are tried with one edit (at most
    #: max_corrections of them per query), and weigh this factor of their weight
    "min_correction": 5, "max_corrections": 12, "corrected_factor": 0.8,
    #: a diminutive without a match ("barrinha") is searched as its word ("barra") when that
    #: word has at least this many letters ("abinha": "aba"; "tinha" is not a diminutive of "ta")
    "min_diminutive_base": 3,
    #: a pasted ticket's signature (js/search-language.js, body): at most this many lines
    #: of at most this many words after the closing formula ("Atenciosamente,") are left
    #: out of the query (0: none)
    "signature_lines": 3, "signature_words": 6,
    #: pages that are not playbooks (the catalog, category pages, the guide) weigh this factor
    "other_page_factor": 0.4,
    #: a synonym of a query's word (playbook_search_synonyms) weighs this factor of its weight:
    #: 1, as the requester's word, since 03/12/2026 (0.8 before; measured on the four query
    #: sets: lower values lowered the fresh set, higher ones the held-apart or unseen set;
    #: docs/busca.md)
    "synonym_factor": 1.0,
}
#: Key of the search index's table of common words (finding/common_words.py).
COMMON_WORDS = "playbook_common"


#: The query side (js/search-language.js): the JavaScript twin of :func:`canonical` and
#: the re-ranking.  Values from this module reach it as one JSON object,
#: ``PLAYBOOK_SEARCH_CONFIG``, written before it (see :func:`search_config`).
LANGUAGE_JS_PATH = Path(__file__).parent / "js" / "search-language.js"
#: Exact phrases of a query, looked for in the best results' pages (after the ranking).
PHRASES_JS_PATH = Path(__file__).parent / "js" / "search-phrases.js"


def search_config() -> dict:
    """The values the query side shares with the index side."""
    return {
        "plurals": PLURALS,
        "accents": ACCENTS,
        "min_stem": MIN_STEM,
        "clitics": CLITICS,
        "clitics_after_r": CLITICS_AFTER_R,
        **RANKING,
    }


class SearchPortugueseFolded(FoldedPortuguese):
    """Sphinx's Portuguese search language, accent-insensitive on both sides: the index side
    (collect/search_words.py) and the query side (js/search-language.js)."""

    # No raw stemmer file: js_stemmer_code below carries the stemmer and the query side.
    js_stemmer_rawcode = ""

    @property
    def js_stemmer_code(self) -> str:  # type: ignore[override]
        base = (_MINIFIED_JS_PATH / "base-stemmer.js").read_text(encoding="utf-8")
        portuguese = (_MINIFIED_JS_PATH / "portuguese-stemmer.js").read_text(encoding="utf-8")
        config = "const PLAYBOOK_SEARCH_CONFIG = " + json.dumps(search_config(), ensure_ascii=False) + ";"
        # Minified (rjsmin): comments and spaces are a third of what the first search
        # downloads for this code; the files in js/ keep them.
        code = [jsmin(path.read_text(encoding="utf-8")) for path in (LANGUAGE_JS_PATH, PHRASES_JS_PATH)]
        return "\n".join((base, portuguese, config, *code))




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
        text = path.read_text(encoding="utf-8")
        index_format = builder.indexer_format
        frozen = (index_format.loads_index_entries(text) if hasattr(index_format, "loads_index_entries")
                  else index_format.loads(text))
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


# --- Fields and ignored words ----------------------------------------------------------

#: A word found in more than this share of the documents (or :data:`FIELD_MIN_DOCS`) gets
#: no "situation" field: it is common, weighs little, and would cost index bytes.
FIELD_MAX_SHARE = 0.1
FIELD_MIN_DOCS = 16

#: Ticket words that say nothing about the problem (besides Sphinx's Portuguese stop
#: words): greetings, courtesy, signatures.  ``playbook_search_ignored_words`` in conf.py.
DEFAULT_IGNORED_WORDS = (
    "bom", "boa", "dia", "tarde", "noite", "ola", "oi", "prezado", "prezados", "prezada",
    "prezadas", "caro", "cara", "senhor", "senhora", "sr", "sra", "att", "atte", "atenciosamente",
    "cordialmente", "grato", "grata", "obrigado", "obrigada", "agradeco", "agradecemos",
    "desde", "ja", "favor", "gentileza", "podem", "pode", "poderiam", "ajudar", "ajuda",
    "auxiliar", "solicito", "solicitamos", "verificar", "segue", "seguem", "abaixo",
    "gostaria", "gostariamos", "saber", "aguardo", "aguardamos", "retorno", "quero", "queremos",
    "quer", "fazer", "fizemos", "onde", "precisamos", "preciso", "informo", "informamos",
)


#: Words of tickets that the playbooks write otherwise (anglicisms of the service desk):
#: the query also looks for these, at ``synonym_factor`` of their weight.
#: ``playbook_search_synonyms`` in conf.py.
DEFAULT_SYNONYMS = {
    "upgrade": ("atualizar", "versão"),
    "update": ("atualizar",),
    "login": ("acesso", "acessar"),
    "logon": ("acesso", "acessar"),
    "logar": ("acesso", "acessar"),
    "password": ("senha",),
    "bug": ("erro", "falha"),
    "deletar": ("excluir",),
    "resetar": ("redefinir",),
}


def situation_field(app: Sphinx, data: dict) -> dict | None:
    """Words of each playbook's situation sections (its record's ``situation_words``), as
    Sphinx's frozen index spells them: ``{"situation": {word: [document numbers]}}``.

    Only words of at most :data:`FIELD_MAX_SHARE` of the documents.
    """
    docnames = data.get("docnames") or []
    if not app.config.playbook_search_situation_sections or not docnames:
        return None
    terms, titleterms = data.get("terms") or {}, data.get("titleterms") or {}
    frequency: dict[str, int] = {}
    for index in (terms, titleterms):
        for word, found in index.items():
            frequency[word] = frequency.get(word, 0) + (len(found) if isinstance(found, list) else 1)
    limit = max(FIELD_MAX_SHARE * len(docnames), FIELD_MIN_DOCS)
    records = get_records(app.env)
    field: dict[str, list[int]] = {}
    for number, docname in enumerate(docnames):
        for word in (records.get(docname) or {}).get("situation_words") or ():
            if 0 < frequency.get(word, 0) <= limit:
                field.setdefault(word, []).append(number)
    # Only the documents where Sphinx indexed the word (its own reading of the doctree may
    # differ from the section's plain text): the compact index rides on those lists.
    out = {}
    for word, found in sorted(field.items()):
        indexed = set()
        for index in (terms, titleterms):
            value = index.get(word)
            indexed.update([value] if isinstance(value, int) else value or ())
        kept = [n for n in found if n in indexed]
        if kept:
            out[word] = kept
    return {"situation": out}


def common_words(data: dict) -> dict[str, str]:
    """The words common in Portuguese at large whose key the index holds, by the factor on
    their weight in tenths (finding/common_words.py)."""
    keys = [key for index in (data.get("terms") or {}, data.get("titleterms") or {}) for key in index]
    return common_table(keys)


def index_additions(app: Sphinx, data: dict) -> dict:
    """What the playbooks' search adds to Sphinx's index: the situation field and the
    table of common words."""
    added = {COMMON_WORDS: common_words(data)}
    fields = situation_field(app, data)
    if fields is not None:
        added[search_index_format.FIELDS] = fields
    return added


def synonyms_problem(synonyms, ignored_words) -> str | None:
    """What makes ``playbook_search_synonyms`` unusable, in Portuguese, or None: a synonym
    that is not text, or a key the query side would never match (no word, or only stop
    words and ``playbook_search_ignored_words``, which the search leaves out)."""
    language = FoldedPortuguese({})
    ignored = {fold(w) for w in ignored_words} | language.stopwords
    for key, others in synonyms.items():
        if not isinstance(key, str) or not (
                isinstance(others, str) or (isinstance(others, (list, tuple)) and all(isinstance(o, str) for o in others))):
            return (f"playbook_search_synonyms: a chave {key!r} precisa ser um texto, com um texto ou uma lista "
                    "de textos (as palavras dos playbooks)")
        words = [fold(w) for w in language.split(key)]
        if not words:
            return f"playbook_search_synonyms: a chave {key!r} não tem nenhuma palavra"
        if all(w in ignored or (len(w) < 2 and not w.isdigit()) for w in words):
            return (f"playbook_search_synonyms: a chave {key!r} só tem palavras que a busca ignora (palavras "
                    "vazias do português ou de playbook_search_ignored_words) e nunca seria usada")
    return None


def search_context(app: Sphinx, config) -> None:
    """What the search page's static script (static/playbook-search-config.js_t) reads."""
    problem = synonyms_problem(config.playbook_search_synonyms or {}, config.playbook_search_ignored_words)
    if problem:
        raise ConfigError(f"configuração de playbooks inválida em conf.py: {problem}")
    words = sorted({fold(w) for w in config.playbook_search_ignored_words})
    context = dict(config.html_context or {})
    context["playbook_search_ignored_words"] = json.dumps(words, ensure_ascii=False)
    context["playbook_search_playbook_root"] = json.dumps(config.playbook_root)
    # The query's word is looked up folded; the synonyms stay as written (the page shows
    # them; the search folds them as it folds every word).
    synonyms: dict[str, list[str]] = {}
    for word, others in (config.playbook_search_synonyms or {}).items():
        key = fold(word).strip()
        for other in [others] if isinstance(others, str) else others:
            if key and other.strip() and fold(other).strip() != key:
                synonyms.setdefault(key, []).append(other.strip())
    context["playbook_search_synonyms"] = json.dumps(sorted(synonyms.items()), ensure_ascii=False)
    config.html_context = context


def setup(app: Sphinx) -> None:
    search_index_format.setup(app, add_data=index_additions)
    app.add_config_value("playbook_search_ignored_words", DEFAULT_IGNORED_WORDS, "html",
                         types=frozenset({list, tuple}))
    app.add_config_value("playbook_search_synonyms", DEFAULT_SYNONYMS, "html", types=frozenset({dict}))
    # "env": the words of these sections are stemmed when each page is read
    app.add_config_value("playbook_search_situation_sections", ("Situação", "Quando Ocorre", "Objetivo"),
                         "env", types=frozenset({list, tuple}))
    app.add_search_language(SearchPortugueseFolded)
    app.connect("config-inited", search_context)
    app.connect("html-collect-pages", repair_incremental_index)
    output.add_assets(app, js=("playbook-search-config.js",), only=lambda app, pagename: pagename == "search")
    # The header's search field on every page of the interactive site (the index and the
    # ranking load on its first keystroke, not with the page).
    output.add_minified_js(app, Path(__file__).parent / "js" / "search-box.js")
    output.add_assets(app, js=("search-box.js",), only=lambda app, pagename: output.interactive(app.builder))
