"""The static forms of a playbook: in the PDF, long addresses wrap; on a printed page, a
link named by its text shows its address.

Which builders are interactive, and every playbook part of an assembled book, are shared by
all features: collect/output.py.
"""

from __future__ import annotations

import re

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.nodes import traverse_parent

#: After these characters an address shown as link text may break (U+200B, which the LaTeX
#: preamble of conf.py maps to a zero-width breakable space).
_BREAK_AFTER = re.compile(r"([/.\-_?=&#%])")
_ADDRESS = re.compile(r"^(?:https?|ftp)://\S{20,}$")


class BreakableAddresses(SphinxPostTransform):
    """A link whose text is a long address (``https://...``) may break at its slashes and
    dots in the PDF; ``\\url`` addresses already do (``xurl`` in the preamble)."""

    default_priority = 900
    builders = ("latex",)

    def run(self, **kwargs) -> None:
        for ref in list(self.document.findall(nodes.reference)):
            for text in list(ref.findall(nodes.Text)):
                if _ADDRESS.match(text.astext()) and text.astext() != ref.get("refuri"):
                    text.parent.replace(text, nodes.Text(_BREAK_AFTER.sub("\\1\u200b", text.astext())))


#: The class of a link to another site whose text is not its address ("portal do PEN"):
#: manual.css prints the address after it, so the paper keeps where the link goes.
NAMED_LINK = "manual-named-link"


class NamedLinks(SphinxPostTransform):
    """Mark the links whose text hides their address, for the printed page."""

    default_priority = 900
    formats = ("html",)

    def run(self, **kwargs) -> None:
        for ref in self.document.findall(nodes.reference):
            uri = ref.get("refuri", "")
            if uri.startswith(("http://", "https://")) and ref.astext().strip() != uri:
                ref["classes"].append(NAMED_LINK)


#: Around each table of a page: a region that scrolls sideways when the table is wider than
#: the screen (a phone), which a keyboard can reach (tabindex) and a screen reader names.
TABLE_SCROLL_OPEN = ('<div class="manual-table-scroll" role="region" tabindex="0" '
                     'aria-label="Tabela (role para o lado se não couber)">')
TABLE_SCROLL_CLOSE = "</div>"


class ScrollableTables(SphinxPostTransform):
    """Each table of a page in a region that scrolls by itself (not the whole page)."""

    default_priority = 900
    formats = ("html",)

    def run(self, **kwargs) -> None:
        for table in list(self.document.findall(nodes.table)):
            if table.parent is None or next(traverse_parent(table.parent, nodes.table), None) is not None:
                continue  # a table inside a table scrolls with its own
            index = table.parent.index(table)
            table.parent.insert(index + 1, nodes.raw("", TABLE_SCROLL_CLOSE, format="html"))
            table.parent.insert(index, nodes.raw("", TABLE_SCROLL_OPEN, format="html"))


def setup(app) -> None:
    app.add_post_transform(BreakableAddresses)
    app.add_post_transform(NamedLinks)
    app.add_post_transform(ScrollableTables)
