"""Old addresses keep working: one redirect map in the repository, pages made by sphinx-reredirects.

``make import`` records, for every page it brings in, where the page lived in the imported
wiki (its path relative to the folder given to ``make import``, without the suffix, under
``playbook_redirect_prefix``, e.g. ``Scripts_Atendimento/``) and the docname it has now, in
one JSON map (``playbook_redirects_file``, ``redirects.json`` in the source folder)::

    {"Scripts_Atendimento/Tramita_GOV_BR/Processo_parado_no_status_2":
     "playbooks/tramita/processo-parado-no-status-2"}

Writers add an entry by hand when they rename a playbook.  Entries are merged, never lost,
and the file is written atomically.

At build time (HTML and dirhtml only) the map becomes sphinx-reredirects' ``redirects``
option, each target relative to the old page, so the old relative address opens the new
page (its script keeps the ``#anchor``).  A target that is not a document of the handbook
is an error (``playbook.redirect_target``) in the build and in ``make check``; the check
itself (:func:`broken_entries`) is pure.

A page published on the main branch (``standard/published.py``: the merge base with
``origin/main`` or ``main``) that the working tree renamed or removed must have an entry in
the map, or its old address stops opening: ``playbook.redirect_missing`` (:func:`missing_entries`,
pure; :func:`missing_problems` asks git), the same in the build, ``make check`` and ``make review``.
"""

from __future__ import annotations

import json
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from ..writers import atomic

if TYPE_CHECKING:  # make check and make import read the map without a Sphinx application
    from sphinx.application import Sphinx

SUBTYPE = "redirect_target"
#: A published page renamed or removed with no entry in the map.
MISSING_SUBTYPE = "redirect_missing"
TEMPLATE = Path(__file__).parent / "redirect.html"

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


def merge_into(path: Path, entries: dict[str, str]) -> dict[str, str]:
    """Add ``entries`` to the map in ``path`` (no entry is ever removed); write it atomically
    when it changed.  Returns the merged map."""
    current = load_map(path)
    merged = {**current, **entries}
    if merged != current or not Path(path).exists() and merged:
        atomic.write_text(path, dump_map(merged))
    return merged


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
    from ..standard import published

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
    """``make check``: ``(line, message)`` of every problem of the map of the handbook in ``source``."""
    path = map_path(source, conf)
    try:
        mapping = load_map(path)
    except RedirectMapError as error:
        return [(None, f"mapa de redirecionamentos ilegível: {error}")]
    if not mapping:
        return []
    text = path.read_text(encoding="utf-8-sig")
    return [(line_of(text, old), message(old, target))
            for old, target in broken_entries(mapping, source_docnames(source))]


# --- Sphinx ---------------------------------------------------------------------------------

from ..collect import warnings  # noqa: E402  (Sphinx side only; the check above is pure)


def _build_map(app: Sphinx) -> tuple[Path, dict[str, str]]:
    path = map_path(Path(app.srcdir), app.config)
    try:
        return path, load_map(path)
    except RedirectMapError as error:
        warnings.emit(SUBTYPE, f"mapa de redirecionamentos ilegível: {error}", str(path))
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
        warnings.emit(SUBTYPE, message(old, target), f"{path}:{line}" if line else str(path))


def set_redirects(app: Sphinx):
    """Hand the map to sphinx-reredirects (before its own ``html-collect-pages`` handler)."""
    builder = app.builder
    if builder.name not in {"html", "dirhtml"}:
        return []
    _, mapping = _build_map(app)
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
    app.connect("env-check-consistency", check_targets)
    app.connect("html-collect-pages", set_redirects, priority=400)


# --- make import ------------------------------------------------------------------------------


def record_import(source: Path, conf, base: Path, moved: list[tuple[Path, Path]]) -> int:
    """Record ``(old file, new file)`` pairs of an import in the map; returns how many entries
    the import gave (already there or new)."""
    prefix = _get(conf, "playbook_redirect_prefix")
    entries = {}
    for old, new in moved:
        try:
            entries[old_address(prefix, PurePosixPath(Path(old).relative_to(base).as_posix()))] = \
                docname_of(new, source)
        except ValueError:  # a file outside SRC or the handbook: nothing to record
            continue
    if entries:
        merge_into(map_path(source, conf), entries)
    return len(entries)
