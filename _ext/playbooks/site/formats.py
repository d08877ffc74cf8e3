"""The static forms of a playbook outside the HTML builders: in the PDF, long addresses wrap.

Which builders are interactive, and every playbook part of an assembled book, are shared by
all features: collect/output.py.
"""

from __future__ import annotations

import re

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

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


def setup(app) -> None:
    app.add_post_transform(BreakableAddresses)
