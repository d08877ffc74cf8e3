"""The handbook's HTML theme and the extension's own static files."""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx

HERE = Path(__file__).parent


def add_static_path(app: Sphinx) -> None:
    static = HERE / "static"
    if app.builder.format == "html" and static.is_dir():
        app.config.html_static_path.append(str(static))


def setup(app: Sphinx) -> None:
    app.add_html_theme("manual", str(HERE / "themes" / "manual"))
    app.connect("builder-inited", add_static_path)
