"""The redirect map's rules: old addresses keep working (part of the standard).

``make import`` records, for every page it brings in, where the page lived in the imported
wiki (its path relative to the folder given to ``make import``, without the suffix, under
``playbook_redirect_prefix``, e.g. ``Scripts_Atendimento/``) and the docname it has now, in
one JSON map (``playbook_redirects_file``, ``redirects.json`` in the source folder)::

    {"Scripts_Atendimento/Tramita_GOV_BR/Processo_parado_no_status_2":
     "playbooks/tramita/processo-parado-no-status-2"}

Writers add an entry by hand when they rename a playbook.  Entries are merged, never lost,
and the file is written atomically.

A target that is not a document of the handbook is an error (``playbook.redirect_target``)
in the build (site/redirects.py, which also hands the map to sphinx-reredirects) and in
``make check``; ``make import`` records the pages it brings in (:func:`record_import`).

A page published on the main branch (``files/published.py``: the merge base with
``origin/main`` or ``main``) that the working tree renamed or removed must have an entry in
the map, or its old address stops opening: ``playbook.redirect_missing`` (:func:`missing_entries`
is the rule; :func:`missing_problems` asks git), the same in the build, ``make check`` and
``make review``.
Everything here is pure: no Sphinx application.
"""

from __future__ import annotations

import json
from pathlib import Path, PurePosixPath

from ..files import atomic, published

SUBTYPE = "redirect_target"
#: A published page renamed or removed with no entry in the map.
MISSING_SUBTYPE = "redirect_missing"

#: (name, default, rebuild, types), read by Sphinx and by ``make check``/``make import``.
CONFIG_VALUES = [
    # The map, relative to the source folder.
    ("playbook_redirects_file", "redirects.json", "env", frozenset({str})),
    # Prefix of the old addresses that make import records (PEN's wiki: "Scripts_Atendimento/").
    ("playbook_redirect_prefix", "", "", frozenset({str})),
]


class RedirectMapError(ValueError):
    """A map that cannot be read (message in Portuguese)."""


def map_path(source: Path, conf) -> Path:
    name = _get(conf, "playbook_redirects_file")
    return Path(source) / name


def _get(conf, name: str):
    default = dict((n, d) for n, d, _, _ in CONFIG_VALUES)[name]
    if isinstance(conf, dict):
        return conf.get(name, default)
    return getattr(conf, name, default)


def load_map(path: Path) -> dict[str, str]:
    """The map in ``path`` (``{}`` when the file does not exist)."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        return {}
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise RedirectMapError(f"JSON inválido na linha {error.lineno}: {error.msg}") from None
    if not isinstance(data, dict) or not all(isinstance(k, str) and isinstance(v, str)
                                             for k, v in data.items()):
        raise RedirectMapError('o mapa deve ser um objeto {"endereço antigo": "documento novo"}')
    return data


def dump_map(mapping: dict[str, str]) -> str:
    return json.dumps(dict(sorted(mapping.items())), ensure_ascii=False, indent=2) + "\n"


def merge_into(path: Path, entries: dict[str, str], replace: bool = False) -> list[tuple[str, str, str]]:
    """Add ``entries`` to the map in ``path`` (no entry is ever removed); write it atomically
    when it changed.  An old address the map sends elsewhere keeps its target, written by
    hand or by an earlier import, unless ``replace``: returns those ``(old, kept or replaced
    target, target of entries)``."""
    current = load_map(path)
    conflicts = [(old, current[old], target) for old, target in sorted(entries.items())
                 if old in current and current[old] != target]
    kept = {} if replace else {old: current[old] for old, _, _ in conflicts}
    merged = {**current, **entries, **kept}
    if merged != current or not Path(path).exists() and merged:
        atomic.write_text(path, dump_map(merged))
    return conflicts


def old_address(prefix: str, relative: PurePosixPath) -> str:
    """The old docname of a file at ``relative`` (to the imported folder): no suffix."""
    stem = relative.with_suffix("") if relative.suffix.lower() in {".rst", ".txt"} else relative
    return f"{prefix}{stem.as_posix()}" if prefix.endswith("/") or not prefix else f"{prefix}/{stem.as_posix()}"


def docname_of(path: Path, source: Path) -> str:
    return PurePosixPath(Path(path).resolve().relative_to(Path(source).resolve()).as_posix()).with_suffix("").as_posix()


def broken_entries(mapping: dict[str, str], docnames) -> list[tuple[str, str]]:
    """``(old, target)`` of every entry whose target is not one of ``docnames``."""
    known = set(docnames)
    return [(old, target) for old, target in sorted(mapping.items())
            if target.split("#", 1)[0] not in known]


def message(old: str, target: str) -> str:
    return (f"o redirecionamento de '{old}' aponta para '{target}', que não existe no manual; "
            "corrija o destino (o documento novo, sem .rst) ou remova a linha")


def line_of(text: str, old: str) -> int | None:
    key = json.dumps(old, ensure_ascii=False)
    for number, line in enumerate(text.splitlines(), start=1):
        if line.lstrip().startswith(key):
            return number
    return None


def source_docnames(source: Path) -> set[str]:
    source = Path(source)
    return {PurePosixPath(p.relative_to(source).as_posix()).with_suffix("").as_posix()
            for p in source.rglob("*.rst") if not any(part.startswith((".", "_")) for part in
                                                      p.relative_to(source).parts[:-1])}


def missing_entries(published, current, mapping: dict[str, str],
                    renamed: dict[str, str] | None = None) -> list[tuple[str, str | None]]:
    """``(old docname, new docname or None)`` of each published page that is gone from
    ``current`` and has no entry in ``mapping`` (``renamed``: old -> new, from git)."""
    renamed = renamed or {}
    return [(old, renamed.get(old)) for old in sorted(set(published) - set(current)) if old not in mapping]


def missing_message(old: str, new: str | None, map_name: str) -> str:
    done = f"renomeada para '{new}'" if new else "removida"
    target = new or "<documento novo>"
    return (f"a página publicada '{old}' foi {done} sem entrada em {map_name}: o endereço antigo, que está "
            f"em chamados e favoritos, deixaria de abrir; acrescente \"{old}\": \"{target}\" ao mapa")


def closing_line(path: Path) -> int:
    """The line where a new entry goes: the map's closing brace (1 without a map)."""
    try:
        lines = Path(path).read_text(encoding="utf-8-sig").splitlines()
    except OSError:
        return 1
    return next((n for n in range(len(lines), 0, -1) if lines[n - 1].strip().startswith("}")), 1)


