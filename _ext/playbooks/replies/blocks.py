"""The neutral blocks of a reply template: content nodes become blocks of tokens and slots.

One walk (:class:`Renderer`) turns each content node into a neutral block (``Paragraph``,
``ListBlock``, ``Table``...); plain.py and html.py serialise the same blocks to the copied
``text/plain`` and ``text/html``.  Inline text is split into strings and :class:`Slot`
objects (placeholders and greetings), so that the page can substitute what the agent typed
without guessing where a placeholder is.  Docutils only.
"""

from __future__ import annotations

import html as htmlmod
import re
import unicodedata
from dataclasses import dataclass
from typing import Iterable, Union

from docutils import nodes
from roman_numerals import OutOfRangeError, RomanNumeral

from .grammar import AGENT_KEY, AGENT_NAME, Grammar, is_closing
from .grammar import DEFAULT as DEFAULT_GRAMMAR

# --- Patterns -------------------------------------------------------------------------

#: ``Bom dia/Boa tarde/Boa noite`` with any spacing around the slashes (and between words).
GREETING_RE = re.compile(r"(?<!\w)bom\s+dia\s*/\s*boa\s+tarde\s*/\s*boa\s+noite(?!\w)", re.IGNORECASE)
GREETINGS = ("Bom dia", "Boa tarde", "Boa noite")

#: ``[inserir nome do Usuário]``: text in square brackets holding at least one letter,
#: on one line, without nested brackets (``[1]`` or ``[]`` are not placeholders).
PLACEHOLDER_RE = re.compile(r"\[(?=[^\[\]\n]*[^\W\d_])([^\[\]\n]{1,120})\]")

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
    #: a placeholder's accessible name (see grammar.py); "" means the bracket's text
    label: str = ""
    #: "bracket", "paren", "blank" or "mask" (grammar.py)
    form: str = "bracket"
    #: what the empty field shows (a blank's or mask's own shape)
    hint: str = ""

    @property
    def name(self) -> str:
        """A placeholder's accessible name (a bracket's text without the brackets)."""
        if self.kind == "placeholder":
            return self.label or " ".join(self.written[1:-1].split())
        return self.written

    @property
    def agent(self) -> bool:
        """The agent's own name (remembered by the browser)."""
        return self.key == AGENT_KEY

    def field_record(self) -> dict:
        return {"key": self.key, "name": self.name, "written": self.written, "form": self.form,
                "agent": self.agent}

    def options(self) -> list[str]:
        """A greeting's alternatives, in the case the writer used."""
        if self.kind != "greeting":
            return []
        if self.written[:1].islower():
            return [g.lower() for g in GREETINGS]
        return list(GREETINGS)


Piece = Union[str, Slot]


# --- Splitting a reply section into templates -------------------------------------------


def clean(text: str) -> str:
    """NFC, invisible characters dropped, whitespace collapsed and trimmed."""
    text = unicodedata.normalize("NFC", text).translate(INVISIBLE)
    return WHITESPACE_RE.sub(" ", text).strip()


class Page:
    """What the templates of one page share: the grammar, the count of unnamed blanks."""

    def __init__(self, grammar: Grammar) -> None:
        self.grammar = grammar
        self.blanks = 0


def new_page(grammar: Grammar | None = None) -> Page:
    """The shared state for computing the templates of one page again (:func:`rewrap`)."""
    return Page(grammar or DEFAULT_GRAMMAR)


# --- Inline content: tokens shared by both flavours -------------------------------------

# A token is a str (text, whitespace not yet collapsed), a Slot, or a markup tuple:
# ("open", tag, attrs) / ("close", tag) / ("link", url) / ("endlink", url) / ("br",).


