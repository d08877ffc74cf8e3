"""``make review [BASE=<git ref>]``: what a change does for the agents, in Markdown.

Compares the working tree with BASE (default: the merge base with ``origin/main``, or with
``main`` when that remote is absent) through git (``files/published.py``), and for each
playbook added, changed, removed or renamed (``git diff -M``) prints:

- its title, category and kind, and the changes of title and keywords (what search finds);
- the problems ``make check`` reports for it, with file and line;
- for each reply template whose copied text changed, a unified diff of the ``text/plain``
  an agent copies (fields as written, the greeting unresolved); a new template whole, a
  removed one named.

Then the redirect map's problems, among them a published page renamed or removed with no
entry in ``source/redirects.json`` (``playbook.redirect_missing``).  Under GitHub Actions the
Markdown is also appended to ``$GITHUB_STEP_SUMMARY``.  Exit status 1 exactly when ``make
check`` on the changed playbooks would fail; 2 when there is no base to compare with.

Every judgement is ``make check``'s own (:mod:`.check`: the same analysis, the same reports);
the earlier version of a file is read from git and analysed the same way.
"""

from __future__ import annotations

import argparse
import difflib
import os
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ..collect import config
from ..files import published
from . import check


@dataclass
class Side:
    """One version of a playbook: where it is and what the analysis found."""

    relative: str  # path relative to the source folder
    analysis: object | None  # standard.analysis.Analysis
    category: str | None


def _docname(relative: str) -> str:
    return relative[:-len(".rst")] if relative.endswith(".rst") else relative


def _category(relative: str, conf) -> str | None:
    return config.playbook_category(conf, _docname(relative))


def is_playbook(relative: str | None, conf) -> bool:
    """The build's rule (collect.config.is_playbook), on a path relative to the source."""
    return relative is not None and relative.endswith(".rst") and config.is_playbook(conf, _docname(relative))


def _templates(analysis) -> dict[str, str]:
    """Each reply template's copied text (``text/plain``), keyed by its label (or its
    position among the unlabelled ones)."""
    found: dict[str, str] = {}
    unlabelled = 0
    for template in analysis.templates if analysis else []:
        if template.label:
            key = template.label
        else:
            unlabelled += 1
            key = f"Modelo {unlabelled}"
        while key in found:
            key += " (outro)"
        found[key] = "" if template.draft else template.text
    return found


def _fence(text: str, language: str = "") -> str:
    fence = "~~~~" if "```" in text else "```"
    return f"{fence}{language}\n{text.rstrip()}\n{fence}"


def _title(analysis) -> str | None:
    return analysis.metadata.display_title if analysis else None


def _keywords(analysis) -> list[str]:
    return list(analysis.metadata.keywords) if analysis else []


def _label(conf, category: str | None) -> str:
    if category is None:
        return "—"
    name = (conf.get("playbook_categories") or {}).get(category, category)
    return f"{name} (`{category}`)"


