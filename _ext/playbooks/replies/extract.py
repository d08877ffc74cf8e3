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
``ListBlock``, ``Table``...; blocks.py), serialised by plain.py and html.py.  This module is
the walk over the reply section: where a template starts and ends, its label and draft state.

The split happens once per page, at read time.  At write time ``reply_blocks/page.py`` calls
:func:`rewrap` on each template's nodes (already wrapped in their own container) to compute
the pieces again from the resolved doctree.
"""

from __future__ import annotations

import html as htmlmod
import re
from dataclasses import dataclass, field
from typing import Callable, Iterable

from docutils import nodes

from .blocks import IGNORED, Page, Piece, Renderer, Slot, clean, merge
from .grammar import DEFAULT as DEFAULT_GRAMMAR
from .grammar import Grammar
from .html import serialise as html_flavour
from .plain import serialise as plain_flavour

#: A paragraph that says only that the reply is not written yet.
DRAFT_RE = re.compile(
    r"^\(?\s*(?:(?:modelos?\s+de\s+)?respostas?\s+|modelos?\s+)?em\s+constru[çc][ãa]o\s*[.!…:]*\s*\)?\s*[.!…:]*$",
    re.IGNORECASE,
)


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
    page = Page(grammar or DEFAULT_GRAMMAR)
    _split(section, None, skip_section, templates, page)
    return templates


def rewrap(members: list[nodes.Node], *, label: str | None, line: int | None, draft: bool,
           labelled: bool, page: Page) -> Template:
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
           page: "Page") -> None:
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


def _make(label, container, members, body, line, label_node, page: "Page",
          draft: bool | None = None) -> Template:
    """A template from its nodes; ``draft`` (None: judged from the content) is given when the
    template was already judged at read time."""
    renderer = Renderer(page)
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
    text_pieces = plain_flavour(blocks)
    html_pieces = html_flavour(blocks)
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
    return merge(text_pieces), merge(html_pieces)


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
