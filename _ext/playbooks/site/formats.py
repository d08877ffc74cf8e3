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
