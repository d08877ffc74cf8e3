"""Portuguese search: accent-insensitive both ways, stemmed, keywords first, offline."""

from __future__ import annotations

import re
import urllib.parse

import pytest
from conftest import PEN_WIKI
from search_evaluation import SEARCH_FINISHED, search_on_page

from playbooks.finding.search import SearchPortugueseFolded


def search(page, base: str, query: str) -> list[tuple[str, str]]:
    """(link, text) of the results on search.html?q=query, in the order shown."""
    page.goto(base + "search.html?q=" + urllib.parse.quote(query))
    page.wait_for_function(SEARCH_FINISHED, timeout=20000)
    return [tuple(pair) for pair in page.eval_on_selector_all(
        "#search-results ul.search li > a", "els => els.map(e => [e.getAttribute('href'), e.textContent])")]


def pages(results) -> list[str]:
    return [href.split("#")[0].removesuffix(".html") for href, _ in results]


def test_search_in_chromium(catalog_site, serve, browser_context):
    base = serve(catalog_site.outdir)
    page = browser_context.new_page()
    # Accent-insensitive both ways: the source says "renovação", the agent types "renovacao"...
    assert pages(search(page, base, "renovacao")) == ["playbooks/sei/credencial"]
    # ... and the source says "configuracao", the agent types "configuração".
    assert pages(search(page, base, "configuração")) == ["playbooks/sei/abertura"]
    assert pages(search(page, base, "ORGÃO credencial")) == ["playbooks/sei/credencial"]
    # Stemmed: the plural finds the singular and the other way round.
    assert "playbooks/tramita/status" in pages(search(page, base, "chamados"))  # "abra um chamado"
    assert "playbooks/sei/abertura" in pages(search(page, base, "chamado"))  # "abrir chamados"
    assert pages(search(page, base, "servidores")) == ["playbooks/tramita/status"]
    # A keyword ranks its playbook above a page that only mentions the word (three times).
    results = search(page, base, "certificado")
    assert pages(results) == ["playbooks/sei/credencial", "playbooks/sei/abertura"]
    # Results are links with the playbook's displayed title, best first.
    assert results == [("playbooks/sei/credencial.html", "Renovação da credencial do órgão"),
                       ("playbooks/sei/abertura.html", "Erro na abertura de chamados")]
    # The order comes from the scores the ranking gave (Sphinx writes each in data-score; on
    # equal scores it would order by title, "Erro..." first): the keyword scores higher.
    scores = page.eval_on_selector_all("#search-results ul.search li > a", "els => els.map(e => +e.dataset.score)")
    assert len(scores) == 2 and scores[0] > scores[1], scores
    # Each result has a summary of the page's text, without the metadata panel.
    page.wait_for_function("() => document.querySelectorAll('#search-results p.context').length === 2")
    summaries = page.eval_on_selector_all("#search-results p.context", "els => els.map(e => e.textContent)")
    assert not any("Categoria:" in text or "Versão:" in text for text in summaries)
    # A keyword with a number: "status 2" finds its playbook first.
    assert pages(search(page, base, "status 2"))[0] == "playbooks/tramita/status"
    # A long query pasted from a ticket still finds the playbook that lacks one of its words
    # (it may hold a phrase: the phrase step waits for every page, the clock decides nothing).
    pasted = search_on_page(page, base, "processo parado no status 2 ha dias")
    assert pages(pasted)[0] == "playbooks/tramita/status"


def test_search_works_offline_from_the_files(catalog_site, browser_context):
    page = browser_context.new_page()
    results = search(page, catalog_site.outdir.as_uri() + "/", "duvida")
    assert pages(results) == ["playbooks/sei/credencial"]


@pytest.mark.pen_sample
def test_python_and_javascript_stemmers_agree_on_pen_vocabulary(catalog_site, serve, browser_context):
    words = set()
    for path in PEN_WIKI.rglob("*.rst"):
        words.update(w.lower() for w in re.findall(r"[^\W\d_]{3,}", path.read_text(encoding="utf-8-sig")))
    words = sorted(words)
    page = browser_context.new_page()
    page.goto(serve(catalog_site.outdir) + "search.html")
    in_js = page.evaluate("words => { const s = new Stemmer(); return words.map(w => s.stemWord(w)); }", words)
    language = SearchPortugueseFolded({})
    in_python = [language.stem(w) for w in words]
    # More than a thousand words compared, each given a key by both sides...
    pairs = [(w, p, j) for w, p, j in zip(words, in_python, in_js) if p and j]
    assert len(pairs) == len(words) > 1000
    # ... the same key, and different words folded into one key (the stemmer does something).
    assert [(w, p, j) for w, p, j in pairs if p != j] == []
    assert len(set(in_js)) < len(words) * 0.8
    # And the index never keeps an accent.
    assert [s for s in in_python if not s.isascii()] == []
    # Whole texts (hyphens, enclitic pronouns, log lines, SQL) are cut into the same words
    # with the same keys on both sides.
    texts = [path.read_text(encoding="utf-8-sig") for path in sorted(PEN_WIKI.rglob("*.rst"))]
    assert page.evaluate(SPLIT_AND_STEM, texts) == [[language.stem(w) for w in language.split(t)] for t in texts]


