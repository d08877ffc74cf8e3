"""What the build and ``make check`` say about reply templates (the standard's side of replies/).

* ``playbook.placeholder_form``: a parenthesised placeholder (``(inserir aqui nome do
  usuário)``), noted once per template and written form, with the bracket form to use
  (``make import`` rewrites it).  Blanks and x-masks are accepted without a note.
* ``playbook.reply_instruction``: a writer's instruction next to real reply text, shown
  to the agent and never copied.
"""

from __future__ import annotations

from docutils import nodes

from ..replies.blocks import Slot
from ..replies.extract import Template
from ..replies.grammar import INSTRUCTION_SUBTYPE, PLACEHOLDER_FORM_SUBTYPE
from .rules import Problem


def _node_line(node: nodes.Node) -> int | None:
    while node is not None:
        if getattr(node, "line", None):
            return node.line
        node = node.parent
    return None


def reply_problems(templates: list[Template]) -> list[Problem]:
    problems: list[Problem] = []
    for template in templates:
        noted: set[str] = set()
        for text_node, pieces in template.slot_texts.values():
            for piece in pieces:
                if not isinstance(piece, Slot) or piece.form != "paren" or piece.written in noted:
                    continue
                noted.add(piece.written)
                problems.append(Problem(
                    PLACEHOLDER_FORM_SUBTYPE,
                    f"campo entre parênteses no modelo de resposta: {piece.written}; escreva-o "
                    f"entre colchetes: [{piece.name}] (make import corrige)",
                    _node_line(text_node) or template.line,
                ))
        for _node, text, line in template.instructions:
            shown = text if len(text) <= 80 else text[:77] + "..."
            problems.append(Problem(
                INSTRUCTION_SUBTYPE,
                f"instrução ao atendente dentro do modelo de resposta: {shown}; ela aparece na "
                "página mas não é copiada (mova-a para a Solução Sugerida ou apague-a)",
                line or template.line,
            ))
    problems.sort(key=lambda p: p.line or 0)
    return problems
