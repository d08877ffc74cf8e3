"""Directives of the writer's guide (``source/guia/``) that keep it true to the checker.

``.. playbook-example::``
    Shows an example playbook and what the checker says about it.  The example is parsed
    and run through the same validation core as the build and ``make check`` (sections,
    review-by date); the option ``:expect:`` states the problems the guide claims it has
    (``playbook.empty_section``..., or ``nenhum``).  When the checker finds anything else,
    the build warns (``playbook.guide_example``), so with ``-W`` the guide cannot drift
    from the checker.  ``:template: Título`` uses what ``make new`` writes instead of a
    body, so the guide shows the real template.

``.. playbook-sections::``
    Lists each kind's sections, in order, with what belongs in each (the same text that
    ``make new`` writes as comments), read from conf.py.
"""

from __future__ import annotations

import copy
import io
from collections import Counter

from docutils import nodes, utils
from docutils.parsers import rst
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from ..collect import output
from ..collect.config import schema_from, today
from ..collect.warnings import emit
from ..replies.grammar import Grammar
from ..standard import docutils_messages, registry
from ..standard.analysis import analyse
from . import check, reply_examples, scaffold


def parse_example(text: str, settings, source: str) -> nodes.document:
    """Parse ``text`` as a separate document whose messages stay inside it."""
    settings = copy.copy(settings)
    settings.report_level = 5
    settings.halt_level = 5
    settings.warning_stream = io.StringIO()
    document = utils.new_document(source, settings)
    rst.Parser().parse(text, document)
    return document


def example_reports(text: str, kind, settings, file: str, on, grammar: Grammar | None = None,
                    replies: list | None = None) -> list[tuple[int | None, str, str, str]]:
    """``(line, level, message, type)`` of the example, as ``make check`` reports them
    (its reply templates are appended to ``replies`` when given)."""
    document = parse_example(text, settings, file)
    lines = text.split("\n")
    # The same reports as `make check` gives for a file (docutils messages, the standard,
    # keyword separators, review dates, reply placeholders).
    analysis = analyse(document, kind, lines, today=on, grammar=grammar)
    if replies is not None:
        replies.extend(analysis.templates)
    found = check.docutils_reports(document, file)
    found += check.problem_reports(file, analysis.problems)
    reports = [(r.line, r.level, r.message, r.type) for r in found]
    reports.sort(key=lambda r: r[0] or 0)
    return reports


def _expected(argument: str) -> list[str]:
    """``playbook.empty_section*7 playbook.title`` -> the list of types (``nenhum``: none)."""
    words = argument.replace(",", " ").split()
    if words in (["nenhum"], ["none"]):
        return []
    found = []
    for word in words:
        name, _, count = word.partition("*")
        found.extend([name] * (int(count) if count.isdigit() else 1))
    return found


class PlaybookExample(SphinxDirective):
    has_content = True
    option_spec = {
        "category": directives.unchanged,
        "expect": directives.unchanged_required,
        "file": directives.unchanged,
        "template": directives.unchanged,
        # the field names of each template (``a; b | c``): the page preview is shown
        "fields": directives.unchanged,
    }

    def run(self) -> list[nodes.Node]:
        config = self.config
        schema = schema_from(config)
        category = self.options.get("category") or None
        kind = schema.kind_for_category(category)
        file = self.options.get("file") or "exemplo.rst"
        if "expect" not in self.options:
            return [self.state.document.reporter.error(
                "playbook-example precisa da opção :expect: (os problemas esperados, ou 'nenhum')",
                line=self.lineno)]
        if "template" in self.options:
            text = scaffold.render(kind, self.options["template"].strip() or "Título do playbook")
        else:
            text = "\n".join(self.content) + "\n"
        templates: list = []
        reports = example_reports(text, kind, self.state.document.settings, file, today(config),
                                  Grammar.from_config(config), templates)
        found = [r[3] for r in reports]
        expected = _expected(self.options["expect"])
        if "fields" in self.options:
            claimed = reply_examples.expected_fields(self.options["fields"])
            actual = reply_examples.field_names(templates)
            if claimed != actual:
                emit("guide_example",
                     f"o exemplo do guia diz que as respostas têm os campos {reply_examples.describe(claimed)}, "
                     f"mas o verificador encontra {reply_examples.describe(actual)}; corrija o exemplo",
                     (self.env.docname, self.lineno))
        if Counter(found) != Counter(expected):
            emit("guide_example",
                 f"o exemplo do guia diz que o verificador encontra {_describe(expected)}, mas ele "
                 f"encontra {_describe(found)}; corrija o exemplo (ou o verificador)",
                 (self.env.docname, self.lineno))
        source = nodes.literal_block(text, text, language="rst", classes=["playbook-example"])
        self.set_source_info(source)
        lines = [
            f"{file}:{line}: {level}: {message} [{kind_}]" if line else f"{file}: {level}: {message} [{kind_}]"
            for line, level, message, kind_ in reports
        ]
        output = "\n".join(lines) if lines else f"{file}: nenhum problema."
        label = nodes.paragraph()
        label += nodes.Text("O que ")
        label += nodes.literal("make check", "make check")
        label += nodes.Text(" diz deste exemplo:")
        result = nodes.literal_block(output, output, language="text", classes=["playbook-example-output"])
        self.set_source_info(result)
        if "fields" in self.options:
            return [source, label, result, *reply_examples.preview(templates)]
        return [source, label, result]


