"""Reports are read in terminals and CI logs: they never carry control characters.

A heading or a link in a playbook may hold ESC (terminal escape sequences), NUL, or
bidirectional overrides that reorder the rest of the line.  Quoted into a warning, they
would garble or forge what a reviewer reads.  They are shown escaped (``\\x1b``, ``\\u202e``).
"""

from __future__ import annotations

import logging
import unicodedata
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx

KEEP = {"\n", "\t"}


def escape_controls(text: str) -> str:
    """``text`` with control and format characters (except newline and tab) escaped."""
    if text.isprintable():
        return text
    out = []
    for char in text:
        if char not in KEEP and unicodedata.category(char) in {"Cc", "Cf", "Zl", "Zp", "Cs", "Co", "Cn"} \
                and not char.isprintable():
            code = ord(char)
            out.append(f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}")
        else:
            out.append(char)
    return "".join(out)


class EscapeControls(logging.Filter):
    """On Sphinx's warning output: escape control characters in the formatted message."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno >= logging.WARNING:
            message = record.getMessage()
            escaped = escape_controls(message)
            if escaped != message:
                record.msg, record.args = escaped, ()
        return True


def install(app: Sphinx) -> None:
    for handler in logging.getLogger("sphinx").handlers:
        if not any(isinstance(f, EscapeControls) for f in handler.filters):
            handler.addFilter(EscapeControls())


def setup(app: Sphinx) -> None:
    app.connect("builder-inited", install)
