"""Where the content policy acts: guards around directives and roles, and a walk over the
parsed tree.  The rules themselves are in :mod:`policy`; both the Sphinx build and the
standalone checker go through this module, so they report the same violations at the
same lines.

- Directive guards (``raw``, ``include``, ``literalinclude``, ``csv-table``, ``meta``,
  ``toctree``) and role guards (``raw`` and roles made from it, ``download``) check before
  the wrapped directive or role runs: refused content is never read nor inserted.  In a
  Sphinx build they wrap Sphinx's own classes; in the checker, docutils' (or the checker's
  stand-ins), and never read other files.
- :func:`enforce` walks the parsed tree for link targets and images, removes what is
  refused and returns every violation of the document (``PolicyTransform`` in Sphinx,
  right after parsing).
"""

from __future__ import annotations

import importlib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from docutils import nodes
from docutils.parsers.rst import Directive, directives, roles
from docutils.statemachine import StringList
from docutils.transforms import Transform

from .policy import (
    STANDARD_INCLUDES,
    Policy,
    Violation,
    csv_path,
    file_violation,
    image_violation,
    inside,
    link_violation,
    sphinx_path,
)

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
    parent = node.parent
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
        parent = parent.parent
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
        from ..collect.warnings import emit

        env = getattr(self.document.settings, "env", None)
        if env is None:
            return
        for violation in enforce(self.document):
            if violation.source:  # an included file; docutils may give its path relative to the cwd
                source = os.path.abspath(violation.source)
                location: Any = f"{source}:{violation.line}" if violation.line else source
            else:
                location = (env.docname, violation.line)
            emit(violation.subtype, violation.message, location)
        if hasattr(self.document, CONTEXT_ATTRIBUTE):
            delattr(self.document, CONTEXT_ATTRIBUTE)  # not pickled with the doctree



# --- Sphinx -------------------------------------------------------------------------------

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
    install_guards(app)
    app.add_transform(PolicyTransform)
