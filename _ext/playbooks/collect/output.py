"""What the features share to write pages: which builders run scripts, every playbook part
of a resolved doctree, and the one way to register CSS and JavaScript.

LaTeX (PDF), singlehtml and texinfo assemble one big doctree whose docname is the root
document; every included document sits in an ``addnodes.start_of_file`` node carrying its
own docname.  :func:`each_playbook` hands a ``doctree-resolved`` handler every playbook
part, whether the tree is one page (html, dirhtml, epub, text) or the whole book.

Features (reply blocks, finding, site, safety) never import each other: what two of them
need lives here or below.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx import addnodes

from .config import is_playbook

if TYPE_CHECKING:
    from sphinx.application import Sphinx

#: The extension's package: each capability keeps its CSS and JavaScript in ``<capability>/static``.
PACKAGE = Path(__file__).parent.parent

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


def static_dirs() -> list[Path]:
    """Every capability's ``static/`` folder (one way to ship assets: see :func:`add_assets`)."""
    return sorted(path for path in PACKAGE.glob("*/static") if path.is_dir())


def add_static_path(app: Sphinx) -> None:
    if app.builder.format == "html":
        app.config.html_static_path.extend(str(path) for path in static_dirs())


def add_assets(app: Sphinx, css: tuple[str, ...] = (), js: tuple[str, ...] = (),
               only: Callable[[Sphinx, str], bool] | None = None) -> None:
    """Register a capability's files from its ``static/`` folder: the one way the extension
    adds CSS and JavaScript (scripts load deferred).

    On every page of the HTML builders, or, with ``only``, on the pages it accepts
    (``only(app, pagename)``, also asked for pages without a source, such as ``search``).
    """

    def add(app: Sphinx) -> None:
        for name in css:
            app.add_css_file(name)
        if app.builder.name.startswith("epub"):  # an EPUB gets static forms only (INTERACTIVE_BUILDERS)
            return
        for name in js:
            app.add_js_file(name, loading_method="defer")

    if only is None:
        app.connect("builder-inited", lambda app: add(app) if app.builder.format == "html" else None)
    else:
        app.connect("html-page-context",
                    lambda app, pagename, template, context, doctree:
                    add(app) if only(app, pagename) else None)


def add_minified_js(app: Sphinx, *sources: Path) -> None:
    """Ship each script of ``sources`` (commented sources kept in a capability's ``js/``
    folder) minified with rjsmin as ``_static/<its name>``, on the interactive builders:
    register it with :func:`add_assets` like a file of ``static/``.  For scripts on every
    page, whose comments would weigh on each page's first load."""

    def write(app: Sphinx) -> None:
        if not interactive(app.builder):
            return
        from rjsmin import jsmin

        folder = Path(app.doctreedir) / "playbooks-minified"
        folder.mkdir(parents=True, exist_ok=True)
        for source in sources:
            text = jsmin(source.read_text(encoding="utf-8")) + "\n"
            target = folder / source.name
            if not target.is_file() or target.read_text(encoding="utf-8") != text:
                target.write_text(text, encoding="utf-8")
        if str(folder) not in app.config.html_static_path:
            app.config.html_static_path.append(str(folder))

    app.connect("builder-inited", write)


def add_nav_link(app: Sphinx, docname: str, label: str) -> None:
    """Link ``docname`` from the side navigation of every page, when the handbook has it."""

    def link(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
        if docname in app.env.found_docs:
            context["manual_nav_links"] = [*(context.get("manual_nav_links") or []), (docname, label)]

    app.connect("html-page-context", link)