#: The query side's words of each text and their keys (Sphinx's splitQuery, as
#: search-language.js replaces it, then the Stemmer).
SPLIT_AND_STEM = "texts => { const s = new Stemmer(); return texts.map(t => splitQuery(t).map(w => s.stemWord(w))); }"


def test_python_and_javascript_split_verbs_with_enclitic_pronouns_alike(catalog_site, serve, browser_context):
    """"enviá-lo" is the verb "enviar" on both sides, whatever the accents and the case."""
    texts = ["Favor enviá-lo, acessá-la, substituí-lo e encaminhá-los hoje.",
             "ENVIÁ-LO; envia-lo; fazê-lo; abri-lo; pô-lo; enviamo-lo; validá-las; reenviá-lo",
             "Trata-se do e-mail; envie-me o infra-log da pré-produção; bem-te-vi; mod-sei-a"]
    page = browser_context.new_page()
    page.goto(serve(catalog_site.outdir) + "search.html")
    language = SearchPortugueseFolded({})
    in_python = [[language.stem(w) for w in language.split(t)] for t in texts]
    assert page.evaluate(SPLIT_AND_STEM, texts) == in_python
    # The pronoun is gone and the verb has its infinitive's key.
    assert in_python[0] == [language.stem(w) for w in
                            "Favor enviar acessar substituir e encaminhar hoje".split()]
    assert in_python[1][-2:] == [language.stem("validar"), language.stem("reenviar")]
    assert language.stem("validá") != language.stem("validar")  # why the infinitive is needed
    assert "lo" not in in_python[1] and "mail" in in_python[2] and "vi" in in_python[2]


@pytest.mark.parametrize(("a", "b"), [
    ("solução", "solucao"), ("soluções", "solucao"), ("informações", "informacao"), ("órgãos", "orgao"),
    ("chamados", "chamado"), ("erros", "erro"), ("responsáveis", "responsavel"), ("Dúvidas", "duvida"),
    ("trâmites", "tramite"), ("credenciais", "credenciais"),
])
def test_index_keys_ignore_accents_and_number(a, b):
    language = SearchPortugueseFolded({})
    assert language.stem(a) == language.stem(b)
    assert language.stem(a).isascii()


def test_only_the_best_results_download_their_page_for_a_summary(make_app, tmp_path, serve, browser_context):
    """Sphinx fetches each result's page for its snippet; a broad query on a big handbook
    must not download every playbook."""
    from workflow import playbook, small_handbook

    files = {f"sei/assunto-{i:02d}.rst": playbook(f"Assunto número {i}") for i in range(14)}
    app = make_app("html", srcdir=small_handbook(tmp_path, files), freshenv=True)
    app.build()
    base = serve(app.outdir)
    page = browser_context.new_page()
    # Count, in the page, every page fetched for a summary: Sphinx calls fetch() for an item
    # when it displays it, and reports "finished" (the summary line search() waits for)
    # only after the last item, so the count is complete once search() returns.
    page.add_init_script("""(() => {
      window.__summaryFetches = [];
      const fetch = window.fetch;
      window.fetch = (url, ...rest) => {
        if (String(url).includes('/playbooks/sei/')) window.__summaryFetches.push(String(url));
        return fetch(url, ...rest);
      };
    })();""")
    results = search(page, base, "erro")  # every playbook says "erro"
    assert len(pages(results)) == 14
    assert len(page.evaluate("window.__summaryFetches")) == 10
    page.wait_for_function("() => document.querySelectorAll('#search-results p.context').length === 10")
    assert len(page.evaluate("window.__summaryFetches")) == 10
    # the ten with a summary are the first ten shown (the best ones)
    with_summary = page.eval_on_selector_all(
        "#search-results ul.search li", "els => els.map(e => e.querySelector('p.context') !== null)")
    assert with_summary == [True] * 10 + [False] * 4
    # a second search gets its own ten summaries
    search(page, base, "sistema")
    page.wait_for_function("() => document.querySelectorAll('#search-results p.context').length === 10")
