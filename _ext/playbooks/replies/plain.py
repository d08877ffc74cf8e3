"""The ``text/plain`` flavour of a reply template, as an agent pastes it into a ticket.

Paragraphs are separated by one blank line, each on one line with its whitespace collapsed;
list items one per line (``- `` or their own number), nested items indented; a link reads
``text (URL)`` unless its text already is the URL.
"""

from __future__ import annotations

from .blocks import (
    Bare,
    Block,
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
    list_marker,
    merge,
)

# --- text/plain -----------------------------------------------------------------------------
# A plain block is a list of lines; a line is a list of pieces.


def serialise(blocks: list[Block]) -> list[Piece]:
    pieces: list[Piece] = []
    for index, block in enumerate(_plain_blocks(blocks)):
        if index:
            pieces.append("\n\n")
        for number, line in enumerate(block):
            if number:
                pieces.append("\n")
            pieces.extend(line)
    return merge(pieces)


def _plain_blocks(blocks: list[Block]) -> list[list[list[Piece]]]:
    out: list[list[list[Piece]]] = []
    for block in blocks:
        out.extend(_plain_of(block))
    return [block for block in out if block]


def _plain_lines(blocks: list[Block]) -> list[list[Piece]]:
    return [line for block in _plain_blocks(blocks) for line in block]


def _plain_of(block: Block) -> list[list[list[Piece]]]:
    if isinstance(block, Paragraph):
        line = Renderer.tokens_plain(block.tokens)
        return [[line]] if line else []
    if isinstance(block, Bare):
        return [[[block.text]]] if block.text else []
    if isinstance(block, Literal):
        return [[[line] for line in block.text.split("\n")]]
    if isinstance(block, Group):
        return _plain_blocks(block.body)
    if isinstance(block, Note):
        blocks = _plain_blocks(block.body)
        if blocks and block.label:
            blocks[0][0] = [f"[{block.label}] ", *blocks[0][0]]
        return blocks
    if isinstance(block, Lines):
        lines = [Renderer.tokens_plain(tokens) for tokens in block.lines]
        return [lines] if any(lines) else []
    if isinstance(block, ListBlock):
        lines: list[list[Piece]] = []
        for index, item in enumerate(block.items):
            marker = list_marker(block, index)
            item_lines = _plain_lines(item.body) or [[]]
            lines.append([marker, *item_lines[0]])
            lines.extend([" " * len(marker), *line] for line in item_lines[1:])
        return [lines]
    if isinstance(block, DefinitionList):
        lines = []
        for item in block.items:
            for part, content in item:
                if part == "definition":
                    lines.extend(["  ", *line] for line in _plain_lines(content))
                else:
                    lines.append(Renderer.tokens_plain(content))
        return [lines]
    if isinstance(block, FieldList):
        lines = []
        for name, content in block.items:
            body = _plain_lines(content)
            lines.append([f"{name}: ", *(body[0] if body else [])])
            lines.extend(["  ", *line] for line in body[1:])
        return [lines]
    if isinstance(block, Table):
        lines = []
        for row in block.rows:
            line: list[Piece] = []
            for index, cell in enumerate(row):
                if index:
                    line.append(" | ")
                text: list[Piece] = []
                for cell_line in _plain_lines(cell.body):
                    if text:
                        text.append(" ")
                    text.extend(cell_line)
                line.extend(text)
            lines.append(merge(line))
        return [lines]
    raise TypeError(block)
