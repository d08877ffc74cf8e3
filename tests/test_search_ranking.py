"""Issue 14: the search weighs the rare words of a ticket (Chromium, real search page)."""

from __future__ import annotations

import json
import urllib.parse

import pytest
from conftest import built_app
from search_evaluation import SEARCH_FINISHED, UNLIMITED_PHRASE_WAIT_MS, search_on_page
from workflow import small_handbook

from playbooks.finding import search_index_format as fmt


def _playbook(title: str, situation: str, text: str, keywords: str, team: str = "Equipe de 1º Nível") -> str:
    return (f"{title}\n{'=' * len(title)}\n\nSituação\n--------\n\n{situation}\n\n"
            f"Quando Ocorre\n-------------\n\nQuando o usuário abre um chamado.\n\n"
            f"Solução Sugerida\n----------------\n\n{text}\n\n"
            f"Modelo de Resposta para Chamados\n--------------------------------\n\nPrezado(a), segue a orientação.\n\n"
            f"Atribuições e responsabilidades\n-------------------------------\n\n{team}\n\n"
            f"Perfil do usuário\n-----------------\n\nServidor do órgão\n\n"
            f"Palavras-chave\n--------------\n\n{keywords}\n\nReferências\n-----------\n\nNenhuma.\n")


COMMON = ("O processo foi enviado e o sistema mostra erro no status do processo. O usuário recebe erro "
          "ao enviar o processo e o status não muda. Erro de processo enviado, erro de status.")


def _files() -> dict[str, str]:
    files = {f"sei/comum-{i}.rst": _playbook(f"Assunto geral número {i}", COMMON, COMMON, "Processo; Erro")
             for i in range(20)}
    files["tramita/gearman.rst"] = _playbook(
        "Fila parada no servidor", "O serviço de filas para de responder.",
        "Texto inicial sem relação com o problema. " * 30 + "\n\nReinicie o gearman no servidor de filas "
        "e confira o supervisor.", "Filas; Servidor", team="Equipe de 3º Nível")
    files["sei/certificado.rst"] = _playbook(
        "Renovação anual", "O certificado digital do órgão venceu.", "Gere um certificado novo.",
        "Certificado; Validade")
    # The same rare words, in a pasted error message (one playbook, word for word) and
    # scattered over a playbook that weighs them more (title, keywords, repeated).
    files["tramita/limite.rst"] = _playbook(
        "Recusa na recepção", "O destino recusa o trâmite.",
        "A mensagem é: O componente excede o limite de tamanho aceito pelo repositório de destino. "
        "Peça ao remetente que divida o documento.", "Recusa; Trâmite")
    files["tramita/repositorio.rst"] = _playbook(
        "Tamanho do componente no repositório", "O repositório limita o componente por tamanho.",
        "Cada repositório tem um limite. Se o componente for aceito, o tamanho fica no destino; "
        "o limite do repositório é de 50 MB por componente.", "Componente; Tamanho; Limite; Repositório")
    files["sei/versao.rst"] = _playbook(
        "Atualização do sistema", "O órgão atualizou a versão e pede orientação.",
        "Confira a versão instalada.", "Versão; Atualizar")
    return files


#: The error message of tramita/limite.rst, pasted in a ticket.
PASTED = ("Bom dia, ao receber aparece: O componente excede o limite de tamanho aceito pelo "
          "repositório de destino. Att, Fulano")


#: What PASTED finds, best first (written out from the playbooks above: only these two hold
#: its words beyond "receber"; limite.rst holds the message word for word).
PASTED_ANSWERS = ["playbooks/tramita/limite", "playbooks/tramita/repositorio"]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("ranking")
    src = small_handbook(tmp, _files(), conf_extra='playbook_search_ignored_words = ["prezados", "att", "fulano"]')
    return built_app(src).outdir


def _search(page, base, query, phrase_wait_ms=UNLIMITED_PHRASE_WAIT_MS):
    """The pages listed for ``query``, best first; the phrase step waits for every page
    unless told otherwise (the clock decides no result)."""
    return [href.split("#")[0].removesuffix(".html")
            for href, _ in search_on_page(page, base, query, phrase_wait_ms)]


def _search_address(page, base, query):
    """The same, for ``search.html?q=query`` (the address; for queries without a phrase)."""
    page.goto(base + "search.html?q=" + urllib.parse.quote(query))
    page.wait_for_function(SEARCH_FINISHED, timeout=20000)
    return [h.split("#")[0].removesuffix(".html") for h in page.eval_on_selector_all(
        "#search-results ul.search li > a", "els => els.map(e => e.getAttribute('href'))")]


