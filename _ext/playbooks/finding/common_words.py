"""How common the words of a query are in written Portuguese, as a factor on their weight.

A word's weight in the ranking is its IDF over the handbook's playbooks.  With a few dozen
playbooks written in a formal register, everyday words a ticket uses ("coisa", "precisa",
"nada", "diz", "nunca") are rare there, so they weigh as much as the name of an error or a
module, and a playbook that happens to say "nada" once outranks the one about the ticket's
subject.  Their weight is corrected by how common they are in Portuguese at large, from
wordfreq's frequency list for Portuguese (Zipf scale: log10 of occurrences per billion
words; 6 is a word in a thousand, 3 one in a million):

* an everyday word (:data:`LEAST_ZIPF`: a word in 100,000 or more) weighs as common as
  its family, the words of the list with the same index key
  (:func:`~playbooks.collect.search_words.canonical`): "precisamos" as "precisa",
  "preciso", "precisar"...;
* a rarer word keeps its weight, even if its key is a common family's: "metadados" shares
  its key with "metade", and is not an everyday word; nor are an error's name, "NUP" or
  "gearman";
* up to :data:`ZIPF_FROM` a family keeps its weight; from there to :data:`ZIPF_TO` it falls
  in a straight line to :data:`MIN_FACTOR` (the rest of the ranking's weights are
  finding/search.py's RANKING: these act when the index is written, not in the browser);
* the search index carries the everyday words whose factor is below 1 and whose key is in
  the index (a word the index lacks weighs nothing anyway), accents folded as the query
  writes them, in tenths: ``{"3": "coisa coisas nada precisa", ...}``; the query side
  (js/search-language.js) multiplies the word's IDF by it.

The everyday words and their families' frequencies are a table in this folder,
``data/common_words_pt.tsv``, written from wordfreq by :func:`write_table` (``make
common-words``): a build reads it in a few milliseconds and does not need
wordfreq, and tests/test_search_common_words.py checks that it is what wordfreq and the
index keys of today give.

A handbook word that is also an everyday word keeps only part of its weight ("sei", the
system, is also "I know"): its IDF is low anyway, since most playbooks name the system.
"""

from __future__ import annotations

import math
import sys
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from ..collect.search_words import FoldedPortuguese
from ..standard.fold import fold

#: The table: a line per everyday word, "<word>\t<Zipf frequency of its family>".
TABLE = Path(__file__).parent / "data" / "common_words_pt.tsv"
#: wordfreq's list: "small" holds the words of Zipf 3 and above (33,000 in Portuguese).
WORDLIST = "small"
#: From this Zipf frequency of its family ("coisa": 6.2, "nada": 6.0; "autarquia": 3.4) a
#: word's weight falls, in a straight line, to MIN_FACTOR at ZIPF_TO (issue 21).
ZIPF_FROM, ZIPF_TO, MIN_FACTOR = 4.5, 6.5, 0.1
#: ... for the words of at least this Zipf frequency (a word in 100,000: "precisamos", not
#: "metadados", which shares its index key with "metade"): the words of the table.
LEAST_ZIPF = 4.0
HEADER = (
    "# Palavras do dia a dia em português (Zipf {least} ou mais, acentos tirados) e a frequência\n"
    "# Zipf da família de cada uma (as palavras da lista com a mesma chave do índice de busca),\n"
    "# se acima de {above} (abaixo, a palavra não perde peso).\n"
    "# Gerado de wordfreq {version} (lista \"{wordlist}\" do português) por\n"
    "# _ext/playbooks/finding/common_words.py; não editar à mão. Dados do wordfreq: Robyn Speer\n"
    "# et al., licença CC BY-SA 4.0 (https://github.com/rspeer/wordfreq).\n"
)


def zipf(frequency: float) -> float:
    """wordfreq's Zipf scale: log10 of occurrences per billion words."""
    return math.log10(frequency * 1e9)


def generate(least_zipf: float = LEAST_ZIPF, family_above: float = ZIPF_FROM) -> dict[str, float]:
    """The everyday words (folded) of Zipf ``least_zipf`` or more whose family's Zipf
    frequency is above ``family_above`` (the others keep their weight) -> that frequency,
    from wordfreq (a development tool: builds read the table)."""
    from wordfreq import get_frequency_dict

    language = FoldedPortuguese({})
    own: dict[str, float] = {}
    for word, frequency in get_frequency_dict("pt", wordlist=WORDLIST).items():
        if word.isalpha():
            folded = fold(word)
            own[folded] = own.get(folded, 0.0) + frequency
    least = 10 ** least_zipf / 1e9
    keys = {word: language.stem(word) for word, frequency in own.items() if frequency >= least}
    wanted = set(keys.values())
    families: dict[str, float] = {}
    for word, frequency in own.items():
        key = keys.get(word)
        if key is None:
            # A key is the word less an ending: a word none of whose beginnings is the key of
            # an everyday word is in none of their families (not stemmed: half the time).
            if not any(word[:end] in wanted for end in range(2, len(word) + 1)):
                continue
            key = language.stem(word)
        families[key] = families.get(key, 0.0) + frequency
    return {word: round(zipf(families[key]), 2) for word, key in sorted(keys.items())
            if zipf(families[key]) > family_above}


def table_text(least_zipf: float = LEAST_ZIPF, family_above: float = ZIPF_FROM) -> str:
    """The table's text, as :func:`write_table` writes it."""
    from importlib.metadata import version

    lines = [f"{word}\t{family:.2f}\n" for word, family in generate(least_zipf, family_above).items()]
    header = HEADER.format(least=least_zipf, above=family_above, version=version("wordfreq"), wordlist=WORDLIST)
    return header + "".join(lines)


def write_table(least_zipf: float = LEAST_ZIPF, family_above: float = ZIPF_FROM, path: Path = TABLE) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(table_text(least_zipf, family_above), encoding="utf-8")


@lru_cache(maxsize=2)
def read_table(path: Path = TABLE) -> dict[str, float]:
    """The table: everyday word -> the Zipf frequency of its family."""
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            word, family = line.split("\t")
            out[word] = float(family)
    return out


def factor(family: float, zipf_from: float, zipf_to: float, min_factor: float) -> float:
    """The factor on the weight of a word whose family has this frequency (1 up to ``zipf_from``)."""
    if family <= zipf_from:
        return 1.0
    share = min(1.0, (family - zipf_from) / (zipf_to - zipf_from))
    return 1.0 - (1.0 - min_factor) * share


def common_words(index_keys: Iterable[str], zipf_from: float = ZIPF_FROM, zipf_to: float = ZIPF_TO,
                 min_factor: float = MIN_FACTOR) -> dict[str, str]:
    """The everyday words whose key is in ``index_keys`` and whose family is common, grouped
    by the factor on their weight in tenths: ``{"3": "coisa coisas nada"}`` (words sorted;
    stop words and factors of 10 tenths left out)."""
    keys = set(index_keys)
    language = FoldedPortuguese({})
    groups: dict[str, list[str]] = {}
    for word, family in sorted(read_table().items()):
        if word in language.stopwords or language.stem(word) not in keys:
            continue
        tenths = round(10 * factor(family, zipf_from, zipf_to, min_factor))
        if tenths < 10:
            groups.setdefault(str(tenths), []).append(word)
    return {tenths: " ".join(found) for tenths, found in sorted(groups.items())}


if __name__ == "__main__":
    write_table()
    print(f"{TABLE}: {len(read_table())} palavras", file=sys.stderr)
