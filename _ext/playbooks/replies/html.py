"""The ``text/html`` flavour of a reply template: paragraphs, lists, links, bold, italics and
code kept, for editors that paste rich text."""

from __future__ import annotations

import html as htmlmod

from .blocks import (
    Bare,
    Block,
    Cell,
    DefinitionList,
    FieldList,
    Group,
    Lines,
    ListBlock,
    Literal,
    Note,
    Paragraph,
    Piece,
    Renderer,
    Table,
    merge,
)

# --- text/html ------------------------------------------------------------------------------


def serialise(blocks: list[Block]) -> list[Piece]:
    pieces: list[Piece] = []
    for block in blocks:
        html = _html_of(block)
        if html:
            if pieces:
                pieces.append("\n")
            pieces.extend(html)
    return merge(pieces)


def _html_blocks(blocks: list[Block]) -> list[Piece]:
    return [piece for block in blocks for piece in _html_of(block)]


def _escape(text: str) -> str:
    return htmlmod.escape(text, quote=False)


def _html_cell(cell: Cell) -> list[Piece]:
    if cell.lead:
        return [*Renderer.tokens_html(cell.body[0].tokens), *_html_blocks(cell.body[1:])]
    return _html_blocks(cell.body)


def _html_of(block: Block) -> list[Piece]:
    if isinstance(block, Paragraph):
        inline = Renderer.tokens_html(block.tokens)
        return ["<p>", *inline, "</p>"] if inline else []
    if isinstance(block, Bare):
        return ["<p>", _escape(block.text), "</p>"] if block.text else []
    if isinstance(block, Literal):
        return ["<pre>", _escape(block.text), "</pre>"]
    if isinstance(block, Group):
        return _html_blocks(block.body)
    if isinstance(block, Note):
        body = _html_blocks(block.body)
        if block.label and body and body[0] == "<p>":
            body.insert(1, _escape(f"[{block.label}] "))
        return body
    if isinstance(block, Lines):
        pieces: list[Piece] = ["<p>"]
        for index, tokens in enumerate(block.lines):
            if index:
                pieces.append("<br>")
            pieces.extend(Renderer.tokens_html(tokens))
        return pieces + ["</p>"]
    if isinstance(block, ListBlock):
        if block.ordered:
            attrs = ""
            kind = {"loweralpha": "a", "upperalpha": "A", "lowerroman": "i",
                    "upperroman": "I"}.get(block.enumtype)
            if kind:
                attrs += f' type="{kind}"'
            if block.start != 1:
                attrs += f' start="{block.start}"'
            pieces, close = [f"<ol{attrs}>"], "</ol>"
        else:
            pieces, close = ["<ul>"], "</ul>"
        for item in block.items:
            pieces += ["<li>", *_html_cell(item), "</li>"]
        return pieces + [close]
    if isinstance(block, DefinitionList):
        pieces = ["<dl>"]
        for item in block.items:
            for part, content in item:
                if part == "term":
                    pieces += ["<dt>", *Renderer.tokens_html(content), "</dt>"]
                else:
                    pieces += ["<dd>", *_html_blocks(content), "</dd>"]
        return pieces + ["</dl>"]
    if isinstance(block, FieldList):
        pieces = ["<dl>"]
        for name, content in block.items:
            pieces += ["<dt>", _escape(name), "</dt>", "<dd>", *_html_blocks(content), "</dd>"]
        return pieces + ["</dl>"]
    if isinstance(block, Table):
        pieces = ["<table>"]
        for row in block.rows:
            pieces.append("<tr>")
            for cell in row:
                pieces += ["<td>", *_html_cell(cell), "</td>"]
            pieces.append("</tr>")
        return pieces + ["</table>"]
    raise TypeError(block)