def test_the_rare_word_of_a_ticket_outweighs_its_common_words(site, serve, browser_context):
    page = browser_context.new_page()
    base = serve(site)
    # Twenty playbooks match "processo enviado erro status" many times; one has "gearman".
    ticket = "Prezados,\nO processo enviado ficou com erro no status, o gearman parou.\nAtt,\nFulano"
    assert _search(page, base, ticket)[0] == "playbooks/tramita/gearman"
    # Words that carry nothing (stop words, conf.py's playbook_search_ignored_words) find nothing.
    assert _search(page, base, "Prezados att fulano") == []


def test_a_word_without_match_is_corrected_and_the_page_says_so(site, serve, browser_context):
    page = browser_context.new_page()
    results = _search(page, serve(site), "certificdo vencido")
    assert results[0] == "playbooks/sei/certificado"
    note = page.inner_text(".playbook-search-correction")
    assert "“certificdo” → “certificado”" in note
    # A word of four letters is not corrected.
    assert _search(page, serve(site), "filx") == []
    assert page.query_selector(".playbook-search-correction") is None
    _search(page, serve(site), "fila gearmn")
    assert "“gearmn” → “gearman”" in page.inner_text(".playbook-search-correction")


def test_result_shows_the_passage_of_the_rarest_word_marked_with_category_and_team(site, serve, browser_context):
    page = browser_context.new_page()
    _search(page, serve(site), "gearman reiniciar")
    page.wait_for_function("() => document.querySelector('#search-results p.context') !== null")
    summary = page.inner_text("#search-results p.context")
    assert "gearman" in summary and not summary.startswith("Texto inicial")
    marked = page.eval_on_selector_all("#search-results p.context mark", "els => els.map(e => e.textContent)")
    assert "gearman" in marked and "Reinicie" in marked
    facts = page.inner_text("#search-results p.playbook-result-facts")
    assert "Categoria: tramita" in facts and "Equipe: Equipe de 3º Nível" in facts


def test_a_pasted_ticket_keeps_its_words_apart(site, serve, browser_context):
    page = browser_context.new_page()
    base = serve(site)
    # In the address: line breaks are spaces.
    assert _search_address(page, base, "bom dia\ngearman\nsupervisor")[0] == "playbooks/tramita/gearman"
    # Pasted into the search box (the real clipboard) and sent: the line breaks became spaces.
    page.evaluate("navigator.clipboard.writeText('Prezados,\\ngearman parou\\r\\nAtt,\\nFulano')")
    box = page.locator('input[name="q"]').first
    box.fill("")
    box.click()
    page.keyboard.press("Control+V")
    assert box.input_value() == "Prezados, gearman parou Att, Fulano"
    with page.expect_navigation():
        box.press("Enter")
    page.wait_for_function(SEARCH_FINISHED, timeout=20000)
    first = page.eval_on_selector("#search-results ul.search li > a", "e => e.getAttribute('href')")
    assert first.startswith("playbooks/tramita/gearman")


def test_situation_words_ride_on_the_compact_index_and_come_back():
    index = {"docnames": ["a", "b", "c"], "filenames": ["a.rst", "b.rst", "c.rst"], "titles": ["A", "B", "C"],
             "terms": {"x": [0, 1, 2], "y": 1, "z": [0, 2], "v": 0}, "titleterms": {"x": [1], "w": 2, "v": [1, 2]},
             "alltitles": {}, "indexentries": {}, "objects": {}, "objtypes": {}, "objnames": {},
             fmt.FIELDS: {"situation": {"x": [1, 2], "y": [1], "w": [2], "z": [0, 2], "v": [2]}}}
    text = fmt.compact_js_index.dumps(index)
    data = fmt.read_data(text)
    assert fmt.FIELDS not in data and data["compact"]["fields"] == ["situation"]
    assert fmt.compact_js_index.loads(text) == fmt.canonical(index)
    # Plain form (playbook_search_compact_index = False): Sphinx's own, with the fields.
    plain = fmt.CompactJavaScriptIndex(compact=False).dumps(index)
    assert json.loads(plain[len("Search.setIndex("):-1])[fmt.FIELDS] == index[fmt.FIELDS]


