"""``playbooks.json`` at the root of the HTML output: every playbook, machine-readable.

Meant for importing the replies as macros into a ticketing system (GLPI, Znuny,
Zendesk).  Written once per build from the merged records, so incremental and parallel
builds give the same file as a clean one.  Field reference: README.md.
"""

from __future__ import annotations

import datetime
import json
import os
import posixpath
from collections.abc import Iterator

from sphinx.application import Sphinx

from ..collect.config import today
from ..collect.records import get_records
from ..files.atomic import write_bytes
from ..standard import review

FILENAME = "playbooks.json"
FORMAT_VERSION = 1


def status_of(record: dict, on: datetime.date) -> str:
    """``draft`` (a reply under construction), ``review_due`` or ``published``."""
    if record.get("draft"):
        return "draft"
    if review.is_due(record.get("review_by"), on):
        return "review_due"
    return "published"


def playbook_id(config, docname: str) -> str:
    root = config.playbook_root.strip("/") + "/"
    return docname[len(root):] if docname.startswith(root) else docname


def entry(app: Sphinx, record: dict, on: datetime.date) -> dict:
    builder = app.builder
    docname = record["docname"]
    url = builder.get_target_uri(docname)
    base = app.config.html_baseurl
    if base:
        url = posixpath.join(base.rstrip("/") + "/", url)
    replies = []
    fields = record.get("reply_fields") or []
    for index, reply in enumerate(record.get("replies") or []):
        item = {"label": reply.get("label"), "text": reply.get("text")}
        if "draft" in reply:
            item["draft"] = bool(reply["draft"])
        # Each field once, named: {"name", "written", "form", "agent"} (README).
        item["fields"] = [{"name": f["name"], "written": f["written"], "form": f["form"], "agent": f["agent"]}
                          for f in (fields[index] if index < len(fields) else [])]
        replies.append(item)
    return {
        "id": playbook_id(app.config, docname),
        "url": url,
        "title": record.get("display_title") or record.get("title"),
        "source_title": record.get("title"),
        "date": record.get("date"),
        "version": record.get("version"),
        "kind": record.get("kind"),
        "category": record.get("category"),
        "category_label": record.get("category_label"),
        "team": record.get("team"),
        "team_level": int(record["team_level"]) if record.get("team_level") else None,
        "profile": record.get("profile"),
        "keywords": list(record.get("keywords") or []),
        "status": status_of(record, on),
        "review_by": record.get("review_by"),
        "sections": [{"heading": heading, "text": text}
                     for heading, text in (record.get("section_texts") or {}).items()],
        "replies": replies,
    }


def build_export(app: Sphinx) -> dict:
    on = today(app.config)
    records = get_records(app.env)
    playbooks = [entry(app, records[name], on) for name in sorted(records)]
    playbooks.sort(key=lambda item: item["id"])
    return {
        "format_version": FORMAT_VERSION,
        "handbook": app.config.project,
        "playbooks": playbooks,
    }


def dump_pieces(data: dict) -> Iterator[str]:
    """The export as JSON, one playbook per line: readable in a diff, and written by
    ``json``'s C encoder (an indented dump goes through its pure-Python one: 0.25 s at
    1,000 playbooks, on every build).  In pieces, so that the 4 MB file at 1,000 playbooks
    is never held whole (three times over, as text, lines and bytes) at the build's peak of
    memory."""
    yield "{\n "
    for key, value in data.items():
        if key != "playbooks":
            yield f"{json.dumps(key)}: {json.dumps(value, ensure_ascii=False)},\n "
    playbooks = data.get("playbooks", [])
    yield '"playbooks": ['
    for number, playbook in enumerate(playbooks):
        yield ("\n  " if number == 0 else ",\n  ") + json.dumps(playbook, ensure_ascii=False)
    yield "\n ]\n}\n" if playbooks else "]\n}\n"


def dumps(data: dict) -> str:
    return "".join(dump_pieces(data))


def write_export(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder is None or app.builder.format != "html" \
            or app.builder.name.startswith("epub"):  # an EPUB lists every file it holds
        return
    data = build_export(app)
    path = app.outdir / FILENAME
    write_bytes(path, (piece.encode("utf-8") for piece in dump_pieces(data)))
    os.chmod(path, 0o644)  # atomic writes create 0600 files; the site is served to everyone


def setup(app: Sphinx) -> None:
    app.connect("build-finished", write_export)
