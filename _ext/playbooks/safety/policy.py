"""Content policy: what a playbook may not do, enforced by the build and by ``make check``.

Pull requests come from many writers; a playbook must not put script into the handbook,
read files off the build machine or make the page fetch things from elsewhere.  Rules
(each one switchable in conf.py through ``playbook_policy``, all on by default):

``raw``      the ``raw`` directive and any role based on ``raw`` are refused.
``include``  ``include``, ``literalinclude`` (and its ``:diff:``), ``csv-table :file:`` and
             ``:download:`` read only files inside the source folder (after resolving
             symbolic links); ``csv-table :url:`` is refused; a document that is a symbolic
             link to a file outside the source folder is not read.
``link``     link targets whose scheme is in ``playbook_policy_forbidden_schemes``
             (``javascript:``, ``data:``, ``vbscript:``), however they are disguised
             (case, whitespace, control characters, HTML entities, percent-encoding), in
             references, hyperlink targets, toctree entries and ``:download:``; and
             ``.. meta::`` refresh redirects.
``image``    images come from inside the source folder or from a scheme in
             ``playbook_policy_image_schemes`` (``https``).

Besides, a source file larger than ``playbook_max_source_size`` bytes (1 MiB; None: no
limit) is not read (``policy_size``): a playbook has a few kilobytes, and a huge file
would only make the build and the checker slow for everyone.

This module holds the options and the rules (pure functions); :mod:`guards` applies them
to directives, roles and the parsed tree, for the Sphinx build and the checker alike.
Offending content is dropped before it can reach a page; each violation is reported as
``path:line: WARNING: message [playbook.policy_<rule>]``.
"""

from __future__ import annotations

import html
import os
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from docutils.parsers.rst import directives

RULES = ("raw", "include", "link", "image")
DEFAULT_FORBIDDEN_SCHEMES = ("javascript", "data", "vbscript")
DEFAULT_IMAGE_SCHEMES = ("https",)
DEFAULT_MAX_SOURCE_SIZE = 1024 * 1024

#: (name, default, rebuild, types): registered by :func:`setup`, read by the checker too.
CONFIG_VALUES = [
    ("playbook_policy", {rule: True for rule in RULES}, "env", frozenset({dict, bool})),
    ("playbook_policy_forbidden_schemes", list(DEFAULT_FORBIDDEN_SCHEMES), "env",
     frozenset({list, tuple})),
    ("playbook_policy_image_schemes", list(DEFAULT_IMAGE_SCHEMES), "env", frozenset({list, tuple})),
    ("playbook_max_source_size", DEFAULT_MAX_SOURCE_SIZE, "env", frozenset({int, type(None)})),
]

SUBTYPE_PREFIX = "policy_"


class PolicyError(ValueError):
    """conf.py sets the policy options to values that cannot be used."""


@dataclass(frozen=True)
class Policy:
    raw: bool = True
    include: bool = True
    link: bool = True
    image: bool = True
    forbidden_schemes: tuple[str, ...] = DEFAULT_FORBIDDEN_SCHEMES
    image_schemes: tuple[str, ...] = DEFAULT_IMAGE_SCHEMES
    max_source_size: int | None = DEFAULT_MAX_SOURCE_SIZE

    def on(self, rule: str) -> bool:
        return bool(getattr(self, rule))

    @classmethod
    def from_values(cls, rules: Any = True, forbidden: Any = DEFAULT_FORBIDDEN_SCHEMES,
                    image_schemes: Any = DEFAULT_IMAGE_SCHEMES,
                    max_source_size: Any = DEFAULT_MAX_SOURCE_SIZE) -> "Policy":
        """Build from the conf.py values, or raise PolicyError with a message in Portuguese."""
        if isinstance(rules, bool):
            switches = {rule: rules for rule in RULES}
        elif isinstance(rules, dict):
            unknown = sorted(set(map(str, rules)) - set(RULES))
            if unknown:
                raise PolicyError(
                    f"playbook_policy tem regras desconhecidas: {', '.join(unknown)} "
                    f"(as regras são: {', '.join(RULES)})")
            wrong = sorted(str(k) for k, v in rules.items() if not isinstance(v, bool))
            if wrong:
                raise PolicyError(
                    f"playbook_policy: o valor de {', '.join(wrong)} deve ser True ou False")
            switches = {rule: rules.get(rule, True) for rule in RULES}
        else:
            raise PolicyError("playbook_policy deve ser True, False ou um dicionário "
                              f"{{regra: True/False}} com as regras {', '.join(RULES)}")
        if max_source_size is not None and (
                isinstance(max_source_size, bool) or not isinstance(max_source_size, int) or max_source_size <= 0):
            raise PolicyError("playbook_max_source_size deve ser um número de bytes maior que zero "
                              "(por exemplo 1048576) ou None para não limitar")
        return cls(**switches, forbidden_schemes=_schemes("playbook_policy_forbidden_schemes", forbidden),
                   image_schemes=_schemes("playbook_policy_image_schemes", image_schemes),
                   max_source_size=max_source_size)

    @classmethod
    def from_config(cls, config: Any) -> "Policy":
        """From a Sphinx Config or the checker's dict of conf.py values."""
        get = config.get if isinstance(config, dict) else (lambda name, default: getattr(config, name, default))
        return cls.from_values(get("playbook_policy", True),
                               get("playbook_policy_forbidden_schemes", DEFAULT_FORBIDDEN_SCHEMES),
                               get("playbook_policy_image_schemes", DEFAULT_IMAGE_SCHEMES),
                               get("playbook_max_source_size", DEFAULT_MAX_SOURCE_SIZE))