def playbook_section(status: str, before: Side | None, after: Side | None, reports: list[check.Report],
                     conf, source_display: str) -> list[str]:
    current = after or before
    analysis = current.analysis
    path = f"{source_display}/{current.relative}"
    heading = {"added": "Novo", "modified": "Alterado", "removed": "Removido", "renamed": "Renomeado"}[status]
    lines = [f"### {heading}: `{path}`" + (f" (antes `{source_display}/{before.relative}`)"
                                              if status == "renamed" else "")]
    lines.append("")
    title = _title(analysis) or "(sem título)"
    kind = f"{analysis.kind.label} (`{analysis.kind.name}`)" if analysis else "—"
    lines.append(f"- **Título:** {title}")
    lines.append(f"- **Categoria:** {_label(conf, current.category)} · **Tipo:** {kind}")
    old_title = _title(before.analysis) if before else None
    if before and after and old_title != _title(after.analysis):
        lines.append(f"- **Título mudou:** antes “{old_title}”, agora “{_title(after.analysis)}”")
    old_keywords, new_keywords = (_keywords(before.analysis) if before else []), (_keywords(after.analysis)
                                                                                 if after else [])
    if status == "added":
        lines.append(f"- **Palavras-chave:** {'; '.join(new_keywords) or '(nenhuma)'}")
    elif after and before and old_keywords != new_keywords:
        gained = [k for k in new_keywords if k not in old_keywords]
        lost = [k for k in old_keywords if k not in new_keywords]
        change = "; ".join([f"+ {k}" for k in gained] + [f"− {k}" for k in lost]) or "mesma lista, outra ordem"
        lines.append(f"- **Palavras-chave mudaram:** {change} (agora: {'; '.join(new_keywords) or 'nenhuma'})")
    if after is not None:
        if reports:
            lines.append(f"- **Problemas (`make check`):** {len(reports)}")
            lines += [f"  - `{r.path}{':' + str(r.line) if r.line else ''}`: {r.message} `[{r.type}]`"
                      for r in reports]
        else:
            lines.append("- **Problemas (`make check`):** nenhum")
    lines.append("")
    old_replies = _templates(before.analysis) if before else {}
    new_replies = _templates(after.analysis) if after else {}
    if status == "removed":
        return lines
    for key, text in new_replies.items():
        if key not in old_replies:
            lines += [f"#### Resposta nova: {key}", "", _fence(text or "(em construção)", "text"), ""]
        elif old_replies[key] != text:
            diff = difflib.unified_diff(old_replies[key].splitlines(), text.splitlines(), "antes", "depois",
                                        lineterm="")
            lines += [f"#### Resposta alterada: {key} (texto copiado)", "", _fence("\n".join(diff), "diff"), ""]
    for key in old_replies:
        if key not in new_replies:
            lines += [f"- Resposta removida: **{key}**", ""]
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="make review",
                                     description="O que a mudança faz para os atendentes (Markdown).")
    parser.add_argument("--conf", default="conf.py", help="conf.py do manual")
    parser.add_argument("--source", default="source", help="pasta de fontes do manual")
    parser.add_argument("--base", default="", help="commit de comparação (padrão: a base comum com origin/main "
                                                   "ou main)")
    args = parser.parse_args(argv)

    source = Path(args.source)
    root = published.repo_root(source)
    if root is None:
        print(f"make review: ERRO: {source} não está num repositório git", file=sys.stderr)
        return 2
    base_name = args.base or None
    base = published.resolve(root, args.base) if args.base else published.default_base(root)
    if base is None:
        wanted = f"'{args.base}' não é um commit deste repositório" if args.base else \
            "sem origin/main nem main para comparar"
        print(f"make review: ERRO: {wanted}; informe BASE=<ref do git>", file=sys.stderr)
        return 2
    conf_path = Path(args.conf)
    opened = check.open_checker(conf_path, source)
    if opened is None:
        return 2
    conf, checker = opened
    refused = check.refused_links(source)
    if refused:  # as make check: nothing is read
        for found in refused:
            print(f"{check.display_path(found.link)}: ERROR: {found.message()} [playbook.symlink]", file=sys.stderr)
        return 1

    changes = [c for c in published.changes(source, base) if is_playbook(c.new, conf) or is_playbook(c.old, conf)]
    # After: make check on the changed playbooks, exactly as `make check FILES=...` runs it.
    changed_files = [source / c.new for c in changes if c.new is not None and is_playbook(c.new, conf)]
    results = {file: (reports, kind) for file, _, reports, kind, _ in check.check_files(checker, changed_files)}
    map_reports = [r for r in check.map_problems(source, conf, base) if not checker.is_suppressed(r.type)]
    # Before: each earlier version, from git, analysed the same way in a copy of its folder.
    with tempfile.TemporaryDirectory(prefix="make-review-") as temporary:
        old_source = Path(temporary) / "source"
        old_checker = check.Checker(conf, old_source)
        before: dict[str, Side] = {}
        for change in changes:
            if change.old is None or not is_playbook(change.old, conf):
                continue
            data = published.show(source, base, change.old)
            if data is None:
                continue
            path = old_source / change.old
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
            old_checker.check_file(path, change.old)
            before[change.old] = Side(change.old, old_checker.analyses.get(old_checker.resolved(path)),
                                      _category(change.old, conf))

    source_display = check.display_path(source)
    failing = sum(len(reports) for reports, kind in results.values()) + len(map_reports)
    short = base[:12]
    label = f"`{base_name}` (`{short}`)" if base_name else f"`{short}` (base comum com o ramo principal)"
    out = ["## Revisão: o que muda para os atendentes", "",
           f"Comparado com {label}: {len(changes)} playbook(s) novo(s), alterado(s), removido(s) ou renomeado(s).",
           ""]
    for change in changes:
        old = before.get(change.old) if change.old else None
        after = None
        if change.new is not None and is_playbook(change.new, conf):
            file = source / change.new
            analysis = checker.analyses.get(checker.resolved(file))
            after = Side(change.new, analysis, _category(change.new, conf))
        if old is None and after is None:
            continue
        status = change.status
        if old is None and after is not None:
            status = "added"  # new, or moved in from outside the playbooks
        elif after is None:
            status = "removed"  # removed, or moved out of the playbooks
        reports = results.get(source / change.new, ([], None))[0] if after else []
        out += playbook_section(status, old, after, reports, conf, source_display)
    if map_reports:
        out += ["### Redirecionamentos", ""]
        out += [f"- `{r.path}{':' + str(r.line) if r.line else ''}`: {r.message} `[{r.type}]`" for r in map_reports]
        out.append("")
    if failing:
        out.append(f"**`make check` falha:** {failing} problema(s) nos playbooks alterados e no mapa de "
                   "redirecionamentos.")
    else:
        out.append("Nenhum problema: `make check` passa nos playbooks alterados.")
    markdown = "\n".join(out) + "\n"
    sys.stdout.write(markdown)
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary and check.in_github_actions():
        with open(summary, "a", encoding="utf-8") as handle:
            handle.write(markdown)
    return 1 if failing else 0
