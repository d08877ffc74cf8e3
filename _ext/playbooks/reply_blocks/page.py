"""Reply templates in the built page: one block per template, a copy button, fields.

The reply section is split into templates once, when the page is read: the analysis
(``standard/analysis.py``, run by the collector) returns the templates, and
:func:`wrap_templates` (``doctree-read``, after Sphinx's own collectors) moves each
template's nodes into a ``reply_template`` node that keeps its label, draft state, line and
index.  At ``doctree-resolved`` (write phase, one page at a time, so parallel writing is
safe) :func:`render_replies` computes each template's text/plain and text/html flavours from
that node's own content (references are resolved by then, so links come out right), turns
placeholders and greetings into ``reply_slot`` nodes, and gives a template under
construction an "Em construção" badge.  The flavours are embedded as JSON; replies.js only
substitutes what the agent typed or picked.  Without JavaScript the page shows the full
text of every template (the copy button stays hidden).

Why not sphinx-copybutton (it keeps copying code blocks): it copies a detached clone's
``innerText``, so paragraphs come out separated by single newlines and the source's line
wraps become hard breaks; it writes only text/plain; its messages have no Portuguese; and it
overwrites the target's ``id``.  replies.js borrows its look (the icons and colours of its
button, the "success" feedback) and its clipboard idea (a fallback through
``document.execCommand('copy')``), and writes the rest.

Other builders get the same nodes with plain visitors: the template's content as it is and
the badge as "[Em construção]" (the text builder renders pages one by one; LaTeX, man,
texinfo and singlehtml assemble one big doctree whose docname is not a playbook: there the
templates' nodes are put back where they were written, so their output is untouched).
"""

from __future__ import annotations

import html
import json

from docutils import nodes
from sphinx.application import Sphinx

from ..collect import output
from ..collect.collector import TEMPLATES_KEY
from ..replies.blocks import Slot, new_page
from ..replies.extract import Template, rewrap
from ..replies.grammar import Grammar

COPY_LABEL = "Copiar resposta"
FORGET_LABEL = "Esquecer meu nome"
DRAFT_LABEL = "Em construção"


class reply_template(nodes.container):
    """One reply template: its label, its content, and (HTML) the copy button and data."""


class reply_badge(nodes.inline):
    """The "Em construção" badge of a template under construction."""


class reply_slot(nodes.inline):
    """A placeholder (``[nome do usuário]``) or a greeting (``Bom dia/Boa tarde/Boa noite``)."""


class reply_toolbar(nodes.Element):
    """The copy button and the status of a template (HTML only), right after its title.

    ``end``: the second button at the end of an untitled template, after its last field.
    """


class reply_instruction_tag(nodes.inline):
    """"Instrução ao atendente (não é copiada)" before a writer's instruction paragraph."""


# --- Doctree transform --------------------------------------------------------------------


def _pieces_json(pieces) -> list:
    out = []
    for p in pieces:
        if not isinstance(p, Slot):
            out.append(p)
            continue
        item = {"slot": p.key, "kind": p.kind, "written": p.written}
        if p.form in ("blank", "mask"):
            item["name"] = p.name  # the confirmation names an unfilled blank by it
        out.append(item)
    return out


def _slot_node(slot: Slot) -> reply_slot:
    node = reply_slot(slot.written, slot.written)
    node["kind"] = slot.kind
    node["key"] = slot.key
    node["name"] = slot.name
    node["options"] = slot.options()
    node["hint"] = slot.hint
    node["agent"] = slot.agent
    return node


INSTRUCTION_TAG = "Instrução ao atendente (não é copiada):"


def _place_toolbar(template: Template, block: "reply_template") -> None:
    """The toolbar goes right after the template's title: the bold or plain label, the
    subsection's heading; an untitled template has it first and again at its end."""
    top = reply_toolbar()
    if template.label_node is not None:
        block.insert(block.index(template.label_node) + 1, top)
        return
    first = template.members[0] if template.members else None
    if isinstance(first, nodes.section) and first.children and isinstance(first[0], nodes.title):
        first.insert(1, top)
        return
    block.insert(0, top)
    end = reply_toolbar()
    end["end"] = True
    block.append(end)


