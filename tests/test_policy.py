"""Content policy: hostile playbooks are refused with file:line errors by the build and by
``make check`` (the same ones), and nothing they try to bring in reaches the built HTML."""

from __future__ import annotations

import html
import html.parser
import json
import os
import re
import shutil
import uuid
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import PROJECT, normalized_warnings
from docutils import nodes
from sphinx.errors import ConfigError

from playbooks.writers import check
from playbooks.safety import guards
from playbooks.safety import policy

ROOT = PROJECT / "tests" / "roots" / "test-policy"
WARNING_RE = re.compile(
    r"^<srcdir>/(?P<path>\S.*?)(?::(?P<line>\d+))?: WARNING: (?P<msg>.*) \[(?P<type>[\w.]+)\]$")

# (file, line, subtype) of every violation in the hostile playbooks, checked by hand.
EXPECTED = {
    ("raw", 17, "policy_raw"),  # .. raw:: html
    ("raw", 21, "policy_raw"),  # .. raw:: latex
    ("raw", 31, "policy_raw"),  # :cru:`...`
    ("raw", 32, "policy_raw"),  # :tambem-cru:`...` on the paragraph's second line
    ("arquivos", 17, "policy_include"),  # include ../../../segredo.txt
    ("arquivos", 19, "policy_include"),  # include /../segredo.txt
    ("arquivos", 23, "policy_include"),  # literalinclude ../
    ("arquivos", 25, "policy_include"),  # literalinclude :diff: ../
    ("arquivos", 28, "policy_include"),  # csv-table :file: absolute path
    ("arquivos", 31, "policy_include"),  # csv-table :file: ../
    ("arquivos", 34, "policy_include"),  # csv-table :url:
    ("arquivos", 37, "policy_include"),  # :download: ../ and :download: of the link (same line)
    ("links", 17, "policy_link"),  # javascript:
    ("links", 18, "policy_link"),  # JaVaScRiPt: (anonymous), on the paragraph's second line
    ("links", 20, "policy_link"),  # whitespace inside, HTML entity (two on the line)
    ("links", 21, "policy_link"),  # percent-encoded, full-width letters (two on the line)
    ("links", 23, "policy_link"),  # .. _alvo-vb: vbscript:
    ("links", 25, "policy_link"),  # data: standalone in the text
    ("links", 27, "policy_link"),  # image :target: javascript:
    ("links", 30, "policy_link"),  # :download: of javascript://
    ("links", 32, "policy_link"),  # meta refresh
    ("links", 37, "policy_link"),  # toctree entry javascript://
    ("imagens", 17, "policy_image"),  # ../../../segredo.png
    ("imagens", 19, "policy_image"),  # data:
    ("imagens", 21, "policy_image"),  # http:
    ("imagens", 23, "policy_image"),  # //host
    ("imagens", 31, "policy_image"),  # substitution image /../segredo.png
}
# How many times each (file, line) is reported when a line holds more than one violation.
COUNTS = {("links", 20): 2, ("links", 21): 2}

HOSTILE_MARKERS = ["RAW-DIRETIVA", "RAW-LATEX", "RAW-PAPEL", "RAW-PAPEL-2", "LINK-JS", "LINK-VB",
                   "LINK-IMAGEM", "LINK-TOC", "fora.exemplo", "onerror"]
ALLOWED_MARKERS = ["PERMITIDO-INCLUDE", "PERMITIDO-RAIZ", "PERMITIDO-LITERAL", "PERMITIDO-CSV", "®"]


def make_source(tmp_path: Path, *, conf_extra: str = "") -> tuple[Path, str]:
    """A copy of the policy root in tmp_path/src, with secrets beside it (outside source/).
    Its ``atalho.txt`` and ``atalho.png`` are plain files inside: a symbolic link pointing out
    of source/ stops the build before anything is read (tests/test_hostile_trees.py, and
    test_links_pointing_out_stop_the_build_and_the_check below).  Returns (srcdir, secret marker)."""
    secret = f"SEGREDO-{uuid.uuid4().hex}"
    src = tmp_path / "src"
    shutil.copytree(ROOT, src)
    (tmp_path / "segredo.txt").write_text(f"{secret},x\n", encoding="utf-8")
    shutil.copy(ROOT / "playbooks" / "sei" / "imagem.png", tmp_path / "segredo.png")
    sei = src / "playbooks" / "sei"
    (sei / "atalho.txt").write_text("TEXTO-DE-DENTRO,x\n", encoding="utf-8")
    shutil.copy(ROOT / "playbooks" / "sei" / "imagem.png", sei / "atalho.png")
    arquivos = sei / "arquivos.rst"
    arquivos.write_text(arquivos.read_text(encoding="utf-8").replace("@SEGREDO@", str(tmp_path / "segredo.txt")),
                        encoding="utf-8")
    if conf_extra:
        with open(src / "conf.py", "a", encoding="utf-8") as handle:
            handle.write("\n" + conf_extra + "\n")
    return src, secret


