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
Both flavours come from one walk: each content node becomes a neutral block (``Paragraph``,
``ListBlock``, ``Table``...; see ``_Renderer.block``), serialised by ``_plain`` and ``_html``.

The split happens once per page, at read time.  At write time ``replies/html.py`` calls
:func:`rewrap` on each template's nodes (already wrapped in their own container) to compute
the pieces again from the resolved doctree.
"""

from __future__ import annotations

import html as htmlmod
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Callable, Iterable, Union

from docutils import nodes
from roman_numerals import OutOfRangeError, RomanNumeral

from ..standard.rules import Problem
from .grammar import DEFAULT as DEFAULT_GRAMMAR
from .grammar import (AGENT_KEY, AGENT_NAME, INSTRUCTION_SUBTYPE, PLACEHOLDER_FORM_SUBTYPE, Grammar,
                      is_closing)

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
    #: writer's instructions shown to the agent and never copied: (paragraph, text, line)
    instructions: list[tuple[nodes.Element, str, int | None]] = field(default_factory=list)

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

    @property
    def fields(self) -> list[Slot]:
        """The template's fields (one per value), in order."""
        return [slot for slot in self.slots if slot.kind == "placeholder"]

    def paren_placeholders(self) -> list[Slot]:
        """Parenthesised placeholders, each written form once (``make check`` notes them)."""
        seen: dict[str, Slot] = {}
        for piece in self.text_pieces:
            if isinstance(piece, Slot) and piece.form == "paren" and piece.written not in seen:
                seen[piece.written] = piece
        return list(seen.values())

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


def is_label(node: nodes.Node, grammar: Grammar = DEFAULT_GRAMMAR) -> bool:
    """A paragraph that is entirely bold text (whitespace around it aside), or only a
    plain-text label (``Resposta 01:``, see grammar.py)."""
    return label_of(node, grammar) is not None


def label_of(node: nodes.Node, grammar: Grammar = DEFAULT_GRAMMAR) -> str | None:
    """The title of a label paragraph (final colon dropped), else None."""
    if not isinstance(node, nodes.paragraph):
        return None
    text = clean(node.astext())
    if not text or is_draft_text(text):
        return None
    strong = [c for c in node.children if not (isinstance(c, nodes.Text) and not c.strip())]
    if len(strong) == 1 and isinstance(strong[0], nodes.strong):
        return text.rstrip(":").rstrip() or None
    return grammar.label_text(text)


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
    grammar: Grammar | None = None,
) -> list[Template]:
    """The reply templates of ``section`` (the reply section), in document order.

    ``skip_section(subsection)`` may exclude subsections that are not replies (a kind's own
    section nested by mistake inside the reply section, say).
    """
    templates: list[Template] = []
    page = _Page(grammar or DEFAULT_GRAMMAR)
    _split(section, None, skip_section, templates, page)
    return templates


class _Page:
    """What the templates of one page share: the grammar, the count of unnamed blanks."""

    def __init__(self, grammar: Grammar) -> None:
        self.grammar = grammar
        self.blanks = 0


def new_page(grammar: Grammar | None = None) -> _Page:
    """The shared state for computing the templates of one page again (:func:`rewrap`)."""
    return _Page(grammar or DEFAULT_GRAMMAR)


def rewrap(members: list[nodes.Node], *, label: str | None, line: int | None, draft: bool,
           labelled: bool, page: _Page) -> Template:
    """A template whose nodes were already split from the reply section (and moved into a
    container of their own, ``members``), computed again from those nodes as they are now.

    ``labelled``: the first member is the template's label paragraph.  Otherwise a single
    section member is a subsection template (its title is not content).  Call it for each
    template of a page in order with the same ``page``, as the split does, so that unnamed
    blanks get the same keys.
    """
    members = list(members)
    head = members[0] if members else None
    if not labelled and len(members) == 1 and isinstance(head, nodes.section):
        body = [c for c in head.children if not isinstance(c, nodes.title)]
        return _make(label, head.parent, members, body, line, None, page, draft=draft)
    label_node = head if labelled else None
    body = members[1:] if labelled else members
    return _make(label, head.parent if head is not None else None, members, body, line,
                 label_node, page, draft=draft)


