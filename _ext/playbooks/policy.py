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

One implementation serves both tools: the guards below wrap the directives and roles
(Sphinx's own when building, plain docutils' in the checker) and :func:`enforce` walks the
parsed tree for links and images.  Offending content is dropped before it can reach a
page; each violation is reported as ``path:line: WARNING: message [playbook.policy_<rule>]``.
"""

from __future__ import annotations

import html
import importlib
import os
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable
from urllib.parse import unquote

from docutils import nodes
from docutils.parsers.rst import Directive, directives, roles
from docutils.statemachine import StringList
from docutils.transforms import Transform

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

#: Directives whose file access is guarded (name -> rule).
GUARDED_DIRECTIVES = {
    "raw": "raw",
    "include": "include",
    "literalinclude": "include",
    "csv-table": "include",
    "meta": "link",
    "toctree": "link",
}
#: Roles that are guarded (name -> rule).
GUARDED_ROLES = {"raw": "raw", "download": "include"}

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


# --- Context of a document being parsed ------------------------------------------------

@dataclass
class Context:
    policy: Policy
    root: Path  # the source folder
    doc_dir: Path  # the folder of the document being read
    insert: bool  # True in a Sphinx build (read allowed files); False in the checker
    violations: list[Violation] = field(default_factory=list)


CONTEXT_ATTRIBUTE = "_playbook_policy_context"


def context_of(document: nodes.document) -> Context:
    """The policy context of ``document`` (created on first use)."""
    ctx = getattr(document, CONTEXT_ATTRIBUTE, None)
    if ctx is not None:
        return ctx
    settings = document.settings
    env = getattr(settings, "env", None)
    if env is not None:  # Sphinx
        root = Path(env.srcdir)
        ctx = Context(Policy.from_config(env.config), root,
                      Path(env.doc2path(env.docname)).parent, insert=True)
    else:  # the standalone checker (see check.parse)
        source = Path(document.get("source") or ".")
        root = getattr(settings, "playbook_source_root", None) or source.parent
        ctx = Context(getattr(settings, "playbook_policy", None) or Policy(), Path(root),
                      source.parent, insert=False)
    setattr(document, CONTEXT_ATTRIBUTE, ctx)
    return ctx


def _same_file(a: str | None, b: str | None) -> bool:
    return bool(a) and bool(b) and os.path.abspath(a) == os.path.abspath(b)


def record(document: nodes.document, rule: str, message: str, source: str | None, line: int | None) -> None:
    ctx = context_of(document)
    main = document.get("source")
    ctx.violations.append(Violation(rule, message, line, None if not source or _same_file(source, main) else source))


# --- Guards around directives and roles ---------------------------------------------------

class _Guard:
    """Mixin for a directive class: check before running the wrapped directive."""

    rule = ""

    def violation(self, ctx: Context) -> str | None:  # pragma: no cover - overridden
        return None

    def run(self):
        document = self.state.document
        ctx = context_of(document)
        message = self.violation(ctx) if ctx.policy.on(self.rule) else None
        if message:
            source, line = self.state_machine.get_source_and_line(self.lineno)
            record(document, self.rule, message, source, line)
            return []
        if not ctx.insert and self.reads_files():
            return []  # the checker never reads other files
        return super().run()

    def reads_files(self) -> bool:
        return False

    def real_path(self, argument: str, ctx: Context) -> Path:
        """Where the file named by ``argument`` is read: in a Sphinx build, from Sphinx
        itself when it disagrees with :func:`sphinx_path` (then the outside one wins)."""
        path = sphinx_path(argument, ctx.doc_dir, ctx.root)
        env = getattr(self.state.document.settings, "env", None)
        if env is not None:
            try:
                sphinx_reads = Path(env.relfn2path(argument)[1])
            except Exception:  # noqa: BLE001 - a path Sphinx cannot even resolve
                return path
            if not inside(sphinx_reads, ctx.root):
                return sphinx_reads
        return path

    def current_dir(self, ctx: Context) -> Path:
        current = getattr(self.state.document, "current_source", None)
        return Path(current).parent if current else ctx.doc_dir


class _RawGuard(_Guard):
    rule = "raw"

    def violation(self, ctx):
        kind = f" ({self.arguments[0]})" if self.arguments else ""
        return (f"a diretiva 'raw'{kind} não é permitida: ela põe HTML ou outro formato na página "
                "sem verificação; escreva o conteúdo em reStructuredText")

    def run(self):
        ctx = context_of(self.state.document)
        if not ctx.policy.raw and ctx.policy.include and ("file" in self.options or "url" in self.options):
            # raw allowed by conf.py, but it still may not read outside source/ or the network
            if "url" in self.options:
                message = "a diretiva 'raw' com a opção :url: lê dados da rede durante a construção"
            else:
                argument = str(self.options["file"])
                path = Path(argument) if os.path.isabs(argument) else self.current_dir(ctx) / argument
                message = file_violation("'raw' (opção :file:)", argument, path, ctx.root)
            if message:
                source, line = self.state_machine.get_source_and_line(self.lineno)
                record(self.state.document, "include", message, source, line)
                return []
        return super().run()

    def reads_files(self):
        return True  # in the checker a raw block is never parsed further


class _IncludeGuard(_Guard):
    rule = "include"

    def violation(self, ctx):
        argument = directives.path(self.arguments[0]) if self.arguments else ""
        if argument.startswith("<") and argument.endswith(">"):
            path = STANDARD_INCLUDES / argument[1:-1]
            if inside(path, STANDARD_INCLUDES):
                return None  # docutils' own substitution tables (<isonum.txt> ...)
            return file_violation("'include'", argument, path, STANDARD_INCLUDES)
        return file_violation("'include'", argument, self.real_path(argument, ctx), ctx.root)

    def reads_files(self):
        return True


class _LiteralIncludeGuard(_Guard):
    rule = "include"

    def violation(self, ctx):
        argument = directives.path(self.arguments[0]) if self.arguments else ""
        message = file_violation("'literalinclude'", argument, self.real_path(argument, ctx), ctx.root)
        if message is None and self.options.get("diff"):
            diff = str(self.options["diff"])
            message = file_violation("'literalinclude' (opção :diff:)", diff, self.real_path(diff, ctx), ctx.root)
        return message

    def reads_files(self):
        return True


class _CsvTableGuard(_Guard):
    rule = "include"

    def violation(self, ctx):
        if "url" in self.options:
            return ("'csv-table' com a opção :url: lê dados da rede durante a construção; "
                    "coloque o arquivo CSV dentro de source/ e use :file: (ou escreva os dados na diretiva)")
        if "file" in self.options:
            argument = str(self.options["file"])
            return file_violation("'csv-table' (opção :file:)", argument,
                                  csv_path(argument, self.current_dir(ctx), ctx.doc_dir, ctx.root), ctx.root)
        return None

    def reads_files(self):
        return "file" in self.options or "url" in self.options


class _MetaGuard(_Guard):
    rule = "link"

    def violation(self, ctx):
        for line in self.content:
            key = line.strip().lower()
            if key.startswith(":http-equiv=refresh:") or key.startswith(":http-equiv=\"refresh\":"):
                return ("a diretiva 'meta' com http-equiv=refresh não é permitida: ela leva o leitor "
                        "para outro endereço sem que ele clique")
        return None


_TOCTREE_ENTRY = re.compile(r"^(.+?)\s*(?<!\x00)<([^<]*?)>$", re.DOTALL)  # sphinx.util.nodes


class _TocTreeGuard(_Guard):
    """Drops toctree entries whose target uses a forbidden scheme, each reported."""

    rule = "link"

    def run(self):
        document = self.state.document
        ctx = context_of(document)
        if ctx.policy.on("link"):
            kept, items = [], []
            for index, line in enumerate(self.content):
                entry = line.strip()
                match = _TOCTREE_ENTRY.match(entry)
                target = match.group(2) if match else entry
                message = link_violation(target, ctx.policy) if target else None
                if message:
                    source, offset = self.content.info(index)
                    record(document, "link", message, source, None if offset is None else offset + 1)
                else:
                    kept.append(line)
                    items.append(self.content.items[index])
            if len(kept) != len(self.content):
                # A new list: deleting from self.content would delete from the document's input.
                self.content = StringList(kept, items=items)
        if not ctx.insert:
            return []  # toctree entries are document names, not reStructuredText
        return super().run()


GUARDS: dict[str, type[_Guard]] = {
    "raw": _RawGuard,
    "include": _IncludeGuard,
    "literalinclude": _LiteralIncludeGuard,
    "csv-table": _CsvTableGuard,
    "meta": _MetaGuard,
    "toctree": _TocTreeGuard,
}


def current_directive(name: str) -> type[Directive] | None:
    """The directive class registered for ``name`` (Sphinx's or docutils' own)."""
    registered = directives._directives.get(name)  # noqa: SLF001 - docutils keeps no public API
    if registered is not None:
        return registered
    entry = directives._directive_registry.get(name)  # noqa: SLF001
    if entry is None:
        return None
    module = importlib.import_module(f"docutils.parsers.rst.directives.{entry[0]}")
    return getattr(module, entry[1])


def guarded_directive(name: str, base: type[Directive]) -> type[Directive]:
    guard = GUARDS[name]
    if issubclass(base, guard):
        return base
    return type(f"Guarded{base.__name__}", (guard, base), {"__module__": __name__})


def _role_location(inliner, lineno: int) -> tuple[str | None, int | None]:
    try:
        return inliner.reporter.get_source_and_line(lineno)
    except Exception:  # noqa: BLE001 - a reporter without the state machine's helper
        return None, lineno


class _RoleMarker(nodes.Inline, nodes.TextElement):
    """Stands where a refused role was, until :func:`enforce` reports it with its line."""


def guarded_raw_role(base: Callable | None):
    def role(name, rawtext, text, lineno, inliner, options=None, content=None):
        document = inliner.document
        ctx = context_of(document)
        if ctx.policy.on("raw"):
            marker = _RoleMarker(rawtext, "")
            marker["rule"] = "raw"
            marker["message"] = (f"o papel ':{name}:' é do tipo 'raw' e não é permitido: ele põe HTML "
                                 "ou outro formato na página sem verificação; escreva o conteúdo em "
                                 "reStructuredText")
            return [marker], []
        if base is None or not ctx.insert:
            return [nodes.literal(rawtext, text)], []
        return base(name, rawtext, text, lineno, inliner, options or {}, content or [])

    role.options = dict(getattr(roles.raw_role, "options", {"format": directives.unchanged}))
    role.playbook_guard = True
    return role


def guarded_download_role(base: Callable | None):
    def role(name, rawtext, text, lineno, inliner, options=None, content=None):
        document = inliner.document
        ctx = context_of(document)
        target = nodes.unescape(text)
        match = _TOCTREE_ENTRY.match(target)
        title, target = (match.group(1), match.group(2)) if match else (target, target)
        message = None
        rule = "include"
        if ctx.policy.on("link"):
            message = link_violation(target, ctx.policy)
            rule = "link"
        if message is None and ctx.policy.on("include") and "://" not in target:
            rule = "include"
            message = file_violation(f"':{name}:'", target, sphinx_path(target, ctx.doc_dir, ctx.root), ctx.root)
        if message:
            marker = _RoleMarker(rawtext, "")
            marker["rule"] = rule
            marker["message"] = message
            return [marker, nodes.Text(title)], []
        if base is None:
            return [nodes.literal(rawtext, title)], []
        return base(name, rawtext, text, lineno, inliner, options or {}, content or [])

    role.playbook_guard = True
    return role


def registered_role(name: str) -> Callable | None:
    """The role function registered for ``name`` (local first, then docutils' canonical)."""
    return roles._roles.get(name) or roles._role_registry.get(name)  # noqa: SLF001


ROLE_GUARDS = {"raw": guarded_raw_role, "download": guarded_download_role}


def register_docutils() -> None:
    """Put the guards in docutils' registries (the checker; call inside a saved namespace)."""
    for name in GUARDS:
        base = current_directive(name)
        if base is not None:
            directives.register_directive(name, guarded_directive(name, base))
    for name, factory in ROLE_GUARDS.items():
        base = registered_role(name)
        if getattr(base, "playbook_guard", False):
            continue
        roles.register_local_role(name, factory(base))


# --- Walking the parsed tree: links, images, role markers ---------------------------------

def node_location(node: nodes.Node, cursors: dict[int, int]) -> tuple[str | None, int | None]:
    """(source, line) of a node; inline nodes get the line inside their paragraph."""
    if isinstance(node, nodes.Element) and node.line:
        return node.source, node.line
    if isinstance(node, nodes.Element):
        for inner in node.findall(nodes.Element, include_self=False):
            if inner.line:
                return inner.source, inner.line
    child, parent = node, node.parent
    while parent is not None:
        if parent.line:
            line = parent.line
            if isinstance(parent, nodes.title) and isinstance(parent.parent, nodes.section):
                line = max(1, line - 1)  # docutils records the underline's line
            needle = (getattr(node, "rawsource", "") or "").strip().split("\n")[0]
            raw = parent.rawsource or ""
            if needle and raw:
                start = cursors.get(id(parent), 0)
                position = raw.find(needle, start)
                if position < 0:
                    position = raw.find(needle)
                if position >= 0:
                    cursors[id(parent)] = position + len(needle)
                    line += raw.count("\n", 0, position)
            return parent.source, line
        child, parent = parent, parent.parent
    return None, None


def enforce(document: nodes.document) -> list[Violation]:
    """Apply the tree rules to a parsed document and return every violation found in it
    (including the guards'), removing offending nodes.  Called once per document."""
    ctx = context_of(document)
    policy = ctx.policy
    cursors: dict[int, int] = {}

    def add(rule: str, message: str, node: nodes.Node) -> None:
        source, line = node_location(node, cursors)
        record(document, rule, message, source, line)

    for marker in list(document.findall(_RoleMarker)):
        add(marker["rule"], marker["message"], marker)
        marker.parent.remove(marker)

    if policy.link:
        for node in list(document.findall(nodes.Element)):
            uri = node.get("refuri")
            if not isinstance(uri, str) or not uri:
                continue
            message = link_violation(uri, policy)
            if message is None:
                continue
            if isinstance(node, nodes.target):
                if node.line:  # an explicit ".. _name: uri"; inline ones go with their reference
                    add("link", message, node)
                node["refuri"] = "#"
            elif isinstance(node, nodes.reference):
                add("link", message, node)
                node.replace_self(nodes.inline(node.rawsource, "", *node.children))
            else:
                add("link", message, node)
                node["refuri"] = "#"

    if policy.image:
        for image in list(document.findall(nodes.image)):
            message = image_violation(str(image.get("uri", "")), ctx.doc_dir, ctx.root, policy)
            if message:
                add("image", message, image)
                image.parent.remove(image)

    violations = ctx.violations
    ctx.violations = []
    return violations


class PolicyTransform(Transform):
    """Sphinx: enforce the tree rules right after parsing, before any other transform
    resolves targets, copies substitutions or collects images; then report everything."""

    default_priority = 5

    def apply(self, **kwargs: Any) -> None:
        from sphinx.util import logging

        env = getattr(self.document.settings, "env", None)
        if env is None:
            return
        logger = logging.getLogger(__name__)
        for violation in enforce(self.document):
            if violation.source:
                location: Any = f"{violation.source}:{violation.line}" if violation.line else violation.source
            else:
                location = (env.docname, violation.line)
            logger.warning(violation.message, type="playbook", subtype=violation.subtype, location=location)
        if hasattr(self.document, CONTEXT_ATTRIBUTE):
            delattr(self.document, CONTEXT_ATTRIBUTE)  # not pickled with the doctree


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
    from sphinx.util import logging

    logger = logging.getLogger(__name__)
    current = Policy.from_config(app.config)
    for docname in list(docnames):
        found = unreadable(Path(env.doc2path(docname)), Path(env.srcdir), current)
        if found:
            rule, message = found
            logger.warning(message, type="playbook", subtype=SUBTYPE_PREFIX + rule, location=(docname, None))
            docnames.remove(docname)
            env.project.docnames.discard(docname)


def install_guards(app) -> None:
    """Wrap the directives and roles registered so far (Sphinx's own at this point)."""
    for name in GUARDS:
        base = current_directive(name)
        if base is not None:
            app.add_directive(name, guarded_directive(name, base), override=True)
    for name, factory in ROLE_GUARDS.items():
        base = registered_role(name)
        if not getattr(base, "playbook_guard", False):
            app.add_role(name, factory(base), override=True)


def setup(app) -> None:
    for name, default, rebuild, types in CONFIG_VALUES:
        app.add_config_value(name, default, rebuild, types=types)
    app.connect("config-inited", check_config)
    install_guards(app)
    app.add_transform(PolicyTransform)
    # Before the encoding check, which reads the bytes of every document.
    app.connect("env-before-read-docs", drop_unreadable_documents, priority=400)
