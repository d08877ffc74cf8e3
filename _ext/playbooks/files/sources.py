"""Reading playbook sources: UTF-8 with or without BOM, LF or CRLF, NFC or NFD."""

from __future__ import annotations

import unicodedata


class SourceError(ValueError):
    """A source file that cannot be read as text; ``line`` is where the bad bytes start."""

    def __init__(self, message: str, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.line = line


def decode(data: bytes) -> str:
    """Decode a playbook's bytes into NFC text with ``\\n`` line ends, or raise SourceError."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise SourceError(
            f"o arquivo não está em UTF-8 (byte inválido 0x{data[error.start]:02x} na linha {line}); "
            "salve-o como UTF-8 no editor (em muitos editores: 'Salvar com codificação' > UTF-8)",
            line,
        ) from None
    return normalize_text(text)


#: Characters that docutils (str.splitlines) takes as line breaks but editors do not:
#: pasted from word processors, they would shift every line number after them.
_OTHER_LINE_BREAKS = str.maketrans({c: " " for c in "\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"})


def normalize_text(text: str) -> str:
    """CRLF/CR to LF, other line separators to spaces, a leading BOM removed, NFC."""
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.translate(_OTHER_LINE_BREAKS)
    return unicodedata.normalize("NFC", text)


def read(path) -> str:
    with open(path, "rb") as handle:
        return decode(handle.read())
