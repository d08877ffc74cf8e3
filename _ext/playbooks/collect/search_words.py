"""How the search index spells a word: the index side of the Portuguese search.

Every word, in the index (here, in Python) and in the query (finding/js/search-language.js),
goes through the same :func:`canonical` key: accents folded, the ``-ão`` family put back in
one form, then Snowball, then folded again.  The words of a playbook's situation sections
are keyed when the page is read (:func:`situation_words`, kept in its record); the search
feature (finding/search.py) builds Sphinx's language and the query side on the same key.
"""

from __future__ import annotations

import re
from typing import ClassVar

from sphinx.search._stopwords.pt import PORTUGUESE_STOPWORDS
from sphinx.search.pt import SearchPortuguese

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
#: Written Brazilian Portuguese of tickets: contractions and abbreviations of stop words
#: ("pra" for "para a", "vc" for "você", "tá" for "está"), which Snowball's list does not
#: have; as rare words of the index, one playbook's "pra" would outweigh the ticket's
#: subject.  With and without accents, as Snowball's list: the index sees the word as
#: written, the query folded.
COLLOQUIAL_STOPWORDS = frozenset({
    "pra", "pras", "pro", "pros", "prum", "pruma", "vc", "vcs", "tá", "ta", "né", "ne", "pq", "tb", "tbm",
})
#: Enclitic pronouns joined to a verb by a hyphen ("enviá-lo", "trata-se", "envie-me"):
#: the text is indexed (and the query searched) as the verb alone.  Before
#: :data:`CLITICS_AFTER_R` the verb lost its final r (s, z): its last vowel, accented or
#: not, gets it back ("enviá-lo" -> "enviar", "substituí-lo" -> "substituir", "pô-lo" ->
#: "pôr"); after the others the verb is whole ("encaminhou-se", "envie-nos").
CLITICS_AFTER_R = ("lo", "la", "los", "las")
CLITICS = ("o", "a", "os", "as", "no", "na", "nos", "nas", "lhe", "lhes", "me", "te", "se", "vos")

_CLITIC_RE = re.compile(
    r"(?<![\w-])([^\W\d_]+)-(" + "|".join(sorted(CLITICS_AFTER_R + CLITICS, key=len, reverse=True))
    + r")(?![\w-])", re.IGNORECASE)


def _verb(match: re.Match) -> str:
    verb, clitic = match.group(1), match.group(2).lower()
    if clitic not in CLITICS_AFTER_R:
        return verb
    last = fold(verb[-1])
    if last not in "aeio":
        return verb
    upper = verb.isupper()
    if verb[-2:].lower() == "mo":
        return verb + ("S" if upper else "s")  # "enviamo-lo": enviamos
    return verb[:-1] + (last.upper() if upper else last) + ("R" if upper else "r")


def without_clitics(text: str) -> str:
    """``text`` with each verb and its enclitic pronoun ("enviá-lo") as the verb alone
    ("enviar"); the twin of ``PlaybookSearch.withoutClitics`` (finding/js/search-language.js)."""
    return _CLITIC_RE.sub(_verb, text) if "-" in text else text


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


class FoldedPortuguese(SearchPortuguese):
    """Sphinx's Portuguese search language, accent-insensitive (the index side)."""

    lang = "pt"
    language_name = "Portuguese"
    stopwords = (frozenset(PORTUGUESE_STOPWORDS) | frozenset(fold(w) for w in PORTUGUESE_STOPWORDS)
                 | COLLOQUIAL_STOPWORDS)

    #: Sphinx keeps stems per page; the same words come back on every page (and were
    #: stemmed already for :func:`situation_words` when the page was read): one cache for
    #: the process, since a word's key depends on nothing else (a full build of 1,000
    #: playbooks takes 0.7 s less).
    _stems: ClassVar[dict[str, str]] = {}

    def split(self, input: str) -> list[str]:
        """Sphinx's words of ``input``, a verb and its enclitic pronoun as the verb alone."""
        return super().split(without_clitics(input))

    def stem(self, word: str) -> str:
        stem = self._stems.get(word)
        if stem is None:
            stem = self._stems[word] = canonical(word, self.stemmer.stemWord)
        return stem


_reading_language: FoldedPortuguese | None = None


def situation_words(section_texts: dict[str, str], sections, above: list[str]) -> list[str]:
    """The index keys of the words of a playbook's situation sections
    (``playbook_search_situation_sections``), as Sphinx's indexer spells them, less those
    of ``above`` (its title and keywords, fields that weigh more).

    Computed when the page is read and kept in its record, so that a build that reads no
    page does not stem them all again (finding/search.py's ``situation_field`` only filters them).
    """
    global _reading_language
    language = _reading_language
    if language is None:
        language = _reading_language = FoldedPortuguese({})
    text = " ".join(section_texts.get(name, "") for name in sections)
    if not text.strip():
        return []
    higher = {language.stem(w).lower() for w in language.split(" ".join(above))}
    words = set()
    for word in language.split(text):
        stem = language.stem(word).lower()
        if not language.word_filter(stem):
            stem = word.lower() if language.word_filter(word) else ""
        if stem and stem not in higher:
            words.add(stem)
    return sorted(words)