def test_changed_situation_sections_reach_the_index_of_an_incremental_build(tmp_path):
    """The sections' words are stemmed when a page is read (kept in its record): changing
    ``playbook_search_situation_sections`` reads the pages again, and the index equals a
    clean build's."""
    files = {name: text for name, text in _files().items() if not name.startswith("sei/comum-")}
    other = {"playbook_search_situation_sections": ["Solução Sugerida"]}

    def field(app):
        index = fmt.load_search_index(app.outdir / "searchindex.js")
        return index, {word: sorted(index["docnames"][n] for n in found)
                       for word, found in index[fmt.FIELDS]["situation"].items()}

    src = small_handbook(tmp_path / "incremental", files)
    _, before = field(built_app(src))
    assert "playbooks/sei/certificado" in before["venc"] and "gearman" not in before
    index, after = field(built_app(src, freshenv=False, confoverrides=other))
    assert "venc" not in after and after["gearman"] == ["playbooks/tramita/gearman"]
    clean_index, clean = field(built_app(small_handbook(tmp_path / "clean", files), confoverrides=other))
    assert after == clean
    assert {k: v for k, v in index.items() if k != "envversion"} == \
        {k: v for k, v in clean_index.items() if k != "envversion"}


def test_site_index_holds_the_situation_field_and_the_browser_reads_it(site, serve, browser_context):
    data = fmt.read_data((site / "searchindex.js").read_text(encoding="utf-8"))
    assert fmt.FIELDS not in data and data["compact"]["fields"] == ["situation"]  # riding on the terms
    index = fmt.load_search_index(site / "searchindex.js")
    situation = index[fmt.FIELDS]["situation"]
    number = index["docnames"].index("playbooks/sei/certificado")
    assert number in situation["venc"]  # "venceu", only in that playbook's Situação
    page = browser_context.new_page()
    page.goto(serve(site) + "search.html")
    page.wait_for_function("() => Search._index !== null")
    assert page.evaluate("() => Search._index.playbook_fields.situation.venc") == situation["venc"]


def test_an_exact_phrase_pasted_from_a_log_ranks_its_playbook_first(site, serve, browser_context):
    page = browser_context.new_page()
    base = serve(site)
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    results = _search(page, base, PASTED)
    # By its words alone (the index has no positions) the playbook that weighs them more
    # comes first; the phrase, found word for word in the other's page, reorders them.
    by_words = page.evaluate("(q) => PlaybookRanking.rank(q).results.sort((a, b) => b.score - a.score)"
                             ".map((r) => Search._index.docnames[r.doc])", PASTED)
    assert by_words[0] == "playbooks/tramita/repositorio"
    assert results[0] == "playbooks/tramita/limite", results
    # The summary shows the passage with the phrase; each page was downloaded once.
    page.wait_for_function("() => document.querySelectorAll('#search-results p.context').length >= 2")
    first = page.inner_text("#search-results li:first-child p.context")
    assert "excede o limite de tamanho aceito" in first
    pages = [url for url in requested if "/playbooks/" in url]
    assert sorted(pages) == sorted(set(pages)) and any(url.endswith("limite.html") for url in pages)
    # The same words out of order are no phrase: the ranking by words stands.
    shuffled = "destino repositório aceito tamanho limite excede componente"
    assert _search(page, base, shuffled)[0] == "playbooks/tramita/repositorio"
    # A query that cannot hold a phrase (five words, three of them meaningful) is shown at
    # once (no page is read first); one that can waits for the pages.
    refine = "(q) => PlaybookPhrases.refine(q, Search._performSearch(...Search._parseQuery(q)), PlaybookRanking.rank(q))"
    assert page.evaluate(f"(q) => ({refine})(q) === null", "gearman parou no servidor") is True
    assert page.evaluate(f"(q) => ({refine})(q) === null", "o gearman de um servidor") is True  # stop words
    assert page.evaluate(f"(q) => ({refine})(q) instanceof Promise", "o gearman parou no servidor") is True


def test_a_page_that_arrives_after_the_phrase_limit_does_not_count(site, serve, browser_context):
    """The phrase step's limit (phrase_wait_ms), on both sides of a page that is held back."""
    page = browser_context.new_page()
    base = serve(site)
    held = []
    page.route("**/playbooks/tramita/limite.html", lambda route: held.append(route))
    # limite.html is held until the list is shown: past a 50 ms limit, its phrase does not
    # count, and the playbook that weighs the words more stays first.
    assert _search(page, base, PASTED, phrase_wait_ms=50) == list(reversed(PASTED_ANSWERS))
    assert held, "limite.html was not asked for"
    for route in held:
        route.continue_()
    page.unroute("**/playbooks/tramita/limite.html")
    # Without a limit the page is waited for, and its phrase puts it first.
    assert _search(page, base, PASTED) == PASTED_ANSWERS


