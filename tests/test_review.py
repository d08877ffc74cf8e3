"""Review-by dates (``:revisar-em:``) with a fixed "today": banner, warning, error, record."""

from __future__ import annotations

import datetime
import re

import pytest
from conftest import normalized_warnings
from workflow import checker_output, playbook, small_handbook

from playbooks.collect import collector
from playbooks.standard import review
from playbooks.collect.records import get_records

WARN = re.compile(r"^(?:<srcdir>/)?(?P<path>playbooks/\S+?):(?P<line>\d+): (?P<level>WARNING|ERROR): "
                  r"(?P<msg>.*) \[(?P<type>playbook\.review_\w+)\]$", re.M)

FILES = {
    "sei/temporario.rst": playbook("Situação temporária", ":revisar-em: 2026-12-31\n\n"),
    "sei/data-brasileira.rst": playbook("Data brasileira", ":revisar-em: 31/12/2026\n\n"),
    "sei/data-inexistente.rst": playbook("Data inexistente", ":revisar-em: 2026-02-30\n\n"),
    "sei/depois-do-titulo.rst": playbook("Campo depois do título").replace(
        "=\n\nSituação", "=\n\n:revisar-em: 2026-06-30\n\nSituação", 1),
    "sei/sem-data.rst": playbook("Sem data de revisão"),
}


def build(make_app, tmp_path, today: str, files=FILES, **conf):
    src = small_handbook(tmp_path, files, f"playbook_today = {today!r}")
    app = make_app("html", srcdir=src, freshenv=True, confoverrides=conf)
    app.build()
    return src, app


def found(text: str) -> set[tuple[str, int, str, str]]:
    return {(m["path"], int(m["line"]), m["level"], m["type"]) for m in WARN.finditer(text)}


def page(app, name: str) -> str:
    return (app.outdir / "playbooks" / "sei" / f"{name}.html").read_text(encoding="utf-8")


def test_on_the_date_nothing_happens(make_app, tmp_path):
    _, app = build(make_app, tmp_path, "2026-06-30")
    warnings = normalized_warnings(app)
    assert found(warnings) == {
        ("playbooks/sei/data-brasileira.rst", 1, "ERROR", "playbook.review_date"),
        ("playbooks/sei/data-inexistente.rst", 1, "ERROR", "playbook.review_date"),
    }
    assert "playbook-review-due" not in page(app, "temporario")
    assert "playbook-review-due" not in page(app, "depois-do-titulo")
    records = get_records(app.env)
    assert records["playbooks/sei/temporario"]["review_by"] == "2026-12-31"
    assert records["playbooks/sei/depois-do-titulo"]["review_by"] == "2026-06-30"
    assert records["playbooks/sei/sem-data"]["review_by"] is None
    assert records["playbooks/sei/data-brasileira"]["review_by"] is None


def test_past_the_date_the_page_shows_a_banner_and_the_build_warns(make_app, tmp_path):
    _, app = build(make_app, tmp_path, "2027-01-01")
    warnings = normalized_warnings(app)
    assert found(warnings) == {
        ("playbooks/sei/temporario.rst", 1, "WARNING", "playbook.review_due"),
        ("playbooks/sei/depois-do-titulo.rst", 4, "WARNING", "playbook.review_due"),
        ("playbooks/sei/data-brasileira.rst", 1, "ERROR", "playbook.review_date"),
        ("playbooks/sei/data-inexistente.rst", 1, "ERROR", "playbook.review_date"),
    }
    assert "a data de revisão deste playbook (2026-12-31) já passou" in warnings
    html = page(app, "temporario")
    banner = html.split('class="playbook-review-due', 1)[1].split("</div>", 1)[0]
    assert "Revisão vencida" in banner and "31/12/2026" in banner
    # the banner is under the title, before the first section
    assert html.index("<h1>") < html.index("playbook-review-due") < html.index('id="situacao"')
    assert "playbook-review-due" not in page(app, "sem-data")
    assert "playbooks-review.css" in html
    assert (app.outdir / "_static" / "playbooks-review.css").is_file()


def test_malformed_dates_say_how_to_write_them(make_app, tmp_path):
    _, app = build(make_app, tmp_path, "2026-01-01")
    warnings = normalized_warnings(app)
    assert ("a data '31/12/2026' em :revisar-em: não está no formato AAAA-MM-DD (por exemplo 2026-12-31); "
            "escreva :revisar-em: 2026-12-31 [playbook.review_date]") in warnings
    assert "a data '2026-02-30' em :revisar-em: não existe no calendário" in warnings


def test_the_checker_reports_the_same(tmp_path):
    src = small_handbook(tmp_path, FILES, "playbook_today = '2027-01-01'")
    result = checker_output(src)
    assert result.returncode == 1
    assert found(result.stdout) == {
        ("playbooks/sei/temporario.rst", 1, "WARNING", "playbook.review_due"),
        ("playbooks/sei/depois-do-titulo.rst", 4, "WARNING", "playbook.review_due"),
        ("playbooks/sei/data-brasileira.rst", 1, "ERROR", "playbook.review_date"),
        ("playbooks/sei/data-inexistente.rst", 1, "ERROR", "playbook.review_date"),
    }
    ok = checker_output(small_handbook(tmp_path / "ok", {"sei/temporario.rst": FILES["sei/temporario.rst"]},
                                       "playbook_today = '2026-12-31'"))
    assert ok.returncode == 0, ok.stdout


def test_build_and_checker_messages_match(make_app, tmp_path):
    src, app = build(make_app, tmp_path, "2027-01-01")
    from_build = {(m["path"], m["line"], m["msg"]) for m in WARN.finditer(normalized_warnings(app))}
    from_checker = {(m["path"], m["line"], m["msg"]) for m in WARN.finditer(checker_output(src).stdout)}
    assert from_build == from_checker and len(from_build) == 4


def test_review_warnings_can_be_suppressed(make_app, tmp_path):
    _, app = build(make_app, tmp_path, "2027-01-01", suppress_warnings=["playbook.review_due"])
    warnings = normalized_warnings(app)
    assert "review_due" not in warnings and "[playbook.review_date]" in warnings
    assert "playbook-review-due" in page(app, "temporario")  # the page still says it


def test_an_unchanged_page_is_read_again_when_its_date_passes(make_app, tmp_path, monkeypatch):
    """The real date moves on between two builds: the page gets its banner without edits."""
    files = {"sei/temporario.rst": FILES["sei/temporario.rst"], "sei/sem-data.rst": FILES["sei/sem-data.rst"]}
    src = small_handbook(tmp_path, files)
    monkeypatch.setattr(collector, "today", lambda config: datetime.date(2026, 12, 31))
    first = make_app("html", srcdir=src, freshenv=True)
    first.build()
    assert "playbook-review-due" not in page(first, "temporario")
    monkeypatch.setattr(collector, "today", lambda config: datetime.date(2027, 1, 1))
    second = make_app("html", srcdir=src)  # same environment, nothing edited
    second.build()
    assert found(normalized_warnings(second)) == {("playbooks/sei/temporario.rst", 1, "WARNING", "playbook.review_due")}
    assert "playbook-review-due" in page(second, "temporario")
    assert get_records(second.env)["playbooks/sei/temporario"]["review_due"] is True


@pytest.mark.parametrize("value, ok", [
    ("2026-12-31", True), ("2026-1-31", False), ("31/12/2026", False), ("amanhã", False), ("", False),
    ("2026-13-01", False),
])
def test_parse_date(value, ok):
    date, error = review.parse_date(value)
    assert (date is not None) == ok and (error is None) == ok