class Renderer:
    """Renders content nodes to text/plain and text/html pieces."""

    def __init__(self, page: "Page | None" = None) -> None:
        self.page = page or Page(DEFAULT_GRAMMAR)
        self.slot_texts: dict[int, tuple[nodes.Text, list[Piece]]] = {}
        self.greetings = 0  # each greeting of a template has its own key: g0, g1...

    # Slots ------------------------------------------------------------------------------

    def split_text(self, node: nodes.Text) -> list[Piece]:
        """A Text node as strings and Slots (placeholders, greetings)."""
        key = id(node)
        if key in self.slot_texts:
            return self.slot_texts[key][1]
        text = str(node)
        grammar = self.page.grammar
        pieces: list[Piece] = []
        spans = []
        for match in GREETING_RE.finditer(text):
            spans.append((match.start(), match.end(), "greeting", match.group(0), None))
        before, after = _context(node)
        for match in grammar.find(text, after=after, before=before):
            if not any(s < match.end and match.start < e for s, e, *_ in spans):
                spans.append((match.start, match.end, "placeholder", match.written, match))
        if not spans:
            return [text]
        spans.sort(key=lambda span: span[0])
        position = 0
        for start, end, kind, written, match in spans:
            if start > position:
                pieces.append(text[position:start])
            written = " ".join(written.split())
            if kind == "placeholder":
                pieces.append(self.placeholder_slot(node, match, written))
            else:
                pieces.append(Slot(kind, f"g{self.greetings}", written))
                self.greetings += 1
            position = end
        if position < len(text):
            pieces.append(text[position:])
        self.slot_texts[key] = (node, pieces)
        return pieces

    def placeholder_slot(self, node: nodes.Text, match, written: str) -> Slot:
        grammar = self.page.grammar
        name = match.name
        if match.form == "mask" and _signature(node, match):
            name = AGENT_NAME
        if not name:
            self.page.blanks += 1
            return Slot("placeholder", f"b:{self.page.blanks}", written,
                        f"campo em branco {self.page.blanks}", match.form, match.hint)
        key = grammar.key(name)
        label = "" if match.form == "bracket" else name
        return Slot("placeholder", key, written, label, match.form, match.hint)

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
        return merge(pieces)

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
        return merge(pieces)

    # Blocks: one walk ----------------------------------------------------------------------
    # ``block(node)`` turns a content node into a neutral Block (or None for what is never
    # content); ``_plain_of`` and ``_html_of`` below serialise Blocks.  Inline content is
    # read once, in document order, so the slots of both flavours are the same objects.

    def block(self, node: nodes.Node) -> "Block | None":
        for types, handler in self._HANDLERS:
            if isinstance(node, types):
                return handler(self, node)
        return Bare(clean(node.astext()))

    def blocks(self, content: Iterable[nodes.Node]) -> list["Block"]:
        return [b for b in (self.block(node) for node in content) if b is not None]

    def tokens(self, node: nodes.Node) -> list:
        return self.collapse(self.inline(node))

    def _ignored(self, node):
        return None

    def _literal(self, node):
        return Literal(node.astext().rstrip("\n"))

    def _note(self, node):
        label = clean(node[0].astext()) if node.children and isinstance(node[0], nodes.label) else ""
        return Note(label, self.blocks(c for c in node.children if not isinstance(c, nodes.label)))

    def _lines(self, node):
        return Lines([self.tokens(line) for line in node.findall(nodes.line)])

    def _list(self, node):
        items = [self.cell(item) for item in node.children if isinstance(item, nodes.list_item)]
        if isinstance(node, nodes.bullet_list):
            return ListBlock(items)
        return ListBlock(items, ordered=True, start=node.get("start", 1),
                         enumtype=node.get("enumtype", "arabic"), prefix=node.get("prefix", ""),
                         suffix=node.get("suffix", "."))

    def _definitions(self, node):
        items = []
        for item in node.children:
            parts = []
            for child in item.children:
                if isinstance(child, nodes.term):
                    parts.append(("term", self.tokens(child)))
                elif isinstance(child, nodes.definition):
                    parts.append(("definition", self.blocks(child.children)))
            items.append(parts)
        return DefinitionList(items)

    def _fields(self, node):
        return FieldList([(clean(item[0].astext()), self.blocks(item[1].children)) for item in node.children])

    def _table(self, node):
        return Table([[self.cell(entry) for entry in row.children] for row in node.findall(nodes.row)])

    def _paragraph(self, node):
        return Paragraph(self.tokens(node))

    def _group(self, node):  # block quotes, containers, admonitions...
        return Group(self.blocks(node.children))

    def cell(self, item: nodes.Element) -> "Cell":
        """A list item or table cell (in HTML a single leading paragraph is inlined)."""
        children = [c for c in item.children if not isinstance(c, IGNORED)]
        paragraphs = [c for c in children if isinstance(c, nodes.paragraph)]
        lead = bool(children) and isinstance(children[0], nodes.paragraph) and len(paragraphs) == 1
        return Cell(self.blocks(children), lead)

    _HANDLERS = (
        (IGNORED + (nodes.image, nodes.transition), _ignored),
        ((nodes.literal_block, nodes.doctest_block), _literal),
        ((nodes.footnote, nodes.citation), _note),
        (nodes.line_block, _lines),
        ((nodes.bullet_list, nodes.enumerated_list), _list),
        (nodes.definition_list, _definitions),
        (nodes.field_list, _fields),
        (nodes.table, _table),
        (nodes.TextElement, _paragraph),
        (nodes.Element, _group),
    )


