"""A compact ``searchindex.js``: the same index in fewer bytes (issue 6, first search).

Sphinx writes its search index as ``Search.setIndex(<json>)``, and the search page
downloads all of it before the first query.  At 1,000 playbooks most of that file is:

* document lists of the words (``terms``, ``titleterms``): ``[3,17,18,...]`` -- written
  here as a string of gaps between document numbers, 5 bits per base64 character with a
  continuation bit, or as a bitmap over all documents when that is shorter (words found
  in most playbooks);
* every document's own title a second time in ``alltitles`` (``"Título": [[i, null]]``)
  -- left out and put back from ``titles``;
* ``filenames``, which is ``docnames`` plus the source suffix -- written as the suffix;
* the index entries of the playbooks' keywords (``[[i, "", true], ...]``) -- written like
  the words' lists.

The file is still one call, ``Search.setIndex(decoder(data))``: the data has one more
key, ``compact``, and :data:`JS_DECODER` (about 0.7 KB gzipped, in the same file) rebuilds
Sphinx's own structure before ``Search.setIndex`` sees it, so searchtools.js and
search.py work on the usual index.  :func:`loads` does the same in Python for Sphinx's
incremental builds, and reads Sphinx's plain form too.

The only change in content is order: the documents of an index entry or a title are
listed by document number (Sphinx orders results by score and name, not by that order).
:func:`dumps` checks that decoding gives back exactly what Sphinx produced (in that
order) and writes Sphinx's plain form otherwise.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx

from ..collect.warnings import emit

PREFIX = "Search.setIndex("
SUFFIX = ")"
#: Version of the compact form, in ``index["compact"]["version"]``.
VERSION = 1
DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
VALUE = {c: i for i, c in enumerate(DIGITS)}
#: Key of the playbook fields in the index, and the one field it holds (see _encode_field).
FIELDS = "playbook_fields"
SITUATION = "situation"
#: First character of a bitmap (not a base64 digit, so a gap string never starts with it).
BITMAP = "~"


# --- Document lists -------------------------------------------------------------------


def _gaps(numbers: list[int]) -> str | None:
    """Gaps between the numbers, or None unless they are strictly increasing integers >= 0."""
    out = []
    previous = -1
    for number in numbers:
        if type(number) is not int or number <= previous:
            return None
        gap = number - previous - 1
        previous = number
        while gap > 31:
            out.append(DIGITS[32 | gap & 31])
            gap >>= 5
        out.append(DIGITS[gap])
    return "".join(out)


def _bitmap(numbers: list[int]) -> str:
    values = [0] * (numbers[-1] // 6 + 1)
    for number in numbers:
        values[number // 6] |= 32 >> (number % 6)
    return BITMAP + "".join(DIGITS[value] for value in values)


def encode_numbers(numbers: list[int]) -> str | None:
    """A strictly increasing list of document numbers as text, or None if it is not one."""
    gaps = _gaps(numbers)
    if not gaps or len(gaps) <= 1 + numbers[-1] // 6 + 1:  # the bitmap's length
        return gaps
    return _bitmap(numbers)


#: The positions of the set bits of each bitmap digit (a table: decoding a 1,000-document
#: index runs through about 40,000 digits on every build).
_BITS = {char: tuple(bit for bit in range(6) if VALUE[char] >> (5 - bit) & 1) for char in DIGITS}


def decode_numbers(text: str) -> list[int]:
    out: list[int] = []
    if text.startswith(BITMAP):
        base = 0
        for char in text[1:]:
            for bit in _BITS[char]:
                out.append(base + bit)
            base += 6
        return out
    previous, gap, shift = -1, 0, 0
    for char in text:
        value = VALUE[char]
        if value < 32:  # the gap's last digit
            previous += (gap | value << shift) + 1
            out.append(previous)
            gap = shift = 0
        else:
            gap |= (value & 31) << shift
            shift += 5
    return out


# --- The index --------------------------------------------------------------------------


def canonical(data: dict[str, Any]) -> dict[str, Any]:
    """Sphinx's frozen index as JSON gives it back, documents of a title or an index entry
    in document order (a document's own title first among its entries)."""
    data = json.loads(json.dumps(data))
    for found in data.get("alltitles", {}).values():
        found.sort(key=lambda item: (item[0], item[1] is not None))
    for found in data.get("indexentries", {}).values():
        found.sort(key=lambda item: item[0])
    return data


def _encode_terms(terms: dict[str, Any]) -> dict[str, Any]:
    out = {}
    for word, found in terms.items():
        text = encode_numbers(found) if isinstance(found, list) else None
        out[word] = found if text is None else text
    return out


def _encode_entries(entries: dict[str, list]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for entry, found in entries.items():
        plain = all(len(item) == 3 and item[1] == "" and item[2] is True for item in found)
        numbers = [item[0] for item in found]
        text = encode_numbers(numbers) if plain and found else None
        if text is None:
            out[entry] = found
        elif len(numbers) == 1:
            out[entry] = numbers[0]
        else:
            out[entry] = text
    return out


def _split_titles(alltitles: dict[str, list], titles: list) -> tuple[dict[str, list], list[int]]:
    """``alltitles`` without each document's own title entry, and those documents."""
    own: list[int] = []
    rest: dict[str, list] = {}
    for title, found in alltitles.items():
        kept = []
        for item in found:
            number, anchor = item
            if anchor is None and isinstance(number, int) and 0 <= number < len(titles) \
                    and titles[number] == title and number not in own[-1:]:
                own.append(number)
            else:
                kept.append(item)
        if kept:
            rest[title] = kept
    return rest, sorted(own)


def _filename_suffix(docnames: list, filenames: list) -> str | None:
    if not docnames or len(docnames) != len(filenames):
        return None
    first = filenames[0]
    if not isinstance(first, str) or not first.startswith(docnames[0]):
        return None
    suffix = first[len(docnames[0]) :]
    if all(isinstance(f, str) and f == d + suffix for d, f in zip(docnames, filenames)):
        return suffix
    return None


def encode(data: dict[str, Any]) -> dict[str, Any]:
    """The compact form of a canonical index (see :func:`canonical`)."""
    out = dict(data)
    compact: dict[str, Any] = {"version": VERSION}
    for key in ("terms", "titleterms"):
        if isinstance(data.get(key), dict):
            out[key] = _encode_terms(data[key])
    if isinstance(data.get("indexentries"), dict):
        out["indexentries"] = _encode_entries(data["indexentries"])
    if isinstance(data.get("alltitles"), dict) and isinstance(data.get("titles"), list):
        out["alltitles"], own = _split_titles(data["alltitles"], data["titles"])
        compact["own_titles"] = encode_numbers(own)
    suffix = _filename_suffix(data.get("docnames") or [], data.get("filenames") or [])
    if suffix is not None:
        out["filenames"] = []
        compact["filename_suffix"] = suffix
    fields = data.get(FIELDS)
    if isinstance(fields, dict) and set(fields) == {SITUATION} and _encode_field(out, data, fields[SITUATION]):
        del out[FIELDS]
        compact["fields"] = [SITUATION]
    out["compact"] = compact
    return out


# --- Playbook fields --------------------------------------------------------------------
# ``index["playbook_fields"]["situation"]``: word -> the documents where the word is in the
# "Situação" or "Quando Ocorre" sections (search.py adds it; Sphinx's index has no fields).
# In the compact form each list rides on the word's own entry of ``terms`` (or
# ``titleterms``), after a ".", as positions in the word's documents (terms and titleterms
# together): "<documents>.<positions>", or ".<document>.<positions>" where Sphinx wrote one
# document as a number; no positions (nothing after the last ".") means all of them.


def _documents_of(data: dict[str, Any], word: str) -> list[int]:
    found: set[int] = set()
    for key in ("terms", "titleterms"):
        value = (data.get(key) or {}).get(word)
        if isinstance(value, int):
            found.add(value)
        elif isinstance(value, list):
            found.update(value)
    return sorted(found)


def _encode_field(out: dict[str, Any], data: dict[str, Any], field: Any) -> bool:
    """Attach ``field`` to the encoded terms of ``out``; False (``out`` untouched) if it cannot."""
    if not isinstance(field, dict):
        return False
    attached = {}
    for word, found in field.items():
        key = "terms" if word in (data.get("terms") or {}) else "titleterms"
        value = out.get(key, {}).get(word)
        everywhere = _documents_of(data, word)
        position = {number: i for i, number in enumerate(everywhere)}
        if not isinstance(found, list) or not found or any(n not in position for n in found) \
                or found != sorted(set(found)):
            return False
        positions = "" if found == everywhere else "." + encode_numbers([position[n] for n in found])
        if type(value) is int:
            attached[(key, word)] = "." + str(value) + positions
        elif isinstance(value, str) and "." not in value:
            attached[(key, word)] = value + (positions or ".")
        else:
            return False
    for (key, word), text in attached.items():
        out[key] = dict(out[key]) if out[key] is data.get(key) else out[key]
        out[key][word] = text
    return True


def decode(data: dict[str, Any]) -> dict[str, Any]:
    """Sphinx's own structure from either form (the plain one is returned as it is)."""
    compact = data.get("compact")
    if compact is None:
        return data
    if not isinstance(compact, dict) or compact.get("version") != VERSION:
        raise ValueError(f"formato compacto desconhecido: {compact!r}")
    out = {key: value for key, value in data.items() if key != "compact"}
    riders: dict[str, str] = {}
    for key in ("terms", "titleterms"):
        if key in out:
            terms = {}
            for word, value in out[key].items():
                if isinstance(value, str) and "." in value:
                    parts = value.split(".")
                    if parts[0] == "":  # ".<document>[.<positions>]"
                        value, riders[word] = int(parts[1]), ".".join(parts[2:])
                    else:  # "<documents>.<positions>"
                        value, riders[word] = decode_numbers(parts[0]), parts[1]
                elif isinstance(value, str):
                    value = decode_numbers(value)
                terms[word] = value
            out[key] = terms
    if SITUATION in compact.get("fields", ()):
        field = {}
        for word, positions in sorted(riders.items()):
            everywhere = _documents_of(out, word)
            field[word] = everywhere if positions == "" else [everywhere[i] for i in decode_numbers(positions)]
        out[FIELDS] = {SITUATION: field}
    if "indexentries" in out:
        entries = {}
        for entry, found in out["indexentries"].items():
            if isinstance(found, int):
                found = [[found, "", True]]
            elif isinstance(found, str):
                found = [[number, "", True] for number in decode_numbers(found)]
            entries[entry] = found
        out["indexentries"] = entries
    if "own_titles" in compact:
        alltitles = {title: list(found) for title, found in out["alltitles"].items()}
        for number in decode_numbers(compact["own_titles"]):
            found = alltitles.setdefault(out["titles"][number], [])
            at = next((i for i, item in enumerate(found) if item[0] >= number), len(found))
            found.insert(at, [number, None])
        out["alltitles"] = {title: alltitles[title] for title in sorted(alltitles)}
    if "filename_suffix" in compact:
        out["filenames"] = [name + compact["filename_suffix"] for name in out["docnames"]]
    return out


#: The decoder, a JavaScript function (js/index-decoder.js) that mirrors :func:`decode`.  It
#: travels in searchindex.js itself, so the file works with any search language and can
#: never meet a decoder of another version (a cached script) in the browser.  Its values
#: (the digits and the bitmap mark) come from this module as one JSON object, the ``this``
#: of the call (:data:`DECODER_CONFIG`).
DECODER_PATH = Path(__file__).parent / "js" / "index-decoder.js"
DECODER_CONFIG = {"digits": DIGITS, "bitmap": BITMAP}


def _without_header(code: str) -> str:
    """The code without its leading ``/* ... */`` comment (it would travel in every index)."""
    if code.startswith("/*"):
        code = code[code.index("*/") + 2 :]
    return code.strip()


JS_DECODER = _without_header(DECODER_PATH.read_text(encoding="utf-8"))

#: Start of a compact searchindex.js: the decoder applied to the data that follows.
COMPACT_PREFIX = ("Search.setIndex((" + JS_DECODER + ").call("
                  + json.dumps(DECODER_CONFIG, separators=(",", ":")) + ",\n")
#: Last line before the data (what :func:`read_data` looks for, whatever the decoder).
DATA_MARK = "\n/* índice */"
COMPACT_SUFFIX = "));\n"


def read_data(text: str) -> dict[str, Any]:
    """The JSON object written in a searchindex.js (compact or Sphinx's plain form)."""
    if text.startswith(PREFIX + "{") and text.endswith(SUFFIX):
        data = text[len(PREFIX) : -len(SUFFIX)]
    elif text.startswith(PREFIX) and DATA_MARK in text and text.endswith(COMPACT_SUFFIX):
        data = text[text.index(DATA_MARK) + len(DATA_MARK) : -len(COMPACT_SUFFIX)]
    else:
        raise ValueError("invalid data")
    found = json.loads(data)
    if not isinstance(found, dict):
        raise ValueError("invalid data")
    return found


class CompactJavaScriptIndex:
    """Drop-in for ``sphinx.search.js_index`` (the HTML builder's ``indexer_format``).

    ``add_data(data)``, when given, returns keys to add to Sphinx's frozen index (the
    :data:`FIELDS`, and others the compact form carries as they are), written with it.
    """

    def __init__(self, add_data=None, compact: bool = True):
        self.add_data = add_data
        self.compact = compact

    def dumps(self, data: Any) -> str:
        added = self.add_data(data) if self.add_data is not None else None
        if added:
            data = dict(data, **added)
        if not self.compact:  # Sphinx's own form (with the fields, if any)
            return PREFIX + json.dumps(data, separators=(",", ":"), sort_keys=True) + SUFFIX
        plain = canonical(data)
        compact = encode(plain)
        if decode(json.loads(json.dumps(compact))) != plain:
            emit("search_index", "índice de busca: a forma compacta não reproduz o índice do Sphinx; "
                 "gravada a forma completa", None)
            return PREFIX + json.dumps(plain, separators=(",", ":"), sort_keys=True) + SUFFIX
        body = json.dumps(compact, separators=(",", ":"), sort_keys=True, ensure_ascii=False)
        return COMPACT_PREFIX + DATA_MARK + body + COMPACT_SUFFIX

    def loads(self, text: str) -> Any:
        return decode(read_data(text))

    def loads_index_entries(self, text: str) -> dict[str, Any]:
        """Only ``docnames`` and ``indexentries`` of a written index: what an incremental
        build takes back (search.py), without decoding every word's documents again."""
        data = read_data(text)
        part = {key: data[key] for key in ("docnames", "indexentries") if key in data}
        compact = data.get("compact")
        if compact is not None:
            part["compact"] = {"version": compact.get("version")} if isinstance(compact, dict) else compact
        return decode(part)

    def dump(self, data: Any, f) -> None:
        f.write(self.dumps(data))

    def load(self, f) -> Any:
        return self.loads(f.read())


compact_js_index = CompactJavaScriptIndex()


def load_search_index(path) -> dict[str, Any]:
    """Sphinx's structure of a written ``searchindex.js`` (compact or plain)."""
    return compact_js_index.loads(Path(path).read_text(encoding="utf-8"))


def setup(app: Sphinx, add_data: Callable[[Sphinx, dict], dict]) -> None:
    """Write the compact form, only where Sphinx writes ``searchindex.js`` (not the pickle or
    JSON builders), with what ``add_data(app, data)`` adds (finding/search.py).

    With ``playbook_search_compact_index = False``, Sphinx's own form, plus the fields.
    """

    def use_compact_index(app: Sphinx) -> None:
        from sphinx.search import js_index

        builder = app.builder
        if builder.name in {"html", "dirhtml"} and getattr(builder, "indexer_format", None) is js_index:
            builder.indexer_format = CompactJavaScriptIndex(add_data=lambda data: add_data(app, data),
                                                            compact=app.config.playbook_search_compact_index)

    app.add_config_value("playbook_search_compact_index", True, "html", types=frozenset({bool}))
    app.connect("builder-inited", use_compact_index)