def build_reports(app) -> list[tuple[str, int | None, str]]:
    found = []
    for line in normalized_warnings(app).splitlines():
        match = WARNING_RE.match(line)
        assert match, f"warning not in path:line form: {line!r}"
        name = Path(match["path"]).stem
        found.append((name, int(match["line"]) if match["line"] else None, match["type"].split(".", 1)[1]))
    return found


def checker_reports(src: Path, capsys, *files: str) -> tuple[int, list[tuple[str, int | None, str]]]:
    code = check.main(["--conf", str(src / "conf.py"), "--source", str(src), *files])
    out = capsys.readouterr().out
    assert "Traceback" not in out
    found = []
    for line in out.splitlines():
        match = re.match(r"^(?P<path>.+?)(?::(?P<line>\d+))?: WARNING: .* \[(?P<type>[\w.]+)\]$", line)
        if match:
            found.append((Path(match["path"]).stem, int(match["line"]) if match["line"] else None,
                          match["type"].split(".", 1)[1]))
    return code, found


def expanded(expected=EXPECTED):
    result = []
    for name, line, subtype in expected:
        result += [(name, line, subtype)] * COUNTS.get((name, line), 1)
    return sorted(result)


class Attributes(html.parser.HTMLParser):
    """Every URL-valued attribute and every inline script of a page."""

    def __init__(self):
        super().__init__()
        self.urls: list[tuple[str, str, str]] = []
        self.scripts: list[str] = []
        #: <script type="application/json"> blocks (the reply templates' data): never run
        self.data_blocks: list[str] = []
        self._in_script = False
        self._in_data = False

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in {"href", "src", "action", "formaction", "data", "poster", "srcset", "content"} and value:
                self.urls.append((tag, name, value))
            if name.startswith("on"):
                self.scripts.append(f"{tag} {name}={value}")
        is_data = tag == "script" and dict(attrs).get("type") == "application/json"
        self._in_data = is_data
        self._in_script = tag == "script" and not is_data

    def handle_endtag(self, tag):
        self._in_script = self._in_data = False

    def handle_data(self, data):
        if self._in_script and data.strip():
            self.scripts.append(data)
        elif self._in_data and data.strip():
            self.data_blocks.append(data)


def page_parts(path: Path) -> Attributes:
    parser = Attributes()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def dangerous(url: str) -> bool:
    """Independent of policy.uri_scheme: what a browser would run or render as a document."""
    squashed = "".join(ch for ch in url if ord(ch) > 32 and ch not in "\u200b\ufeff").lower()
    return squashed.startswith(("javascript:", "vbscript:", "data:"))


@pytest.fixture
def hostile_build(make_app, tmp_path):
    src, secret = make_source(tmp_path)
    app = make_app("html", srcdir=src, freshenv=True)
    app.build()
    return app, src, secret


def test_build_reports_every_violation_at_its_line(hostile_build):
    app, _, _ = hostile_build
    assert sorted(build_reports(app)) == expanded()


def test_checker_reports_the_same_violations_as_the_build(hostile_build, capsys):
    app, src, _ = hostile_build
    code, found = checker_reports(src, capsys)
    assert code == 1
    assert sorted(found) == sorted(build_reports(app))


def test_messages_are_portuguese_and_name_the_problem(hostile_build):
    app, _, _ = hostile_build
    text = normalized_warnings(app)
    assert "a diretiva 'raw' (html) não é permitida" in text
    assert "o papel ':cru:' é do tipo 'raw' e não é permitido" in text
    assert "'include' lê um arquivo fora da pasta source/ ('../../../segredo.txt'): o caminho sai da pasta source/" in text
    assert "'csv-table' com a opção :url: lê dados da rede" in text
    assert "link com o esquema 'javascript:' não é permitido ('java&#115;cript:alert(4)')" in text
    assert "link com o esquema 'vbscript:' não é permitido" in text
    assert "a imagem 'data:image/png;base64,iVBORw0KGgo=' usa o esquema 'data:'" in text
    assert "http-equiv=refresh não é permitida" in text


