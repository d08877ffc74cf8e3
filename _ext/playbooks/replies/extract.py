"""Reply templates of a playbook, computed from the doctree (docutils only, no Sphinx).

``extract_templates(section)`` takes the reply section of a playbook (the section that the
playbook's kind names in ``reply``) and returns its templates, in document order:

* A section holds one or more alternative replies.  A new template starts at each
  subsection of the reply section and at each paragraph that is entirely bold text
  (``**Modelo de resposta para o Destinatário**``).  That label is the template's title;
  it is never part of the copied text.
* ``text``: the ``text/plain`` flavour as copied into a ticket.  Paragraphs are separated by
  one blank line, each on one line with its whitespace collapsed and trimmed (any Unicode
  space, such as the narrow no-break spaces of PEN's files, becomes one plain space);
  list items are one per line, ``- `` for bullets and their own number for enumerated
  lists (``1. ``), nested items indented; a link reads ``text (URL)`` unless its text
  already is the URL.
* ``html``: the ``text/html`` flavour: the same content with paragraphs, lists, links,
  bold, italics and code kept.
* ``placeholders``: the ``[square bracket]`` texts of the template, as written, each once.
  The same placeholder written twice (compared without case and extra spaces) is one value.
* Greetings ``Bom dia/Boa tarde/Boa noite`` (any spacing around the slashes) stay as written
  in ``text`` and ``html``; the page resolves them in the agent's browser.
* ``draft``: the template is still under construction: one of its paragraphs says only
  "Resposta(s) em construção" / "Em construção" (a sentence that merely contains the words
  does not count).

Besides the flat strings, each template keeps ``text_pieces``/``html_pieces``: the same
content as a list of strings and ``Slot`` objects (placeholders and greetings), so that the
HTML page can substitute what the agent typed without guessing where a placeholder is.
"""

from __future__ import annotations

import html as htmlmod
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Callable, Iterable, Union

from docutils import nodes
from roman_numerals import OutOfRangeError, RomanNumeral

# --- Patterns -------------------------------------------------------------------------

#: ``Bom dia/Boa tarde/Boa noite`` with any spacing around the slashes (and between words).
GREETING_RE = re.compile(r"(?<!\w)bom\s+dia\s*/\s*boa\s+tarde\s*/\s*boa\s+noite(?!\w)", re.IGNORECASE)
GREETINGS = ("Bom dia", "Boa tarde", "Boa noite")

#: ``[inserir nome do Usuário]``: text in square brackets holding at least one letter,
#: on one line, without nested brackets (``[1]`` or ``[]`` are not placeholders).
PLACEHOLDER_RE = re.compile(r"\[(?=[^\[\]\n]*[^\W\d_])([^\[\]\n]{1,120})\]")

#: A paragraph that says only that the reply is not written yet.
DRAFT_RE = re.compile(
    r"^\(?\s*(?:(?:modelos?\s+de\s+)?respostas?\s+|modelos?\s+)?em\s+constru[çc][ãa]o\s*[.!…:]*\s*\)?\s*[.!…:]*$",
    re.IGNORECASE,
)

#: Characters that are dropped from copied text (invisible, never wanted in a ticket).
INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))
WHITESPACE_RE = re.compile(r"\s+")

#: Nodes that are never content: they are neither copied nor start a template.
IGNORED = (nodes.comment, nodes.system_message, nodes.target, nodes.substitution_definition,
           nodes.raw, nodes.pending)
#: Inline nodes whose text is taken literally (no placeholder, no greeting).
LITERAL_INLINE = (nodes.literal, nodes.reference, nodes.math, nodes.raw)


@dataclass(frozen=True)
class Slot:
    """A part of a template that the agent resolves in the page.

    ``kind`` is ``"placeholder"`` or ``"greeting"``; ``key`` identifies the value (the same
    placeholder twice in a template has one key); ``written`` is the source text.
    """

    kind: str
    key: str
    written: str

    @property
    def name(self) -> str:
        """A placeholder's text without brackets (the field's accessible name)."""
        if self.kind == "placeholder":
            return " ".join(self.written[1:-1].split())
        return self.written

    def options(self) -> list[str]:
        """A greeting's alternatives, in the case the writer used."""
        if self.kind != "greeting":
            return []
        if self.written[:1].islower():
            return [g.lower() for g in GREETINGS]
        return list(GREETINGS)


Piece = Union[str, Slot]


