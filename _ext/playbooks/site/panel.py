"""The compact metadata panel shown under the title of every playbook page.

Built at ``doctree-resolved`` from the page's own record only (never from other
playbooks), so a page's size and build time do not depend on the size of the handbook.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx

from ..collect import output
from ..collect.keywords_index import keyword_uri
from ..collect.records import get_records
from ..standard.metadata import TEAM_LEVEL_LABELS
from ..standard.text import format_date, shorten

TEAM_MAX = 140


def _sep(text: str = " · ") -> nodes.inline:
    """A separator for plain-text output; the HTML theme spaces items with CSS instead."""
    return nodes.inline(text=text, classes=["playbook-sep"])


def _fact(label: str, value: str, cls: str) -> nodes.inline:
    fact = nodes.inline(classes=["playbook-fact", cls])
    fact += nodes.inline(text=label, classes=["playbook-fact-label"])
    fact += nodes.Text(" ")
    fact += nodes.inline(text=value, classes=["playbook-fact-value"])
    return fact


def _join(parent: nodes.Element, items: list[nodes.Node], separator: str = " · ") -> None:
    for number, item in enumerate(items):
        if number:
            parent += _sep(separator)
        parent += item


def build_panel(app: Sphinx, docname: str, record: dict) -> nodes.container:
    panel = nodes.container(classes=["playbook-panel", "no-search"])
    facts = nodes.paragraph(classes=["playbook-panel-facts"])
    items: list[nodes.Node] = []
    if record.get("draft"):
        items.append(nodes.inline(text="Rascunho", classes=["playbook-badge", "playbook-badge-draft"]))
    items.append(_fact("Categoria:", record.get("category_label") or "", "playbook-fact-category"))
    date = format_date(record.get("date"))
    if date:
        items.append(_fact("Data da versão:", date, "playbook-fact-date"))
    if record.get("version") is not None:
        items.append(_fact("Versão:", str(record["version"]), "playbook-fact-version"))
    if "team" in record:
        level = TEAM_LEVEL_LABELS.get(record.get("team_level") or "")
        team = record.get("team")
        value = shorten(team, TEAM_MAX) if team else "não informada"
        if level and team and level.casefold() not in team.casefold():
            value = f"{level} — {value}"
        items.append(_fact("Equipe:", value, "playbook-fact-team"))
    if "profile" in record:
        profile = record.get("profile")
        items.append(_fact("Perfil:", shorten(profile, TEAM_MAX) if profile else "não informado",
                           "playbook-fact-profile"))
    _join(facts, items)
    panel += facts
    keywords = record.get("keywords") or []
    if keywords:
        line = nodes.paragraph(classes=["playbook-panel-keywords"])
        line += nodes.inline(text="Palavras-chave:", classes=["playbook-fact-label"])
        line += nodes.Text(" ")
        chips = nodes.inline(classes=["playbook-keywords"])
        links = []
        for keyword in keywords:
            uri = keyword_uri(app, docname, keyword)
            if uri is None:
                links.append(nodes.inline(text=keyword, classes=["playbook-keyword"]))
            else:
                links.append(nodes.reference("", keyword, refuri=uri, internal=True,
                                             classes=["playbook-keyword"],
                                             reftitle=f"“{keyword}” no índice"))
        _join(chips, links, "; ")
        line += chips
        panel += line
    return panel


def add_panel(app: Sphinx, doctree: nodes.Element, docname: str) -> None:
    record = get_records(app.env).get(docname)
    if record is None or "display_title" not in record:
        return
    section = next((c for c in doctree.children if isinstance(c, nodes.section)), None)
    if section is None or not section.children or not isinstance(section[0], nodes.title):
        return
    if output.interactive(app.builder) or app.builder.name == "epub":
        section.insert(1, build_panel(app, docname, record))
    else:
        section.insert(1, field_panel(build_panel(app, docname, record)))


def field_panel(panel: nodes.container) -> nodes.field_list:
    """The panel as a list of fields ("Categoria: SEI", ...), for text, LaTeX and the like."""
    fields = nodes.field_list(classes=["playbook-panel"])
    for fact in panel.findall(nodes.inline):
        if "playbook-fact" in fact["classes"]:
            label = [c for c in fact.children if isinstance(c, nodes.inline)]
            name, value = label[0].astext().rstrip(":"), label[1].astext()
        elif "playbook-badge" in fact["classes"]:
            name, value = "Estado", fact.astext()
        else:
            continue
        fields += nodes.field("", nodes.field_name(text=name), nodes.field_body("", nodes.paragraph(text=value)))
    keywords = [k.astext() for k in panel.findall(lambda n: isinstance(n, (nodes.inline, nodes.reference))
                                                  and "playbook-keyword" in n.get("classes", []))]
    if keywords:
        fields += nodes.field("", nodes.field_name(text="Palavras-chave"),
                              nodes.field_body("", nodes.paragraph(text="; ".join(keywords))))
    return fields


def setup(app: Sphinx) -> None:
    output.add_assets(app, css=("panel.css", "playbooks-review.css"))
    app.connect("doctree-resolved", output.each_playbook(add_panel))