def test_nothing_hostile_reaches_the_html(hostile_build):
    app, _, secret = hostile_build
    outdir = Path(app.outdir)
    everything = ""
    for path in outdir.rglob("*"):
        if "_sources" in path.parts:  # the writers' own sources, as plain text (not in the handbook)
            continue
        if path.is_file() and path.suffix in {".html", ".js", ".txt", ".csv", ".png", ".inv", ".css"}:
            everything += path.read_bytes().decode("utf-8", errors="replace")
    assert secret not in everything  # no file from outside source/, by any route
    for marker in HOSTILE_MARKERS:
        assert marker not in everything, marker
    # Nothing was copied from outside source/ as an image or a download.
    copied = [p.name for p in outdir.rglob("*") if p.parent.name in {"_images", "_downloads"} or
              p.parent.parent.name == "_downloads"]
    assert not [name for name in copied if "segredo" in name], copied
    theme_scripts = set(page_parts(outdir / "index.html").scripts)  # a page with no playbook content
    for page in outdir.rglob("*.html"):
        parts = page_parts(page)
        assert not [u for u in parts.urls if dangerous(u[2])], (page, parts.urls)
        # The only scripts are the theme's own: no other inline script, no event handler.
        assert set(parts.scripts) <= theme_scripts, (page, parts.scripts)
        for block in parts.data_blocks:  # data, valid JSON, that cannot close its element
            json.loads(block)
            assert "<" not in block
            # the reply's text/html flavour (pasted into ticket editors) has no dangerous link
            for href in re.findall(r'href=\\"([^"\\]*)', block):
                assert not dangerous(html.unescape(href)), (page, href)
            assert secret not in block
        for tag, name, value in parts.urls:
            if tag in {"script", "link"} and name in {"src", "href"}:  # scripts and styles are local
                split = urlsplit(value)
                assert not split.scheme and not split.netloc, (page, value)


def test_allowed_content_still_works(hostile_build):
    app, _, _ = hostile_build
    page = (Path(app.outdir) / "playbooks" / "sei" / "permitido.html").read_text(encoding="utf-8")
    for marker in ALLOWED_MARKERS:
        assert marker in page, marker
    assert 'href="https://www.gov.br/"' in page and 'href="http://www.exemplo.gov.br/"' in page
    assert 'href="mailto:suporte' in page and 'href="../index.html"' in page
    assert 'src="https://imagens.exemplo.gov.br/logo.png"' in page
    assert page.count("_images/imagem.png") == 2
    assert "_downloads/" in page
    links = (Path(app.outdir) / "playbooks" / "sei" / "links.html").read_text(encoding="utf-8")
    assert 'href="https://www.gov.br/"' in links  # the good toctree entry is kept
    assert "_images/imagem.png" in links  # an image whose :target: was refused stays


@pytest.mark.parametrize("name, target", [("espelho.rst", "fora.rst"), ("atalho.txt", "segredo.txt"),
                                          ("atalho.png", "segredo.png")])
def test_links_pointing_out_stop_the_build_and_the_check(make_app, tmp_path, capsys, name, target):
    """A document, an included file or an image linked from outside source/: refused before
    anything is read, naming the link and its target (never read, so never published)."""
    from playbooks.safety.links import RefusedLinkError

    src, secret = make_source(tmp_path)
    outside = tmp_path / target
    if target == "fora.rst":
        text = (src / "playbooks" / "sei" / "permitido.rst").read_text(encoding="utf-8")
        outside.write_text(text.replace("Tudo o que a política aceita.", "DOCUMENTO-DE-FORA"), encoding="utf-8")
    link = src / "playbooks" / "sei" / name
    link.unlink(missing_ok=True)
    os.symlink(outside, link)
    with pytest.raises(RefusedLinkError, match=re.escape(f"{link}: ERROR: link simbólico recusado: aponta para "
                                                         f"'{outside}', um arquivo fora de source/")):
        make_app("html", srcdir=src, freshenv=True)
    code = check.main(["--conf", str(src / "conf.py"), "--source", str(src)])
    out = capsys.readouterr().out
    assert code == 1 and f"{name}: ERROR: link simbólico recusado: aponta para '{outside}'" in out
    assert "[playbook.symlink]" in out and secret not in out and "DOCUMENTO-DE-FORA" not in out