@dataclass
class Template:
    """One reply template of a reply section."""

    label: str | None
    line: int | None
    draft: bool
    text_pieces: list[Piece]
    html_pieces: list[Piece]
    #: where the template sits in the doctree, for the HTML page: the nodes of ``container``
    #: that make up the template (label included), contiguous and in order
    container: nodes.Element
    members: list[nodes.Node]
    #: the bold paragraph that labels the template (None for subsections and unlabelled ones)
    label_node: nodes.paragraph | None = None
    #: Text nodes that hold slots, by id, with the pieces they split into
    slot_texts: dict[int, tuple[nodes.Text, list[Piece]]] = field(default_factory=dict)

    @property
    def text(self) -> str:
        return "".join(p.written if isinstance(p, Slot) else p for p in self.text_pieces)

    @property
    def html(self) -> str:
        return "".join(htmlmod.escape(p.written, quote=False) if isinstance(p, Slot) else p
                       for p in self.html_pieces)

    @property
    def slots(self) -> list[Slot]:
        seen: dict[str, Slot] = {}
        for piece in self.text_pieces:
            if isinstance(piece, Slot) and piece.key not in seen:
                seen[piece.key] = piece
        return list(seen.values())

    @property
    def placeholders(self) -> list[str]:
        return [slot.written for slot in self.slots if slot.kind == "placeholder"]

    def as_record(self) -> dict:
        """The plain dict kept in the playbook record (see records.py)."""
        return {
            "label": self.label,
            "text": self.text,
            "html": self.html,
            "draft": self.draft,
            "placeholders": self.placeholders,
            "line": self.line,
        }


# --- Splitting a reply section into templates -------------------------------------------


def clean(text: str) -> str:
    """NFC, invisible characters dropped, whitespace collapsed and trimmed."""
    text = unicodedata.normalize("NFC", text).translate(INVISIBLE)
    return WHITESPACE_RE.sub(" ", text).strip()


def is_label(node: nodes.Node) -> bool:
    """A paragraph that is entirely bold text (whitespace around it aside)."""
    if not isinstance(node, nodes.paragraph):
        return False
    strong = [c for c in node.children if not (isinstance(c, nodes.Text) and not c.strip())]
    if len(strong) != 1 or not isinstance(strong[0], nodes.strong):
        return False
    text = clean(strong[0].astext())
    return bool(text) and not is_draft_text(text)


def is_draft_text(text: str) -> bool:
    return bool(DRAFT_RE.match(clean(text)))


def is_draft_marker(node: nodes.Node) -> bool:
    """A paragraph (or bold paragraph) that says only "Em construção"."""
    return isinstance(node, nodes.paragraph) and is_draft_text(node.astext())


def _title_text(section: nodes.section) -> str:
    if section.children and isinstance(section[0], nodes.title):
        return clean(section[0].astext())
    return ""


def _first_line(node: nodes.Node) -> int | None:
    if isinstance(node, nodes.section) and node.children and isinstance(node[0], nodes.title):
        title = node[0]
        return max(1, title.line - 1) if title.line else None  # title.line is the underline's
    for candidate in node.findall(nodes.Element):
        if candidate.line:
            return candidate.line
    return None


def _has_content(members: Iterable[nodes.Node]) -> bool:
    for node in members:
        if isinstance(node, IGNORED):
            continue
        if clean(node.astext()) or isinstance(node, (nodes.image, nodes.figure)):
            return True
    return False


def _join_label(outer: str | None, inner: str | None) -> str | None:
    if outer and inner:
        return f"{outer} — {inner}"
    return inner or outer


def extract_templates(
    section: nodes.section,
    skip_section: Callable[[nodes.section], bool] | None = None,
) -> list[Template]:
    """The reply templates of ``section`` (the reply section), in document order.

    ``skip_section(subsection)`` may exclude subsections that are not replies (a kind's own
    section nested by mistake inside the reply section, say).
    """
    templates: list[Template] = []
    _split(section, None, skip_section, templates)
    return templates