_SCHEME_RE = re.compile(r"^[a-z][a-z0-9+.\-]*$")


def _schemes(name: str, value: Any) -> tuple[str, ...]:
    if isinstance(value, str) or not isinstance(value, (list, tuple, set, frozenset)):
        raise PolicyError(f"{name} deve ser uma lista de esquemas, por exemplo ['https']")
    result = []
    for item in value:
        scheme = str(item).strip().lower().rstrip(":")
        if not isinstance(item, str) or not _SCHEME_RE.match(scheme):
            raise PolicyError(f"{name}: {item!r} não é um esquema de endereço (por exemplo 'https')")
        result.append(scheme)
    return tuple(result)


@dataclass(frozen=True)
class Violation:
    """One break of the policy: ``source`` is set when it lies in an included file."""

    rule: str
    message: str
    line: int | None
    source: str | None = None

    @property
    def subtype(self) -> str:
        return SUBTYPE_PREFIX + self.rule


# --- The rules -----------------------------------------------------------------------

def printable(text: str, limit: int = 80) -> str:
    """``text`` for a one-line message: control and invisible characters escaped, shortened."""
    out = []
    for char in text:
        if unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp") or char in "\u2028\u2029":
            out.append(f"\\u{ord(char):04x}" if ord(char) > 0xFF else f"\\x{ord(char):02x}")
        else:
            out.append(char)
    shown = "".join(out)
    return shown if len(shown) <= limit else shown[: limit - 1] + "…"


def uri_scheme(uri: str) -> str | None:
    """The scheme a browser would see in ``uri``, lower case, or None for a relative link.

    Undoes what could hide a scheme: HTML entities and percent-encoding (repeatedly),
    compatibility forms (full-width letters), whitespace, control and invisible characters.
    """
    text = uri
    for _ in range(8):
        decoded = html.unescape(unquote(text))
        if decoded == text:
            break
        text = decoded
    text = unicodedata.normalize("NFKC", text)
    text = "".join(c for c in text if not (c.isspace() or unicodedata.category(c) in ("Cc", "Cf", "Zs", "Zl", "Zp")))
    match = re.match(r"([a-zA-Z][a-zA-Z0-9+.\-]*):", text)
    return match.group(1).lower() if match else None


def link_violation(uri: str, policy: Policy) -> str | None:
    """Message when a link target uses a forbidden scheme."""
    scheme = uri_scheme(uri)
    if scheme is not None and scheme in policy.forbidden_schemes:
        return (f"link com o esquema '{scheme}:' não é permitido ('{printable(uri)}'): use "
                "http, https, mailto ou um link relativo para outra página do manual")
    return None


def inside(path: Path, root: Path) -> bool:
    """True when ``path``, with symbolic links resolved, lies inside ``root``."""
    try:
        real = Path(os.path.realpath(path))
        return real == Path(os.path.realpath(root)) or real.is_relative_to(os.path.realpath(root))
    except (OSError, ValueError):
        return False


def lexically_inside(path: Path, root: Path) -> bool:
    """True when ``path`` lies inside ``root`` without following symbolic links."""
    try:
        return Path(os.path.abspath(path)).is_relative_to(os.path.abspath(root))
    except (OSError, ValueError):
        return False


def file_violation(what: str, argument: str, path: Path, root: Path) -> str | None:
    """Message when ``path`` (what ``argument`` of ``what`` reads) is outside ``root``."""
    if inside(path, root):
        return None
    if "\x00" in str(path):
        why = "o caminho contém um caractere nulo"
    elif lexically_inside(path, root):
        why = "é um link simbólico que aponta para fora da pasta source/"
    elif argument.startswith("/") and not argument.startswith("//"):
        why = "o caminho absoluto aponta para fora da pasta source/"
    else:
        why = "o caminho sai da pasta source/"
    return (f"{what} lê um arquivo fora da pasta source/ ('{printable(argument)}'): {why}; "
            "só arquivos dentro de source/ podem ser usados, e o conteúdo não foi incluído")


def sphinx_path(argument: str, doc_dir: Path, root: Path) -> Path:
    """Where Sphinx reads a file named in a document: ``/x`` from the source folder,
    anything else from the document's folder (``BuildEnvironment.relfn2path``)."""
    if argument.startswith(("/", "\\")):
        return root / argument.lstrip("/\\")
    return doc_dir / argument


