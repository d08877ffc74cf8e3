"""Content health (issue 20): ``make report``, the page "Saúde do manual" and the catalog's
``?sinal=`` filter give the same flags, decided once (standard/health.py).

``tests/roots/test-health`` (``playbook_today = "2025-01-15"``) has a playbook for every
flag; PEN's sample, imported, is compared with counts made by hand from its files.
"""

from __future__ import annotations

import csv
import datetime
import io
import json
import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import PEN_WIKI, PROJECT, built_app
from workflow import clean_env, make, project_copy

from playbooks.standard import health
from playbooks.standard.metadata import team_level

ROOT = PROJECT / "tests" / "roots" / "test-health"

#: The flags of every playbook of the test root on 2025-01-15, written out by hand.
EXPECTED = {
    "playbooks/sei/completo.rst": [],  # review 2025-06-30, everything filled in
    "playbooks/sei/duplicado-1.rst": ["duplicate_title"],  # "2024.05.06-Erro no envio-V1"
    "playbooks/sei/proximo.rst": ["review_soon", "placeholder_form", "no_keywords"],  # 2025-02-01; "(inserir aqui ...)"; N/A
    "playbooks/sei/vencido.rst": ["review_overdue", "team_missing", "profile_missing"],  # 2025-01-10; N/A; (Indicar ...)
    "playbooks/tramita/duplicado-2.rst": ["duplicate_title"],  # "2024.05.08-Erro no envio-V2"
    "playbooks/tramita/instrucao.rst": ["no_review_date", "reply_instruction"],
    "playbooks/tramita/rascunho.rst": ["draft", "no_review_date"],  # "Resposta em construção."
    "playbooks/tramita/resposta-1.rst": ["duplicate_reply"],
    "playbooks/tramita/resposta-2.rst": ["duplicate_reply"],
    "playbooks/tramita/sem-resposta.rst": ["no_review_date", "no_reply"],  # no reply section
}


def report(src: Path, fmt: str = "", conf: Path | None = None) -> subprocess.CompletedProcess:
    """``python -m playbooks report`` as ``make report`` runs it."""
    result = subprocess.run(
        [sys.executable, "-m", "playbooks", "report", "--conf", str(conf or src / "conf.py"), "--source", str(src),
         "--format", fmt],
        cwd=src, capture_output=True, text=True, env={**clean_env(), "PYTHONPATH": str(PROJECT / "_ext")})
    assert result.returncode == 0, result.stderr
    return result


def root_copy(tmp_path: Path, conf_extra: str = "") -> Path:
    src = tmp_path / "health"
    shutil.copytree(ROOT, src)
    if conf_extra:
        with open(src / "conf.py", "a", encoding="utf-8") as handle:
            handle.write("\n" + conf_extra + "\n")
    return src


# --- Reading the outputs -------------------------------------------------------------------


def csv_flags(text: str) -> dict[str, list[str]]:
    rows = list(csv.DictReader(io.StringIO(text)))
    return {row["path"]: [name for name in health.NAMES if row[name] == "1"] for row in rows}


def table_figures(text: str) -> dict[str, dict[str, int]]:
    """The terminal table: ``{category or "total": {column: n}}``."""
    lines = text.splitlines()
    header = next(i for i, line in enumerate(lines) if line.startswith("categoria"))
    columns = ["playbooks", *health.NAMES]
    found = {}
    for line in lines[header + 1:]:
        if not line.strip():
            break
        if line.startswith("-"):
            continue
        name, *numbers = line.split()
        found[name] = dict(zip(columns, map(int, numbers), strict=True))
    return found


def table_worst(text: str) -> list[tuple[str, list[str]]]:
    block = text.split("os piores primeiro:\n", 1)[1]
    return [(path, flags.split(", ")) for path, flags in re.findall(r"^  (\S+): (.+)$", block, re.M)]


