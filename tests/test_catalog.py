"""The landing page is a catalog of every playbook, with a filter; keywords are index entries."""

from __future__ import annotations

import re
from html.parser import HTMLParser



class CatalogParser(HTMLParser):
    """Items of the catalog: {href: {"category", "team", "text", "classes", "title", "keywords"}}."""

    def __init__(self):
        super().__init__()
        self.items = {}
        self.categories = []
        self._item = None
        self._in = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        classes = (attrs.get("class") or "").split()
        if tag == "section" and "catalog-category" in classes:
            self.categories.append(attrs["data-category"])
        if tag == "li" and "catalog-item" in classes:
            self._item = {"category": attrs["data-category"], "team": attrs["data-team"],
                          "text": attrs["data-text"], "classes": classes, "keywords": [], "meta": ""}
        elif self._item is not None and tag == "a" and "catalog-title" in classes:
            self.items[attrs["href"]] = self._item
            self._in = "title"
            self._item["title"] = ""
        elif self._item is not None and tag == "div" and "catalog-meta" in classes:
            self._in = "meta"
        elif self._item is not None and tag == "li":
            self._in = "keyword"
            self._item["keywords"].append("")

    def handle_endtag(self, tag):
        if tag in {"a", "li"} and self._in in {"title", "keyword"}:
            self._in = None if self._in == "title" or tag == "li" else self._in
        if tag == "div" and self._in == "meta":
            self._in = None

    def handle_data(self, data):
        if self._item is None or self._in is None:
            return
        if self._in == "keyword":
            self._item["keywords"][-1] += data
        else:
            self._item[self._in] += data


def catalog_of(app):
    parser = CatalogParser()
    parser.feed((app.outdir / "index.html").read_text(encoding="utf-8"))
    return parser


def test_catalog_lists_every_playbook_by_category(catalog_site):
    app = catalog_site
    catalog = catalog_of(app)
    assert catalog.categories == ["sei", "tramita"]
    assert list(catalog.items) == [
        "playbooks/sei/abertura.html", "playbooks/sei/credencial.html",
        "playbooks/tramita/status.html", "playbooks/tramita/rascunho.html",
    ]
    credential = catalog.items["playbooks/sei/credencial.html"]
    assert credential["title"] == "Renovação da credencial do órgão"
    assert (credential["category"], credential["team"]) == ("sei", "2")
    assert credential["keywords"] == ["Certificado", "Dúvida", "Expiração"]
    assert "Equipe de 2º Nível" in credential["meta"] and "Gestor do órgão" in credential["meta"]
    assert "29/08/2024" in credential["meta"]
    assert "duvida" in credential["text"] and "renovacao" in credential["text"]
    status = catalog.items["playbooks/tramita/status.html"]
    assert status["team"] == "nenhum" and "não informada" in status["meta"]
    page = (app.outdir / "index.html").read_text(encoding="utf-8")
    assert "_static/catalog.js" in page and "_static/catalog.css" in page
    other = (app.outdir / "playbooks" / "sei" / "credencial.html").read_text(encoding="utf-8")
    assert "catalog.js" not in other and "catalog-item" not in other


def test_drafts_and_overdue_reviews_are_marked(catalog_site):
    # The root's conf.py fixes playbook_today = "2025-01-15".
    catalog = catalog_of(catalog_site)
    marks = {href: [c for c in item["classes"] if c.startswith("is-")] for href, item in catalog.items.items()}
    assert marks == {
        "playbooks/sei/abertura.html": [],  # no :revisar-em:
        "playbooks/sei/credencial.html": ["is-review-due"],  # :revisar-em: 2025-01-14, the day before
        "playbooks/tramita/status.html": [],  # :revisar-em: 2025-06-30, still ahead
        "playbooks/tramita/rascunho.html": ["is-draft"],  # reply "em construção"; review 2025-03-01 ahead
    }
    page = (catalog_site.outdir / "index.html").read_text(encoding="utf-8")
    badges = re.findall(r'<a class="catalog-title" href="([^"]+)">[^<]*</a>'
                        r'((?:<span class="catalog-badge [^"]+">[^<]+</span>)*)', page)
    assert {href: re.findall(r">([^<]+)<", spans) for href, spans in badges} == {
        "playbooks/sei/abertura.html": [], "playbooks/sei/credencial.html": ["Revisão vencida"],
        "playbooks/tramita/status.html": [], "playbooks/tramita/rascunho.html": ["Rascunho"],
    }


def test_keywords_are_index_entries_and_chips_link_there(catalog_site):
    app = catalog_site
    genindex = (app.outdir / "genindex.html").read_text(encoding="utf-8")
    # "Dúvida" is filed under D with the playbook as a sub-entry linking to it.
    section_d = genindex[genindex.index('<h2 id="D">'):]
    section_d = section_d[:section_d.index("<h2", 5)] if "<h2" in section_d[5:] else section_d
    assert re.search(r"Dúvida\s*</li>|Dúvida\s*<ul>", section_d)
    assert re.search(r'<a href="playbooks/sei/credencial.html#">Renovação da credencial do órgão</a>', section_d)
    for keyword, letter in [("Status 2", "S"), ("Trâmite", "T"), ("Navegador", "N")]:
        assert f'<h2 id="{letter}">' in genindex and keyword in genindex
    page = (app.outdir / "playbooks" / "sei" / "credencial.html").read_text(encoding="utf-8")
    chips = re.findall(r'<a class="playbook-keyword reference internal" href="([^"]+)"[^>]*>([^<]+)</a>', page)
    assert chips == [("../../genindex.html#C", "Certificado"), ("../../genindex.html#D", "Dúvida"),
                     ("../../genindex.html#E", "Expiração")]


def test_filter_box_and_chips_in_chromium(catalog_site, serve, browser_context):
    app = catalog_site
    page = browser_context.new_page()
    page.goto(serve(app.outdir) + "index.html")
    visible = lambda: page.eval_on_selector_all(  # noqa: E731
        ".catalog-item:not([hidden]) .catalog-title", "els => els.map(e => e.textContent)")
    assert page.locator(".catalog-controls").is_visible()
    assert len(visible()) == 4
    box = page.locator("#catalog-filter")
    box.fill("duvida")  # no accent finds "Dúvida"
    assert visible() == ["Renovação da credencial do órgão"]
    box.fill("TRAMITE")  # case and accents ignored both ways
    assert visible() == ["Recibo de trâmite ausente"]
    box.fill("orgão renovação")  # every word must match
    assert visible() == ["Renovação da credencial do órgão"]
    box.fill("nada disso existe")
    assert visible() == [] and page.locator(".catalog-empty").is_visible()
    assert not page.locator(".catalog-category").first.is_visible()
    box.fill("")
    page.locator('.catalog-chip[data-filter="category"][data-value="tramita"]').click()
    assert visible() == ["Processo parado no status 2", "Recibo de trâmite ausente"]
    page.locator('.catalog-chip[data-filter="team"][data-value="3"]').click()
    assert visible() == ["Recibo de trâmite ausente"]
    page.locator('.catalog-chip[data-filter="team"][data-value="nenhum"]').click()  # either level
    assert visible() == ["Processo parado no status 2", "Recibo de trâmite ausente"]
    assert page.locator(".catalog-status").inner_text() == "2 de 4 scripts"
    # The filter is kept in the address, so "back" and shared links keep it.
    assert "categoria=tramita" in page.url
    page.goto(page.url)
    assert visible() == ["Processo parado no status 2", "Recibo de trâmite ausente"]
