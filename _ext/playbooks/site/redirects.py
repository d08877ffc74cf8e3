"""Old addresses keep working: the redirect map (standard/redirects.py) becomes pages made by
sphinx-reredirects.

At build time (HTML and dirhtml only) the map becomes sphinx-reredirects' ``redirects``
option, each target relative to the old page, so the old relative address opens the new
page (its script keeps the ``#anchor``).  A target that is not a document of the handbook
is an error (``playbook.redirect_target``), by the same rule as ``make check``; so is a
published page renamed or removed without an entry (``playbook.redirect_missing``).  Both
are checked in every build, even one that reads no page.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx

from ..collect import warnings
from ..standard.redirects import (
    CONFIG_VALUES,
    MISSING_SUBTYPE,
    SUBTYPE,
    RedirectMapError,
    broken_entries,
    line_of,
    load_map,
    map_path,
    message,
    missing_problems,
)

TEMPLATE = Path(__file__).parent / "redirect.html"


def _build_map(app: Sphinx, report: bool = True) -> tuple[Path, dict[str, str]]:
    """The map; an unreadable one is reported (once a build: by the check, not again when
    the redirect pages are made) and counts as empty."""
    path = map_path(Path(app.srcdir), app.config)
    try:
        return path, load_map(path)
    except RedirectMapError as error:
        if report:
            # "file:1": a location without a line would be read as a page's name
            warnings.emit(SUBTYPE, f"mapa de redirecionamentos ilegível: {error}", f"{path}:1")
        return path, {}


def check_targets(app: Sphinx, env) -> None:
    path, mapping = _build_map(app)
    for line, text in missing_problems(Path(app.srcdir), app.config, env.found_docs):
        warnings.emit(MISSING_SUBTYPE, text, f"{path}:{line}")
    if not mapping:
        return
    text = path.read_text(encoding="utf-8-sig")
    for old, target in broken_entries(mapping, env.found_docs):
        line = line_of(text, old)
        warnings.emit(SUBTYPE, message(old, target), f"{path}:{line or 1}")  # a map on one line: line 1


def set_redirects(app: Sphinx):
    """Hand the map to sphinx-reredirects (before its own ``html-collect-pages`` handler)."""
    builder = app.builder
    if builder.name not in {"html", "dirhtml"}:
        return []
    _, mapping = _build_map(app, report=False)
    found = app.env.found_docs
    redirects = dict(getattr(app.config, "redirects", None) or {})
    for old, target in mapping.items():
        docname, _, anchor = target.partition("#")
        if docname not in found or old in redirects or old in found:
            continue
        # dirhtml writes the old page as <old>/index.html; its target URI ("old/") says so.
        uri = builder.get_relative_uri(old, docname)
        redirects[old] = uri + (f"#{anchor}" if anchor else "")
    app.config.redirects = redirects
    if not getattr(app.config, "redirect_html_template_file", None):
        app.config.redirect_html_template_file = str(TEMPLATE)
    return []


def setup(app: Sphinx) -> None:
    for name, default, rebuild, types in CONFIG_VALUES:
        app.add_config_value(name, default, rebuild, types=types)
    app.setup_extension("sphinx_reredirects")
    # After reading, in every build (Sphinx checks consistency only when a page was read): the
    # map is no page, and a build after an edit of the map alone reads nothing.
    app.connect("env-updated", check_targets)
    app.connect("html-collect-pages", set_redirects, priority=400)
