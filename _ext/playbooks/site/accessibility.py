"""Small fixes to the HTML that Sphinx and sphinx-copybutton write, so that every page
passes the Nu Html Checker and axe-core and can be used with the keyboard alone.

- A toctree caption is written as ``<p class="caption" role="heading">`` without the
  ``aria-level`` that the heading role requires (an error for vnu, critical for axe).
- sphinx-copybutton's button is transparent until the mouse hovers its code block, and
  has no focus outline: a keyboard user cannot see it (``playbooks-a11y.css``).
"""

from __future__ import annotations

from sphinx.application import Sphinx

from ..collect import output

CSS_FILE = "playbooks-a11y.css"
CAPTION = '<p class="caption" role="heading">'
CAPTION_FIXED = '<p class="caption" role="heading" aria-level="2">'


def fix_page(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    body = context.get("body")
    if isinstance(body, str) and CAPTION in body:
        context["body"] = body.replace(CAPTION, CAPTION_FIXED)


def setup(app: Sphinx) -> None:
    output.add_assets(app, css=(CSS_FILE,))
    app.connect("html-page-context", fix_page)
