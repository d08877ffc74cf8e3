"""``make review``: what a change does for the agents, compared with the main branch in git.

The review lists each playbook added, changed, removed or renamed with its title, category,
kind and ``make check``'s problems; a unified diff of each reply's copied text; the changes
of title and keywords; a published page renamed or removed without a redirect
(``playbook.redirect_missing``, the same rule in ``make check`` and the build).  Its exit
status is ``make check``'s on the changed playbooks.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import PEN_WIKI, PROJECT, normalized_warnings
from workflow import clean_env, make, playbook, project_copy

SEED_PAGE = Path("source/playbooks/sei/suporte-ao-sei.rst")
SEED_SENTENCE = "Agradecemos sua compreensão e cooperação durante esse período."


def git(repo: Path, *args: str) -> str:
    env = clean_env(GIT_AUTHOR_NAME="Teste", GIT_AUTHOR_EMAIL="t@example.invalid", GIT_COMMITTER_NAME="Teste",
                    GIT_COMMITTER_EMAIL="t@example.invalid")
    return subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, check=True, env=env).stdout


def committed_copy(tmp_path: Path) -> Path:
    """The project in a new git repository, all of it committed on ``main``."""
    project = project_copy(tmp_path)
    git(project, "init", "-q", "-b", "main")
    (project / ".git" / "info" / "exclude").write_text(".venv\n_build/\n", encoding="utf-8")
    git(project, "add", "-A")
    git(project, "commit", "-qm", "publicado")
    return project


def review(project: Path, *args: str, **env: str) -> subprocess.CompletedProcess:
    """``python -m playbooks review`` as ``make review`` runs it (its own exit status)."""
    return subprocess.run(
        [sys.executable, "-m", "playbooks", "review", "--conf", "conf.py", "--source", "source", *args],
        cwd=project, capture_output=True, text=True, env={**clean_env(**env), "PYTHONPATH": str(PROJECT / "_ext")})


def check_exit(project: Path, *files: str) -> int:
    return subprocess.run(
        [sys.executable, "-m", "playbooks", "check", "--conf", "conf.py", "--source", "source", *files],
        cwd=project, capture_output=True, text=True, env={**clean_env(), "PYTHONPATH": str(PROJECT / "_ext")},
    ).returncode


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_changed_reply_shows_as_a_diff_of_the_copied_text(tmp_path):
    project = committed_copy(tmp_path)
    edit(project / SEED_PAGE, SEED_SENTENCE, "Agradecemos a compreensão de todos.")
    result = review(project)
    assert result.returncode == 0, result.stdout + result.stderr
    out = result.stdout
    assert out.startswith("## Revisão: o que muda para os atendentes\n")
    assert f"### Alterado: `{SEED_PAGE}`" in out
    assert "- **Título:** Suporte ao SEI" in out
    assert "- **Categoria:** SEI (`sei`) · **Tipo:** Script de atendimento (`script`)" in out
    assert "- **Problemas (`make check`):** nenhum" in out
    diff = out.split("```diff\n", 1)[1].split("```", 1)[0]
    assert diff.startswith("--- antes\n+++ depois\n@@ ")
    assert f"-{SEED_SENTENCE}\n+Agradecemos a compreensão de todos.\n" in diff
    # the text an agent copies: fields as written, the greeting unresolved (unchanged lines around)
    assert "Nenhum problema: `make check` passa" in out


def test_titles_keywords_new_and_removed_templates_and_problems(tmp_path):
    project = committed_copy(tmp_path)
    seed = project / SEED_PAGE
    edit(seed, "Suporte ao SEI\n===============\n", "Suporte ao SEI do TRF4\n======================\n")
    # a second template, labelled, after the first
    edit(seed, "Atribuições e responsabilidades", "**Modelo de resposta para o Órgão**\n\nPrezado(a) [nome do "
         "órgão], o suporte passou ao TRF4.\n\nAtribuições e responsabilidades")
    # a new playbook with a problem (no Referências section)
    new = project / "source" / "playbooks" / "sei" / "novo.rst"
    new.write_text(playbook("Novo script do SEI").split("Referências")[0], encoding="utf-8")
    git(project, "add", "-A")
    result = review(project)
    out = result.stdout
    assert "Suporte ao SEI do TRF4" in out and "- **Título mudou:** antes “Suporte ao SEI”" in out
    assert "#### Resposta nova: Modelo de resposta para o Órgão\n\n```text\nPrezado(a) [nome do órgão], " in out
    assert "### Novo: `source/playbooks/sei/novo.rst`" in out
    problem = re.search(r"  - `source/playbooks/sei/novo\.rst:(\d+)`: falta a seção obrigatória 'Referências'.* "
                        r"`\[playbook\.missing_section\]`$", out, re.M)
    assert problem, out
    # exit status: make check's on the changed playbooks (it fails on novo.rst)
    assert result.returncode == 1 == check_exit(project, str(SEED_PAGE), "source/playbooks/sei/novo.rst")
    assert out.rstrip().endswith("nos playbooks alterados e no mapa de redirecionamentos.")
    # keywords
    git(project, "commit", "-qm", "mais")
    edit(seed, "Suporte; Dúvida; Informação; Erro", "Suporte; Dúvida; Informação; Erro; TRF4")
    out = review(project, "--base", "HEAD").stdout
    assert "- **Palavras-chave mudaram:** + TRF4" in out
    # a removed template is named
    edit(seed, "**Modelo de resposta para o Órgão**\n\nPrezado(a) [nome do órgão], o suporte passou ao TRF4.\n\n", "")
    assert "- Resposta removida: **Modelo de resposta para o Órgão**" in review(project, "--base", "HEAD").stdout


def test_a_playbook_directly_in_the_root_is_reviewed_as_make_check_checks_it(tmp_path):
    """The build and ``make check`` take every file under ``playbooks/`` but index pages as a
    playbook, with no category folder too: ``make review`` uses the same rule, and so the
    same exit status."""
    project = committed_copy(tmp_path)
    loose = project / "source" / "playbooks" / "novo.rst"
    loose.write_text(playbook("Novo sem categoria").split("Referências")[0], encoding="utf-8")
    git(project, "add", "-A")
    result = review(project)
    assert "### Novo: `source/playbooks/novo.rst`" in result.stdout, result.stdout + result.stderr
    assert "[playbook.missing_section]" in result.stdout
    assert result.returncode == 1 == check_exit(project, "source/playbooks/novo.rst")
    # complete, it still fails make check (no category folder), and so the review
    loose.write_text(playbook("Novo sem categoria"), encoding="utf-8")
    result = review(project)
    assert "`[playbook.category]`" in result.stdout and "[playbook.missing_section]" not in result.stdout
    assert result.returncode == 1 == check_exit(project, "source/playbooks/novo.rst")
    # moved into a category, both pass
    git(project, "mv", "-f", "source/playbooks/novo.rst", "source/playbooks/sei/novo.rst")
    result = review(project)
    assert "### Novo: `source/playbooks/sei/novo.rst`" in result.stdout
    assert result.returncode == 0 == check_exit(project, "source/playbooks/sei/novo.rst"), result.stdout


def test_a_page_renamed_without_a_redirect_is_a_problem_in_review_check_and_build(tmp_path):
    project = committed_copy(tmp_path)
    git(project, "mv", str(SEED_PAGE), "source/playbooks/sei/suporte-sei.rst")
    message = ("a página publicada 'playbooks/sei/suporte-ao-sei' foi renomeada para 'playbooks/sei/suporte-sei' "
               "sem entrada em redirects.json")
    out = review(project)
    assert out.returncode == 1
    assert "### Renomeado: `source/playbooks/sei/suporte-sei.rst` (antes `source/playbooks/sei/suporte-ao-sei.rst`)" \
        in out.stdout
    assert re.search(r"- `source/redirects\.json:\d+`: " + re.escape(message), out.stdout), out.stdout
    assert '"playbooks/sei/suporte-ao-sei": "playbooks/sei/suporte-sei"' in out.stdout
    checked = make(project, "check")
    assert checked.returncode != 0
    line = re.search(r"^source/redirects\.json:(\d+): ERROR: " + re.escape(message) + r".*\[playbook\.redirect_missing\]$",
                     checked.stdout, re.M)
    assert line, checked.stdout
    built = make(project, "html", timeout=600)
    assert built.returncode != 0
    assert (f"source/redirects.json:{line[1]}: ERROR: {message}" in built.stderr.replace(str(project) + "/", "")), \
        built.stderr[-2000:]
    # with the entry in the map: no problem anywhere
    map_file = project / "source" / "redirects.json"
    mapping = json.loads(map_file.read_text(encoding="utf-8")) if map_file.exists() else {}
    mapping["playbooks/sei/suporte-ao-sei"] = "playbooks/sei/suporte-sei"
    (project / "source" / "redirects.json").write_text(json.dumps(mapping, indent=2) + "\n", encoding="utf-8")
    assert review(project).returncode == 0
    assert make(project, "check").returncode == 0
    # the new page removed as well: the entry now points nowhere, for review and check alike
    git(project, "rm", "-qf", "source/playbooks/sei/suporte-sei.rst")
    gone = review(project)
    assert gone.returncode == 1 and "[playbook.redirect_target]" in gone.stdout
    assert "[playbook.redirect_target]" in make(project, "check").stdout


def test_a_removed_page_without_an_entry(tmp_path):
    project = committed_copy(tmp_path)
    git(project, "rm", "-q", str(SEED_PAGE))
    result = review(project)
    assert result.returncode == 1
    assert "### Removido: `source/playbooks/sei/suporte-ao-sei.rst`" in result.stdout
    assert "a página publicada 'playbooks/sei/suporte-ao-sei' foi removida sem entrada em redirects.json" \
        in result.stdout


def test_base_default_origin_main_then_main_and_errors(tmp_path):
    project = committed_copy(tmp_path)
    first = git(project, "rev-parse", "HEAD").strip()
    edit(project / SEED_PAGE, SEED_SENTENCE, "Outra frase.")
    git(project, "commit", "-qam", "mudança")
    # no origin: main itself (the branch is main: nothing differs from its merge base)
    assert "0 playbook(s)" in review(project).stdout
    # origin/main at the first commit: the change shows
    git(project, "update-ref", "refs/remotes/origin/main", first)
    assert f"Comparado com `{first[:12]}` (base comum com o ramo principal): 1 playbook(s)" in review(project).stdout
    assert "1 playbook(s)" in review(project, "--base", "HEAD~1").stdout
    wrong = review(project, "--base", "nao-existe")
    assert wrong.returncode == 2 and "'nao-existe' não é um commit deste repositório" in wrong.stderr


def test_github_actions_get_the_review_in_the_step_summary(tmp_path):
    project = committed_copy(tmp_path)
    edit(project / SEED_PAGE, SEED_SENTENCE, "Outra frase.")
    summary = tmp_path / "summary.md"
    summary.write_text("# antes\n", encoding="utf-8")
    result = review(project, GITHUB_ACTIONS="true", GITHUB_STEP_SUMMARY=str(summary))
    assert summary.read_text(encoding="utf-8") == "# antes\n" + result.stdout
    assert "-Agradecemos sua compreensão" in result.stdout
    result = make(project, "review", "BASE=HEAD")
    assert result.returncode == 0 and "### Alterado" in result.stdout


#: The example of make review in docs/desenvolvimento.md, up to its diff block.
DOCUMENTED_EXAMPLE = re.compile(r"````markdown\n(?P<head>.*?)```diff", re.S)


@pytest.mark.pen_sample
def test_review_on_pens_sample(tmp_path):
    """PEN's sample imported and committed; a reply changed and a page renamed; reviewed."""
    project = committed_copy(tmp_path)
    imported = make(project, "import", f"SRC={PEN_WIKI}")
    assert "source/playbooks/tramita/processo-parado-no-status-2.rst" in imported.stdout, imported.stdout[-2000:]
    git(project, "add", "-A")
    git(project, "commit", "-qm", "amostra do PEN")
    tramita = project / "source" / "playbooks" / "tramita"
    status2 = tramita / "processo-parado-no-status-2.rst"
    text = status2.read_text(encoding="utf-8")
    reply = text.split("Modelo de Resposta", 1)[1]
    sentence = next(line for line in reply.splitlines()[3:] if len(line.split()) > 6)
    edit(status2, sentence, sentence + " Qualquer dúvida, estamos à disposição.")
    git(project, "mv", "source/playbooks/tramita/barra-de-progresso-travando.rst",
        "source/playbooks/tramita/barra-de-progresso-parada.rst")
    result = review(project)
    out = result.stdout
    assert "### Alterado: `source/playbooks/tramita/processo-parado-no-status-2.rst`" in out
    assert "Categoria:** Tramita" in out
    diff = out.split("### Alterado: `source/playbooks/tramita/processo-parado-no-status-2.rst`", 1)[1]
    diff = diff.split("```diff\n", 1)[1].split("```", 1)[0]
    assert "+" + sentence.strip() + " Qualquer dúvida, estamos à disposição." in diff
    assert "-" + sentence.strip() in diff
    assert "### Renomeado: `source/playbooks/tramita/barra-de-progresso-parada.rst`" in out
    assert "a página publicada 'playbooks/tramita/barra-de-progresso-travando' foi renomeada" in out
    changed = ["source/playbooks/tramita/processo-parado-no-status-2.rst",
               "source/playbooks/tramita/barra-de-progresso-parada.rst"]
    assert result.returncode == 1 == check_exit(project, *changed)
    # docs/desenvolvimento.md shows this review as its example: its lines up to the diff (which
    # the document abridges) are the ones make review writes.
    documented = DOCUMENTED_EXAMPLE.search(
        (PROJECT / "docs" / "desenvolvimento.md").read_text(encoding="utf-8"))
    assert documented, "docs/desenvolvimento.md no longer shows make review's example"
    shown = [line.strip() for line in documented["head"].splitlines() if line.strip()]
    assert len(shown) >= 5, shown
    lines = [line.strip() for line in out.splitlines()]
    assert [line for line in shown if line not in lines] == [], out
