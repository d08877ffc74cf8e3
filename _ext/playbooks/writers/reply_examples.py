"""The writer's guide shows, for an example playbook, what the agent sees of its replies:
each template's title, its fields (named, with the form they were written in) and the
instructions that are not copied.  The option ``:fields:`` of ``.. playbook-example::``
states the field names the guide claims (templates separated by ``|``, names by ``;``);
``guide.py`` warns (``playbook.guide_example``) when the grammar finds others."""

from __future__ import annotations

from docutils import nodes

from ..replies.extract import Template

FORMS = {
    "bracket": "entre colchetes",
    "paren": "entre parênteses",
    "blank": "em branco (sublinhado)",
    "mask": "máscara de x",
}


def field_names(templates: list[Template]) -> list[list[str]]:
    return [[slot.name for slot in t.fields] for t in templates if not t.draft]


def expected_fields(option: str) -> list[list[str]]:
    return [[name.strip() for name in part.split(";") if name.strip()] for part in option.split("|")]


def describe(names: list[list[str]]) -> str:
    return " | ".join("; ".join(group) or "(nenhum)" for group in names)


def preview(templates: list[Template]) -> list[nodes.Node]:
    intro = nodes.paragraph()
    intro += nodes.Text("O que o atendente vê na página:")
    items = nodes.bullet_list(classes=["playbook-example-replies"])
    for number, template in enumerate(templates, 1):
        paragraph = nodes.paragraph()
        title = template.label or f"Modelo de resposta {number}"
        paragraph += nodes.strong(title, title)
        if template.draft:
            paragraph += nodes.Text(": em construção (sem botão de copiar).")
        else:
            paragraph += nodes.Text(", botão Copiar resposta")
            fields = template.fields
            if fields:
                paragraph += nodes.Text("; campos: ")
                for index, slot in enumerate(fields):
                    if index:
                        paragraph += nodes.Text(", ")
                    paragraph += nodes.emphasis(slot.name, slot.name)
                    note = FORMS.get(slot.form, slot.form)
                    if slot.agent:
                        note += ", o nome do atendente, lembrado pelo navegador"
                    paragraph += nodes.Text(f" ({note}: ")
                    paragraph += nodes.literal(slot.written, slot.written)
                    paragraph += nodes.Text(")")
            if template.instructions:
                paragraph += nodes.Text("; não copiado: ")
                for index, (_node, text, _line) in enumerate(template.instructions):
                    if index:
                        paragraph += nodes.Text(", ")
                    paragraph += nodes.literal(text, text)
            paragraph += nodes.Text(".")
        items += nodes.list_item("", paragraph)
    return [intro, items]