def page_tables(html: str) -> dict[str, dict[str, dict[str, int]]]:
    """The page's two tables: ``{table id: {row label: {flag or "playbooks": n}}}``."""
    soup = BeautifulSoup(html, "html.parser")
    labels = {flag.label: flag.name for flag in health.FLAGS}
    tables = {}
    for table in soup.select("table.health-table[id]"):
        heads = [th.get_text(strip=True) for th in table.select("thead th")][1:]
        names = ["playbooks" if h == "Playbooks" else labels[h] for h in heads]
        rows = {}
        for tr in table.select("tbody tr, tfoot tr"):
            cells = [td.get_text(strip=True) for td in tr.find_all("td")]
            rows[tr.th.get_text(strip=True)] = dict(zip(names, map(int, cells), strict=True))
        tables[table["id"]] = rows
    return tables


def page_links(html: str) -> list[tuple[str, int]]:
    """``(href, number)`` of every count that links to the catalog."""
    soup = BeautifulSoup(html, "html.parser")
    return [(a["href"], int(a.get_text())) for a in soup.select(".playbook-health td a")]


def catalog_items(html: str) -> dict[str, dict]:
    """The catalog's items: ``{href: {"category", "team", "flags", "classes"}}``."""
    soup = BeautifulSoup(html, "html.parser")
    return {li.select_one("a.catalog-title")["href"]: {
        "category": li["data-category"], "team": li["data-team"],
        "flags": (li.get("data-flags") or "").split(), "classes": li["class"]}
        for li in soup.select("li.catalog-item")}


def by_team_level(rows: list[dict]) -> dict[str, dict[str, int]]:
    return health.by_group(rows, lambda row: team_level(row["team"]) or "nenhum")


# --- The one decision --------------------------------------------------------------------------


FACTS = health.Facts(draft=False, review_by="2025-02-14", team_expected=True, team=True, profile_expected=True,
                     profile=True, keywords_expected=True, keywords=2, reply_expected=True, copyable_replies=1,
                     reply_instruction=False, placeholder_form=False)


@pytest.mark.parametrize(("today", "soon_days", "expected"), [
    ("2025-01-15", 30, ["review_soon"]),  # 30 days ahead: within the window
    ("2025-01-14", 30, []),  # 31 days ahead
    ("2025-02-14", 30, ["review_soon"]),  # the day itself is not past yet
    ("2025-02-15", 30, ["review_overdue"]),  # the day after
    ("2025-01-15", 10, []),
])
def test_review_flags_follow_the_date_and_the_window(today, soon_days, expected):
    assert health.flags(FACTS, today=datetime.date.fromisoformat(today), soon_days=soon_days) == expected


def test_a_draft_is_not_also_without_reply_and_kinds_without_a_section_are_not_flagged():
    on = datetime.date(2025, 1, 15)
    draft = {**FACTS, "draft": True, "copyable_replies": 0}
    assert health.flags(draft, today=on) == ["draft", "review_soon"]
    assert "no_reply" in health.flags({**FACTS, "copyable_replies": 0}, today=on)
    procedure = {**FACTS, "profile_expected": False, "profile": False, "keywords_expected": False, "keywords": 0}
    assert health.flags(procedure, today=on) == ["review_soon"]
    assert health.flags({**FACTS, "team": False}, today=on, duplicate_title=True, duplicate_reply=True) == [
        "review_soon", "team_missing", "duplicate_title", "duplicate_reply"]
    assert len(set(health.NAMES)) == 12 and len({f.param for f in health.FLAGS}) == 12


# --- make report on the test root -----------------------------------------------------------


@pytest.fixture(scope="module")
def root_reports():
    return {fmt: report(ROOT, fmt).stdout for fmt in ("", "json", "csv")}