def _split(container: nodes.Element, outer_label: str | None, skip_section, out: list[Template]) -> None:
    groups: list[tuple[nodes.paragraph | None, list[nodes.Node]]] = [(None, [])]
    for child in container.children:
        if isinstance(child, nodes.title) and child is container.children[0]:
            continue
        if isinstance(child, nodes.section):
            if skip_section is not None and skip_section(child):
                continue
            groups.append((child, []))  # a subsection is a group of its own
            groups.append((None, []))
            continue
        if is_label(child):
            groups.append((child, [child]))
            continue
        groups[-1][1].append(child)

    for head, members in groups:
        if isinstance(head, nodes.section):
            label = _join_label(outer_label, _title_text(head))
            if any(is_label(c) or isinstance(c, nodes.section) for c in head.children):
                _split(head, label, skip_section, out)
            elif _has_content(c for c in head.children if not isinstance(c, nodes.title)):
                body = [c for c in head.children if not isinstance(c, nodes.title)]
                out.append(_make(label, container, [head], body, _first_line(head), None))
            continue
        body = members[1:] if head is not None else members
        if not _has_content(body):
            continue
        label = _join_label(outer_label, clean(head.astext()) if head is not None else None)
        line = _first_line(head) if head is not None else next(
            (ln for ln in (_first_line(m) for m in body if not isinstance(m, IGNORED)) if ln), None)
        out.append(_make(label, container, members, body, line, head))


def _make(label, container, members, body, line, label_node) -> Template:
    renderer = _Renderer()
    content = [node for node in body if not isinstance(node, IGNORED)]
    draft = any(is_draft_marker(node) for node in content)
    text_pieces = renderer.plain(content)
    html_pieces = renderer.html(content)
    return Template(
        label=label,
        line=line,
        draft=draft,
        text_pieces=text_pieces,
        html_pieces=html_pieces,
        container=container,
        members=list(members),
        label_node=label_node,
        slot_texts=renderer.slot_texts,
    )


# --- Inline content: tokens shared by both flavours -------------------------------------

# A token is a str (text, whitespace not yet collapsed), a Slot, or a markup tuple:
# ("open", tag, attrs) / ("close", tag) / ("link", url) / ("endlink", url) / ("br",).


