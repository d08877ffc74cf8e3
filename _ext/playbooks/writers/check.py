"""Standalone checker: ``make check`` validates playbooks without a Sphinx build.

It parses each file with plain docutils (Sphinx's own roles and directives are accepted
as opaque), then runs the same validation core as the Sphinx extension and prints the
same ``path:line: WARNING: message [playbook.subtype]`` lines.  Exit status 1 when any
problem is reported.  Under GitHub Actions (``GITHUB_ACTIONS=true``) each problem is also
printed as an ``::error file=…,line=…::…`` workflow command, so it shows on the pull
request's diff.
"""

from __future__ import annotations

import argparse
import copy
import fnmatch
import functools
import io
import os
import sys
import types
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from docutils import frontend, nodes, utils
from docutils.parsers import rst
from docutils.parsers.rst import Directive, directives, roles
from sphinx.config import eval_config_file
from sphinx.errors import ConfigError
from sphinx.util.docutils import docutils_namespace
from sphinx.util.logging import is_suppressed_warning
from sphinx.util.tags import Tags

from ..collect import warnings as build_warnings
from ..collect.config import CONFIG_VALUES, today
from ..files.links import SUBTYPE as LINK_SUBTYPE
from ..files.links import refused_links
from ..files.sources import SourceError, decode
from ..replies.grammar import Grammar
from ..safety import guards, policy
from ..standard import duplicates, redirects, registry, warning_cap
from ..standard.analysis import Analysis, analyse
from ..standard.docutils_messages import explain
from ..standard.rules import Problem, headings_of
from ..standard.schema import Kind, Schema, SchemaError, build_schema
from . import smart_quotes
from .terminal import escape_controls

LEVEL_NAMES = {1: "INFO", 2: "WARNING", 3: "ERROR", 4: "CRITICAL"}

#: Sphinx roles and directives a playbook may use; the checker accepts them as opaque.
SPHINX_ROLES = (
    "ref doc download numref term abbr kbd guilabel menuselection file samp command "
    "program option envvar any keyword token dfn mailheader makevar manpage mimetype "
    "newsgroup regexp eq"
).split()
SPHINX_DIRECTIVES = (
    "toctree only index seealso versionadded versionchanged deprecated versionremoved "
    "code-block sourcecode literalinclude glossary centered hlist tabularcolumns highlight "
    "productionlist acks sectionauthor moduleauthor codeauthor todo"
).split()


