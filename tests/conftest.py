"""Shared pytest set-up: Sphinx's testing fixtures, test roots, paths of the project."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT / "_ext"))

pytest_plugins = ["sphinx.testing.fixtures"]
collect_ignore = ["roots"]

# --- PEN's sample (../shared: real playbooks and the seed) ---------------------------
# It sits beside the checkout on the project's machines and CI, where every test runs.
# The tests that read it carry ``@pytest.mark.pen_sample``.  Without the sample they fail,
# unless MANUAL_SEM_AMOSTRA_PEN=1 says that its absence is expected (GitHub Actions): then
# those tests, and only those, are skipped.  MANUAL_AMOSTRA_PEN=<folder> points at a sample
# that is not beside the checkout.
#
# A test that reads the sample without the marker is an error, so the marker cannot drift
# from what the tests really read:
# - in the test process, an audit hook sees every file it opens or lists under SHARED;
# - in a child process (``make import SRC=...``, a script): with MANUAL_SEM_AMOSTRA_PEN=1
#   SHARED is a path that exists nowhere and whose name says why (SAMPLE_ABSENT_MARK), even
#   on a machine that has the sample.  A child given it fails; the failure of an unmarked
#   test that names that path is reported as a missing marker, not as the child's error.

WITHOUT_SAMPLE_VARIABLE = "MANUAL_SEM_AMOSTRA_PEN"
#: In the sample's path when it is hidden: "mark the test pen_sample".
SAMPLE_ABSENT_MARK = "amostra-do-PEN-ausente.marque-o-teste-com-pen_sample"


SAMPLE_SKIP_REASON = f"{WITHOUT_SAMPLE_VARIABLE}=1: amostra do PEN ausente"


def sample_hidden() -> bool:
    return os.environ.get(WITHOUT_SAMPLE_VARIABLE) == "1"


#: The sample: ../shared, or the folder MANUAL_AMOSTRA_PEN names (a checkout elsewhere).
REAL_SHARED = Path(os.environ.get("MANUAL_AMOSTRA_PEN") or PROJECT.parent / "shared")
SHARED = Path("/nonexistent") / SAMPLE_ABSENT_MARK / "shared" if sample_hidden() else REAL_SHARED
PEN_WIKI = SHARED / "pen-wiki"
SEED = SHARED / "seed" / "000_0f18806d357f76ca.txt"

_SHARED_PREFIX = str(SHARED) + os.sep
_sample_readers: set[str] = set()  # node ids of the tests that opened a file under SHARED


def _watch_sample_reads(event: str, args: tuple) -> None:
    if event not in ("open", "os.scandir", "os.listdir") or not args:
        return
    path = args[0]
    if isinstance(path, (str, bytes, os.PathLike)):
        path = os.fsdecode(path)
        if (path + os.sep).startswith(_SHARED_PREFIX):
            current = os.environ.get("PYTEST_CURRENT_TEST")
            if current:
                _sample_readers.add(current.rsplit(" (", 1)[0])


sys.addaudithook(_watch_sample_reads)


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "pen_sample: reads PEN's sample in ../shared (skipped without it only when "
        f"{WITHOUT_SAMPLE_VARIABLE}=1, failed otherwise)")


def pytest_runtest_setup(item):
    if item.get_closest_marker("pen_sample") is None or SHARED.is_dir():
        return
    if sample_hidden():
        pytest.skip(f"{SAMPLE_SKIP_REASON} ({REAL_SHARED})")
    pytest.fail(f"a amostra do PEN não está em {SHARED} (defina {WITHOUT_SAMPLE_VARIABLE}=1 "
                "para pular os testes que a usam)", pytrace=False)


_skipped_without_sample: list[str] = []


def pytest_runtest_logreport(report):
    # Runs where the reports arrive (the controller, under pytest-xdist).
    if report.skipped and report.when == "setup" and isinstance(report.longrepr, tuple) \
            and SAMPLE_SKIP_REASON in str(report.longrepr[2]):
        _skipped_without_sample.append(report.nodeid)


def pytest_terminal_summary(terminalreporter):
    if _skipped_without_sample:
        terminalreporter.section(f"pulados sem a amostra do PEN ({len(_skipped_without_sample)}, "
                                 "todos marcados pen_sample)")
        for nodeid in sorted(_skipped_without_sample):
            terminalreporter.line(nodeid)


def unmarked_reader_message(nodeid: str, where: str) -> str:
    return (f"{nodeid} reads PEN's sample ({REAL_SHARED}) {where} but is not marked "
            "@pytest.mark.pen_sample")


@pytest.hookimpl(trylast=True)  # after the fixtures are torn down
def pytest_runtest_teardown(item):
    if item.nodeid in _sample_readers and item.get_closest_marker("pen_sample") is None:
        _sample_readers.discard(item.nodeid)
        pytest.fail(unmarked_reader_message(item.nodeid, "in the test process"), pytrace=False)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if (report.failed and SAMPLE_ABSENT_MARK in report.longreprtext
            and item.get_closest_marker("pen_sample") is None):
        # The hidden sample's path reached the failure (a child's error, a fixture's
        # message): say what is wrong, then what the failure was.
        report.longrepr = (unmarked_reader_message(item.nodeid, "through a child process or a fixture")
                           + f" ({WITHOUT_SAMPLE_VARIABLE}=1 hid it)\n\n" + report.longreprtext)


@pytest.fixture(scope="session")
def rootdir() -> Path:
    return PROJECT / "tests" / "roots"


def built_app(srcdir: Path, buildername: str = "html", **kwargs):
    """A new ``SphinxTestApp`` on ``srcdir`` (``freshenv`` unless told), built and cleaned up
    (Sphinx's global registries put back); its ``outdir``, ``env`` and ``warning`` stay
    readable.  An exception of the build is raised after the clean-up."""
    from sphinx.testing.util import SphinxTestApp

    kwargs.setdefault("freshenv", True)
    app = SphinxTestApp(buildername, srcdir=srcdir, **kwargs)
    try:
        app.build()
    finally:
        app.cleanup()
    return app


class SharedSites:
    """Sites built once per session and shared by the tests that only read them.

    ``get(testroot, builder="html", **confoverrides)`` builds ``tests/roots/test-<testroot>``
    the first time a (testroot, builder, confoverrides) key is asked for, and returns the
    same (cleaned-up) ``SphinxTestApp`` after that: read ``app.outdir``, ``app.env`` and
    ``normalized_warnings(app)``, never write into them.  A test that edits files or hooks
    into the build keeps its own ``make_app``/``app``.
    """

    def __init__(self, tmp_path_factory, rootdir: Path):
        self._factory = tmp_path_factory
        self._rootdir = rootdir
        self._apps = {}
        self.builds = 0

    def get(self, testroot: str, builder: str = "html", **confoverrides):
        import shutil

        key = (testroot, builder, repr(sorted(confoverrides.items())))
        if key not in self._apps:
            src = self._factory.mktemp(f"shared-{testroot}-{builder}")
            shutil.copytree(self._rootdir / f"test-{testroot}", src, dirs_exist_ok=True)
            self._apps[key] = built_app(src, builder, confoverrides=confoverrides)
            self.builds += 1
        return self._apps[key]


@pytest.fixture(scope="session")
def shared_sites(tmp_path_factory, rootdir) -> SharedSites:
    """Built test roots shared by the whole session (see ``SharedSites``)."""
    return SharedSites(tmp_path_factory, rootdir)


@pytest.fixture(scope="session")
def handbook_site(tmp_path_factory):
    """The real handbook (source/ and conf.py) built once per session, read-only: the
    cleaned-up ``SphinxTestApp`` (``outdir``, ``env``, warnings)."""
    import shutil

    src = tmp_path_factory.mktemp("shared-handbook") / "handbook"
    shutil.copytree(PROJECT / "source", src)
    shutil.copy(PROJECT / "conf.py", src / "conf.py")
    return built_app(src)


@pytest.fixture(scope="session")
def pen_wiki_site(tmp_path_factory):
    """PEN's wiki laid out as a handbook (``test_handbook.pen_wiki_root``), built once per
    session, read-only: ``(source folder, cleaned-up SphinxTestApp)``."""
    from test_handbook import pen_wiki_root

    if not PEN_WIKI.is_dir():
        pytest.fail(f"PEN's sample is missing: {PEN_WIKI}")
    src = pen_wiki_root(tmp_path_factory.mktemp("shared-pen-wiki"))
    return src, built_app(src)


@pytest.fixture
def catalog_site(shared_sites):
    """``tests/roots/test-catalog`` built once per session (read-only)."""
    return shared_sites.get("catalog")


def normalized_warnings(app) -> str:
    """Warnings with colours stripped and the source folder replaced by ``<srcdir>/``."""
    from sphinx.util.console import strip_colors

    return strip_colors(app.warning.getvalue()).replace(str(app.srcdir) + os.sep, "<srcdir>/")


# --- Browser tests -----------------------------------------------------------------
# Real headless Chromium (Debian's package) driven by Playwright.  Outside CI a missing
# browser skips the browser tests; in CI (CI=true) it is a failure.

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
    "--no-first-run", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--disable-default-apps", "--disable-extensions",
]


def _in_ci() -> bool:
    return os.environ.get("CI", "").lower() in {"1", "true", "yes"}


@pytest.fixture(scope="session")
def chromium():
    """A headless Chromium browser (Playwright ``Browser``)."""
    if not Path(CHROMIUM).exists():
        message = f"Chromium not found at {CHROMIUM} (apt-get install chromium)"
        if _in_ci():
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def browser_context(chromium):
    """A fresh context with clipboard permissions, closed after the test."""
    context = chromium.new_context(permissions=["clipboard-read", "clipboard-write"], locale="pt-BR",
                                   timezone_id="America/Sao_Paulo")
    yield context
    context.close()


def wait_until(page, expression: str, arg=None, timeout: float = 10.0, message: str = ""):
    """Evaluate ``expression`` in ``page`` until its value is truthy (polling, with a
    deadline) and return that value.  Unlike ``page.wait_for_function``, which takes a
    returned promise itself as "true", a promise is awaited: use this for the clipboard."""
    import time

    deadline = time.monotonic() + timeout
    while True:
        value = page.evaluate(expression, arg)
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(message or f"not true after {timeout} s: {expression}")
        time.sleep(0.05)


class StaticServer:
    """Serves a folder on 127.0.0.1 on a free port, in a thread."""

    def __init__(self, directory: Path):
        import functools
        import http.server
        import threading

        class QuietHandler(http.server.SimpleHTTPRequestHandler):
            def log_message(self, *args):
                pass

        handler = functools.partial(QuietHandler, directory=str(directory))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def serve():
    """``serve(folder) -> base URL``; every server is stopped after the test."""
    servers = []

    def start(directory: Path) -> str:
        server = StaticServer(Path(directory))
        servers.append(server)
        return server.url

    yield start
    for server in servers:
        server.close()


def build_handbook_site(dest: Path, extra: dict[str, str] | None = None) -> Path:
    """Build the real handbook (source/ and conf.py) into ``dest``, with ``extra`` files
    (path under source/ -> text) added; fails on any warning. Returns the HTML folder."""
    import shutil

    src = dest / "handbook"
    shutil.copytree(PROJECT / "source", src)
    shutil.copy(PROJECT / "conf.py", src / "conf.py")
    for name, text in (extra or {}).items():
        (src / name).write_text(text, encoding="utf-8")
    app = built_app(src)
    warnings = app.warning.getvalue()
    assert "WARNING" not in warnings, warnings
    return Path(app.outdir)


#: A playbook that uses the features that pull assets in with some themes and settings:
#: math (MathJax from a CDN by default), a code block (copy button), an image, a figure.
FEATURES_PLAYBOOK = """\
Recursos da página
==================

Situação
~~~~~~~~

Uma fórmula :math:`a^2 + b^2 = c^2` no texto.

.. math::

   e^{i\\pi} + 1 = 0

Quando Ocorre
~~~~~~~~~~~~~

Sempre.

Solução Sugerida
~~~~~~~~~~~~~~~~

.. code-block:: text

   comando --ajuda

Modelo de Resposta para Chamados
~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~

Prezado(a) [nome do usuário], segue a resposta.

Atribuições e responsabilidades
~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~

Equipe de 1º Nível

Perfil do usuário
~~~~~~~~~~~~~~~~~

N/A

Palavras-chave
~~~~~~~~~~~~~~

Teste

Referências
~~~~~~~~~~~

N/A
"""


@pytest.fixture(scope="session")
def features_site(tmp_path_factory) -> Path:
    """The real handbook plus one playbook using math and code, built once per session
    (read-only: the quality and network tests look at it)."""
    return build_handbook_site(tmp_path_factory.mktemp("features"),
                               {"playbooks/sei/recursos-da-pagina.rst": FEATURES_PLAYBOOK})


# --- Heavy outputs, built once per test session ------------------------------------------


def require_pdf_tools() -> None:
    """For the PDF tests: TeX with what a Portuguese PDF needs (``make latexpdf`` checks the
    same, playbooks.writers.tex).  Missing, the test is skipped with the reason (naming the
    Debian package) outside CI, and fails with it under CI=true."""
    from playbooks.writers import tex

    problem = tex.missing()
    if problem:
        if _in_ci():
            pytest.fail(problem, pytrace=False)
        pytest.skip(problem)



@pytest.fixture(scope="session")
def readthedocs_build(tmp_path_factory):
    """The handbook as Read the Docs builds it: every command of ``.readthedocs.yaml`` run
    with bash in a copy of the project, ``READTHEDOCS_OUTPUT`` in a temporary folder.

    Gives ``{"project", "output", "spec"}``; ``output`` holds ``html/``, ``pdf/`` and ``epub/``.
    Shared by the tests that only read these outputs (the PDF is the slowest build).
    """
    import subprocess

    import yaml
    from workflow import clean_env, project_copy

    require_pdf_tools()  # make latexpdf is one of its commands
    spec = yaml.safe_load((PROJECT / ".readthedocs.yaml").read_text(encoding="utf-8"))
    base = tmp_path_factory.mktemp("readthedocs")
    project = project_copy(base)
    output = base / "rtd-output"
    for command in spec["build"]["commands"]:  # as Read the Docs runs them: bash, in the checkout
        result = subprocess.run(["bash", "-c", command], cwd=project, capture_output=True, text=True,
                                errors="replace",  # pdflatex's log is not UTF-8
                                env=clean_env(READTHEDOCS="True", READTHEDOCS_OUTPUT=str(output)), timeout=900)
        assert result.returncode == 0, command + "\n" + result.stdout[-3000:] + result.stderr[-3000:]
    return {"project": project, "output": output, "spec": spec}
