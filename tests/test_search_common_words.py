"""Issue 21: a word common in Portuguese at large weighs less than its IDF over the playbooks
(finding/common_words.py, wordfreq's frequencies)."""

from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import PROJECT, built_app
from workflow import search_playbook, small_handbook

from playbooks.collect.search_words import FoldedPortuguese
from playbooks.finding import search_index_format as fmt
from playbooks.finding.common_words import (
    MIN_FACTOR, TABLE, ZIPF_FROM, ZIPF_TO, common_words, factor, read_table, table_text)
from playbooks.finding.search import COMMON_WORDS

LIMITS = (ZIPF_FROM, ZIPF_TO, MIN_FACTOR)


def key(word: str) -> str:
    return FoldedPortuguese({}).stem(word)


def test_the_factor_falls_in_a_straight_line_between_the_two_frequencies():
    assert factor(3.0, 4.5, 6.5, 0.1) == factor(4.5, 4.5, 6.5, 0.1) == 1.0
    assert factor(5.5, 4.5, 6.5, 0.1) == pytest.approx(0.55)
    assert factor(6.5, 4.5, 6.5, 0.1) == factor(7.5, 4.5, 6.5, 0.1) == pytest.approx(0.1)


def test_everyday_words_weigh_less_and_the_handbooks_words_do_not():
    words = ["coisa", "coisas", "precisa", "nada", "metade", "autarquia", "NUP", "gearman", "metadados"]
    table = common_words([key(w) for w in words], *LIMITS)
    lowered = {word: int(tenths) for tenths, found in table.items() for word in found.split()}
    # "coisa" (with "coisas"), "precisa" (with "preciso", "precisar"...) and "nada" are among
    # the most frequent words of Portuguese ...
    for word in ("coisa", "coisas", "precisa", "nada"):
        assert lowered[word] <= 5, (word, table)
    # ... a rarer word, jargon and words wordfreq does not list keep their weight, even
    # "metadados", whose index key is that of "metade".
    assert key("metadados") == key("metade") and "metade" in lowered
    for word in ("autarquia", "nup", "gearman", "metadados"):
        assert word not in lowered, (word, table)
    # Only words whose key is one of the given keys; tenths as keys; sorted words.
    assert {key(w) for w in lowered} <= {key(w) for w in words}
    assert all(tenths.isdigit() and 1 <= int(tenths) <= 9 for tenths in table)
    assert all(found.split() == sorted(found.split()) for found in table.values())


def test_the_table_is_what_wordfreq_gives_today():
    """data/common_words_pt.tsv is written from wordfreq (make common-words): after a change
    of wordfreq, of the thresholds or of the index keys, it must be written again."""
    expected = table_text()
    assert TABLE.read_text(encoding="utf-8") == expected, "tabela desatualizada: rode make common-words"
    table = read_table()
    assert len(table) > 3000 and table["coisa"] > 5.5 and "metadados" not in table


def test_a_build_reads_the_table_without_wordfreq():
    code = ("import sys; sys.path.insert(0, '_ext'); "
            "from playbooks.finding.common_words import common_words; "
            "assert common_words(['cois'], 4.5, 6.5, 0.1); assert 'wordfreq' not in sys.modules")
    subprocess.run([sys.executable, "-c", code], cwd=PROJECT, check=True)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    files = {f"sei/geral-{i}.rst": search_playbook(f"Assunto geral {i}", "O usuário relata um erro no sistema.",
                                                   "Erro; Sistema") for i in range(8)}
    # "coisa" and "autarquia" are each in one playbook (the same IDF); "coisa" names its
    # playbook (title, keywords, Situação), "autarquia" is only in the other's Situação.
    files["sei/coisa.rst"] = search_playbook("Coisa estranha na tela", "Aparece uma coisa estranha na tela.", "Coisa")
    files["sei/adesao.rst"] = search_playbook("Adesão de órgãos", "Uma autarquia pede a adesão.", "Adesão")
    return built_app(small_handbook(tmp_path_factory.mktemp("common"), files)).outdir


def test_the_index_carries_the_common_words_and_the_browser_weighs_them(site, serve, browser_context):
    index = fmt.load_search_index(site / "searchindex.js")
    lowered = {word: int(tenths) for tenths, found in index[COMMON_WORDS].items() for word in found.split()}
    indexed = set(index["terms"]) | set(index["titleterms"])
    assert {key(word) for word in lowered} <= indexed and "coisa" in lowered and "autarquia" not in lowered
    page = browser_context.new_page()
    page.goto(serve(site) + "search.html")
    page.wait_for_function("() => Search.hasIndex && Search.hasIndex()")
    terms = page.evaluate("(q) => PlaybookRanking.analyse(q).terms.map((t) => [t.stem, t.df, t.weight])",
                          "coisa da autarquia")
    weights = {stem: weight for stem, _, weight in terms}
    assert {stem: df for stem, df, _ in terms} == {key("coisa"): 1, key("autarquia"): 1}
    # With the same IDF, the word that names a playbook in three fields would win; the
    # common word weighs less, and the ticket's rarer word decides.
    ranked = page.evaluate("(q) => PlaybookRanking.rank(q).results.sort((a, b) => b.score - a.score)"
                           ".map((r) => Search._index.docnames[r.doc])", "coisa da autarquia")
    assert ranked[:2] == ["playbooks/sei/adesao", "playbooks/sei/coisa"]
    assert weights[key("coisa")] == pytest.approx(weights[key("autarquia")] * lowered["coisa"] / 10)
