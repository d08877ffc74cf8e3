"""The 30-query evaluation of the handbook's search on PEN's real playbooks.

Each query is what an agent would type with a ticket open (no accents, singular or
plural, words of the ticket); each names the playbook(s) it should find.  The real search
page runs in Chromium (``search.html?q=…``) and the ranked links are read from it.

Run by tests/test_search_evaluation.py, or by hand for the report::

    .venv/bin/python tests/search_evaluation.py [--baseline]

``--baseline`` builds with Sphinx's stock Portuguese search (no folding, no keyword
entries) for comparison.
"""

from __future__ import annotations

import sys
import tempfile
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

#: (query, file names of the playbooks that answer it, without ".rst")
QUERIES: list[tuple[str, tuple[str, ...]]] = [
    ("duvida adesao sei", ("Adesao_Duvida_SEI",)),
    ("como aderir ao processo eletronico nacional", ("Adesao_Duvida_SEI",)),
    ("anexo duplicado", ("Encontrado_mais_de_um_anexo_associado_ao_documento",)),
    ("erro codigo de barras", ("Erro_gerando_codigo_de_barras–SEI",)),
    ("erro modulo estatistica", ("Erro_no_modulo_estatistica_do_SEI–PEN",)),
    ("sistema apresentando error 500", ("Error_500",)),
    ("instalação do módulo estatística", ("Instalacao_do_modulo_estatistica_do_SEI–PEN",)),
    ("novo acordo trf4", ("Novo_acordo",)),
    ("sugestoes de melhoria estatistica", ("Sugestoes_de_melhoria_para_o_modulo_estatistica_do_SEI–PEN",)),
    ("suporte versao anterior sei 4.0", ("SOLICITACAO_DE_SUPORTE_TECNICO_A_VERSOES_DO_SEI_ANTERIORES_A_4.0_v2",
                                         "SOLICITACAO_DE_SUPORTE_TECNICO_A_VERSOES_DO_SEI_ANTERIORES_A_4.0 ")),
    ("adesao nup", ("ADESAO_AO_NUP–ESCLARECER_DUVIDAS",)),
    ("cadastrar codigo nup", ("CADASTRAR_CODIGO_DE_NUP–ESCLARECER_DUVIDAS",)),
    ("numero de documentos nao confere", ("Erro_Numero_de_Documentos",)),
    ("gearman supervisor", ("Processo_parado_no_status_2",)),
    ("certificado expirado", ("O_CERTIFICADO_DO_ORGAO_EXPIROU_E_ELE_SOLICITOU_UM_NOVO_CERTIFICADO",)),
    ("erro atualizacao certificado", ("ERRO_NA_ATUALIZACAO_DO_CERTIFICADO",)),
    ("esqueceu senha protocolo integrado", (
        "O_USUARIO_PERDEU_OU_ESQUECEU_A_SENHA_DE_ACESSO_AO_MODULO_DO_PROTOCOLO_INTEGRADO_E_SOLICITOU_UMA_NOVA",)),
    ("credenciais pre-producao", ("SOLICITACAO_DE_CREDENCIAIS_DE_ACESSO_AO_AMBIENTE_DE_PRE-PRODUCAO_DO_PROTOCOLO_INTEGRADO",)),
    ("ja existe registro permissao sip", ("Erro_criar_permissao",)),
    ("vistas conteudo dos processos", ("SOLICITACOES_DE_VISTAS_AO_CONTEUDO_DOS_PROCESSOS",)),
    ("orgao nao usa sei integracao", (
        "O_ORGAO_NAO_USA_O_SEI_COMO_SISTEMA_DE_PROCESSO_ELETRONICO_E_SOLICITOU_INTEGRACAO_AO_PROTOCOLO_INTEGRADO",)),
    ("novo servidor responsavel", (
        "O_ORGAO_TEM_UM_NOVO_SERVIDOR_RESPONSAVEL_PELA_INTEGRACAO_AO_PROTOCOLO_INTEGRADO_E_SOLICITOU_A_ATUALIZACAO",)),
    ("logs do apache modulo tramita", ("Erro_Modulo_Tramita.GOV.BR",)),
    ("language cron iso8859", ("Erro_escrevendo_no_infra_log",)),
    ("processo parado status 2", ("Processo_parado_no_status_2",)),
    ("processos travados status 4", (
        "ERRO_DE_PROCESSOS_TRAVADOS_NO_STATUS_4-Arquivos_digitais_recebidos_pelo_destinatario_NO_PAINEL_DO_TRAMITA",)),
    ("status cancelado", ("ERRO_DE_STATUS_CANCELADO_NO_ENVIO_DE_PROCESSO",)),
    ("hash ordem documentos", ("Erros_de_hash_e_de_ordem_de_documentos",)),
    ("parametros memoria", ("Mudar_Parametros_de_Memoria",)),
    ("ministerio publico", ("Atendimento_de_chamado_aberto_por_Ministerio_Publico–Tramita_GOV.BR",)),
]