def missing_problems(source: Path, conf, current, base: str | None = None) -> list[tuple[int, str]]:
    """``(line, message)`` of the published pages renamed or removed without a redirect,
    compared with ``base`` (default: the merge base with the main branch; none: nothing);
    the line is where the entry goes in the map."""
    source = Path(source)
    root = published.repo_root(source)
    if root is None:
        return []
    base = base or published.default_base(root)
    if base is None:
        return []
    try:
        mapping = load_map(map_path(source, conf))
    except RedirectMapError:
        return []  # reported as redirect_target
    renamed = {}
    for change in published.changes(source, base):
        if change.status == "renamed":
            old, new = published.docname(change.old), published.docname(change.new)
            if old and new:
                renamed[old] = new
    map_name = _get(conf, "playbook_redirects_file")
    line = closing_line(map_path(source, conf))
    return [(line, missing_message(old, new, map_name)) for old, new in
            missing_entries(published.published_docnames(source, base), current, mapping, renamed)]


def check(source: Path, conf) -> list[tuple[int | None, str]]:
    """``make check``: ``(line, message)`` of every problem of the map of the handbook in
    ``source``; line 1 when the problem has no line of its own (the build says the same)."""
    path = map_path(source, conf)
    try:
        mapping = load_map(path)
    except RedirectMapError as error:
        return [(1, f"mapa de redirecionamentos ilegível: {error}")]
    if not mapping:
        return []
    text = path.read_text(encoding="utf-8-sig")
    return [(line_of(text, old) or 1, message(old, target))
            for old, target in broken_entries(mapping, source_docnames(source))]


# --- make import ------------------------------------------------------------------------------


def record_import(source: Path, conf, base: Path, moved: list[tuple[Path, Path]],
                  replace: bool = False) -> tuple[int, list[tuple[str, str, str]]]:
    """Record ``(old file, new file)`` pairs of an import in the map (old addresses relative to
    ``base``); returns how many entries the import gave (already there or new) and the old
    addresses the map sent elsewhere (:func:`merge_into`)."""
    prefix = _get(conf, "playbook_redirect_prefix")
    entries = {}
    for old, new in moved:
        try:
            entries[old_address(prefix, PurePosixPath(Path(old).relative_to(base).as_posix()))] = \
                docname_of(new, source)
        except ValueError:  # a file outside SRC or the handbook: nothing to record
            continue
    conflicts = merge_into(map_path(source, conf), entries, replace) if entries else []
    return len(entries), conflicts
