"""Every stylesheet the site ships is minified (rcssmin), as its scripts are (rjsmin).

The CSS of the theme, of the extension and of Sphinx and its extensions is written for
people to read: comments and indentation are a third of its bytes, and the stylesheets
reach every page's first load.  After Sphinx has copied them (``build-finished``), each
``_static/**/*.css`` of an interactive builder is rewritten minified, atomically, and only
when that changes it, so a rebuild leaves it as it is.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx

from ..collect.output import interactive
from ..files.atomic import write_bytes


def minify(app: Sphinx, exception: BaseException | None) -> None:
    if exception is not None or not interactive(app.builder):
        return
    from rcssmin import cssmin

    for path in sorted((Path(app.outdir) / "_static").rglob("*.css")):
        text = path.read_text(encoding="utf-8")
        small = cssmin(text) + "\n"
        if small != text:
            write_bytes(path, small.encode("utf-8"))


def setup(app: Sphinx) -> None:
    app.connect("build-finished", minify)