def test_a_word_found_only_in_the_text_counts_half_in_the_coverage(site, serve, browser_context):
    """RANKING's coverage: the factor on a playbook's score is 1 - coverage_weight (0.5) +
    coverage_weight * the share of the query's weight it covers, a word found only in its
    text counting half (text_coverage)."""
    page = browser_context.new_page()
    page.goto(serve(site) + "search.html")
    page.wait_for_function("() => Search.hasIndex && Search.hasIndex()")
    factor = ("(q) => Object.fromEntries(PlaybookRanking.rank(q).results"
              ".map((r) => [Search._index.docnames[r.doc], Math.round(r.factor * 1000) / 1000]))")
    # "gearman" and "supervisor" are only in gearman.rst's text: half of the query's weight.
    assert page.evaluate(factor, "gearman supervisor") == {"playbooks/tramita/gearman": 0.75}
    # "certificado" is in certificado.rst's keywords and Situação: all of it.
    assert page.evaluate(factor, "certificado") == {"playbooks/sei/certificado": 1.0}


def test_a_synonym_finds_the_playbook_and_the_page_says_so(site, serve, browser_context):
    page = browser_context.new_page()
    base = serve(site)
    # "upgrade" is in no playbook; conf.py's playbook_search_synonyms also looks for
    # "atualizar" and "versão".
    assert _search(page, base, "upgrade do sistema")[0] == "playbooks/sei/versao"
    note = page.inner_text(".playbook-search-synonyms")
    assert "“upgrade” → “atualizar”" in note and "“upgrade” → “versão”" in note
    # Without the synonym, nothing answers the word.
    page.evaluate("() => PLAYBOOK_SEARCH_SYNONYMS.clear()")
    ranked = page.evaluate("() => PlaybookRanking.rank('upgrade').results.length")
    assert ranked == 0


def test_a_later_query_is_not_overwritten_by_an_earlier_ones_phrases(site, serve, browser_context):
    page = browser_context.new_page()
    page.goto(serve(site) + "search.html")
    page.wait_for_function("() => Search.hasIndex && Search.hasIndex()")
    # The pasted message waits for its pages; "gearman", asked right after, is shown at once;
    # then the first query's phrase step ends (awaited: its display step, which adds the
    # first item at once, runs before).
    shown = page.evaluate("""async (pasted) => {
      const out = document.getElementById('search-results');
      out.replaceChildren();
      Search.performSearch(pasted);
      const first = Search._playbookPending;
      out.replaceChildren();
      Search.performSearch('gearman');
      await new Promise((done) => {  // "gearman" shown in full
        const check = () => (out.querySelector('p.search-summary')?.innerText.trim() ? done() : setTimeout(check, 10));
        check();
      });
      await first;  // a display step of the first query would have added its first item by now
      return [first !== null, [...out.querySelectorAll('ul.search li > a')].map((a) => a.getAttribute('href'))];
    }""", PASTED)
    assert shown[0] is True  # the pasted message did wait for its pages
    assert shown[1] and all(href.startswith("playbooks/tramita/gearman") for href in shown[1]), shown


def test_an_earlier_query_shown_at_once_stops_when_a_later_one_starts(site, serve, browser_context):
    page = browser_context.new_page()
    page.goto(serve(site) + "search.html")
    page.wait_for_function("() => Search.hasIndex && Search.hasIndex()")
    # "processo" lists the twenty common playbooks one every 5 ms; the pasted message starts
    # before they are all shown, and waits for its pages: its list holds only its results.
    shown = page.evaluate("""async (pasted) => {
      const out = document.getElementById('search-results');
      out.replaceChildren();
      Search.performSearch('processo');
      out.replaceChildren();
      Search.performSearch(pasted);
      await Search._playbookPending;
      await new Promise((done) => {
        const check = () => (out.querySelector('p.search-summary')?.innerText.trim() ? done() : setTimeout(check, 10));
        check();
      });
      return [...out.querySelectorAll('ul.search li > a')].map((a) => a.getAttribute('href').split('.html')[0]);
    }""", PASTED)
    # Only the pasted message's own answers, in its order: the two playbooks that hold its
    # words (limite.rst word for word), none of the twenty "processo" playbooks.
    assert shown == PASTED_ANSWERS, shown
