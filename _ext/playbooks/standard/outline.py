"""The outline of a parsed playbook: its title and the sections that the kind cares about.

Works on a docutils doctree as produced by plain docutils (with or without the doctitle
transform) or by Sphinx.  Everything else (validation, replies, metadata) reads playbooks
through this outline, so the rules for "which section is which" live in one place.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from docutils import nodes

from .schema import Kind, normalize_heading


@dataclass
class Heading:
    """One section of the playbook, as found in the doctree."""

    text: str
    line: int | None
    depth: int  # 1: directly under the document title
    section: nodes.section
    parent: "Heading | None" = None
    underline: str | None = None  # the character under the heading, when known


@dataclass
class Outline:
    title: str | None
    title_line: int | None
    #: every section at depth 1, plus deeper ones whose heading belongs to the kind,
    #: in document order
    headings: list[Heading] = field(default_factory=list)
    #: top-level sections beyond the document title ("second title")
    extra_titles: list[Heading] = field(default_factory=list)
    title_underline: str | None = None

    def first(self, kind: Kind, name: str | None) -> Heading | None:
        """The first section whose heading is ``name`` (compared like headings are)."""
        if name is None:
            return None
        key = normalize_heading(name)
        for heading in self.headings:
            if normalize_heading(heading.text) == key:
                return heading
        return None


def heading_line(title: nodes.title) -> int | None:
    """Line of the heading text (docutils records the underline's line on titles)."""
    line = title.line
    if line is None:
        line = title.parent.line if title.parent is not None else None
    if line is None:
        return None
    return max(1, line - 1)


def body_lines(document: nodes.document, heading: Heading, count: int) -> range:
    """0-based indexes of the source lines of ``heading``'s body: after its underline, up
    to the next heading's line anywhere in the document (a subsection's too) or the end of
    the ``count`` lines.  Empty when the heading's line is unknown."""
    if heading.line is None:
        return range(0)
    later = [line for line in (heading_line(t) for t in document.findall(nodes.title))
             if line is not None and line > heading.line]
    end = min(later) - 1 if later else count  # the next heading's line, 0-based
    return range(heading.line + 1, min(end, count))


def underline_char(lines: list[str] | None, title: nodes.title) -> str | None:
    """The adornment character of a section title, read at the line docutils reports."""
    if not lines or title.line is None:
        return None
    index = title.line - 1
    if not 0 <= index < len(lines):
        return None
    adornment = lines[index].strip()
    if adornment and len(set(adornment)) == 1 and not adornment[0].isalnum():
        return adornment[0]
    return None


def _title_of(section: nodes.section) -> nodes.title | None:
    if section.children and isinstance(section[0], nodes.title):
        return section[0]
    return None


def _make(section: nodes.section, depth: int, parent: Heading | None, lines) -> Heading:
    title = _title_of(section)
    text = title.astext() if title is not None else ""
    return Heading(
        text=" ".join(text.split()),
        line=heading_line(title) if title is not None else section.line,
        depth=depth,
        section=section,
        parent=parent,
        underline=underline_char(lines, title) if title is not None else None,
    )


def build_outline(document: nodes.document, kind: Kind, lines: list[str] | None = None) -> Outline:
    """Find the title and the sections of ``document`` according to ``kind``."""
    top_sections = [child for child in document.children if isinstance(child, nodes.section)]
    doc_title = next((c for c in document.children if isinstance(c, nodes.title)), None)

    if doc_title is not None:  # docutils' doctitle transform already lifted the title
        outline = Outline(title=" ".join(doc_title.astext().split()), title_line=heading_line(doc_title))
        outline.title_underline = underline_char(lines, doc_title)
        containers = top_sections
        extra: list[nodes.section] = []
    elif top_sections and not kind.matches(_heading_text(top_sections[0])):
        title_section = top_sections[0]
        title_node = _title_of(title_section)
        outline = Outline(
            title=" ".join(title_node.astext().split()) if title_node is not None else None,
            title_line=heading_line(title_node) if title_node is not None else None,
        )
        outline.title_underline = underline_char(lines, title_node) if title_node is not None else None
        containers = [c for c in title_section.children if isinstance(c, nodes.section)]
        extra = top_sections[1:]
    else:  # no document title: the sections themselves are at the top
        outline = Outline(title=None, title_line=None)
        containers = top_sections
        extra = []

    # A later top-level section is a second title, unless it is one of the kind's
    # sections written with the title's underline: then it is kept as a section too.
    ordered: list[tuple[nodes.section, bool]] = [(s, False) for s in containers]
    for section in extra:
        heading = _make(section, 1, None, lines)
        outline.extra_titles.append(heading)
        ordered.append((section, True))
        for inner in section.children:
            if isinstance(inner, nodes.section):
                ordered.append((inner, False))

    extra_by_section = {id(h.section): h for h in outline.extra_titles}
    for section, is_extra in ordered:
        if is_extra:
            heading = extra_by_section[id(section)]
            if kind.matches(heading.text):
                outline.headings.append(heading)
            continue
        top = _make(section, 1, None, lines)
        outline.headings.append(top)
        _collect_nested(section, top, kind, lines, outline.headings)
    return outline


def _heading_text(section: nodes.section) -> str:
    title = _title_of(section)
    return title.astext() if title is not None else ""


def _collect_nested(section, parent: Heading, kind: Kind, lines, out: list[Heading]) -> None:
    for child in section.children:
        if not isinstance(child, nodes.section):
            continue
        heading = _make(child, parent.depth + 1, parent, lines)
        if kind.matches(heading.text):
            out.append(heading)
        _collect_nested(child, heading, kind, lines, out)


def section_body(section: nodes.section, skip: set[int] | None = None) -> list[nodes.Node]:
    """The content nodes of a section, without its title, comments and nested kind sections."""
    skip = skip or set()
    body = []
    for child in section.children:
        if isinstance(child, (nodes.title, nodes.comment, nodes.system_message, nodes.target)):
            continue
        if id(child) in skip:
            continue
        body.append(child)
    return body


def is_empty(section: nodes.section, skip: set[int] | None = None) -> bool:
    """True when the section holds nothing but whitespace (comments do not count)."""
    for child in section_body(section, skip):
        if isinstance(child, nodes.section):
            return False
        if isinstance(child, (nodes.image, nodes.figure)) or child.next_node(nodes.image) is not None:
            return False
        if child.astext().strip():
            return False
    return True


def readable_text(node: nodes.Node) -> str:
    """``node.astext()`` without the docutils error messages that parsing left inside it
    (they carry the build's absolute source path)."""
    if next(iter(node.findall(nodes.system_message)), None) is None:
        return node.astext()
    copy = node.deepcopy()
    for message in list(copy.findall(nodes.system_message)):
        message.parent.remove(message)
    return copy.astext()
