"""``make import``: parenthesised placeholders of reply sections rewritten to brackets.

``(inserir aqui nome do usuário)`` becomes ``[nome do usuário]`` and ``(Nome do atendente)``
becomes ``[nome do atendente]`` (see ``replies/grammar.py``), only inside the reply
section, only in paragraph text; every other byte is kept.  Rewriting the result again
changes nothing.
"""

from __future__ import annotations

from docutils import nodes

from ..files.sources import normalize_text
from ..replies.grammar import Grammar, Rewrite, rewrite_placeholders
from ..standard.outline import body_lines, build_outline
from ..standard.schema import Kind


def placeholder_fix(raw: str, document: nodes.document, kind: Kind, grammar: Grammar
                    ) -> tuple[str, list[Rewrite]]:
    """``raw`` with the reply section's parenthesised placeholders in brackets, and what changed."""
    if kind.reply is None:
        return raw, []
    outline = build_outline(document, kind, normalize_text(raw).split("\n"))
    heading = outline.first(kind, kind.reply)
    if heading is None or heading.line is None:
        return raw, []
    lines = raw.split("\n")
    body = body_lines(document, heading, len(lines))
    bodies = [line[:-1] if line.endswith("\r") else line for line in lines]
    fixed, done = rewrite_placeholders(bodies, body.start, body.stop, grammar)
    if not done:
        return raw, []
    out = [new + ("\r" if old.endswith("\r") else "") for old, new in zip(lines, fixed)]
    return "\n".join(out), done