@dataclass(frozen=True)
class Report:
    path: str
    line: int | None
    level: str  # WARNING / ERROR ...
    message: str
    type: str  # "playbook.missing_section", "docutils", ...

    def format(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else f"{self.path}"
        return escape_controls(f"{where}: {self.level}: {self.message} [{self.type}]")

    def annotation(self) -> str:
        """The same problem as a GitHub Actions workflow command (shown on the diff)."""
        where = f"file={_escape_property(self.path)}"
        if self.line:
            where += f",line={self.line}"
        return f"::error {where}::{_escape_data(f'{self.message} [{self.type}]')}"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def in_github_actions() -> bool:
    return os.environ.get("GITHUB_ACTIONS", "").lower() == "true"


class _OpaqueDirective(Directive):
    """Stands for a Sphinx directive: keeps its content parsed, ignores its options."""

    required_arguments = 0
    optional_arguments = 100
    final_argument_whitespace = True
    has_content = True
    option_spec = None  # accept any option

    def run(self):
        container = nodes.container()
        if self.content:
            if self.name in {"code-block", "sourcecode"}:
                return [nodes.literal_block("\n".join(self.content), "\n".join(self.content))]
            self.state.nested_parse(self.content, self.content_offset, container)
        return [container]


class _AnyOptions(dict):
    def __missing__(self, key):
        return directives.unchanged

    def __bool__(self):  # docutils parses options only when the spec is truthy
        return True


_OpaqueDirective.option_spec = _AnyOptions()


def _opaque_role(name, rawtext, text, lineno, inliner, options=None, content=None):
    return [nodes.literal(rawtext, utils.unescape(text))], []


def _register_sphinx_markup() -> None:
    # Registered for every parse (inside a saved namespace, see parse): Sphinx's test apps
    # clear docutils' registries when they end, so a registration made once can vanish.
    for name in SPHINX_ROLES:
        roles.register_local_role(name, _opaque_role)
    for name in SPHINX_DIRECTIVES:
        directives.register_directive(name, _OpaqueDirective)
    guards.register_docutils()


def load_conf(path: Path, tags: list[str] | None = None) -> dict:
    """Read conf.py as Sphinx does (``sphinx.config.eval_config_file``, with ``tags``),
    keeping the playbook options and ``suppress_warnings``."""
    namespace = eval_config_file(path.resolve(), Tags(tags or []))
    values = {name: namespace.get(name, default)
              for name, default, _, _ in CONFIG_VALUES + policy.CONFIG_VALUES + redirects.CONFIG_VALUES
              + build_warnings.CONFIG_VALUES}
    values["suppress_warnings"] = namespace.get("suppress_warnings", [])
    values["rst_prolog"] = namespace.get("rst_prolog") or ""
    values["rst_epilog"] = namespace.get("rst_epilog") or ""
    # What Sphinx's smart quotes need (they change the text a reply copies).
    values["language"] = namespace.get("language") or "en"
    values["smartquotes"] = namespace.get("smartquotes", True)
    values["smartquotes_action"] = namespace.get("smartquotes_action", "qDe")
    values["smartquotes_excludes"] = namespace.get("smartquotes_excludes", {"languages": ["ja", "zh_CN", "zh_TW"]})
    return values


def parse(text: str, source_path: str, conf: dict | None = None, **extra_settings) -> nodes.document:
    """Parse a playbook with plain docutils; the registries of roles and directives are
    put back afterwards (Sphinx's own ``docutils_namespace``).

    With ``conf`` (from :func:`load_conf`), quotes become typographic as Sphinx's HTML build
    makes them (:func:`check_file` does it for the reply section only).
    """
    with docutils_namespace():
        _register_sphinx_markup()
        document = _parse(text, source_path, extra_settings)
    if conf is not None:
        smart_quotes.apply(document, conf)
    return document


@functools.lru_cache(maxsize=1)
def _default_settings():
    """docutils' default settings, built once (building them took a quarter of a check)."""
    return frontend.get_default_settings(rst.Parser)


def _parse(text: str, source_path: str, extra_settings: dict) -> nodes.document:
    parser = rst.Parser()
    settings = copy.deepcopy(_default_settings())
    settings.report_level = 5  # collect messages from the tree instead of printing
    settings.halt_level = 5
    settings.warning_stream = io.StringIO()
    settings.file_insertion_enabled = False
    settings.raw_enabled = False
    settings.doctitle_xform = False
    settings.line_length_limit = 10**7
    for name, value in extra_settings.items():
        setattr(settings, name, value)
    document = utils.new_document(source_path, settings)
    parser.parse(text, document)
    return document


def problem_reports(path: str, problems: list[Problem]) -> list[Report]:
    """Reports of the standard's problems, each with its registered type and severity."""
    return [Report(path, problem.line, registry.level_of(problem.subtype), problem.message,
                   registry.get(problem.subtype).type) for problem in problems]


#: The substitutions Sphinx defines itself (sphinx.transforms.DefaultSubstitutions).
SPHINX_SUBSTITUTIONS = frozenset({"today", "version", "release", "translation progress"})


def _maybe_unresolved(node: nodes.Node) -> bool:
    return isinstance(node, nodes.substitution_reference) or (isinstance(node, nodes.reference)
                                                               and bool(node.get("anonymous")))


def resolve_references(document: nodes.document, conf: dict | None = None) -> None:
    """docutils' reference transforms, as Sphinx's reader runs them (with Sphinx's own
    substitutions): they report the links without a target ("Unknown target name"), the
    undefined substitutions and the anonymous links without their address, which the build
    reports too.  They change the tree: run after the analysis.

    Not run when conf.py has ``rst_prolog`` or ``rst_epilog`` (substitutions and link targets
    the build adds to every page): rather than a false error, the build reports those.
    Citations are left to Sphinx, which resolves them across pages (``[NORMA]_`` defined in
    another file)."""
    from docutils.transforms import references

    if conf is not None and (conf.get("rst_prolog") or conf.get("rst_epilog")):
        return
    for ref in list(document.findall(nodes.citation_reference)):
        ref.parent.replace(ref, nodes.Text(ref.astext()))
    document.citation_refs.clear()
    substitutions, anonymous = [], False
    for node in document.findall(_maybe_unresolved):
        if isinstance(node, nodes.substitution_reference):
            substitutions.append(node)
        else:
            anonymous = True
    if not (substitutions or anonymous or document.refnames or document.footnote_refs
            or document.autofootnote_refs or document.symbol_footnote_refs):
        return  # nothing to resolve (most playbooks: their links hold their addresses)
    for ref in substitutions:
        if ref.get("refname") in SPHINX_SUBSTITUTIONS:
            ref.parent.replace(ref, nodes.Text(ref.astext()))
    document.transformer.add_transforms([
        references.Substitutions, references.PropagateTargets, references.AnonymousHyperlinks,
        references.IndirectHyperlinks, references.Footnotes, references.ExternalTargets,
        references.InternalTargets, references.DanglingReferences])
    document.transformer.apply_transforms()


def docutils_reports(document: nodes.document, path: str) -> list[Report]:
    """docutils' messages (level 2 and up) of the parse and, after :func:`resolve_references`,
    of its transforms, explained (standard/docutils_messages.py)."""
    reports = []
    for message in [*document.findall(nodes.system_message), *document.transform_messages]:
        level = message.get("level", 0)
        if level < 2:
            continue
        text = message.children[0].astext() if message.children else message.astext()
        reports.append(Report(path, message.get("line"), LEVEL_NAMES.get(level, "ERROR"),
                              explain(" ".join(text.split())), "docutils"))
    return reports


def image_reports(document: nodes.document, file: Path, display: str, source_root: Path | None) -> list[Report]:
    reports = []
    for image in document.findall(nodes.image):
        uri = image.get("uri", "")
        if not uri or "://" in uri or uri.startswith("data:"):
            continue
        if uri.startswith("/") and source_root is not None:
            target = source_root / uri.lstrip("/")
        else:
            target = file.parent / uri
        if not target.exists():
            line = image.line or (image.parent.line if image.parent is not None else None)
            reports.append(Report(display, line, "WARNING",
                                  f"image file not readable: {uri}", "image.not_readable"))
    return reports


class Checker:
    def __init__(self, conf: dict, source_root: Path | None):
        self.conf = conf
        self.schema: Schema = build_schema(
            conf["playbook_kinds"], conf["playbook_default_kind"], conf["playbook_kind_by_folder"]
        )
        self.source_root = source_root.resolve() if source_root else None
        self.playbook_root = (
            (self.source_root / conf["playbook_root"]).resolve() if self.source_root else None
        )
        self.suppressed = set(conf.get("suppress_warnings") or [])
        self.today = today(types.SimpleNamespace(**conf))
        #: resolved path -> (title, title line) of each handbook playbook checked
        self.titles: dict[Path, tuple[str | None, int | None]] = {}
        self.replies: dict[Path, list[tuple[str | None, str, int | None]]] = {}
        self.policy = policy.Policy.from_config(conf)
        self._resolved: dict[Path, Path] = {}
        #: called as ``on_analysis(file, category, analysis)`` for every playbook analysed
        #: (``make report`` reads each file once, here, as ``make check`` does)
        self.on_analysis: Callable[[Path, str | None, Analysis], None] | None = None
        #: resolved path -> the analysis of each playbook checked (make review reads it)
        self.analyses: dict[Path, Analysis] = {}

    def resolved(self, file: Path) -> Path:
        """``file.resolve()``, once per file (each call reads every folder of the path)."""
        found = self._resolved.get(file)
        if found is None:
            found = self._resolved[file] = file.resolve()
        return found

    def handbook_category(self, file: Path) -> tuple[bool, str | None]:
        """(file is a playbook of the handbook, its category folder)."""
        if self.playbook_root is None:
            return False, None
        try:
            relative = self.resolved(file).relative_to(self.playbook_root)
        except ValueError:
            return False, None
        parts = relative.parts
        return True, (parts[0] if len(parts) >= 2 else None)

    def kind_for(self, file: Path, document: nodes.document) -> tuple[Kind | None, bool]:
        """The kind to check ``file`` against, and whether it was guessed.

        A loose file (outside the handbook) whose headings match no kind at all is not a
        playbook: the kind is None.
        """
        in_handbook, category = self.handbook_category(file)
        if in_handbook:
            return self.schema.kind_for_category(category), False
        folder = file.parent.name
        for pattern in self.schema.by_folder:
            if fnmatch.fnmatchcase(folder, pattern):
                return self.schema.kind_for_category(folder), False
        kind, score = self.schema.best_kind_for_headings(headings_of(document))
        return (kind if score > 0 else None), True

    def is_suppressed(self, report_type: str) -> bool:
        """As the build decides it (Sphinx's ``is_suppressed_warning``): ``playbook``,
        ``playbook.*`` and ``playbook.<subtype>`` in ``suppress_warnings``."""
        warning_type, _, subtype = report_type.partition(".")
        return is_suppressed_warning(warning_type, subtype, self.suppressed)

    def check_file(self, file: Path, display: str) -> tuple[list[Report], Kind | None, bool]:
        refused = self.unreadable(file)
        if refused:
            return [refused], None, False
        try:
            data = file.read_bytes()
        except OSError as error:
            return problem_reports(display, [Problem("read", f"não foi possível ler o arquivo: {error.strerror}",
                                                     None)]), None, False
        try:
            text = decode(data)
        except SourceError as error:
            return problem_reports(display, [Problem("encoding", error.message, error.line)]), None, False
        document = parse(text, str(file), playbook_policy=self.policy, playbook_source_root=self.policy_root(file))
        violations = guards.enforce(document)
        kind, guessed = self.kind_for(file, document)
        if kind is None and not violations:
            return [], None, True
        if kind is None:  # not a playbook, but its markup breaks the content policy
            reports = [self._violation(display, v) for v in violations]
            return [r for r in reports if not self.is_suppressed(r.type)], None, False
        in_handbook, category = self.handbook_category(file)
        uncategorised = self.conf["playbook_root"] if in_handbook and category is None else None
        # Reply texts as the build reads them (typographic quotes): the rest of the page is
        # not needed so, and is left as written (half the time of the whole page).
        analysis = analyse(document, kind, text.split("\n"), today=self.today,
                           uncategorised_root=uncategorised, grammar=Grammar.from_config(self.conf),
                           prepare_reply=lambda section: smart_quotes.apply(document, self.conf, within=section))
        if self.on_analysis is not None:
            self.on_analysis(file, category, analysis)
        resolve_references(document, self.conf)
        reports = docutils_reports(document, display)
        reports += image_reports(document, file, display, self.source_root)
        reports += [self._violation(display, v) for v in violations]
        self.analyses[self.resolved(file)] = analysis
        if in_handbook:
            self.titles[self.resolved(file)] = (analysis.outline.title, analysis.outline.title_line)
        self.replies[self.resolved(file)] = [
            (t.label, t.text, t.line) for t in analysis.templates if not t.draft
        ]
        reports += problem_reports(display, analysis.problems)
        reports = [r for r in reports if not self.is_suppressed(r.type)]
        reports.sort(key=lambda r: r.line or 0)
        return reports, kind, guessed

    def policy_root(self, file: Path) -> Path:
        """The folder a file may read from: the source folder, or a loose file's own folder."""
        if self.source_root is not None and policy.lexically_inside(file, self.source_root):
            return self.source_root
        return file.parent.resolve()

    def unreadable(self, file: Path) -> Report | None:
        """A file not to read: a link from the source folder to outside it, or too large."""
        in_source = self.source_root is not None and policy.lexically_inside(file, self.source_root)
        found = policy.unreadable(file, self.source_root if in_source else None, self.policy)
        if found is None:
            return None
        rule, message = found
        report = problem_reports(display_path(file), [Problem(policy.SUBTYPE_PREFIX + rule, message, None)])[0]
        return None if self.is_suppressed(report.type) else report

    @staticmethod
    def _violation(display: str, violation: policy.Violation) -> Report:
        path = display_path(Path(violation.source)) if violation.source else display
        return problem_reports(path, [Problem(violation.subtype, violation.message, violation.line)])[0]

    def duplicate_reports(self, checked: dict[Path, str]) -> dict[Path, list[Report]]:
        """Titles that a checked playbook shares with another playbook of the handbook.

        Other playbooks (not checked in this run) are read with a quick title scan.
        """
        reports: dict[Path, list[Report]] = {}
        for ident, problems in self.duplicate_problems(checked).items():
            reports[ident] = [r for r in problem_reports(checked[ident], problems)
                              if not self.is_suppressed(r.type)]
        return reports

    def duplicate_problems(self, checked: dict[Path, str]) -> dict[Path, list[Problem]]:
        """The duplicate title and reply problems of the checked files (resolved path ->
        problems), before ``suppress_warnings`` (see :meth:`duplicate_reports`)."""
        if self.playbook_root is None:
            return {}
        entries = []
        for path, (title, line) in self.titles.items():
            if title is not None and line is not None:
                entries.append(duplicates.Entry(path, self._display_relative(path), title, line))
        if self.playbook_root.is_dir():
            for path in sorted(self.playbook_root.rglob("*.rst")):
                resolved = self.resolved(path)
                if path.name == "index.rst" or resolved in self.titles:
                    continue
                if not resolved.is_relative_to(self.source_root):
                    continue  # a link pointing out of source/ is never read (content policy)
                in_handbook, category = self.handbook_category(path)
                try:
                    text = decode(path.read_bytes())
                except (OSError, SourceError):
                    continue
                found = duplicates.quick_title(text, self.schema.kind_for_category(category))
                if found is not None:
                    entries.append(duplicates.Entry(resolved, self._source_relative(resolved), *found))
        # Replies are compared among the files checked in this run (all playbooks when
        # `make check` runs without FILES); the build compares the whole handbook.
        reply_entries = [
            duplicates.ReplyEntry(path, self._display_relative(path), label, text, line)
            for path, templates in self.replies.items() if path in checked
            for label, text, line in templates
        ]
        found = duplicates.find(entries)
        for ident, problems in duplicates.find_replies(reply_entries).items():
            found.setdefault(ident, []).extend(problems)
        return {ident: problems for ident, problems in found.items() if ident in checked}

    def _display_relative(self, path: Path) -> str:
        try:
            return self._source_relative(path)
        except ValueError:
            return display_path(path)

    def _source_relative(self, path: Path) -> str:
        return path.relative_to(self.source_root).as_posix()


def check_files(checker: Checker, files: list[Path]) -> list[tuple[Path, str, list[Report], Kind | None, bool]]:
    """``(file, display, reports, kind, guessed)`` of each file, as ``make check`` prints them:
    the file's own reports and the titles and replies it shares with others, by line."""
    results = []
    for file in files:
        display = display_path(file)
        if not file.exists():
            results.append((file, display, problem_reports(display, [Problem("read", "arquivo não encontrado", None)]),
                            None, False))
            continue
        results.append((file, display, *checker.check_file(file, display)))
    checked = {checker.resolved(file): display for file, display, _, kind, _ in results if kind is not None}
    repeated = checker.duplicate_reports(checked)
    return [(file, display, sorted(reports + repeated.get(checker.resolved(file), []), key=lambda r: r.line or 0),
             kind, guessed) for file, display, reports, kind, guessed in results]


def map_problems(source: Path, conf, base: str | None = None) -> list[Report]:
    """The redirect map's problems: entries pointing nowhere, and published pages renamed or
    removed since ``base`` (default: the merge base with the main branch) without an entry."""
    map_display = display_path(redirects.map_path(source, conf))
    reports = [Report(map_display, line, registry.level_of(redirects.SUBTYPE), text,
                      registry.get(redirects.SUBTYPE).type)
               for line, text in redirects.check(source, conf)]
    missing = registry.get(redirects.MISSING_SUBTYPE)
    reports += [Report(map_display, line, missing.level, text, missing.type) for line, text in
                redirects.missing_problems(source, conf, redirects.source_docnames(source), base)]
    return reports


def capped(reports: list[Report], limit: int) -> list[Report]:
    """The first ``limit`` reports of each ``playbook.*`` subtype of one file, then one line
    with the total of each subtype over the limit: the build's rule (standard/warning_cap.py)."""
    shown = warning_cap.cap(reports, limit, subtype_of=lambda r: r.type, file_of=lambda r: r.path,
                            counts=lambda r: r.type.startswith(registry.TYPE + "."))
    return [item if isinstance(item, Report) else
            Report(item.location.path, None, registry.level_of(item.subtype), item.message, item.subtype)
            for item in shown]


def collect_files(args_files: list[str], checker: Checker) -> list[Path]:
    if not args_files:
        if checker.playbook_root is None or not checker.playbook_root.is_dir():
            return []
        return sorted(p for p in checker.playbook_root.rglob("*.rst") if p.name != "index.rst")
    files: list[Path] = []
    for name in args_files:
        path = Path(name)
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*.rst") if p.name != "index.rst"))
        else:
            files.append(path)
    return files


def display_path(path: Path) -> str:
    try:
        return os.path.relpath(path)
    except ValueError:
        return str(path)



def open_checker(conf_path: Path, source: Path) -> tuple[dict, Checker] | None:
    """The handbook's configuration and a :class:`Checker` over ``source``, for every writer's
    command; None after saying on stderr why the configuration cannot be used (exit 2)."""
    try:
        conf = load_conf(conf_path)
        return conf, Checker(conf, source)
    except (OSError, SyntaxError, ConfigError, SchemaError, ValueError, policy.PolicyError) as error:
        print(f"{conf_path}: ERROR: configuração inválida: {error}", file=sys.stderr)
        return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="make check",
        description="Verifica se os playbooks seguem o padrão do manual.",
    )
    parser.add_argument("files", nargs="*", help="arquivos ou pastas (padrão: todos os playbooks)")
    parser.add_argument("--conf", default="conf.py", help="conf.py do manual")
    parser.add_argument("--source", default="source", help="pasta de fontes do manual")
    args = parser.parse_args(argv)

    conf_path = Path(args.conf)
    opened = open_checker(conf_path, Path(args.source))
    if opened is None:
        return 2
    conf, checker = opened

    # Before anything is read: a hostile link would make the walk endless or read outside.
    source = Path(args.source)
    refused = refused_links(source) if source.is_dir() else []
    if refused:
        declared = registry.get(LINK_SUBTYPE)
        for found in refused:
            report = Report(display_path(found.link), None, declared.level, found.message(), declared.type)
            print(report.format())
            if in_github_actions():
                print(report.annotation())
        print(f"\n{len(refused)} link(s) simbólico(s) recusado(s) em {display_path(source)}: nada foi verificado.")
        return 1

    files = collect_files(args.files, checker)
    map_reports = [r for r in map_problems(Path(args.source), conf) if not checker.is_suppressed(r.type)]
    if not files and not map_reports:
        print("Nenhum playbook encontrado para verificar.")
        return 0
    total = 0
    failed_files = 0
    results = check_files(checker, files)
    github = in_github_actions()
    for file, display, reports, kind, guessed in results:
        if guessed and kind is None:
            print(f"{display}: não é um playbook de nenhum tipo (nenhuma seção reconhecida); ignorado")
            continue
        if guessed:
            print(f"{display}: verificado como '{kind.label}' ({kind.name})")
        for report in capped(reports, max(int(conf["playbook_max_warnings_per_subtype"]), 0)):
            print(report.format())
            if github:
                print(report.annotation())
        total += len(reports)
        failed_files += bool(reports)
    for report in map_reports:
        print(report.format())
        if github:
            print(report.annotation())
    total, failed_files = total + len(map_reports), failed_files + bool(map_reports)
    if total:
        print(f"\n{total} problema(s) em {failed_files} de {len(files) + bool(map_reports)} arquivo(s).")
        return 1
    print(f"{len(files)} arquivo(s) verificado(s): nenhum problema.")
    return 0