def test_policy_can_be_switched_off_per_rule_in_conf(make_app, tmp_path, capsys):
    src, _ = make_source(tmp_path, conf_extra='playbook_policy = {"raw": False}')
    app = make_app("html", srcdir=src, freshenv=True)
    app.build()
    reports = build_reports(app)
    assert not [r for r in reports if r[2] == "policy_raw"]
    assert sorted(reports) == expanded({r for r in EXPECTED if r[2] != "policy_raw"})
    page = (Path(app.outdir) / "playbooks" / "sei" / "raw.html").read_text(encoding="utf-8")
    assert "<script>document.title = 'RAW-DIRETIVA'</script>" in page and "<b>RAW-PAPEL-2</b>" in page
    _, found = checker_reports(src, capsys)
    assert sorted(found) == sorted(reports)


def test_suppressing_the_warning_does_not_let_the_content_in(make_app, tmp_path):
    src, secret = make_source(tmp_path, conf_extra='suppress_warnings = ["playbook.policy_include"]')
    app = make_app("html", srcdir=src, freshenv=True)
    app.build()
    assert not [r for r in build_reports(app) if r[2] == "policy_include"]
    assert secret not in "".join(p.read_text(encoding="utf-8") for p in Path(app.outdir).rglob("*.html"))


@pytest.mark.parametrize("value, fragment", [
    ({"raw": "sim"}, "o valor de raw deve ser True ou False"),
    ({"scripts": True}, "playbook_policy tem regras desconhecidas: scripts"),
    ("tudo", "playbook_policy deve ser True, False ou um dicionário"),
])
def test_bad_policy_config_is_a_clear_error(make_app, tmp_path, capsys, value, fragment):
    src, _ = make_source(tmp_path, conf_extra=f"playbook_policy = {value!r}")
    with pytest.raises(ConfigError, match=re.escape(fragment)):
        make_app("html", srcdir=src, freshenv=True)
    code = check.main(["--conf", str(src / "conf.py"), "--source", str(src)])
    err = capsys.readouterr().err
    assert code == 2 and fragment in err and "configuração inválida" in err


def test_bad_scheme_list_is_a_clear_error():
    with pytest.raises(policy.PolicyError, match="playbook_policy_image_schemes deve ser uma lista"):
        policy.Policy.from_values(True, ["javascript"], "https")
    with pytest.raises(policy.PolicyError, match="não é um esquema de endereço"):
        policy.Policy.from_values(True, ["java script"], ["https"])


def test_image_schemes_are_configurable(make_app, tmp_path):
    src, _ = make_source(tmp_path, conf_extra='playbook_policy_image_schemes = []')
    app = make_app("html", srcdir=src, freshenv=True)
    app.build()
    reports = build_reports(app)
    assert ("permitido", 37, "policy_image") in reports  # the https image is now refused too
    page = (Path(app.outdir) / "playbooks" / "sei" / "permitido.html").read_text(encoding="utf-8")
    assert "imagens.exemplo.gov.br" not in page


@pytest.mark.parametrize("uri", [
    "javascript:alert(1)", "JAVASCRIPT:alert(1)", " \tjavascript:alert(1)", "java\tscript:alert(1)",
    "java\nscript:x", "java\x00script:x", "\x01javascript:x", "java\u200bscript:x", "\ufeffjavascript:x",
    "&#106;avascript:x", "&#x6A;avascript:x", "javascript&colon;x", "javascript&#58;x",
    "&amp;#106;avascript:x", "%6Aavascript:x", "javascript%3Ax", "%256Aavascript:x",
    "ｊａｖａｓｃｒｉｐｔ:x", "vbscript:msgbox(1)", "VBScript:x", "data:text/html,<script>", "DaTa:x",
])
def test_disguised_schemes_are_recognised(uri):
    assert policy.link_violation(uri, policy.Policy()) is not None


@pytest.mark.parametrize("uri", [
    "https://www.gov.br/", "http://x.example/a?b=javascript:1", "mailto:a@b.gov.br", "../index.html",
    "#situacao", "pagina.html#javascript:x", "datasheet.pdf", "dados/data:x.html", "/data.html",
    "https://x.example/?a=1&amp;b=2",
])
def test_harmless_links_are_accepted(uri):
    assert policy.link_violation(uri, policy.Policy()) is None


def test_messages_show_control_characters_escaped():
    message = policy.link_violation("java\x00scr\u202eipt:" + "x" * 200, policy.Policy())
    assert "\x00" not in message and "\u202e" not in message and "\\x00" in message
    assert len(message) < 400


def test_checker_registries_do_not_leak_into_docutils():
    """The checker parses inside a saved namespace: its stand-ins and guards are gone after."""
    from docutils.parsers.rst import directives, roles

    before = (dict(directives._directives), dict(roles._roles))
    document = check.parse(".. raw:: html\n\n   <b>x</b>\n", "x.rst")
    assert (dict(directives._directives), dict(roles._roles)) == before
    violations = guards.enforce(document)
    assert [v.rule for v in violations] == ["raw"]
    assert not list(document.findall(nodes.raw))