def _describe(types: list[str]) -> str:
    if not types:
        return "nenhum problema"
    counts = Counter(types)
    return ", ".join(f"{t} ×{n}" if n > 1 else t for t, n in sorted(counts.items()))


class PlaybookSections(SphinxDirective):
    """Each kind's sections and what belongs in them, from conf.py."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        schema = schema_from(self.config)
        result: list[nodes.Node] = []
        for kind in schema.kinds.values():
            folders = sorted(p for p, k in schema.by_folder.items() if k == kind.name)
            where = (f"pastas {', '.join(folders)}" if folders else
                     ("as demais pastas" if kind.name == schema.default else "nenhuma pasta"))
            heading = nodes.paragraph()
            heading += nodes.strong(kind.label, kind.label)
            heading += nodes.Text(f" (tipo {kind.name}; {where}). Seções, nesta ordem:")
            result.append(heading)
            items = nodes.enumerated_list(enumtype="arabic", prefix="", suffix=".")
            for name in kind.sections:
                items += self._item(kind, name, kind.reply == name)
            result.append(items)
            if kind.optional:
                extra = nodes.paragraph()
                extra += nodes.Text("Opcional: ")
                for position, name in enumerate(kind.optional):
                    if position:
                        extra += nodes.Text(", ")
                    extra += nodes.strong(name, name)
                    extra += nodes.Text(f" ({scaffold.hint_for(kind, name)})")
                result.append(extra)
        return result

    @staticmethod
    def _item(kind, name: str, is_reply: bool) -> nodes.list_item:
        item = nodes.list_item()
        paragraph = nodes.paragraph()
        paragraph += nodes.strong(name, name)
        if is_reply:
            paragraph += nodes.Text(" (a resposta ao chamado)")
        paragraph += nodes.Text(f": {scaffold.hint_for(kind, name)}")
        item += paragraph
        return item


GUIDE = "guia/index"


def _inline_code(text: str) -> list[nodes.Node]:
    """A registry description (Markdown-style ```código```) as docutils inline nodes."""
    found: list[nodes.Node] = []
    for position, part in enumerate(text.replace("\\|", "|").split("`")):
        if part:
            found.append(nodes.literal(part, part) if position % 2 else nodes.Text(part))
    return found


class PlaybookWarnings(SphinxDirective):
    """Every warning subtype the checker and the build report, from the registry."""

    has_content = False
    HEADER = ("Aviso", "Gravidade", "Problema", "make import corrige")
    WIDTHS = (35, 13, 37, 15)

    def run(self) -> list[nodes.Node]:
        # Given widths (colwidths-given), for LaTeX: the subtype's name, in a monospace font
        # that does not break, fits its column, and each header fits its own.
        table = nodes.table(classes=["playbook-warnings", "colwidths-given"])
        group = nodes.tgroup(cols=len(self.HEADER))
        table += group
        for width in self.WIDTHS:
            group += nodes.colspec(colwidth=width)
        group += nodes.thead("", self._row([[nodes.Text(h)] for h in self.HEADER]))
        body = nodes.tbody()
        for subtype in registry.SUBTYPES.values():
            body += self._row([
                [nodes.literal(subtype.type, subtype.type)],
                [nodes.Text("erro" if subtype.severity == "error" else "aviso")],
                _inline_code(subtype.description),
                [nodes.Text("sim" if subtype.import_fixes else "não")],
            ])
        group += body
        return [table]

    @staticmethod
    def _row(cells: list[list[nodes.Node]]) -> nodes.row:
        row = nodes.row()
        for content in cells:
            entry = nodes.entry()
            entry += nodes.paragraph("", "", *content)
            row += entry
        return row


class DocutilsMessages(SphinxDirective):
    """The reStructuredText errors the build and ``make check`` explain in Portuguese
    (standard/docutils_messages.py): docutils' words, then what to do."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        items = nodes.definition_list(classes=["playbook-docutils-messages"])
        for item in docutils_messages.EXPLAINED:
            explained = docutils_messages.explain(item.example)
            advice = explained[:explained.rindex(" (docutils: ")]
            # as the terminal shows it: no typographic quotes or dashes ("+---+", "...")
            said = nodes.paragraph(advice, advice, support_smartquotes=False)
            items += nodes.definition_list_item(
                "", nodes.term("", "", nodes.literal(item.example, item.example)), nodes.definition("", said))
        return [items]


def setup(app: Sphinx) -> None:
    app.add_directive("playbook-docutils-messages", DocutilsMessages)
    app.add_directive("playbook-example", PlaybookExample)
    app.add_directive("playbook-sections", PlaybookSections)
    app.add_directive("playbook-warnings", PlaybookWarnings)
    output.add_nav_link(app, GUIDE, "Guia de redação")
    output.add_assets(app, css=("playbooks-guide.css",))