def csv_path(argument: str, current_dir: Path, doc_dir: Path, root: Path) -> Path:
    """Where ``csv-table :file:`` reads (Sphinx's patch of docutils' directive): an absolute
    path that exists is used as it is; one that does not is made relative to the document's
    folder, then docutils reads it from the folder of the current (maybe included) file."""
    if argument.startswith(("/", os.sep)):
        try:
            if Path(argument).exists():
                return Path(argument)
        except (OSError, ValueError):
            return Path(argument)
        return current_dir / os.path.relpath(root / argument[1:], doc_dir)
    return current_dir / argument


STANDARD_INCLUDES = Path(directives.__file__).parent.parent / "include"


def image_violation(uri: str, doc_dir: Path, root: Path, policy: Policy) -> str | None:
    """Message when an image is neither inside the source folder nor from an allowed scheme."""
    scheme = uri_scheme(uri)
    allowed = ", ".join(policy.image_schemes) or "nenhum"
    if scheme is not None or uri.startswith("//"):
        if scheme in policy.image_schemes and not uri.startswith("//"):
            return None
        shown = f"o esquema '{scheme}:'" if scheme else "um endereço sem esquema ('//')"
        return (f"a imagem '{printable(uri)}' usa {shown}: imagens vêm de um arquivo dentro de "
                f"source/ ou de um endereço com os esquemas permitidos ({allowed})")
    path = sphinx_path(uri, doc_dir, root)
    candidates = [path]
    if "*" in uri:  # Sphinx picks one of the files matching the pattern
        candidates = [path.parent, *path.parent.glob(path.name)] if path.parent.is_dir() else [path.parent]
    for candidate in candidates:
        if not inside(candidate, root):
            why = ("é um link simbólico que aponta para fora de source/"
                   if lexically_inside(candidate, root) else "o caminho sai da pasta source/")
            return (f"a imagem '{printable(uri)}' está fora da pasta source/ ({why}): use um "
                    f"arquivo dentro de source/ ou um endereço com os esquemas permitidos ({allowed})")
    return None


def document_violation(path: Path, root: Path) -> str | None:
    """Message when a source file is a symbolic link to a file outside the source folder."""
    if inside(path, root):
        return None
    return (f"o arquivo é um link simbólico para fora da pasta source/ "
            f"('{printable(os.path.realpath(path), 120)}'); ele não foi lido: coloque o conteúdo "
            "em um arquivo de verdade dentro de source/")


def _megabytes(size: int) -> str:
    """A size for people, in Brazilian style (``1,5 MB``, ``3,9 KB``)."""
    value, unit = (size / (1024 * 1024), "MB") if size >= 1024 * 1024 else (size / 1024, "KB")
    return f"{value:.1f}".replace(".", ",") + " " + unit


def size_violation(path: Path, policy: Policy) -> str | None:
    """Message when a source file is larger than the configured limit."""
    if policy.max_source_size is None:
        return None
    try:
        size = os.stat(path).st_size
    except (OSError, ValueError):
        return None
    if size <= policy.max_source_size:
        return None
    return (f"o arquivo tem {_megabytes(size)}, acima do limite de {_megabytes(policy.max_source_size)} "
            "(playbook_max_source_size em conf.py); ele não foi lido: um playbook tem poucos KB, "
            "divida o conteúdo ou remova o que foi colado por engano")


# --- Sphinx -------------------------------------------------------------------------------

def check_config(app, config) -> None:
    from sphinx.errors import ConfigError

    try:
        Policy.from_config(config)
    except PolicyError as error:
        raise ConfigError(f"política de conteúdo inválida em conf.py: {error}") from None


def unreadable(path: Path, root: Path | None, policy: Policy) -> tuple[str, str] | None:
    """(rule, message) when a source file is not to be read at all: a symbolic link to a
    file outside the source folder ``root`` (None: a loose file), or a file over the size limit."""
    if policy.include and root is not None:
        message = document_violation(path, root)
        if message:
            return "include", message
    message = size_violation(path, policy)
    if message:
        return "size", message
    return None


def drop_unreadable_documents(app, env, docnames: list[str]) -> None:
    """Documents linked from outside the source folder, or too large, are not read."""
    from ..collect.warnings import emit

    current = Policy.from_config(app.config)
    for docname in list(docnames):
        found = unreadable(Path(env.doc2path(docname)), Path(env.srcdir), current)
        if found:
            rule, message = found
            emit(SUBTYPE_PREFIX + rule, message, (docname, None))
            docnames.remove(docname)
            env.project.docnames.discard(docname)


def setup(app) -> None:
    for name, default, rebuild, types in CONFIG_VALUES:
        app.add_config_value(name, default, rebuild, types=types)
    app.connect("config-inited", check_config)
    # Before the encoding check, which reads the bytes of every document.
    app.connect("env-before-read-docs", drop_unreadable_documents, priority=400)