def test_parallel_build_reports_the_same(make_app, tmp_path):
    src, secret = make_source(tmp_path)
    app = make_app("html", srcdir=src, freshenv=True, parallel=2)
    app.build()
    assert sorted(build_reports(app)) == expanded()
    assert secret not in "".join(p.read_text(encoding="utf-8") for p in Path(app.outdir).rglob("*.html"))


def test_a_file_over_the_size_limit_is_one_clear_error(make_app, tmp_path, capsys):
    src, _ = make_source(tmp_path, conf_extra="playbook_max_source_size = 4000")
    big = src / "playbooks" / "sei" / "grande.rst"
    text = (src / "playbooks" / "sei" / "permitido.rst").read_text(encoding="utf-8")
    big.write_text(text.replace("Tudo o que a política aceita.", "GRANDE " * 1000), encoding="utf-8")
    app = make_app("html", srcdir=src, freshenv=True)
    app.build()
    sized = [w for w in normalized_warnings(app).splitlines() if "policy_size" in w]
    assert sized == ["<srcdir>/playbooks/sei/grande.rst: WARNING: o arquivo tem 7,9 KB, acima do limite de "
                     "3,9 KB (playbook_max_source_size em conf.py); ele não foi lido: um playbook tem poucos KB, "
                     "divida o conteúdo ou remova o que foi colado por engano [playbook.policy_size]"]
    assert not (Path(app.outdir) / "playbooks" / "sei" / "grande.html").exists()
    _, found = checker_reports(src, capsys)
    assert ("grande", None, "policy_size") in found


def test_bad_size_limit_is_a_clear_error():
    for value in (0, -1, "1MB", True, 1.5):
        with pytest.raises(policy.PolicyError, match="playbook_max_source_size deve ser um número de bytes"):
            policy.Policy.from_values(max_source_size=value)
    assert policy.Policy.from_values(max_source_size=None).max_source_size is None


def test_a_table_read_from_an_included_file_cannot_reach_outside(make_app, tmp_path, capsys):
    """Sphinx makes a missing absolute ``:file:`` relative to the document, and docutils then
    reads it from the included file's folder: from a shallower folder that climbs out."""
    src, _ = make_source(tmp_path)
    secret = f"SEGREDO-CSV-{uuid.uuid4().hex}"
    (tmp_path / "segredo.csv").write_text(f"{secret},x\n", encoding="utf-8")
    (src / "_inc").mkdir()
    (src / "_inc" / "tabela.txt").write_text(".. csv-table:: Aninhada\n   :file: /segredo.csv\n", encoding="utf-8")
    page = src / "playbooks" / "sei" / "permitido.rst"
    page.write_text(page.read_text(encoding="utf-8").replace(
        ".. include:: _trecho.txt\n", ".. include:: _trecho.txt\n\n.. include:: /_inc/tabela.txt\n"), encoding="utf-8")
    app = make_app("html", srcdir=src, freshenv=True)
    app.build()
    text = normalized_warnings(app)
    assert "'csv-table' (opção :file:) lê um arquivo fora da pasta source/ ('/segredo.csv')" in text
    assert re.search(r"<srcdir>/_inc/tabela\.txt:1: WARNING: 'csv-table'.*\[playbook\.policy_include\]", text)
    assert secret not in "".join(p.read_text(encoding="utf-8") for p in Path(app.outdir).rglob("*.html"))


def test_raw_allowed_by_conf_still_cannot_read_outside_files(make_app, tmp_path):
    src, secret = make_source(tmp_path, conf_extra='playbook_policy = {"raw": False}')
    page = src / "playbooks" / "sei" / "permitido.rst"
    page.write_text(page.read_text(encoding="utf-8").replace(
        ".. include:: _trecho.txt\n",
        ".. include:: _trecho.txt\n\n.. raw:: html\n   :file: ../../../segredo.txt\n\n"
        ".. raw:: html\n   :url: http://127.0.0.1:9/x\n"), encoding="utf-8")
    app = make_app("html", srcdir=src, freshenv=True)
    app.build()
    reports = build_reports(app)
    assert ("permitido", 19, "policy_include") in reports and ("permitido", 22, "policy_include") in reports
    assert secret not in (Path(app.outdir) / "playbooks" / "sei" / "permitido.html").read_text(encoding="utf-8")
