"""playbooks.json at the root of the HTML output."""

from __future__ import annotations

import json

from replies_support import SEED_TEXT

from playbooks.collect.records import get_records

FIELDS = {"id", "url", "title", "source_title", "date", "version", "kind", "category", "category_label",
          "team", "team_level", "profile", "keywords", "status", "review_by", "sections", "replies"}


def test_export_of_the_seed(handbook_site):
    app = handbook_site
    data = json.loads((app.outdir / "playbooks.json").read_text(encoding="utf-8"))
    assert data["format_version"] == 1 and data["handbook"] == "Manual de Atendimento"
    [seed] = data["playbooks"]
    assert set(seed) == FIELDS
    assert seed["id"] == "sei/suporte-ao-sei"
    assert seed["url"] == "playbooks/sei/suporte-ao-sei.html"
    assert (app.outdir / seed["url"]).is_file()
    assert seed["title"] == "Suporte ao SEI"
    assert seed["keywords"] == ["SEI", "Sistema Eletrônico de Informações", "Suporte", "Dúvida", "Informação", "Erro"]
    assert seed["team"] == "Equipe de 1º Nível"  # the seed's narrow no-break space is gone
    assert seed["team_level"] == 1
    assert seed["profile"] is None  # "N/A"
    assert (seed["category"], seed["category_label"], seed["kind"]) == ("sei", "SEI", "script")
    headings = [s["heading"] for s in seed["sections"]]
    assert headings == ["Situação", "Quando Ocorre", "Solução Sugerida", "Modelo de Resposta para Chamados",
                        "Atribuições e responsabilidades", "Perfil do usuário", "Palavras-chave", "Referências"]
    assert seed["sections"][0]["text"] == "O Usuário abre um chamado que solicita suporte ao SEI."
    reply_section = seed["sections"][3]["text"]
    assert reply_section.startswith("Prezado (a) [inserir nome do Usuário],\n\nBom dia/Boa tarde/Boa noite.")
    assert reply_section.endswith("Atenciosamente,\n\nEquipe PEN")
    # The reply as the copy button produces it (placeholder unfilled, greeting as written).
    # Each template lists its fields once, named (the agent's own name is marked).
    assert seed["replies"] == [{"label": None, "text": SEED_TEXT, "draft": False, "fields": [
        {"name": "inserir nome do Usuário", "written": "[inserir nome do Usuário]", "form": "bracket", "agent": False}]}]
    assert seed["status"] == "published"
    record = get_records(app.env)["playbooks/sei/suporte-ao-sei"]
    assert [r["text"] for r in record["replies"]] == [SEED_TEXT]


def test_export_fields_and_status(catalog_site):
    app = catalog_site
    path = app.outdir / "playbooks.json"
    assert oct(path.stat().st_mode & 0o777) == oct(0o644)
    data = json.loads(path.read_text(encoding="utf-8"))
    by_id = {p["id"]: p for p in data["playbooks"]}
    assert list(by_id) == ["sei/abertura", "sei/credencial", "tramita/rascunho", "tramita/status"]
    status = by_id["tramita/status"]
    assert (status["title"], status["source_title"]) == ("Processo parado no status 2",
                                                         "2023.05.08-Processo parado no status 2-V1")
    assert (status["date"], status["version"], status["team"], status["team_level"]) == ("2023-05-08", 1, None, None)
    assert by_id["sei/credencial"]["keywords"] == ["Certificado", "Dúvida", "Expiração"]
    assert by_id["sei/abertura"]["date"] is None and by_id["sei/abertura"]["version"] is None
    # The root fixes playbook_today = "2025-01-15"; a draft is a draft whatever its date.
    assert {i: (p["status"], p["review_by"]) for i, p in by_id.items()} == {
        "sei/abertura": ("published", None),
        "sei/credencial": ("review_due", "2025-01-14"),
        "tramita/rascunho": ("draft", "2025-03-01"),
        "tramita/status": ("published", "2025-06-30"),
    }
    assert [r["draft"] for r in by_id["tramita/rascunho"]["replies"]] == [True]
    assert [r["draft"] for r in by_id["sei/credencial"]["replies"]] == [False]


def test_export_urls_are_absolute_with_html_baseurl(shared_sites):
    app = shared_sites.get("catalog", html_baseurl="https://manual.example.gov.br/")
    data = json.loads((app.outdir / "playbooks.json").read_text(encoding="utf-8"))
    assert data["playbooks"][0]["url"] == "https://manual.example.gov.br/playbooks/sei/abertura.html"
