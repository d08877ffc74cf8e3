"""Checks where writers look, and publishing: pre-commit, Read the Docs (the pull-request
workflow: tests/test_ci.py)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import yaml
from conftest import PROJECT
from workflow import clean_env, make, project_copy


def git(project: Path, *args: str) -> subprocess.CompletedProcess:
    env = clean_env(GIT_AUTHOR_NAME="Teste", GIT_AUTHOR_EMAIL="teste@example.invalid",
                    GIT_COMMITTER_NAME="Teste", GIT_COMMITTER_EMAIL="teste@example.invalid")
    return subprocess.run(["git", *args], cwd=project, capture_output=True, text=True, env=env, check=True)


def pre_commit(project: Path, tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", *args], cwd=project, capture_output=True, text=True,
        env=clean_env(PRE_COMMIT_HOME=str(tmp_path / "pre-commit-home")), timeout=300,
    )


def test_pre_commit_checks_staged_playbooks(tmp_path):
    project = project_copy(tmp_path)
    git(project, "init", "-q")
    (project / ".git" / "info" / "exclude").write_text(".venv\n_build/\n", encoding="utf-8")
    git(project, "add", "-A")
    git(project, "commit", "-qm", "manual")

    # a staged change outside the playbooks: the hook has nothing to check
    index = project / "source" / "index.rst"
    index.write_text(index.read_text(encoding="utf-8") + "\nMais um parágrafo.\n", encoding="utf-8")
    git(project, "add", "source/index.rst")
    quiet = pre_commit(project, tmp_path, "run")
    assert quiet.returncode == 0, quiet.stdout + quiet.stderr
    assert "no files to check" in quiet.stdout

    # a staged playbook that lost a section: the hook fails with the checker's message
    playbook = project / "source" / "playbooks" / "sei" / "suporte-ao-sei.rst"
    text = playbook.read_text(encoding="utf-8")
    playbook.write_text(text.split("Referências")[0], encoding="utf-8")
    git(project, "add", "source/playbooks/sei/suporte-ao-sei.rst")
    failed = pre_commit(project, tmp_path, "run")
    assert failed.returncode == 1
    assert ("source/playbooks/sei/suporte-ao-sei.rst:1: WARNING: falta a seção obrigatória 'Referências'"
            in failed.stdout)

    # fixed and staged again: it passes
    playbook.write_text(text, encoding="utf-8")
    git(project, "add", "source/playbooks/sei/suporte-ao-sei.rst")
    passed = pre_commit(project, tmp_path, "run")
    assert passed.returncode == 0, passed.stdout


def test_read_the_docs_builds_exactly_as_make_html(readthedocs_build):
    spec, project, output = readthedocs_build["spec"], readthedocs_build["project"], readthedocs_build["output"]
    assert spec["version"] == 2
    assert spec["build"]["tools"]["python"] == f"{sys.version_info.major}.{sys.version_info.minor}"
    local = make(project, "html", "BUILDDIR=_local")
    assert local.returncode == 0, local.stderr
    built = project / "_local" / "html"

    def pages(folder: Path) -> dict[str, bytes]:
        return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*.html")}

    published = pages(output / "html")
    assert "guia/index.html" in published and "playbooks/sei/suporte-ao-sei.html" in published
    assert published.keys() == pages(built).keys()
    assert published["playbooks/sei/suporte-ao-sei.html"] == pages(built)["playbooks/sei/suporte-ao-sei.html"]
    # the downloads: exactly one PDF and one EPUB, where Read the Docs looks for them
    (pdf,) = (output / "pdf").iterdir()
    (epub,) = (output / "epub").iterdir()
    assert pdf.suffix == ".pdf" and pdf.read_bytes().startswith(b"%PDF-")
    assert epub.suffix == ".epub" and epub.read_bytes()[:2] == b"PK"
    assert sorted(p.name for p in output.iterdir()) == ["epub", "html", "pdf"]


def test_read_the_docs_installs_only_the_build_requirements(readthedocs_build):
    """Its commands are make targets that install requirements.txt, never the test tools."""
    commands = readthedocs_build["spec"]["build"]["commands"]
    assert [c for c in commands if c.startswith("make ")] == [
        "make html BUILDDIR=_build", "make epub BUILDDIR=_build", "make latexpdf BUILDDIR=_build"]
    assert not any("requirements-dev" in c or "pip" in c for c in commands)
    makefile = (PROJECT / "Makefile").read_text(encoding="utf-8")
    stamp_rule = makefile.split("$(STAMP): requirements.txt", 1)[1].split("\n\n", 1)[0]
    assert "-r requirements.txt" in stamp_rule and "requirements-dev" not in stamp_rule
    build = (PROJECT / "requirements.txt").read_text(encoding="utf-8")
    for tool in ("pytest", "playwright", "hypothesis", "pre_commit", "furo", "beautifulsoup4"):
        assert f"\n{tool}==" not in build
    dev = (PROJECT / "requirements-dev.txt").read_text(encoding="utf-8")
    assert "-r requirements.txt" in dev
    for tool in ("pytest", "playwright", "hypothesis", "pre_commit", "furo", "beautifulsoup4"):
        assert f"\n{tool}==" in dev


def _readthedocs_schema() -> dict:
    """Read the Docs' published schema of .readthedocs.yaml, as check-jsonschema ships it."""
    import json
    from importlib.resources import files

    return json.loads(files("check_jsonschema.builtin_schemas.vendor").joinpath("readthedocs.json")
                      .read_text(encoding="utf-8"))


def test_read_the_docs_config_is_valid_against_its_published_schema():
    import jsonschema

    schema = _readthedocs_schema()
    validator = jsonschema.Draft202012Validator(schema)
    spec = yaml.safe_load((PROJECT / ".readthedocs.yaml").read_text(encoding="utf-8"))
    assert list(validator.iter_errors(spec)) == []
    # the schema does catch mistakes of this kind of file
    wrong = {**spec, "build": {**spec["build"], "apt_packages": "latexmk", "os": "ubuntu-18.04"}}
    assert len(list(validator.iter_errors(wrong))) >= 2
    assert list(validator.iter_errors({**spec, "formats": ["pdf", "docx"]}))