class _Renderer:
    """Renders content nodes to text/plain and text/html pieces."""

    def __init__(self) -> None:
        self.slot_texts: dict[int, tuple[nodes.Text, list[Piece]]] = {}
        self.greetings = 0  # each greeting of a template has its own key: g0, g1...

    # Slots ------------------------------------------------------------------------------

    def split_text(self, node: nodes.Text) -> list[Piece]:
        """A Text node as strings and Slots (placeholders, greetings)."""
        key = id(node)
        if key in self.slot_texts:
            return self.slot_texts[key][1]
        text = str(node)
        pieces: list[Piece] = []
        spans = []
        for match in GREETING_RE.finditer(text):
            spans.append((match.start(), match.end(), "greeting", match.group(0)))
        for match in PLACEHOLDER_RE.finditer(text):
            if not any(s <= match.start() < e for s, e, *_ in spans):
                spans.append((match.start(), match.end(), "placeholder", match.group(0)))
        if not spans:
            return [text]
        spans.sort()
        position = 0
        for start, end, kind, written in spans:
            if start > position:
                pieces.append(text[position:start])
            written = " ".join(written.split())
            if kind == "placeholder":
                slot_key = "p:" + clean(written[1:-1]).casefold()
            else:
                slot_key = f"g{self.greetings}"
                self.greetings += 1
            pieces.append(Slot(kind, slot_key, written))
            position = end
        if position < len(text):
            pieces.append(text[position:])
        self.slot_texts[key] = (node, pieces)
        return pieces

    def inline(self, node: nodes.Node, literal: bool = False) -> list:
        tokens: list = []
        self._inline(node, tokens, literal)
        return tokens

    def _inline(self, node: nodes.Node, out: list, literal: bool) -> None:
        if isinstance(node, nodes.Text):
            if literal:
                out.append(str(node))
            else:
                out.extend(self.split_text(node))
            return
        if isinstance(node, IGNORED) or isinstance(node, (nodes.image, nodes.footnote, nodes.citation)):
            return
        if isinstance(node, (nodes.footnote_reference, nodes.citation_reference)):
            out.append(f"[{node.astext()}]")
            return
        if isinstance(node, nodes.reference):
            url = node.get("refuri")
            external = url and not node.get("internal") and not node.get("refid")
            if external:
                out.append(("link", url))
                for child in node.children:
                    self._inline(child, out, True)
                out.append(("endlink", url))
            else:
                for child in node.children:
                    self._inline(child, out, literal)
            return
        tag = {
            nodes.strong: "strong",
            nodes.emphasis: "em",
            nodes.literal: "code",
            nodes.subscript: "sub",
            nodes.superscript: "sup",
        }.get(type(node))
        inner_literal = literal or isinstance(node, LITERAL_INLINE)
        if tag:
            out.append(("open", tag))
        for child in node.children:
            self._inline(child, out, inner_literal)
        if tag:
            out.append(("close", tag))

    # Whitespace -------------------------------------------------------------------------

    @staticmethod
    def collapse(tokens: list) -> list:
        """Collapse whitespace across text tokens (markup is transparent), trim both ends."""
        result: list = []
        pending_space = False
        started = False
        for token in tokens:
            if isinstance(token, str):
                text = unicodedata.normalize("NFC", token).translate(INVISIBLE)
                if not text:
                    continue
                parts = WHITESPACE_RE.split(text)
                for index, part in enumerate(parts):
                    if index > 0:
                        pending_space = True
                    if part:
                        if pending_space and started:
                            result.append(" ")
                        pending_space = False
                        result.append(part)
                        started = True
            elif isinstance(token, Slot):
                if pending_space and started:
                    result.append(" ")
                pending_space = False
                result.append(token)
                started = True
            elif token[0] == "br":
                result.append(token)
                pending_space = False
                started = False
            else:
                # Markup: a space before an opening tag goes before it, one before a
                # closing tag goes after it, so "a <b> c</b> d" reads "a <b>c</b> d".
                if token[0] in ("open", "link") and pending_space and started:
                    result.append(" ")
                    pending_space = False
                result.append(token)
        return result

    # Serialisers ------------------------------------------------------------------------

    @staticmethod
    def tokens_plain(tokens: list) -> list[Piece]:
        pieces: list[Piece] = []
        link_text: list[str] | None = None
        for token in tokens:
            if isinstance(token, (str, Slot)):
                pieces.append(token)
                if link_text is not None:
                    link_text.append(token if isinstance(token, str) else token.written)
            elif token[0] == "link":
                link_text = []
            elif token[0] == "endlink":
                url = token[1]
                shown = "".join(link_text or []).strip()
                if shown and shown != url and "mailto:" + shown != url:
                    pieces.append(f" ({url})")
                elif not shown:
                    pieces.append(url)
                link_text = None
            elif token[0] == "br":
                pieces.append("\n")
        return _merge(pieces)

    @staticmethod
    def tokens_html(tokens: list) -> list[Piece]:
        pieces: list[Piece] = []
        for token in tokens:
            if isinstance(token, str):
                pieces.append(htmlmod.escape(token, quote=False))
            elif isinstance(token, Slot):
                pieces.append(token)
            elif token[0] == "open":
                pieces.append(f"<{token[1]}>")
            elif token[0] == "close":
                pieces.append(f"</{token[1]}>")
            elif token[0] == "link":
                pieces.append(f'<a href="{htmlmod.escape(token[1], quote=True)}">')
            elif token[0] == "endlink":
                pieces.append("</a>")
            elif token[0] == "br":
                pieces.append("<br>")
        return _merge(pieces)

    # Blocks: text/plain -----------------------------------------------------------------
    # A block is a list of lines; a line is a list of pieces.

    def plain(self, content: list[nodes.Node]) -> list[Piece]:
        blocks = self.plain_blocks(content)
        pieces: list[Piece] = []
        for index, block in enumerate(blocks):
            if index:
                pieces.append("\n\n")
            for number, line in enumerate(block):
                if number:
                    pieces.append("\n")
                pieces.extend(line)
        return _merge(pieces)

    def plain_blocks(self, content: Iterable[nodes.Node]) -> list[list[list[Piece]]]:
        blocks: list[list[list[Piece]]] = []
        for node in content:
            blocks.extend(self.plain_block(node))
        return [block for block in blocks if block]

    def plain_line(self, node: nodes.Node) -> list[Piece]:
        return self.tokens_plain(self.collapse(self.inline(node)))

    def plain_block(self, node: nodes.Node) -> list[list[list[Piece]]]:
        if isinstance(node, IGNORED) or isinstance(node, (nodes.image, nodes.transition)):
            return []
        if isinstance(node, (nodes.literal_block, nodes.doctest_block)):
            return [[[line] for line in node.astext().rstrip("\n").split("\n")]]
        if isinstance(node, (nodes.footnote, nodes.citation)):
            label = clean(node[0].astext()) if node.children and isinstance(node[0], nodes.label) else ""
            blocks = self.plain_blocks(c for c in node.children if not isinstance(c, nodes.label))
            if blocks and label:
                blocks[0][0] = [f"[{label}] ", *blocks[0][0]]
            return blocks
        if isinstance(node, nodes.line_block):
            lines = [self.plain_line(line) for line in node.findall(nodes.line)]
            return [[line for line in lines]] if any(lines) else []
        if isinstance(node, (nodes.bullet_list, nodes.enumerated_list)):
            return [self.plain_list(node)]
        if isinstance(node, nodes.definition_list):
            lines: list[list[Piece]] = []
            for item in node.children:
                for child in item.children:
                    if isinstance(child, nodes.definition):
                        for block in self.plain_blocks(child.children):
                            lines.extend(["  ", *line] for line in block)
                    elif isinstance(child, nodes.term):
                        lines.append(self.plain_line(child))
            return [lines]
        if isinstance(node, nodes.field_list):
            lines = []
            for item in node.children:
                name = clean(item[0].astext())
                body = [line for block in self.plain_blocks(item[1].children) for line in block]
                first = body[0] if body else []
                lines.append([f"{name}: ", *first])
                lines.extend(["  ", *line] for line in body[1:])
            return [lines]
        if isinstance(node, nodes.table):
            lines = []
            for row in node.findall(nodes.row):
                cells = []
                for entry in row.children:
                    cell: list[Piece] = []
                    for block in self.plain_blocks(entry.children):
                        for line in block:
                            if cell:
                                cell.append(" ")
                            cell.extend(line)
                    cells.append(cell)
                line: list[Piece] = []
                for index, cell in enumerate(cells):
                    if index:
                        line.append(" | ")
                    line.extend(cell)
                lines.append(_merge(line))
            return [lines]
        if isinstance(node, (nodes.paragraph, nodes.title, nodes.rubric, nodes.caption)) or (
            isinstance(node, nodes.TextElement)
        ):
            line = self.plain_line(node)
            return [[line]] if line else []
        if isinstance(node, nodes.Element):  # block quotes, containers, admonitions...
            return self.plain_blocks(node.children)
        text = clean(node.astext())
        return [[[text]]] if text else []

    def plain_list(self, node: nodes.Element) -> list[list[Piece]]:
        lines: list[list[Piece]] = []
        for index, item in enumerate(c for c in node.children if isinstance(c, nodes.list_item)):
            marker = _marker(node, index)
            item_lines = [line for block in self.plain_blocks(item.children) for line in block]
            if not item_lines:
                item_lines = [[]]
            lines.append([marker, *item_lines[0]])
            lines.extend([" " * len(marker), *line] for line in item_lines[1:])
        return lines

    # Blocks: text/html ------------------------------------------------------------------

    def html(self, content: list[nodes.Node]) -> list[Piece]:
        pieces: list[Piece] = []
        for node in content:
            block = self.html_block(node)
            if block:
                if pieces:
                    pieces.append("\n")
                pieces.extend(block)
        return _merge(pieces)

    def html_inline(self, node: nodes.Node) -> list[Piece]:
        return self.tokens_html(self.collapse(self.inline(node)))

    def html_blocks(self, content: Iterable[nodes.Node]) -> list[Piece]:
        pieces: list[Piece] = []
        for node in content:
            pieces.extend(self.html_block(node))
        return pieces

    def html_block(self, node: nodes.Node) -> list[Piece]:
        if isinstance(node, IGNORED) or isinstance(node, (nodes.image, nodes.transition)):
            return []
        if isinstance(node, (nodes.literal_block, nodes.doctest_block)):
            return ["<pre>", htmlmod.escape(node.astext().rstrip("\n"), quote=False), "</pre>"]
        if isinstance(node, (nodes.footnote, nodes.citation)):
            label = clean(node[0].astext()) if node.children and isinstance(node[0], nodes.label) else ""
            body = self.html_blocks(c for c in node.children if not isinstance(c, nodes.label))
            if label and body and body[0] == "<p>":
                body.insert(1, htmlmod.escape(f"[{label}] ", quote=False))
            return body
        if isinstance(node, nodes.line_block):
            pieces: list[Piece] = ["<p>"]
            for index, line in enumerate(node.findall(nodes.line)):
                if index:
                    pieces.append("<br>")
                pieces.extend(self.html_inline(line))
            return pieces + ["</p>"]
        if isinstance(node, (nodes.bullet_list, nodes.enumerated_list)):
            return self.html_list(node)
        if isinstance(node, nodes.definition_list):
            pieces = ["<dl>"]
            for item in node.children:
                for child in item.children:
                    if isinstance(child, nodes.term):
                        pieces += ["<dt>", *self.html_inline(child), "</dt>"]
                    elif isinstance(child, nodes.definition):
                        pieces += ["<dd>", *self.html_blocks(child.children), "</dd>"]
            return pieces + ["</dl>"]
        if isinstance(node, nodes.field_list):
            pieces = ["<dl>"]
            for item in node.children:
                pieces += ["<dt>", htmlmod.escape(clean(item[0].astext()), quote=False), "</dt>",
                           "<dd>", *self.html_blocks(item[1].children), "</dd>"]
            return pieces + ["</dl>"]
        if isinstance(node, nodes.table):
            pieces = ["<table>"]
            for row in node.findall(nodes.row):
                pieces.append("<tr>")
                for entry in row.children:
                    pieces += ["<td>", *self._html_item(entry), "</td>"]
                pieces.append("</tr>")
            return pieces + ["</table>"]
        if isinstance(node, nodes.TextElement):
            inline = self.html_inline(node)
            return ["<p>", *inline, "</p>"] if inline else []
        if isinstance(node, nodes.Element):
            return self.html_blocks(node.children)
        text = clean(node.astext())
        return ["<p>", htmlmod.escape(text, quote=False), "</p>"] if text else []

    def _html_item(self, item: nodes.Element) -> list[Piece]:
        """Content of a list item or table cell: a single leading paragraph is inlined."""
        children = [c for c in item.children if not isinstance(c, IGNORED)]
        pieces: list[Piece] = []
        paragraphs = [c for c in children if isinstance(c, nodes.paragraph)]
        if children and isinstance(children[0], nodes.paragraph) and len(paragraphs) == 1:
            pieces.extend(self.html_inline(children[0]))
            children = children[1:]
        pieces.extend(self.html_blocks(children))
        return pieces

    def html_list(self, node: nodes.Element) -> list[Piece]:
        if isinstance(node, nodes.bullet_list):
            pieces: list[Piece] = ["<ul>"]
            close = "</ul>"
        else:
            attrs = ""
            kind = {"loweralpha": "a", "upperalpha": "A", "lowerroman": "i", "upperroman": "I"}.get(
                node.get("enumtype", "arabic"))
            if kind:
                attrs += f' type="{kind}"'
            start = node.get("start", 1)
            if start != 1:
                attrs += f' start="{start}"'
            pieces = [f"<ol{attrs}>"]
            close = "</ol>"
        for item in node.children:
            if isinstance(item, nodes.list_item):
                pieces += ["<li>", *self._html_item(item), "</li>"]
        return pieces + [close]


