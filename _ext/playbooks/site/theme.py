"""The handbook's HTML theme and the extension's own static files.

Page size and build time rule: a page shows only what belongs to it and to the handbook as
a whole (its own table of contents, its category, links to the catalog, index and search),
never a list of the other playbooks.  Such a list grows every page with the handbook (the
whole build with its square) and goes stale in incremental builds, which rewrite only the
pages whose sources changed.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from sphinx.application import Sphinx

from ..collect.config import category_label, is_playbook, playbook_category
from .formats import interactive

HERE = Path(__file__).parent
#: The extension's package: each capability keeps its CSS and JavaScript in ``<capability>/static``.
PACKAGE = HERE.parent

#: Where a playbook's "Categoria" link points when the handbook has no page of its own for
#: the category (``playbooks/<category>/index``): this anchor of the catalog (root page).
CATEGORY_ANCHOR = "categoria-{category}"


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
        if app.builder.name.startswith("epub"):  # an EPUB gets static forms only (site/formats.py)
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
    folder) minified with rjsmin as ``_static/<its name>``: register it with
    :func:`add_assets` like a file of ``static/``.  For scripts on every page, whose
    comments would weigh on each page's first load."""

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


def category_link(app: Sphinx, pagename: str, context: dict) -> dict | None:
    """Label and address of a playbook's category, for the sidebar (None on other pages).

    Only configuration and the page's own name are read, so the link never depends on
    other playbooks.
    """
    if not is_playbook(app.config, pagename):
        return None
    category = playbook_category(app.config, pagename)
    if category is None:
        return None
    page = f"{app.config.playbook_root}/{category}/index"
    if page in app.env.found_docs:
        href = context["pathto"](page)
    else:
        href = context["pathto"](app.config.root_doc) + "#" + CATEGORY_ANCHOR.format(category=category)
    return {"label": category_label(app.config, category), "href": href}


def page_context(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    context["manual_category"] = category_link(app, pagename, context)


def add_nav_link(app: Sphinx, docname: str, label: str) -> None:
    """Link ``docname`` from the side navigation of every page, when the handbook has it."""

    def link(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
        if docname in app.env.found_docs:
            context["manual_nav_links"] = [*(context.get("manual_nav_links") or []), (docname, label)]

    app.connect("html-page-context", link)


def setup(app: Sphinx) -> None:
    app.add_html_theme("manual", str(HERE / "themes" / "manual"))
    app.connect("builder-inited", add_static_path)
    app.connect("html-page-context", page_context)
    # The header's light/dark/automatic control (the <head> of layout.html applies the choice).
    add_minified_js(app, HERE / "js" / "theme-choice.js")
    add_assets(app, js=("theme-choice.js",), only=lambda app, pagename: interactive(app.builder))
