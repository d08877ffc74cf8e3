"""How common the words of a query are in written Portuguese, as a factor on their weight.

A word's weight in the ranking is its IDF over the handbook's playbooks.  With a few dozen
playbooks written in a formal register, everyday words a ticket uses ("coisa", "precisa",
"nada", "diz", "nunca") are rare there, so they weigh as much as the name of an error or a
module, and a playbook that happens to say "nada" once outranks the one about the ticket's
subject.  Their weight is corrected by how common they are in Portuguese at large, from
wordfreq's frequency list for Portuguese (Zipf scale: log10 of occurrences per billion
words; 6 is a word in a thousand, 3 one in a million):

* an everyday word (``common_least_zipf``: a word in 100,000 or more) weighs as common as
  its family, the words of the list with the same index key
  (:func:`~playbooks.collect.search_words.canonical`): "precisamos" as "precisa",
  "preciso", "precisar"...;
* a rarer word keeps its weight, even if its key is a common family's: "metadados" shares
  its key with "metade", and is not an everyday word; nor are an error's name, "NUP" or
  "gearman";
* up to ``common_zipf_from`` a family keeps its weight; from there to ``common_zipf_to`` it
  falls in a straight line to ``common_min_factor`` (finding/search.py's RANKING);
* the search index carries the words of the list (accents folded, as the query writes them)
  whose factor is below 1 and whose key is in the index (a word the index lacks weighs
  nothing anyway), in tenths: ``{"3": "coisa coisas nada precisa", ...}``; the query side
  (js/search-language.js) multiplies the word's IDF by it.

A handbook word that is also an everyday word keeps only part of its weight ("sei", the
system, is also "I know"): its IDF is low anyway, since most playbooks name the system.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from functools import lru_cache

from ..collect.search_words import FoldedPortuguese
from ..standard.fold import fold

#: wordfreq's list: "small" holds the words of Zipf 3 and above (33,000 in Portuguese).
WORDLIST = "small"


@lru_cache(maxsize=4)
def portuguese_words(least_zipf: float) -> dict[str, tuple[str, float]]:
    """Each word of the list (folded) of Zipf ``least_zipf`` or more -> its index key and the
    Zipf frequency of its family (all the list's words with that key)."""
    from wordfreq import get_frequency_dict  # only builds that write a search index need it

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
    return {word: (key, zipf(families[key])) for word, key in keys.items()}


def zipf(frequency: float) -> float:
    """wordfreq's Zipf scale: log10 of occurrences per billion words."""
    return math.log10(frequency * 1e9)


def factor(family: float, zipf_from: float, zipf_to: float, min_factor: float) -> float:
    """The factor on the weight of a word whose family has this frequency (1 up to ``zipf_from``)."""
    if family <= zipf_from:
        return 1.0
    share = min(1.0, (family - zipf_from) / (zipf_to - zipf_from))
    return 1.0 - (1.0 - min_factor) * share


def common_words(index_keys: Iterable[str], zipf_from: float, zipf_to: float, min_factor: float,
                 least_zipf: float) -> dict[str, str]:
    """The words of the list of Zipf ``least_zipf`` or more whose key is in ``index_keys``
    and whose family is common, grouped by the factor on their weight in tenths:
    ``{"3": "coisa coisas nada"}`` (words sorted; stop words and factors of 10 tenths left
    out)."""
    keys = set(index_keys)
    stopwords = FoldedPortuguese.stopwords
    groups: dict[str, list[str]] = {}
    for word, (key, family) in sorted(portuguese_words(least_zipf).items()):
        if key not in keys or word in stopwords:
            continue
        tenths = round(10 * factor(family, zipf_from, zipf_to, min_factor))
        if tenths < 10:
            groups.setdefault(str(tenths), []).append(word)
    return {tenths: " ".join(found) for tenths, found in sorted(groups.items())}