def _split(container: nodes.Element, outer_label: str | None, skip_section, out: list[Template],
           page: "_Page") -> None:
    grammar = page.grammar
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
        if is_label(child, grammar):
            groups.append((child, [child]))
            continue
        groups[-1][1].append(child)

    for head, members in groups:
        if isinstance(head, nodes.section):
            label = _join_label(outer_label, _title_text(head))
            if any(is_label(c, grammar) or isinstance(c, nodes.section) for c in head.children):
                _split(head, label, skip_section, out, page)
            elif _has_content(c for c in head.children if not isinstance(c, nodes.title)):
                body = [c for c in head.children if not isinstance(c, nodes.title)]
                out.append(_make(label, container, [head], body, _first_line(head), None, page))
            continue
        body = members[1:] if head is not None else members
        if not _has_content(body):
            continue
        label = _join_label(outer_label, label_of(head, grammar) if head is not None else None)
        line = _first_line(head) if head is not None else next(
            (ln for ln in (_first_line(m) for m in body if not isinstance(m, IGNORED)) if ln), None)
        out.append(_make(label, container, members, body, line, head, page))


def _instruction(node: nodes.Node, grammar: Grammar) -> bool:
    """A paragraph (maybe inside a block quote) that is a writer's instruction."""
    while isinstance(node, nodes.block_quote) and len(node.children) == 1:
        node = node[0]
    return isinstance(node, nodes.paragraph) and grammar.is_instruction(node.astext())


def _make(label, container, members, body, line, label_node, page: "_Page",
          draft: bool | None = None) -> Template:
    """A template from its nodes; ``draft`` (None: judged from the content) is given when the
    template was already judged at read time."""
    renderer = _Renderer(page)
    content = [node for node in body if not isinstance(node, IGNORED)]
    instructions = [(node, clean(node.astext()), _first_line(node))
                    for node in content if _instruction(node, page.grammar)]
    copied = [node for node in content if not _instruction(node, page.grammar)]
    if draft is None:
        # Only instructions (and maybe "Em construção"): the reply is not written yet.
        draft = any(is_draft_marker(node) for node in content) or (
            bool(instructions) and not _has_content(copied))
    if draft:
        copied = content  # a draft is not copied; its text stays whole in the record
    blocks = renderer.blocks(copied)  # one walk, two serialisations
    text_pieces = _plain(blocks)
    html_pieces = _html(blocks)
    if not draft:
        text_pieces, html_pieces = _strip_wrapping_quotes(text_pieces, html_pieces)
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
        instructions=[] if draft else instructions,
    )


# --- Inline content: tokens shared by both flavours -------------------------------------

# A token is a str (text, whitespace not yet collapsed), a Slot, or a markup tuple:
# ("open", tag, attrs) / ("close", tag) / ("link", url) / ("endlink", url) / ("br",).


class _Renderer:
    """Renders content nodes to text/plain and text/html pieces."""

    def __init__(self, page: "_Page | None" = None) -> None:
        self.page = page or _Page(DEFAULT_GRAMMAR)
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


# --- text/plain -----------------------------------------------------------------------------
# A plain block is a list of lines; a line is a list of pieces.


def _plain(blocks: list[Block]) -> list[Piece]:
    pieces: list[Piece] = []
    for index, block in enumerate(_plain_blocks(blocks)):
        if index:
            pieces.append("\n\n")
        for number, line in enumerate(block):
            if number:
                pieces.append("\n")
            pieces.extend(line)
    return _merge(pieces)


def _plain_blocks(blocks: list[Block]) -> list[list[list[Piece]]]:
    out: list[list[list[Piece]]] = []
    for block in blocks:
        out.extend(_plain_of(block))
    return [block for block in out if block]


def _plain_lines(blocks: list[Block]) -> list[list[Piece]]:
    return [line for block in _plain_blocks(blocks) for line in block]


def _plain_of(block: Block) -> list[list[list[Piece]]]:
    if isinstance(block, Paragraph):
        line = _Renderer.tokens_plain(block.tokens)
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
        lines = [_Renderer.tokens_plain(tokens) for tokens in block.lines]
        return [lines] if any(lines) else []
    if isinstance(block, ListBlock):
        lines: list[list[Piece]] = []
        for index, item in enumerate(block.items):
            marker = _marker(block, index)
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
                    lines.append(_Renderer.tokens_plain(content))
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
            lines.append(_merge(line))
        return [lines]
    raise TypeError(block)


