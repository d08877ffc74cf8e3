"""Search synonyms (conf.py's playbook_search_synonyms) and verbs with an enclitic pronoun.

A synonym key is the requester's word, its values the playbooks' words: keys of several
words ("e-cpf", "código de barras") match the query's words one after the other, values of
several words look for each of them.  "validá-lo" is searched, and indexed, as "validar".
"""

from __future__ import annotations

import runpy
from types import SimpleNamespace

import pytest
from conftest import PEN_WIKI, PROJECT, built_app
from sphinx.errors import ConfigError
from workflow import search_playbook, small_handbook

from playbooks.collect.search_words import FoldedPortuguese, without_clitics
from playbooks.finding.search import DEFAULT_SYNONYMS, search_context, synonyms_problem
from playbooks.standard.fold import fold


def keys(language: FoldedPortuguese, text: str) -> list[str]:
    """The index keys of ``text``'s words, as the indexer splits and stems them."""
    return [language.stem(w) for w in language.split(text)]


# --- Enclitic pronouns (index side; the query side is compared in test_search.py) ---------

@pytest.mark.parametrize(("verb_and_pronoun", "verb"), [
    ("enviá-lo", "enviar"), ("acessá-la", "acessar"), ("substituí-lo", "substituir"),
    ("encaminhá-los", "encaminhar"), ("validá-las", "validar"), ("reenviá-lo", "reenviar"),
    ("fazê-lo", "fazer"), ("abri-lo", "abrir"), ("ENVIÁ-LO", "ENVIAR"), ("envia-lo", "enviar"),
    ("trata-se", "trata"), ("envie-me", "envie"), ("informe-nos", "informe"), ("enviamo-lo", "enviamos"),
])
def test_a_verb_and_its_enclitic_pronoun_are_indexed_as_the_verb(verb_and_pronoun, verb):
    language = FoldedPortuguese({})
    assert without_clitics(verb_and_pronoun) == verb
    assert keys(language, f"Favor {verb_and_pronoun} hoje") == keys(language, f"Favor {verb} hoje")


@pytest.mark.parametrize("text", ["e-mail", "pré-produção", "bem-te-vi", "infra-log", "mod-sei-a", "status-4"])
def test_other_hyphenated_words_are_left_alone(text):
    assert without_clitics(text) == text


# --- The configuration --------------------------------------------------------------------

@pytest.mark.parametrize(("synonyms", "named"), [
    ({"de": ["processo"]}, "'de'"),  # a stop word: the search leaves it out
    ({"att": ["processo"]}, "'att'"),  # an ignored word
    ({"--": ["processo"]}, "'--'"),  # no word
    ({"upgrade": 3}, "'upgrade'"),  # not text
])
def test_a_synonym_key_the_search_would_never_use_is_refused_naming_it(synonyms, named):
    problem = synonyms_problem(synonyms, ["att"])
    assert problem is not None and named in problem
    config = SimpleNamespace(playbook_search_synonyms=synonyms, playbook_search_ignored_words=["att"],
                             html_context={}, playbook_root="playbooks")
    with pytest.raises(ConfigError, match="configuração de playbooks inválida em conf.py: playbook_search_synonyms"):
        search_context(None, config)


def test_keys_of_several_words_are_accepted():
    assert synonyms_problem({"e-cpf": ["certificado digital"], "número do processo": "NUP"}, []) is None


def _handbook_synonyms() -> dict:
    return runpy.run_path(str(PROJECT / "conf.py"))["playbook_search_synonyms"]


def test_the_handbooks_synonyms_are_usable():
    synonyms = _handbook_synonyms()
    # The general list plus the one written blind on 03/12/2026 (docs/busca.md); a list far
    # beyond would be a thesaurus, which was measured to bring more noise than matches.
    assert 250 <= len(synonyms) <= 400
    config = runpy.run_path(str(PROJECT / "conf.py"))
    assert synonyms_problem(synonyms, config["playbook_search_ignored_words"]) is None
    # The extension's generic entries are kept.
    assert all(key in synonyms for key in DEFAULT_SYNONYMS)
    # A key is the requester's word, not one of its own values.
    language = FoldedPortuguese({})
    assert [k for k, values in synonyms.items() if fold(k) in {fold(v) for v in values}] == []
    assert all(values and all(v.strip() for v in values) for values in synonyms.values()) and language


@pytest.mark.pen_sample
def test_every_synonym_is_a_word_of_the_pen_playbooks():
    """The values are the playbooks' vocabulary: each of their words (stop words aside) has an
    index key that PEN's real playbooks hold, unless it is one of the extension's generic
    defaults (written before, for any handbook)."""
    language = FoldedPortuguese({})
    vocabulary = set()
    for path in PEN_WIKI.rglob("*.rst"):
        vocabulary.update(keys(language, path.read_text(encoding="utf-8-sig")))
    defaults = {v for values in DEFAULT_SYNONYMS.values() for v in values}
    missing = []
    for key, values in _handbook_synonyms().items():
        for value in values:
            words = [w for w in language.split(value) if fold(w) not in language.stopwords]
            if value not in defaults and (not words or any(language.stem(w) not in vocabulary for w in words)):
                missing.append((key, value))
    assert missing == []