@dataclass
class Outcome:
    query: str
    expected: tuple[str, ...]
    ranked: list[str]  # file names (without .rst), best first

    @property
    def rank(self) -> int | None:
        for position, name in enumerate(self.ranked, start=1):
            if name in self.expected:
                return position
        return None


def file_name(href: str) -> str:
    path = urllib.parse.unquote(urllib.parse.urlsplit(href).path)
    return path.rsplit("/", 1)[-1].removesuffix(".html")


#: True once the search page has shown its results (Sphinx writes the summary line last).
SEARCH_FINISHED = ("() => { const s = document.querySelector('#search-results p.search-summary');"
                   " return s !== null && s.innerText.trim() !== ''; }")


#: The phrase step's limit while an evaluation runs (RANKING's ``phrase_wait_ms`` is 1.5 s):
#: the wall clock must not decide a rank, so the pages of the best results are always
#: waited for (a page that never came would fail the query's wait, not change its rank).
UNLIMITED_PHRASE_WAIT_MS = 600_000


def run_queries(page, base_url: str, queries=QUERIES,
                phrase_wait_ms: int = UNLIMITED_PHRASE_WAIT_MS) -> list[Outcome]:
    """Each query on the real search page (``search.html``), through ``Search.performSearch``
    (what the page runs for ``?q=``), the index loaded once; the phrase step's limit set to
    ``phrase_wait_ms`` first."""
    page.goto(base_url + "search.html")
    page.wait_for_function("() => Search.hasIndex && Search.hasIndex()", timeout=20000)
    page.evaluate("(ms) => { if (typeof PlaybookSearch !== 'undefined') PlaybookSearch.config.phrase_wait_ms = ms; }",
                  phrase_wait_ms)  # (Sphinx's stock search, --baseline, has no phrase step)
    outcomes = []
    for query, expected in queries:
        page.evaluate("(q) => { document.getElementById('search-results').replaceChildren();"
                      " Search.performSearch(q); }", query)
        page.wait_for_function(SEARCH_FINISHED, timeout=20000)
        hrefs = page.eval_on_selector_all("#search-results ul.search li > a",
                                          "els => els.map(e => e.getAttribute('href'))")
        ranked = []
        for href in hrefs:
            name = file_name(href)
            if name not in ranked:
                ranked.append(name)
        outcomes.append(Outcome(query, expected, ranked))
    return outcomes


def search_on_page(page, base_url: str, query: str,
                   phrase_wait_ms: int = UNLIMITED_PHRASE_WAIT_MS) -> list[tuple[str, str]]:
    """(link, text) of the results of ``query`` on the real search page, in the order shown:
    ``search.html`` opened (unless it is open already), the phrase step's limit set to
    ``phrase_wait_ms``, then ``Search.performSearch`` (what the page runs for ``?q=``) and
    the page's own "finished" signal (its summary line)."""
    if page.url.split("?")[0] != base_url + "search.html":
        page.goto(base_url + "search.html")
        page.wait_for_function("() => Search.hasIndex && Search.hasIndex()", timeout=20000)
    page.evaluate("(ms) => { PlaybookSearch.config.phrase_wait_ms = ms; }", phrase_wait_ms)
    page.evaluate("(q) => { document.getElementById('search-results').replaceChildren();"
                  " Search.performSearch(q); }", query)
    page.wait_for_function(SEARCH_FINISHED, timeout=20000)
    return [tuple(pair) for pair in page.eval_on_selector_all(
        "#search-results ul.search li > a", "els => els.map(e => [e.getAttribute('href'), e.textContent])")]