def wrap_templates(app: Sphinx, doctree: nodes.document) -> None:
    """Read time: move each template's nodes into a ``reply_template`` node, using the
    templates that the analysis split (the collector left them in ``current_document``).

    Runs after Sphinx's own collectors (priority 500), so that the toctree collector still
    sees the subsections of the reply section where they were written.
    """
    templates = app.env.current_document.pop(TEMPLATES_KEY, None)
    for index, template in enumerate(templates or ()):
        container = template.container
        position = container.index(template.members[0])
        block = reply_template()
        block["classes"] = ["reply"] + (["reply-draft"] if template.draft else [])
        block["index"] = index
        block["draft"] = template.draft
        block["label"] = template.label or ""
        block["line"] = template.line
        block["labelled"] = template.label_node is not None
        for member in template.members:
            container.remove(member)
            block.append(member)
        container.insert(position, block)


def _unwrap(block: reply_template) -> None:
    """Put a template's nodes back where they were written (no attributes carried over)."""
    parent = block.parent
    index = parent.index(block)
    parent[index:index + 1] = list(block.children)


def _fill(template: Template, block: reply_template) -> None:
    """Write time: the copy data, the slots, the badge, the instructions' tags, the toolbar."""
    block["data"] = {"text": _pieces_json(template.text_pieces), "html": _pieces_json(template.html_pieces)}
    if template.label_node is not None:
        template.label_node["classes"].append("reply-label")
    if template.draft:
        badge_line = nodes.paragraph(classes=["reply-badge-line"])
        badge_line += reply_badge(DRAFT_LABEL, DRAFT_LABEL, classes=["reply-badge"])
        block.insert(0, badge_line)
        return
    # Placeholders and greetings become slots (a draft has no copy, so no fields).
    for text_node, pieces in template.slot_texts.values():
        parent = text_node.parent
        if parent is None:
            continue
        replacement = [_slot_node(p) if isinstance(p, Slot) else nodes.Text(p) for p in pieces]
        parent.replace(text_node, replacement)
    # Writers' instructions stay visible, marked as not copied.
    for paragraph, _text, _line in template.instructions:
        target = paragraph
        while isinstance(target, nodes.block_quote) and target.children:
            target = target[0]
        target["classes"].append("reply-instruction")
        if isinstance(target, nodes.paragraph):
            target.insert(0, reply_instruction_tag(INSTRUCTION_TAG, INSTRUCTION_TAG,
                                                   classes=["reply-instruction-tag"]))
    block["agent"] = any(slot.agent for slot in template.fields)
    _place_toolbar(template, block)


