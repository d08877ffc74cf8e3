"""The "Sugerir alteração" link of a playbook page: its source file in the repository.

Built from ``html_context`` in conf.py, as furo and the Read the Docs theme do::

    html_context = {"source_url": "https://github.com/orgao/manual",
                    "source_branch": "main", "source_dir": "source/"}

The link opens the file's edit page (``<source_url>/edit/<branch>/<dir><page>.rst``, the
form GitHub, Gitea and Forgejo use; GitLab's ``/-/edit/`` when the address is a GitLab).
Without ``source_url``, no link.  Only playbook pages of the HTML and dirhtml builders get it.
"""

from __future__ import annotations

from sphinx.application import Sphinx

from ..collect.config import is_playbook


def edit_url(app: Sphinx, pagename: str) -> str | None:
    context = app.config.html_context or {}
    base = str(context.get("source_url") or "").strip().rstrip("/")
    if not base or app.builder.name not in {"html", "dirhtml"} or not is_playbook(app.config, pagename):
        return None
    branch = str(context.get("source_branch") or "main").strip("/")
    folder = str(context.get("source_dir") or "").strip("/")
    path = app.env.doc2path(pagename, False)
    path = str(path).replace("\\", "/")
    edit = "/-/edit/" if "gitlab" in base.lower() else "/edit/"
    return f"{base}{edit}{branch}/" + (f"{folder}/" if folder else "") + path


def page_context(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    context["manual_edit_url"] = edit_url(app, pagename) if doctree is not None else None


def setup(app: Sphinx) -> None:
    app.connect("html-page-context", page_context)