def test_report_json_gives_every_flag_as_written_by_hand(root_reports):
    data = json.loads(root_reports["json"])
    assert set(data) == {"playbooks", "totals", "by_category"}
    assert {row["path"]: row["flags"] for row in data["playbooks"]} == EXPECTED
    assert data["totals"] == {name: sum(name in flags for flags in EXPECTED.values()) for name in health.NAMES}
    assert data["by_category"]["sei"] == {**data["by_category"]["sei"], "playbooks": 4, "review_overdue": 1,
                                          "review_soon": 1, "draft": 0, "duplicate_title": 1}
    assert sum(c["playbooks"] for c in data["by_category"].values()) == 10
    proximo = next(row for row in data["playbooks"] if row["path"] == "playbooks/sei/proximo.rst")
    assert proximo == {"path": "playbooks/sei/proximo.rst", "title": "Acesso externo", "category": "sei",
                       "kind": "script", "team": "Equipe de 1º Nível",
                       "flags": ["review_soon", "placeholder_form", "no_keywords"]}
    duplicate = next(row for row in data["playbooks"] if row["path"] == "playbooks/sei/duplicado-1.rst")
    assert duplicate["title"] == "Erro no envio"  # PEN's date and version left out, as the catalog shows it


def test_json_csv_and_terminal_table_agree(root_reports):
    data = json.loads(root_reports["json"])
    assert csv_flags(root_reports["csv"]) == {row["path"]: row["flags"] for row in data["playbooks"]}
    table = table_figures(root_reports[""])
    assert table.pop("total") == {**data["totals"], "playbooks": len(data["playbooks"])}
    assert table == data["by_category"]
    worst = table_worst(root_reports[""])
    assert [path for path, _ in worst] == [
        "playbooks/sei/vencido.rst", "playbooks/tramita/rascunho.rst", "playbooks/tramita/sem-resposta.rst",
        "playbooks/sei/proximo.rst", "playbooks/tramita/instrucao.rst", "playbooks/sei/duplicado-1.rst",
        "playbooks/tramita/duplicado-2.rst", "playbooks/tramita/resposta-1.rst", "playbooks/tramita/resposta-2.rst",
    ]  # worst first; completo.rst needs nothing
    assert all(flags == EXPECTED[path] for path, flags in worst)


def test_a_playbook_only_without_review_date_is_counted_but_not_listed_for_action(tmp_path):
    """The guide asks for ``:revisar-em:`` only for temporary situations: a playbook complete
    but without it is counted (``no_review_date``) and kept out of the list of what to fix."""
    src = tmp_path / "src"
    shutil.copytree(ROOT, src)
    text = (src / "playbooks" / "sei" / "completo.rst").read_text(encoding="utf-8")
    text = text.replace(":revisar-em: 2025-06-30\n\n", "").replace("Credencial renovada\n===================",
                                                                     "Senha redefinida\n================")
    (src / "playbooks" / "sei" / "permanente.rst").write_text(
        text.replace("a solicitação foi atendida", "a senha foi redefinida"), encoding="utf-8")
    table = report(src).stdout
    data = json.loads(report(src, "json").stdout)
    assert {row["path"]: row["flags"] for row in data["playbooks"]}["playbooks/sei/permanente.rst"] == ["no_review_date"]
    assert data["totals"]["no_review_date"] == 4
    listed = dict(table_worst(table))
    assert "playbooks/sei/permanente.rst" not in listed
    assert listed["playbooks/tramita/rascunho.rst"] == ["draft", "no_review_date"]  # listed for its other flag
    assert "Fora da lista: 1 playbook(s) só com sinal informativo (no_review_date)." in table


@pytest.mark.parametrize(("today", "flags"), [
    ("2025-01-10", ["review_soon", "team_missing", "profile_missing"]),  # the review day itself
    ("2025-01-11", ["review_overdue", "team_missing", "profile_missing"]),  # the day after
])
def test_a_passed_review_date_is_overdue_on_the_date_the_test_fixes(tmp_path, today, flags):
    src = root_copy(tmp_path, f'playbook_today = "{today}"')
    data = json.loads(report(src, "json").stdout)
    assert {row["path"]: row["flags"] for row in data["playbooks"]}["playbooks/sei/vencido.rst"] == flags


