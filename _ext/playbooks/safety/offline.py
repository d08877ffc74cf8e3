"""Pages make no request outside the intranet: math is shown as text, not through MathJax.

Sphinx's default math renderer adds MathJax from a public CDN to any page with math
(``:math:`` or ``.. math::``).  This module registers a renderer that writes the formula's
source as text, so such a page still loads nothing from elsewhere.  Sphinx picks it
automatically when conf.py does not set ``html_math_renderer``.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx

RENDERER = "playbooks-text"


def visit_math(self, node: nodes.math) -> None:
    self.body.append(self.starttag(node, "span", "", CLASS="math notranslate"))
    self.body.append(self.encode(node.astext()))
    self.body.append("</span>")
    raise nodes.SkipNode


def visit_math_block(self, node: nodes.math_block) -> None:
    self.body.append(self.starttag(node, "div", CLASS="math notranslate"))
    self.body.append("<pre>" + self.encode(node.astext()) + "</pre>")
    self.body.append("</div>\n")
    raise nodes.SkipNode


def setup(app: Sphinx) -> None:
    app.add_html_math_renderer(RENDERER, (visit_math, None), (visit_math_block, None))