# --- Neutral blocks -----------------------------------------------------------------------


@dataclass
class Paragraph:
    """A text element (paragraph, title, rubric...): one line of collapsed inline tokens."""
    tokens: list


@dataclass
class Bare:
    """Text outside any element."""
    text: str


@dataclass
class Literal:
    text: str


@dataclass
class Lines:
    """A line block: one token list per line."""
    lines: list[list]


@dataclass
class Note:
    """A footnote or citation: its label and content."""
    label: str
    body: list


@dataclass
class Cell:
    """A list item or table cell; ``lead``: its only paragraph comes first (inlined in HTML)."""
    body: list
    lead: bool


@dataclass
class ListBlock:
    items: list[Cell]
    ordered: bool = False
    start: int = 1
    enumtype: str = "arabic"
    prefix: str = ""
    suffix: str = "."


@dataclass
class DefinitionList:
    #: per item: ("term", tokens) and ("definition", blocks), in order
    items: list[list[tuple]]


@dataclass
class FieldList:
    items: list[tuple[str, list]]


@dataclass
class Table:
    rows: list[list[Cell]]


@dataclass
class Group:
    """Block quotes, containers, admonitions...: their blocks, unwrapped."""
    body: list


Block = Union[Paragraph, Bare, Literal, Lines, Note, ListBlock, DefinitionList, FieldList, Table, Group]


def _context(node: nodes.Text) -> tuple[str, str]:
    """The text of the paragraph before ``node``, and the text of the link right after it."""
    parent = node.parent
    if parent is None:
        return "", ""
    siblings = list(parent.children)
    index = next((i for i, c in enumerate(siblings) if c is node), None)
    if index is None:
        return "", ""
    before = "".join(c.astext() for c in siblings[:index])
    after = ""
    if index + 1 < len(siblings) and isinstance(siblings[index + 1], nodes.reference):
        after = siblings[index + 1].astext()
    return before, after


def _signature(node: nodes.Text, match) -> bool:
    """A mask that is its paragraph's whole text, right after the closing ("Atenciosamente,")."""
    paragraph = node.parent
    while paragraph is not None and not isinstance(paragraph, nodes.paragraph):
        paragraph = paragraph.parent
    if paragraph is None or clean(paragraph.astext()).strip("“”\"'. ") != match.written:
        return False
    previous = paragraph.previous_sibling()
    if previous is None and isinstance(paragraph.parent, nodes.block_quote):
        previous = paragraph.parent.previous_sibling()
    while isinstance(previous, nodes.block_quote) and previous.children:
        previous = previous[-1]
    return isinstance(previous, nodes.paragraph) and is_closing(previous.astext())


def merge(pieces: list[Piece]) -> list[Piece]:
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


def list_marker(block: ListBlock, index: int) -> str:
    """``- `` for a bullet, the item's own number (``1. ``, ``b) ``...) for an enumerated list."""
    if not block.ordered:
        return "- "
    number = block.start + index
    enumtype = block.enumtype
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
    return f"{block.prefix}{label}{block.suffix} "
