"""The handbook's HTML theme and the extension's own static files.

Page size and build time rule: a page shows only what belongs to it and to the handbook as
a whole (its own table of contents, its category, links to the catalog, index and search),
never a list of the other playbooks.  Such a list grows every page with the handbook (the
whole build with its square) and goes stale in incremental builds, which rewrite only the
pages whose sources changed.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx

from ..collect.config import category_label, is_playbook, playbook_category
from ..collect.output import add_assets, add_minified_js, add_static_path, interactive

HERE = Path(__file__).parent

#: Where a playbook's "Categoria" link points when the handbook has no page of its own for
#: the category (``playbooks/<category>/index``): this anchor of the catalog (root page).
CATEGORY_ANCHOR = "categoria-{category}"


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


#: docutils 0.22 writes this tag into the page's ``metatags``, and Sphinx's basic layout
#: writes its own: a page would carry two (the checker of the HTML quality tests is silent
#: about it; a reader of the source is not).
DOCUTILS_VIEWPORT = '<meta name="viewport" content="width=device-width, initial-scale=1" />'


def page_context(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    context["manual_category"] = category_link(app, pagename, context)
    metatags = context.get("metatags")
    if isinstance(metatags, str) and DOCUTILS_VIEWPORT in metatags:
        context["metatags"] = metatags.replace(DOCUTILS_VIEWPORT, "")


def setup(app: Sphinx) -> None:
    app.add_html_theme("manual", str(HERE / "themes" / "manual"))
    app.connect("builder-inited", add_static_path)
    app.connect("html-page-context", page_context)
    # The header's light/dark/automatic control (the <head> of layout.html applies the choice).
    add_minified_js(app, HERE / "js" / "theme-choice.js")
    add_assets(app, js=("theme-choice.js",), only=lambda app, pagename: interactive(app.builder))