# --- The query side, in Chromium ---------------------------------------------------------------


SYNONYMS = '''playbook_search_synonyms = {
    "barcode": ["código de barras"],
    "logar": ["acesso"],
    "server": ["servidor"],
    "e-cpf": ["certificado digital"],
    "número do processo": ["NUP"],
}'''


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    files = {f"sei/geral-{i}.rst": search_playbook(f"Assunto geral {i}", "O usuário relata um erro no sistema.",
                                                   "Erro; Sistema") for i in range(6)}
    files["sei/barras.rst"] = search_playbook(
        "Falha na geração de etiquetas", "Ao criar um processo, o código de barras não é gerado.", "Etiqueta")
    files["tramita/certificado.rst"] = search_playbook(
        "Certificado do ambiente", "O certificado digital usado pelo ambiente expirou.", "Certificado digital")
    files["sei/validacao.rst"] = search_playbook(
        "Assinatura de documentos", "O usuário precisa validar o documento antes de assinar.", "Assinatura")
    files["sei/nup.rst"] = search_playbook("Consulta ao NUP", "O cidadão procura o NUP.", "NUP")
    files["sei/acesso.rst"] = search_playbook("Sem acesso ao sistema", "O usuário não entra no sistema.", "Acesso")
    files["sei/logs.rst"] = search_playbook("Leitura de logs", "O técnico precisa ler o log do servidor.", "Log")
    files["sei/botao.rst"] = search_playbook(
        "Botão de assinar some", "O botão de assinatura some da linha de ferramentas.", "Botão")
    return built_app(small_handbook(tmp_path_factory.mktemp("synonyms"), files, conf_extra=SYNONYMS)).outdir


RANK = """(query) => {
  const ranking = PlaybookRanking.rank(query);
  return {
    results: ranking.results.sort((a, b) => b.score - a.score).map((r) => Search._index.docnames[r.doc]),
    synonyms: ranking.terms.filter((t) => t.synonym).map((t) => [t.original, t.word]),
  };
}"""


def _page(site, serve, browser_context):
    page = browser_context.new_page()
    page.goto(serve(site) + "search.html")
    page.wait_for_function("() => Search.hasIndex && Search.hasIndex()")
    return page


def test_a_key_of_several_words_calls_its_synonyms(site, serve, browser_context):
    page = _page(site, serve, browser_context)
    # "e-cpf" is two words for the search ("e", a stop word, and "cpf"): the key matches them
    # one after the other...
    found = page.evaluate(RANK, "meu e-cpf não funciona")
    assert found["results"][0] == "playbooks/tramita/certificado"
    assert set(map(tuple, found["synonyms"])) == {("e-cpf", "certificado digital")}
    assert page.evaluate(RANK, "numero do processo")["results"][0] == "playbooks/sei/nup"
    # ... and not "cpf" alone, nor the words of the key apart.
    assert page.evaluate(RANK, "cpf do servidor")["synonyms"] == []
    assert page.evaluate(RANK, "numero de documentos do processo")["synonyms"] == []


def test_keys_are_found_anywhere_in_a_long_pasted_ticket_and_follow_a_new_map(site, serve, browser_context):
    """The keys are worked out once and looked up by their first letters: every key is still
    found wherever the ticket has it, however long, and a map that changes is read again."""
    page = _page(site, serve, browser_context)
    filler = " ".join(["o setor relata lentidao ao abrir a tela de documentos"] * 18)  # 180 words
    found = page.evaluate(RANK, f"{filler} e o logou falhou com meu e-cpf no server, numero do processo")
    assert sorted(map(tuple, found["synonyms"])) == sorted([
        ("logar", "acesso"), ("e-cpf", "certificado digital"), ("e-cpf", "certificado digital"),
        ("server", "servidor"), ("numero do processo", "NUP")])  # keys are stored folded
    assert page.evaluate(RANK, f"{filler} numero de documentos do processo")["synonyms"] == []
    page.evaluate("() => { PLAYBOOK_SEARCH_SYNONYMS = new Map([['lentidao', ['erro']]]); }")
    assert page.evaluate(RANK, filler)["synonyms"] == [["lentidao", "erro"]]
    assert page.evaluate(RANK, "meu e-cpf")["synonyms"] == []
    # Two keys calling the same word: the first in the map keeps it, wherever the query has them.
    page.evaluate("() => { PLAYBOOK_SEARCH_SYNONYMS = new Map([['login', ['acesso']], ['logar', ['acesso']]]); }")
    assert page.evaluate(RANK, "ao logar pede o login")["synonyms"] == [["login", "acesso"]]
    page.evaluate("() => { PLAYBOOK_SEARCH_SYNONYMS = new Map([['logar', ['acesso']], ['login', ['acesso']]]); }")
    assert page.evaluate(RANK, "pede o login ao logar")["synonyms"] == [["logar", "acesso"]]


