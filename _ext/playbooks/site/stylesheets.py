"""Every stylesheet the site ships is minified (rcssmin), as its scripts are (rjsmin).

The CSS of the theme, of the extension and of Sphinx and its extensions is written for
people to read: comments and indentation are a third of its bytes, and the stylesheets
reach every page's first load.  After Sphinx has copied them (``build-finished``), each
``_static/**/*.css`` of an interactive builder is rewritten minified, atomically.  Sphinx
copies the readable file again in every build (it differs from the one in the output), and
this minifies it again; the ``?v=`` checksum of the pages is the readable file's, so it
changes only when the stylesheet does.
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