def render_replies(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Write time: compute each wrapped template's pieces from its own (resolved) nodes.

    A doctree assembled from many documents (LaTeX, singlehtml, texinfo: its docname is not a
    playbook) has each playbook in its own part (collect/output.py): those templates are filled
    the same way, so the PDF shows labels, fields as written and the "Em construção" badge;
    any other block gets its nodes back in place.
    """
    blocks = list(doctree.findall(reply_template))
    if not blocks:
        return
    filled = set()
    for tree, _name in output.playbook_parts(app.config, doctree, docname):
        page = new_page(Grammar.from_config(app.config))
        for block in sorted(tree.findall(reply_template), key=lambda b: b["index"]):
            template = rewrap(block.children, label=block["label"] or None, line=block["line"],
                              draft=block["draft"], labelled=block["labelled"], page=page)
            _fill(template, block)
            filled.add(id(block))
    for block in blocks:
        if id(block) not in filled:
            _unwrap(block)


# --- HTML ---------------------------------------------------------------------------------


def _json_for_script(data) -> str:
    """JSON safe inside <script>: no "<" (so no "</script>"), no raw line separators."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def visit_reply_template(self, node: reply_template) -> None:
    label = node["label"] or f"Modelo de resposta {node['index'] + 1}"
    self.body.append(self.starttag(node, "div", "", role="group", **{
        "aria-label": label, "data-reply-index": str(node["index"])}))


def depart_reply_template(self, node: reply_template) -> None:
    if not node["draft"] and output.interactive(self.builder):
        self.body.append(
            f'<script type="application/json" class="reply-data">{_json_for_script(node["data"])}</script>\n'
        )
    self.body.append("</div>\n")


def visit_reply_toolbar(self, node: reply_toolbar) -> None:
    if not output.interactive(self.builder):  # EPUB: no button (static form)
        raise nodes.SkipNode
    block = node.parent
    while block is not None and not isinstance(block, reply_template):
        block = block.parent
    if node.get("end"):
        # A second button after the last field of an untitled template (keyboard order).
        self.body.append(
            '<div class="reply-actions reply-actions-end">'
            f'<button type="button" class="reply-copy reply-copy-end" hidden>{html.escape(COPY_LABEL)}</button>'
            "</div>\n")
        raise nodes.SkipNode
    agent = ""
    if block is not None and block.get("agent"):
        agent = ('<button type="button" class="reply-forget" hidden>'
                 f"{html.escape(FORGET_LABEL)}</button>")
    self.body.append(
        '<div class="reply-actions">'
        f'<button type="button" class="reply-copy" hidden>{html.escape(COPY_LABEL)}</button>'
        '<span class="reply-status" role="status" aria-live="polite"></span>'
        f"{agent}</div>\n")
    raise nodes.SkipNode


def visit_reply_instruction_tag(self, node) -> None:
    self.body.append(self.starttag(node, "span", ""))


def depart_reply_instruction_tag(self, node) -> None:
    self.body.append("</span> ")


def visit_reply_slot(self, node: reply_slot) -> None:
    if node["kind"] == "placeholder":
        attributes = {"data-slot": node["key"], "data-name": node["name"]}
        if node.get("hint"):
            attributes["data-hint"] = node["hint"]
        if node.get("agent"):
            attributes["data-agent"] = "1"
        self.body.append(self.starttag(node, "span", "", CLASS="reply-field", **attributes))
    else:
        self.body.append(self.starttag(node, "span", "", CLASS="reply-greeting", **{
            "data-slot": node["key"], "data-options": json.dumps(node["options"], ensure_ascii=False)}))


def depart_reply_slot(self, node: reply_slot) -> None:
    self.body.append("</span>")


def visit_reply_badge(self, node: reply_badge) -> None:
    self.body.append(self.starttag(node, "span", ""))


def depart_reply_badge(self, node: reply_badge) -> None:
    self.body.append("</span>")


# --- Other builders: plain content ----------------------------------------------------------


def _visit_pass(self, node) -> None:
    pass


def _depart_pass(self, node) -> None:
    pass


def _visit_skip(self, node) -> None:
    raise nodes.SkipNode


def _visit_text_badge(self, node) -> None:
    self.add_text("[")


def _depart_text_badge(self, node) -> None:
    self.add_text("]")


def setup(app: Sphinx) -> None:
    plain = (_visit_pass, _depart_pass)
    app.add_node(reply_template, override=False,
                 html=(visit_reply_template, depart_reply_template),
                 text=plain, latex=plain, man=plain, texinfo=plain)
    app.add_node(reply_slot, html=(visit_reply_slot, depart_reply_slot),
                 text=plain, latex=plain, man=plain, texinfo=plain)
    app.add_node(reply_badge, html=(visit_reply_badge, depart_reply_badge),
                 text=(_visit_text_badge, _depart_text_badge), latex=plain, man=plain, texinfo=plain)
    skip = (_visit_skip, None)
    app.add_node(reply_toolbar, html=(visit_reply_toolbar, None),
                 text=skip, latex=skip, man=skip, texinfo=skip)
    app.add_node(reply_instruction_tag, html=(visit_reply_instruction_tag, depart_reply_instruction_tag),
                 text=plain, latex=plain, man=plain, texinfo=plain)
    app.connect("doctree-read", wrap_templates, priority=600)
    app.connect("doctree-resolved", render_replies)
    output.add_assets(app, css=("replies.css",), js=("replies.js",))