def built_playbooks(outdir: Path) -> set[str]:
    """The file names (without ".rst") of the pages of a built site's search index: the
    answers a query can be compared against."""
    from playbooks.finding.search_index_format import load_search_index

    return {name.rsplit("/", 1)[-1] for name in load_search_index(Path(outdir) / "searchindex.js")["docnames"]}


def compared(outcomes: list[Outcome], built: set[str]) -> list[Outcome]:
    """The outcomes whose expected playbook is a page of the built site."""
    return [o for o in outcomes if set(o.expected) & built]


#: docs/busca.md, where the figures of each set are reported.
FIGURES_DOC = Path(__file__).resolve().parent.parent / "docs" / "busca.md"


def reported_figures(data_file: str) -> tuple[int, int, int]:
    """(queries, top-1, top-3) of the row of docs/busca.md's table that names ``data_file``."""
    import re

    text = FIGURES_DOC.read_text(encoding="utf-8")
    row = re.search(r"^\|[^|\n]*`tests/" + re.escape(data_file) + r"`[^|\n]*\|\s*(\d+)\s*\|\s*(\d+)\s*\|\s*(\d+)\s*\|",
                    text, re.M)
    if row is None:
        raise AssertionError(f"docs/busca.md has no row for tests/{data_file}")
    return tuple(map(int, row.groups()))


def rates(outcomes: list[Outcome]) -> tuple[float, float]:
    top1 = sum(1 for o in outcomes if o.rank == 1) / len(outcomes)
    top3 = sum(1 for o in outcomes if o.rank is not None and o.rank <= 3) / len(outcomes)
    return top1, top3


def report(outcomes: list[Outcome]) -> str:
    lines = []
    for o in outcomes:
        where = f"#{o.rank}" if o.rank else "não achou"
        lines.append(f"{where:>10}  {o.query!r} -> {o.ranked[:3]}")
    top1, top3 = rates(outcomes)
    lines.append(f"top-1: {top1:.0%} ({round(top1 * len(outcomes))}/{len(outcomes)}), "
                 f"top-3: {top3:.0%} ({round(top3 * len(outcomes))}/{len(outcomes)})")
    return "\n".join(lines)


def build(src: Path, out: Path, baseline: bool = False) -> None:
    from sphinx.application import Sphinx

    app = Sphinx(str(src), str(src), str(out), str(out / ".doctrees"), "html",
                 status=None, warning=None, freshenv=True)
    if baseline:
        import sphinx.search
        from playbooks.collect import keywords_index

        sphinx.search.languages["pt"] = "sphinx.search.pt.SearchPortuguese"
        listeners = app.events.listeners["doctree-read"]
        listeners[:] = [l for l in listeners if l.handler is not keywords_index.add_keyword_entries]
    app.build()


def main(argv: list[str]) -> int:
    here = Path(__file__).resolve().parent
    sys.path.insert(0, str(here))
    from conftest import CHROMIUM, CHROMIUM_ARGS, StaticServer
    from playwright.sync_api import sync_playwright
    from test_handbook import pen_wiki_root

    with tempfile.TemporaryDirectory() as tmp:
        src = pen_wiki_root(Path(tmp))
        out = Path(tmp) / "html"
        build(src, out, baseline="--baseline" in argv)
        server = StaticServer(out)
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                outcomes = run_queries(browser.new_page(), server.url)
                browser.close()
        finally:
            server.close()
    print(report(outcomes))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