def test_a_synonym_of_several_words_looks_for_each_of_them(site, serve, browser_context):
    page = _page(site, serve, browser_context)
    found = page.evaluate(RANK, "barcode")
    assert found["results"][0] == "playbooks/sei/barras"
    assert sorted(found["synonyms"]) == [["barcode", "código de barras"]] * 2  # "codigo" and "barras"
    # The page names it once.
    page.goto(serve(site) + "search.html?q=barcode")
    page.wait_for_selector(".playbook-search-synonyms")
    assert page.inner_text(".playbook-search-synonyms") == "Também buscado o sinônimo: “barcode” → “código de barras”"


def test_a_verb_with_an_enclitic_pronoun_is_searched_as_the_verb(site, serve, browser_context):
    page = _page(site, serve, browser_context)
    assert page.evaluate("(q) => splitQuery(q)", "como validá-lo e assiná-los?") == ["como", "validar", "e", "assinar"]
    # "valida" and "validar" have different index keys: only the verb finds the playbook.
    assert page.evaluate(RANK, "como validá-lo")["results"] == ["playbooks/sei/validacao"]
    assert page.evaluate(RANK, "como valida-lo")["results"] == ["playbooks/sei/validacao"]


def test_a_key_in_the_infinitive_also_matches_the_verbs_forms(site, serve, browser_context):
    page = _page(site, serve, browser_context)
    for query in ("logamos", "ele logou", "não estou logando"):
        found = page.evaluate(RANK, query)
        assert found["synonyms"] == [["logar", "acesso"]], query
        assert "playbooks/sei/acesso" in found["results"], query
    # "log" has the index key of "logar", "logo" too: neither is a form of the verb ("logs"
    # has a key of its own); nor is "serve" a form of the English key "server".
    stem = page.evaluate("(w) => new Stemmer().stemWord(w)", "logar")
    assert page.evaluate("(w) => new Stemmer().stemWord(w)", "log") == stem
    for query in ("log do servidor", "os logs do servidor", "o logo do servidor"):
        found = page.evaluate(RANK, query)
        assert found["synonyms"] == [], query
        assert found["results"][0] == "playbooks/sei/logs", query
    assert page.evaluate(RANK, "não serve")["synonyms"] == []
    assert page.evaluate(RANK, "server")["synonyms"] == [["server", "servidor"]]


TERMS = """(query) => PlaybookRanking.analyse(query).terms.map((t) => [t.word, t.stem, t.df > 0, t.corrected])"""


def test_a_diminutive_without_a_match_is_searched_as_its_word(site, serve, browser_context):
    page = _page(site, serve, browser_context)
    stem = page.evaluate("(w) => new Stemmer().stemWord(w)", "barra")
    # "barrinha" is not in the index; "barra" ("código de barras") is: no correction is shown.
    assert page.evaluate(TERMS, "barrinha") == [["barrinha", stem, True, False]]
    assert page.evaluate(RANK, "barrinha")["results"] == ["playbooks/sei/barras"]
    assert page.evaluate(RANK, "barrinhas")["results"] == ["playbooks/sei/barras"]
    # -zinho: "botaozinho" is "botao" (not "botaoo").
    assert page.evaluate(RANK, "botaozinho")["results"] == ["playbooks/sei/botao"]
    # It weighs as its word, and a diminutive of an ignored word is ignored too.
    weight = "(q) => PlaybookRanking.analyse(q).terms.map((t) => t.weight)"
    assert page.evaluate(weight, "barrinha") == page.evaluate(weight, "barra")
    assert page.evaluate(TERMS, "obrigadinho") == []
    # A word of the index that ends as a diminutive is itself ("linha", not "la").
    assert page.evaluate(TERMS, "linha") == [["linha", page.evaluate("(w) => new Stemmer().stemWord(w)", "linha"),
                                              True, False]]


def test_colloquial_contractions_weigh_nothing_on_both_sides(site, serve, browser_context):
    # "pra" (para a), "vc" (você), "pq" (porque): stop words of the index and of the query.
    assert {"pra", "pro", "vc", "pq", "tbm"} <= FoldedPortuguese({}).stopwords
    page = _page(site, serve, browser_context)
    words = [term[0] for term in page.evaluate(TERMS, "manda pra mim o codigo de barras pq vc sabe")]
    assert "codigo" in words and "barras" in words
    assert not {"pra", "pq", "vc"} & set(words)