# --- text/html ------------------------------------------------------------------------------


def _html(blocks: list[Block]) -> list[Piece]:
    pieces: list[Piece] = []
    for block in blocks:
        html = _html_of(block)
        if html:
            if pieces:
                pieces.append("\n")
            pieces.extend(html)
    return _merge(pieces)


def _html_blocks(blocks: list[Block]) -> list[Piece]:
    return [piece for block in blocks for piece in _html_of(block)]


def _escape(text: str) -> str:
    return htmlmod.escape(text, quote=False)


def _html_cell(cell: Cell) -> list[Piece]:
    if cell.lead:
        return [*_Renderer.tokens_html(cell.body[0].tokens), *_html_blocks(cell.body[1:])]
    return _html_blocks(cell.body)


def _html_of(block: Block) -> list[Piece]:
    if isinstance(block, Paragraph):
        inline = _Renderer.tokens_html(block.tokens)
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
            pieces.extend(_Renderer.tokens_html(tokens))
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
                    pieces += ["<dt>", *_Renderer.tokens_html(content), "</dt>"]
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


_HTML_LEAD_RE = re.compile(r"^((?:<[^>]+>)*)[“\"]")
_HTML_TAIL_RE = re.compile(r"[”\"]((?:</[^>]+>)*)$")


def _strip_wrapping_quotes(text_pieces: list[Piece], html_pieces: list[Piece]):
    """PEN's writers often quote the whole reply (“Prezado(a) ... (Nome do atendente)”), or
    leave one quotation mark unmatched at either end: those marks are not copied."""
    text = "".join(p.written if isinstance(p, Slot) else p for p in text_pieces)
    if not text:
        return text_pieces, html_pieces
    opens, closes = text.count("“"), text.count("”")
    lead = text[0] == "“" and (text[-1] == "”" or opens > closes) or (
        text[0] == '"' and text[-1] == '"' and text.count('"') == 2)
    tail = text[-1] == "”" and (text[0] == "“" or closes > opens) or (
        text[-1] == '"' and text[0] == '"' and text.count('"') == 2)
    text_pieces, html_pieces = list(text_pieces), list(html_pieces)
    if lead and isinstance(text_pieces[0], str) and isinstance(html_pieces[0], str) \
            and _HTML_LEAD_RE.match(html_pieces[0]):
        text_pieces[0] = text_pieces[0][1:].lstrip()
        html_pieces[0] = _HTML_LEAD_RE.sub(r"\1", html_pieces[0], count=1)
    if tail and isinstance(text_pieces[-1], str) and isinstance(html_pieces[-1], str) \
            and _HTML_TAIL_RE.search(html_pieces[-1]):
        text_pieces[-1] = text_pieces[-1][:-1].rstrip()
        html_pieces[-1] = _HTML_TAIL_RE.sub(r"\1", html_pieces[-1], count=1)
    return _merge(text_pieces), _merge(html_pieces)


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


def _marker(block: ListBlock, index: int) -> str:
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


# --- What the build and make check say about templates -----------------------------------
# * ``playbook.placeholder_form``: a parenthesised placeholder (``(inserir aqui nome do
#   usuário)``), noted once per template and written form, with the bracket form to use
#   (``make import`` rewrites it).  Blanks and x-masks are accepted without a note.
# * ``playbook.reply_instruction``: a writer's instruction next to real reply text, shown
#   to the agent and never copied.


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


# --- Entry point from a playbook outline -------------------------------------------------


def templates_for(outline, kind, grammar: Grammar | None = None) -> list[Template]:
    """The templates of a playbook's reply section (``kind.reply``), or [] without one.

    ``outline`` is an ``outline.Outline`` and ``kind`` a ``schema.Kind``; subsections whose
    heading is one of the kind's own sections are not replies.
    """
    heading = outline.first(kind, kind.reply)
    if heading is None:
        return []

    def is_kind_section(section: nodes.section) -> bool:
        return kind.matches(_title_text(section))

    return extract_templates(heading.section, skip_section=is_kind_section, grammar=grammar)