def test_review_window_comes_from_conf_and_bad_values_are_refused(tmp_path):
    src = root_copy(tmp_path, "playbook_review_soon_days = 10")
    data = json.loads(report(src, "json").stdout)
    assert {row["path"]: row["flags"] for row in data["playbooks"]}["playbooks/sei/proximo.rst"] == [
        "placeholder_form", "no_keywords"]  # 2025-02-01 is 17 days ahead
    with open(src / "conf.py", "a", encoding="utf-8") as handle:
        handle.write('\nplaybook_review_soon_days = "30"\n')
    result = subprocess.run([sys.executable, "-m", "playbooks", "report", "--conf", "conf.py", "--source", "."],
                            cwd=src, capture_output=True, text=True,
                            env={**clean_env(), "PYTHONPATH": str(PROJECT / "_ext")})
    assert result.returncode == 2 and "playbook_review_soon_days = '30'" in result.stderr
    bad = subprocess.run([sys.executable, "-m", "playbooks", "report", "--format", "xml"], cwd=src,
                         capture_output=True, text=True, env={**clean_env(), "PYTHONPATH": str(PROJECT / "_ext")})
    assert bad.returncode == 2 and "formato desconhecido" in bad.stderr


def test_make_report_target(tmp_path):
    project = project_copy(tmp_path)
    result = make(project, "report", f"SOURCEDIR={ROOT}", f"CONFDIR={ROOT}", "FORMAT=json")
    assert result.returncode == 0, result.stderr
    assert {row["path"]: row["flags"] for row in json.loads(result.stdout)["playbooks"]} == EXPECTED


# --- The page and the catalog, built from the same tree ----------------------------------------


@pytest.fixture
def health_site(shared_sites):
    return shared_sites.get("health")


def test_page_catalog_and_report_agree(health_site, root_reports):
    data = json.loads(root_reports["json"])
    page = (health_site.outdir / "saude.html").read_text(encoding="utf-8")
    tables = page_tables(page)
    by_category = tables["saude-tabela-categorias"]
    assert by_category.pop("Total") == {**data["totals"], "playbooks": 10}
    assert by_category == {"SEI": data["by_category"]["sei"], "Tramita.GOV.BR": data["by_category"]["tramita"]}
    by_team = tables["saude-tabela-equipes"]
    assert by_team.pop("Total") == {**data["totals"], "playbooks": 10}
    expected_teams = by_team_level(data["playbooks"])
    assert by_team == {{"1": "1º nível", "nenhum": "Nível não informado"}[key]: value
                       for key, value in expected_teams.items()}
    # The catalog marks exactly the playbooks flagged "draft" (and "review_overdue"), and
    # carries every flag for its ?sinal= filter.
    items = catalog_items((health_site.outdir / "index.html").read_text(encoding="utf-8"))
    flags = {row["path"].removesuffix(".rst") + ".html": row["flags"] for row in data["playbooks"]}
    assert {href for href, item in items.items() if "is-draft" in item["classes"]} == {
        href for href, names in flags.items() if "draft" in names} == {"playbooks/tramita/rascunho.html"}
    assert {href for href, item in items.items() if "is-review-due" in item["classes"]} == {
        href for href, names in flags.items() if "review_overdue" in names}
    assert {href: item["flags"] for href, item in items.items()} == {
        href: [health.BY_NAME[name].param for name in names] for href, names in flags.items()}


