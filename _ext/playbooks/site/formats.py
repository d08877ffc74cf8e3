"""The static forms of a playbook outside the HTML builders, and one way to reach its parts.

LaTeX (PDF), singlehtml and texinfo assemble one big doctree whose docname is the root
document; every included document sits in an ``addnodes.start_of_file`` node carrying its
own docname.  :func:`each_playbook` hands a ``doctree-resolved`` handler every playbook
part, whether the tree is one page (html, dirhtml, epub, text) or the whole book.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from docutils import nodes
from sphinx import addnodes

from ..collect.config import is_playbook

#: Builders whose pages run JavaScript and may carry the interactive parts (copy button,
#: catalog filter).  EPUB readers may run no script at all, so an EPUB gets static forms.
INTERACTIVE_BUILDERS = frozenset({"html", "dirhtml", "singlehtml"})


def interactive(builder) -> bool:
    return builder.format == "html" and builder.name in INTERACTIVE_BUILDERS


def playbook_parts(config, doctree: nodes.Element, docname: str) -> Iterator[tuple[nodes.Element, str]]:
    """``(tree, docname)`` of every playbook in ``doctree``: the page itself, or each
    document of an assembled book."""
    if is_playbook(config, docname):
        yield doctree, docname
        return
    for part in list(doctree.findall(addnodes.start_of_file)):
        if is_playbook(config, part["docname"]):
            yield part, part["docname"]


def each_playbook(handler: Callable[[object, nodes.Element, str], None]):
    """A ``doctree-resolved`` handler calling ``handler(app, tree, docname)`` per playbook."""

    def resolved(app, doctree: nodes.document, docname: str) -> None:
        for tree, name in playbook_parts(app.config, doctree, docname):
            handler(app, tree, name)

    resolved.__name__ = getattr(handler, "__name__", "resolved")
    return resolved


# --- PDF: long addresses wrap ------------------------------------------------------------------

import re  # noqa: E402

from sphinx.transforms.post_transforms import SphinxPostTransform  # noqa: E402

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
