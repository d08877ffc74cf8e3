"""Dates that tell the truth, and where a page comes from.

A page's "Atualizado em" is the author date of the last commit that changed its source
(sphinx-last-updated-by-git); outside a git checkout, or for a file not yet committed, no
date at all, never the build's.  The panel keeps the version date of the title, labelled
as such.  "Sugerir alteração" links a playbook to its source when conf.py has an address.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from workflow import clean_env, make, playbook, project_copy, small_handbook

FOOTER_DATE = re.compile(r"Atualizado em (\d\d/\d\d/\d{4})\.")


def git(project: Path, *args: str, date: str | None = None) -> None:
    env = clean_env(GIT_AUTHOR_NAME="Teste", GIT_AUTHOR_EMAIL="teste@example.invalid",
                    GIT_COMMITTER_NAME="Teste", GIT_COMMITTER_EMAIL="teste@example.invalid")
    if date:
        env.update(GIT_AUTHOR_DATE=date, GIT_COMMITTER_DATE=date)
    subprocess.run(["git", *args], cwd=project, capture_output=True, text=True, env=env, check=True)


def footer_dates(page: Path) -> list[str]:
    return FOOTER_DATE.findall(page.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def git_handbook(tmp_path_factory):
    """A copy of the project in its own git repository: everything committed on 17/05/2023,
    the seed changed again on 20/06/2024; one new playbook staged but not committed and one
    not even added (a writer's files in ``make serve``)."""
    project = project_copy(tmp_path_factory.mktemp("dates"))
    git(project, "init", "-q")
    (project / ".git" / "info" / "exclude").write_text(".venv\n_build/\n", encoding="utf-8")
    git(project, "add", "-A")
    git(project, "commit", "-qm", "manual", date="2023-05-17T10:00:00-03:00")
    seed = project / "source" / "playbooks" / "sei" / "suporte-ao-sei.rst"
    seed.write_text(seed.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    git(project, "commit", "-qam", "seed", date="2024-06-20T23:30:00-03:00")  # 21/06 in UTC
    staged = project / "source" / "playbooks" / "sei" / "novo-preparado.rst"
    staged.write_text(playbook("Novo playbook preparado"), encoding="utf-8")
    git(project, "add", str(staged))
    (project / "source" / "playbooks" / "sei" / "novo-sem-git.rst").write_text(
        playbook("Novo playbook fora do git"), encoding="utf-8")
    return project, make(project, "html", timeout=600)


def test_footer_date_is_the_last_commit_of_the_page(git_handbook):
    project, html = git_handbook
    assert html.returncode == 0, html.stdout[-2000:] + html.stderr
    assert "WARNING" not in html.stderr
    out = project / "_build" / "html"
    assert footer_dates(out / "playbooks" / "sei" / "suporte-ao-sei.html") == ["20/06/2024"]  # São Paulo time
    assert footer_dates(out / "guia" / "index.html") == ["17/05/2023"]


def test_uncommitted_playbooks_build_without_warning_and_show_no_date(git_handbook):
    project, html = git_handbook
    assert html.returncode == 0 and "WARNING" not in html.stderr
    for name in ("novo-preparado", "novo-sem-git"):
        page = (project / "_build" / "html" / "playbooks" / "sei" / f"{name}.html").read_text(encoding="utf-8")
        assert "Novo playbook" in page
        assert "Atualizado em" not in page


def test_outside_git_no_page_shows_a_date(readthedocs_build):
    """The copy Read the Docs' commands ran in is not a git checkout: no dates at all."""
    pages = sorted((readthedocs_build["output"] / "html").rglob("*.html"))
    assert len(pages) >= 5
    for page in pages:
        assert "Atualizado em" not in page.read_text(encoding="utf-8"), page


def test_panel_shows_the_title_date_as_the_version_date(make_app, tmp_path):
    src = small_handbook(tmp_path, {"sei/datado.rst": playbook("2024.08.29-Processo parado no Status 5-V3")})
    app = make_app("html", srcdir=src, freshenv=True)
    app.build()
    page = (Path(app.outdir) / "playbooks" / "sei" / "datado.html").read_text(encoding="utf-8")
    panel = page.split('class="playbook-panel', 1)[1].split("</div>", 1)[0]
    assert re.search(r"Data da versão:</span> <span[^>]*>29/08/2024<", panel)
    assert "Atualizado em" not in page  # neither in the panel nor (no git) in the footer


# --- "Sugerir alteração" ---------------------------------------------------------------------


def test_suggest_a_change_links_each_playbook_to_its_source(make_app, tmp_path):
    src = small_handbook(tmp_path, {"sei/valido.rst": playbook("Playbook válido")}, conf_extra=(
        'html_context = {"source_url": "https://git.example.invalid/pen/manual/", '
        '"source_branch": "principal", "source_dir": "source/"}'))
    app = make_app("html", srcdir=src, freshenv=True)
    app.build()
    out = Path(app.outdir)
    page = (out / "playbooks" / "sei" / "valido.html").read_text(encoding="utf-8")
    assert ('<a class="manual-edit" href="https://git.example.invalid/pen/manual/edit/principal/'
            'source/playbooks/sei/valido.rst">Sugerir alteração</a>') in page
    assert "Sugerir alteração" not in (out / "index.html").read_text(encoding="utf-8")  # playbooks only


def test_no_address_no_link(readthedocs_build):
    page = readthedocs_build["output"] / "html" / "playbooks" / "sei" / "suporte-ao-sei.html"
    assert "Sugerir alteração" not in page.read_text(encoding="utf-8")