def test_each_count_links_to_the_catalog_filtered_to_those_playbooks(health_site):
    page = (health_site.outdir / "saude.html").read_text(encoding="utf-8")
    items = catalog_items((health_site.outdir / "index.html").read_text(encoding="utf-8"))
    links = page_links(page)
    assert len(links) > 20
    for href, number in links:
        address, _, query = href.partition("?")
        assert address == "index.html"
        params = dict(pair.split("=") for pair in query.split("&")) if query else {}
        assert set(params) <= {"sinal", "categoria", "nivel"}
        chosen = [item for item in items.values()
                  if ("sinal" not in params or params["sinal"] in item["flags"])
                  and params.get("categoria", item["category"]) == item["category"]
                  and params.get("nivel", item["team"]) == item["team"]]
        assert len(chosen) == number, href
    assert ("index.html?sinal=rascunho&categoria=tramita", 1) in links
    assert ("index.html?sinal=titulo-repetido", 2) in links


def test_page_draws_one_chart_per_category_without_script(health_site):
    page = (health_site.outdir / "saude.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(page, "html.parser")
    charts = soup.select("figure.health-chart")
    assert [c.figcaption.get_text() for c in charts] == ["SEI (4 playbooks)", "Tramita.GOV.BR (6 playbooks)"]
    for chart in charts:
        svg = chart.find("svg")
        assert svg["role"] == "img" and svg.title.get_text().startswith(chart.figcaption.get_text().split(" (")[0])
        segments = [rect.title.get_text() for rect in svg.find_all("rect") if rect.title]
        rows = [(tr.th.get_text(strip=True), tr.td.get_text(strip=True)) for tr in chart.select("table tbody tr")]
        assert segments == [f"{label}: {n}" for label, n in rows]  # the table beside it says the same
    block = soup.select_one(".playbook-health")
    assert not block.find_all("script") and not [t for t in block.find_all(True) if any(a.startswith("on") for a in t.attrs)]
    assert not [s["src"] for s in soup.find_all("script", src=True) if "health" in s["src"]]
    assert not re.search(r'(?:href|src)="(?:https?:)?//', str(block))  # nothing from outside
    assert "_static/health.css" in page
    # Agents' pages do not change: no health asset or markup on a playbook page or the catalog.
    for other in ("playbooks/sei/completo.html", "index.html"):
        text = (health_site.outdir / other).read_text(encoding="utf-8")
        assert "health.css" not in text and "playbook-health" not in text


def test_outside_html_the_page_is_its_tables(shared_sites, root_reports):
    data = json.loads(root_reports["json"])
    text = (shared_sites.get("health", "text").outdir / "saude.txt").read_text(encoding="utf-8")
    rows = {}
    for line in text.splitlines():
        cells = [c.strip() for c in line.strip("|").split("|")]
        if line.startswith("| ") and all(c.isdigit() for c in cells[1:]) and cells[0]:
            rows.setdefault(cells[0], []).append(cells[1:])
    labels = {flag.label: flag.name for flag in health.FLAGS}
    for label, name in labels.items():
        by_category, by_team = rows[label]
        assert by_category == [str(data["by_category"]["sei"][name]), str(data["by_category"]["tramita"][name]),
                               str(data["totals"][name])]
        assert by_team[-1] == str(data["totals"][name])
    assert "<svg" not in text and "Sinais por categoria" in text
    # The PDF assembles every page under the root document: the tables are there too.
    tex = next(Path(shared_sites.get("health", "latex").outdir).glob("*.tex")).read_text(encoding="utf-8")
    assert "Sinais por categoria" in tex and "Sinais por nível de atendimento da equipe" in tex
    assert "playbook_health" not in tex and "<svg" not in tex


def test_page_is_right_after_an_edit_and_in_a_parallel_build(tmp_path):
    src = root_copy(tmp_path)
    app = built_app(src)
    before = page_tables((app.outdir / "saude.html").read_text(encoding="utf-8"))
    assert before["saude-tabela-categorias"]["Total"]["draft"] == 1
    draft = src / "playbooks" / "tramita" / "rascunho.rst"
    draft.write_text(draft.read_text(encoding="utf-8").replace("Resposta em construção.",
                                                               "Prezado(a), o recibo foi gerado."), encoding="utf-8")
    again = built_app(src, freshenv=False)
    after = page_tables((again.outdir / "saude.html").read_text(encoding="utf-8"))
    assert after["saude-tabela-categorias"]["Total"]["draft"] == 0
    items = catalog_items((again.outdir / "index.html").read_text(encoding="utf-8"))
    assert not [href for href, item in items.items() if "is-draft" in item["classes"]]
    fresh = built_app(src, parallel=2, confoverrides={})  # -j 2, a new environment
    assert page_tables((fresh.outdir / "saude.html").read_text(encoding="utf-8")) == after


# --- In the browser -------------------------------------------------------------------------------


def test_a_link_of_the_page_opens_the_catalog_filtered(health_site, serve, browser_context):
    page = browser_context.new_page()
    page.goto(serve(health_site.outdir) + "saude.html")
    page.locator('.playbook-health a[href="index.html?sinal=titulo-repetido"]').first.click()
    page.wait_for_selector(".catalog-chips-flag:not([hidden])")
    visible = page.eval_on_selector_all(".catalog-item:not([hidden]) .catalog-title", "els => els.map(e => e.textContent)")
    assert sorted(visible) == ["Erro no envio", "Erro no envio"]
    pressed = page.locator('.catalog-chip[data-filter="flag"][aria-pressed="true"]')
    assert pressed.count() == 1 and pressed.inner_text().startswith("Título repetido")  # the filter shows
    assert page.locator(".catalog-status").inner_text() == "2 de 10 scripts"
    pressed.click()  # and can be taken off
    assert page.locator(".catalog-status").inner_text() == "10 scripts" and "sinal" not in page.url


# --- PEN's sample, imported ------------------------------------------------------------------

#: Counted by hand in the imported files (tests/test_import.py imports the same way):
#: "Respostas em construção" in the reply section of 13 Tramita and 4 NUP scripts (the SEI
#: "Novo acordo" says "em construção" about something else, in a finished reply);
#: "(Indicar quem é responsável ...)" as the team in 11 Tramita scripts, plus "Não se aplica."
#: in "Erro Módulo Tramita.GOV.BR"; "(Indicar se a demanda ...)" as the profile in the same 11,
#: plus "N/A" in the seed "Suporte ao SEI"; two pairs of SEI files with one title ("Adesão
#: Dúvida SEI" and "Solicitação de suporte técnico a versões do SEI anteriores a 4.0").
PEN_BY_HAND = {
    "draft": {"tramita": 13, "nup": 4, "sei": 0, "protocolo-integrado": 0},
    "team_missing": {"tramita": 12, "nup": 0, "sei": 0, "protocolo-integrado": 0},
    "profile_missing": {"tramita": 11, "sei": 1, "nup": 0, "protocolo-integrado": 0},
    "duplicate_title": {"sei": 4, "tramita": 0, "nup": 0, "protocolo-integrado": 0},
}
#: One file per flag, with the flags read in it by hand (the two dates added by the test).
PEN_FILES = {
    "playbooks/tramita/mudar-parametros-de-memoria.rst":  # "Respostas em Construção.", both "(Indicar ...)"
        ["draft", "no_review_date", "team_missing", "profile_missing"],
    "playbooks/tramita/erro-modulo-tramita-gov-br.rst": ["no_review_date", "team_missing"],  # "Não se aplica."
    "playbooks/sei/suporte-ao-sei.rst": ["no_review_date", "profile_missing"],  # "N/A"
    "playbooks/sei/novo-acordo.rst": ["review_overdue"],  # "em construção" in the text of a finished reply
    "playbooks/sei/adesao-duvida-sei.rst": ["no_review_date", "duplicate_title"],
    "playbooks/sei/revisados/adesao-duvida-sei.rst": ["no_review_date", "duplicate_title"],
    "playbooks/nup/adesao-ao-nup-esclarecer-duvidas.rst": ["draft", "review_soon"],
    "playbooks/protocolo-integrado/erro-na-atualizacao-do-certificado.rst": ["no_review_date"],
}
PEN_TODAY = "2026-06-01"


@pytest.fixture(scope="module")
def pen_health(tmp_path_factory):
    """PEN's wiki imported into a copy of the handbook, two review dates added (one passed,
    one soon, on ``PEN_TODAY``), then ``make report`` in each format and a build."""
    if not PEN_WIKI.is_dir():
        pytest.fail(f"PEN's sample is missing: {PEN_WIKI}")
    project = project_copy(tmp_path_factory.mktemp("pen-health"))
    imported = make(project, "import", f"SRC={PEN_WIKI}")
    assert "Importados: 50" in imported.stdout, imported.stdout
    with open(project / "conf.py", "a", encoding="utf-8") as handle:
        handle.write(f'\nplaybook_today = "{PEN_TODAY}"\n')
    for name, date in (("sei/novo-acordo.rst", "2026-05-31"), ("nup/adesao-ao-nup-esclarecer-duvidas.rst", "2026-06-20")):
        path = project / "source" / "playbooks" / name
        path.write_text(f":revisar-em: {date}\n\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    outputs = {}
    for fmt in ("", "json", "csv"):
        result = make(project, "report", *([f"FORMAT={fmt}"] if fmt else []))
        assert result.returncode == 0, result.stderr
        outputs[fmt] = result.stdout
    shutil.copy(project / "conf.py", project / "source" / "conf.py")
    app = built_app(project / "source")
    return {"project": project, "outputs": outputs, "app": app}


@pytest.mark.pen_sample
def test_pen_report_matches_counts_made_by_hand(pen_health):
    data = json.loads(pen_health["outputs"]["json"])
    flags = {row["path"]: row["flags"] for row in data["playbooks"]}
    assert len(flags) == 49  # 48 imported playbooks and the seed
    for path, expected in PEN_FILES.items():
        assert flags[path] == expected, path
    for name, by_category in PEN_BY_HAND.items():
        assert {category: figures[name] for category, figures in data["by_category"].items()} == by_category, name
    assert data["totals"] == {**data["totals"], "draft": 17, "team_missing": 12, "profile_missing": 12,
                              "duplicate_title": 4, "review_overdue": 1, "review_soon": 1, "no_review_date": 47}
    # After make import no parenthesised field is left, and no finished reply holds an
    # instruction or is repeated; every script has keywords and a reply.
    for name in ("placeholder_form", "reply_instruction", "duplicate_reply", "no_keywords", "no_reply"):
        assert data["totals"][name] == 0, name


@pytest.mark.pen_sample
def test_pen_json_csv_table_and_page_agree(pen_health):
    outputs, app = pen_health["outputs"], pen_health["app"]
    data = json.loads(outputs["json"])
    assert csv_flags(outputs["csv"]) == {row["path"]: row["flags"] for row in data["playbooks"]}
    table = table_figures(outputs[""])
    assert table.pop("total") == {**data["totals"], "playbooks": 49}
    assert table == data["by_category"]
    tables = page_tables((Path(app.outdir) / "saude.html").read_text(encoding="utf-8"))
    labels = {record["category"]: record["category_label"]
              for record in app.env.playbook_records.values()}
    by_category = tables["saude-tabela-categorias"]
    assert by_category.pop("Total") == {**data["totals"], "playbooks": 49}
    assert by_category == {labels[key]: value for key, value in data["by_category"].items()}
    by_team = tables["saude-tabela-equipes"]
    assert by_team.pop("Total") == {**data["totals"], "playbooks": 49}
    names = {"1": "1º nível", "2": "2º nível", "3": "3º nível", "nenhum": "Nível não informado"}
    assert by_team == {names[key]: value for key, value in by_team_level(data["playbooks"]).items()}
    items = catalog_items((Path(app.outdir) / "index.html").read_text(encoding="utf-8"))
    drafts = {href for href, item in items.items() if "is-draft" in item["classes"]}
    assert drafts == {row["path"].removesuffix(".rst") + ".html" for row in data["playbooks"] if "draft" in row["flags"]}
    assert len(drafts) == 17
    assert Counter(f for item in items.values() for f in item["flags"]) == {
        health.BY_NAME[name].param: n for name, n in data["totals"].items() if n}


def test_in_singlehtml_the_links_filter_the_catalog_of_the_one_page(shared_sites, serve, browser_context):
    """singlehtml puts every page in one: the catalog is a fragment of it, and the filter
    goes in the query, before the ``#`` (not ``#document-index?sinal=...``)."""
    single = shared_sites.get("health", "singlehtml")
    html = (single.outdir / "index.html").read_text(encoding="utf-8")
    links = page_links(html)
    assert len(links) > 20
    for href, _ in links:
        before, _, fragment = href.partition("#")
        assert "?" not in fragment and (before == "" or before.startswith("?") or before.startswith("index.html")), href
    page = browser_context.new_page()
    page.goto(serve(single.outdir) + "index.html")
    link = page.locator('.playbook-health a[href^="?sinal=titulo-repetido#"]').first
    link.click()
    page.wait_for_selector(".catalog-chips-flag:not([hidden])")
    assert page.locator(".catalog-status").inner_text() == "2 de 10 scripts"
    assert "sinal=titulo-repetido" in page.url


def test_the_catalog_address_is_spelled_in_one_place():
    """collect/catalog_address.py names the address's keys; the catalog, its script and the
    health page take them from there (the script through ``data-address-keys``)."""
    from playbooks.collect import catalog_address

    ext = PROJECT / "_ext" / "playbooks"
    for path in (ext / "finding" / "catalog.py", ext / "finding" / "static" / "catalog.js", ext / "site" / "health.py"):
        code = "\n".join(line for line in path.read_text(encoding="utf-8").splitlines()
                         if not line.lstrip().startswith(("#", "*", "/*", "//")))
        for key in [*catalog_address.KEYS.values(), catalog_address.NO_TEAM]:
            assert f'"{key}"' not in code and f"'{key}'" not in code, (path.name, key)


def test_a_static_table_with_many_groups_goes_on_in_further_tables():
    """PDF and text: more categories than a line holds go on in "(continuação)" tables, each
    within the line, every category once, the total in the last."""
    from playbooks.site import health as page

    counts = {"playbooks": 3, **{flag.name: 1 for flag in health.FLAGS}}
    groups = [(f"c{n}", f"Categoria número {n}", counts) for n in range(12)]
    tables = page.flags_table("Sinais por categoria", groups, {**counts, "playbooks": 36})
    assert len(tables) > 1
    heads = [[entry.astext() for entry in table.findall(lambda n: n.tagname == "entry")][:len(list(
        table.findall(lambda n: n.tagname == "colspec")))] for table in tables]
    assert [table[0].astext() for table in tables] == ["Sinais por categoria"] + \
        ["Sinais por categoria (continuação)"] * (len(tables) - 1)
    assert all(head[0] == "Sinal" for head in heads)
    assert [h for head in heads for h in head[1:] if h != "Total"] == [label for _, label, _ in groups]
    assert [head[-1] == "Total" for head in heads] == [False] * (len(tables) - 1) + [True]
    assert len({table["ids"][0] for table in tables}) == len(tables)  # EPUB and LaTeX need each id once
    blank = page.flags_table("Sinais", [("_", " ", counts)], counts)  # a label with no word
    assert len(blank) == 1
    for table in tables:
        widths = [c["colwidth"] for c in table.findall(lambda n: n.tagname == "colspec")]
        assert sum(widths) <= page.LINE_CHARS and "colwidths-given" in table["classes"]