def _merge(pieces: list[Piece]) -> list[Piece]:
    """Adjacent strings joined (Slots kept apart), empty strings dropped."""
    merged: list[Piece] = []
    for piece in pieces:
        if isinstance(piece, str):
            if not piece:
                continue
            if merged and isinstance(merged[-1], str):
                merged[-1] += piece
                continue
        merged.append(piece)
    return merged


def _marker(node: nodes.Element, index: int) -> str:
    """``- `` for a bullet, the item's own number (``1. ``, ``b) ``...) for an enumerated list."""
    if isinstance(node, nodes.bullet_list):
        return "- "
    number = node.get("start", 1) + index
    enumtype = node.get("enumtype", "arabic")
    if enumtype == "loweralpha":
        label = chr(ord("a") + number - 1) if 1 <= number <= 26 else str(number)
    elif enumtype == "upperalpha":
        label = chr(ord("A") + number - 1) if 1 <= number <= 26 else str(number)
    elif enumtype in ("lowerroman", "upperroman"):
        try:  # docutils and Sphinx number lists with roman-numerals too
            numeral = RomanNumeral(number)
            label = numeral.to_lowercase() if enumtype == "lowerroman" else numeral.to_uppercase()
        except OutOfRangeError:  # 0, or above 3999
            label = str(number)
    else:
        label = str(number)
    return f"{node.get('prefix', '')}{label}{node.get('suffix', '.')} "


# --- Entry point from a playbook outline -------------------------------------------------


def templates_for(outline, kind) -> list[Template]:
    """The templates of a playbook's reply section (``kind.reply``), or [] without one.

    ``outline`` is an ``outline.Outline`` and ``kind`` a ``schema.Kind``; subsections whose
    heading is one of the kind's own sections are not replies.
    """
    heading = outline.first(kind, kind.reply)
    if heading is None:
        return []

    def is_kind_section(section: nodes.section) -> bool:
        return kind.matches(_title_text(section))

    return extract_templates(heading.section, skip_section=is_kind_section)
