"""Reply templates in the built page: one block per template, a copy button, fields.

At ``doctree-resolved`` (write phase, one page at a time, so parallel writing is safe) the
reply section of a playbook is restructured: the nodes of each template (see replies.py)
move into a ``reply_template`` node, placeholders and greetings become ``reply_slot``
nodes, and a template under construction gets an "Em construção" badge.  The text/plain and
text/html flavours are computed here, from the doctree, and embedded as JSON; replies.js
only substitutes what the agent typed or picked.  Without JavaScript the page shows the
full text of every template (the copy button stays hidden).

Why not sphinx-copybutton (it keeps copying code blocks): it copies a detached clone's
``innerText``, so paragraphs come out separated by single newlines and the source's line
wraps become hard breaks; it writes only text/plain; its messages have no Portuguese; and it
overwrites the target's ``id``.  replies.js borrows its look (the icons and colours of its
button, the "success" feedback) and its clipboard idea (a fallback through
``document.execCommand('copy')``), and writes the rest.

Other builders get the same nodes with plain visitors: the template's content as it is and
the badge as "[Em construção]" (the text builder renders pages one by one; LaTeX and man
assemble one big doctree whose docname is not a playbook, so their output is untouched).
"""

from __future__ import annotations

import html
import json

from docutils import nodes
from sphinx.application import Sphinx

from ..collect.config import is_playbook, playbook_category, schema_from
from ..site import theme
from ..standard.outline import build_outline
from .extract import Slot, Template, templates_for

COPY_LABEL = "Copiar resposta"
DRAFT_LABEL = "Em construção"


class reply_template(nodes.container):
    """One reply template: its label, its content, and (HTML) the copy button and data."""


class reply_badge(nodes.inline):
    """The "Em construção" badge of a template under construction."""


class reply_slot(nodes.inline):
    """A placeholder (``[nome do usuário]``) or a greeting (``Bom dia/Boa tarde/Boa noite``)."""


# --- Doctree transform --------------------------------------------------------------------


def _pieces_json(pieces) -> list:
    return [
        {"slot": p.key, "kind": p.kind, "written": p.written} if isinstance(p, Slot) else p
        for p in pieces
    ]


def _slot_node(slot: Slot) -> reply_slot:
    node = reply_slot(slot.written, slot.written)
    node["kind"] = slot.kind
    node["key"] = slot.key
    node["name"] = slot.name
    node["options"] = slot.options()
    return node


def _wrap(template: Template, index: int) -> reply_template:
    container = template.container
    position = container.index(template.members[0])
    block = reply_template()
    block["classes"] = ["reply"] + (["reply-draft"] if template.draft else [])
    block["index"] = index
    block["draft"] = template.draft
    block["label"] = template.label or ""
    block["data"] = {"text": _pieces_json(template.text_pieces), "html": _pieces_json(template.html_pieces)}
    for member in template.members:
        container.remove(member)
        block.append(member)
    if template.label_node is not None:
        template.label_node["classes"].append("reply-label")
    if template.draft:
        badge_line = nodes.paragraph(classes=["reply-badge-line"])
        badge_line += reply_badge(DRAFT_LABEL, DRAFT_LABEL, classes=["reply-badge"])
        block.insert(0, badge_line)
    else:
        # Placeholders and greetings become slots (a draft has no copy, so no fields).
        for text_node, pieces in template.slot_texts.values():
            parent = text_node.parent
            if parent is None:
                continue
            replacement = [_slot_node(p) if isinstance(p, Slot) else nodes.Text(p) for p in pieces]
            parent.replace(text_node, replacement)
    container.insert(position, block)
    return block


def render_replies(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    if not is_playbook(app.config, docname):
        return
    kind = schema_from(app.config).kind_for_category(playbook_category(app.config, docname))
    outline = build_outline(doctree, kind)
    for index, template in enumerate(templates_for(outline, kind)):
        _wrap(template, index)


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
    if not node["draft"]:
        self.body.append(
            '<div class="reply-actions">'
            f'<button type="button" class="reply-copy" hidden>{html.escape(COPY_LABEL)}</button>'
            '<span class="reply-status" role="status" aria-live="polite"></span>'
            "</div>\n"
            f'<script type="application/json" class="reply-data">{_json_for_script(node["data"])}</script>\n'
        )
    self.body.append("</div>\n")


def visit_reply_slot(self, node: reply_slot) -> None:
    if node["kind"] == "placeholder":
        self.body.append(self.starttag(node, "span", "", CLASS="reply-field", **{
            "data-slot": node["key"], "data-name": node["name"]}))
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
    app.connect("doctree-resolved", render_replies)
    theme.add_assets(app, css=("replies.css",), js=("replies.js",))
