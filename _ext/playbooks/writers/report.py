"""``make report``: the handbook's content health, in the terminal, as JSON or as CSV.

Each playbook is read and analysed once, by ``make check``'s own reading
(:class:`~.check.Checker`: plain docutils, the one :func:`~playbooks.standard.analysis.analyse`);
its flags come from :func:`playbooks.standard.health.flags`, the function the build's page
"Saúde do manual" and the catalog call on the records.  Duplicate titles and replies are
compared across every playbook of the handbook, as the build compares them.

The terminal form is a table (one row per category and a total row, one column per flag)
followed by the playbooks that need action, worst first.  ``--format json`` prints
``{"playbooks", "totals", "by_category"}``; ``--format csv`` one row per playbook.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
from pathlib import Path

from ..standard import health
from .check import Checker, collect_files, display_path, open_checker
from .terminal import escape_controls

FORMATS = ("table", "json", "csv")
TOTAL = "total"


def health_rows(checker: Checker, files: list[Path]) -> tuple[list[health.Row], dict[str, str], list[str]]:
    """``(rows, {path: display path}, files not read)``: each file analysed once."""
    found: dict[Path, tuple[str | None, object]] = {}

    def keep(file: Path, category: str | None, analysis) -> None:
        found[checker.resolved(file)] = (category, analysis_view(analysis))

    checker.on_analysis = keep
    skipped = []
    checked: dict[Path, str] = {}
    for file in files:
        display = display_path(file)
        reports, kind, _guessed = checker.check_file(file, display)
        resolved = checker.resolved(file)
        if kind is None or resolved not in found:
            skipped.append(display)
            continue
        checked[resolved] = display
    repeated = checker.duplicate_problems(checked)
    rows: list[health.Row] = []
    shown: dict[str, str] = {}
    for resolved, display in checked.items():
        category, view = found[resolved]
        subtypes = {problem.subtype for problem in repeated.get(resolved, [])}
        path = checker._display_relative(resolved)
        shown[path] = display
        rows.append(health.Row(
            path=path,
            title=view["title"],
            category=category or "",
            kind=view["kind"],
            team=view["team"],
            flags=health.flags(view["facts"], today=checker.today,
                               soon_days=checker.conf["playbook_review_soon_days"],
                               duplicate_title="duplicate_title" in subtypes,
                               duplicate_reply="duplicate_reply" in subtypes),
        ))
    rows.sort(key=lambda row: row["path"])
    return rows, shown, skipped


def analysis_view(analysis) -> dict:
    """What the report keeps of an analysis (not the doctree: a thousand of them add up)."""
    title = analysis.metadata.display_title or analysis.outline.title or ""
    return {"title": title, "kind": analysis.kind.name, "team": analysis.metadata.team,
            "facts": health.facts(analysis)}


# --- Output ------------------------------------------------------------------------------


def as_json(rows: list[health.Row]) -> str:
    return json.dumps(health.summary(rows), ensure_ascii=False, indent=2) + "\n"


CSV_COLUMNS = ("path", "title", "category", "kind", "team", *health.NAMES)


def as_csv(rows: list[health.Row]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for row in rows:
        writer.writerow([row["path"], row["title"], row["category"], row["kind"], row["team"] or "",
                         *(int(name in row["flags"]) for name in health.NAMES)])
    return out.getvalue()


def table_lines(rows: list[health.Row]) -> list[str]:
    """The table: one row per category, the total last; one column per flag (the fixed
    names, split over header lines at ``_`` so the table stays narrow)."""
    groups = health.by_group(rows, lambda row: row["category"] or "(sem categoria)")
    body = [(name, figures) for name, figures in groups.items()]
    body.append((TOTAL, {**health.counts(rows), "playbooks": len(rows)}))
    columns = ["playbooks", *health.NAMES]
    heads = [column.split("_") for column in columns]
    depth = max(len(parts) for parts in heads)
    first = max([len("categoria"), *(len(name) for name, _ in body)])
    widths = [max(max(len(part) for part in parts), 3) for parts in heads]
    lines = []
    for level in range(depth):
        cells = []
        for parts, width in zip(heads, widths):
            shift = depth - len(parts)  # the last part on the last header line
            cells.append((parts[level - shift] if level >= shift else "").rjust(width))
        label = "categoria" if level == depth - 1 else ""
        lines.append("  ".join([label.ljust(first), *cells]).rstrip())
    lines.append("  ".join(["-" * first, *("-" * width for width in widths)]))
    for index, (name, figures) in enumerate(body):
        if index == len(body) - 1:
            lines.append("  ".join(["-" * first, *("-" * width for width in widths)]))
        lines.append("  ".join([name.ljust(first), *(str(figures[c]).rjust(w) for c, w in zip(columns, widths))]))
    return lines


def as_table(rows: list[health.Row], shown: dict[str, str]) -> str:
    lines = [f"Saúde do manual: {len(rows)} playbook(s)", ""]
    lines += table_lines(rows)
    lines += ["", "Sinais:"]
    width = max(len(flag.name) for flag in health.FLAGS)
    lines += [f"  {flag.name.ljust(width)}  {flag.label}: {flag.description}" for flag in health.FLAGS]
    flagged = health.worst_first(rows)
    worst = [row for row in flagged if health.needs_action(row)]
    only_info = len(flagged) - len(worst)
    informational = ", ".join(flag.name for flag in health.FLAGS if flag.informational)
    lines.append("")
    if not worst:
        lines.append("Nenhum playbook precisa de ação.")
    else:
        lines.append(f"Playbooks que precisam de ação ({len(worst)}), os piores primeiro:")
        for row in worst:
            lines.append(f"  {shown.get(row['path'], row['path'])}: {', '.join(row['flags'])}")
    if only_info:
        lines.append(f"Fora da lista: {only_info} playbook(s) só com sinal informativo ({informational}).")
    return escape_controls("\n".join(lines)) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="make report",
        description="Mostra a saúde do manual: rascunhos, revisões, equipes e perfis faltando, "
                    "instruções esquecidas, repetições.",
    )
    parser.add_argument("--conf", default="conf.py", help="conf.py do manual")
    parser.add_argument("--source", default="source", help="pasta de fontes do manual")
    parser.add_argument("--format", default="", help="table (padrão), json ou csv")
    args = parser.parse_args(argv)
    output = (args.format or "table").strip().lower()
    if output not in FORMATS:
        print(f"FORMAT={args.format}: formato desconhecido; use {', '.join(FORMATS)}", file=sys.stderr)
        return 2
    conf_path = Path(args.conf)
    opened = open_checker(conf_path, Path(args.source))
    if opened is None:
        return 2
    conf, checker = opened
    problem = health.soon_days_problem(conf.get("playbook_review_soon_days"))
    if problem:
        print(f"{conf_path}: ERROR: configuração inválida: {problem}", file=sys.stderr)
        return 2
    files = collect_files([], checker)
    rows, shown, skipped = health_rows(checker, files)
    for display in skipped:  # not UTF-8, unreadable: make check says why
        print(f"{display}: não foi lido (veja make check); fica fora do relatório", file=sys.stderr)
    if output == "json":
        sys.stdout.write(as_json(rows))
    elif output == "csv":
        sys.stdout.write(as_csv(rows))
    else:
        sys.stdout.write(as_table(rows, shown))
    return 0
