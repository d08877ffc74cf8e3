"""Property-based tests: the checker and the Sphinx extension never end in a traceback.

Hypothesis mutates real playbooks (PEN's wiki and the seed): lines deleted, duplicated,
swapped; the file truncated mid-character; random Unicode with combining marks, RTL
marks, NUL and other control characters; very long lines; raw bytes that are not UTF-8;
hostile markup.  The result must be a clean run or clean ``path:line:`` reports.

The checker (plain docutils) takes many examples; the Sphinx build, much slower per
example, a bounded number (``PROPERTY_SPHINX_EXAMPLES``, default 50; the checker
``PROPERTY_CHECKER_EXAMPLES``, default 1000) so that
``make test`` stays quick.  In CI the examples are derandomized (the same every run).
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import shutil
import unicodedata
from pathlib import Path

import pytest
from conftest import PEN_WIKI, PROJECT, SEED, built_app, normalized_warnings
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from playbooks.writers import check
from playbooks.files.sources import SourceError, decode

IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
CHECKER_EXAMPLES = int(os.environ.get("PROPERTY_CHECKER_EXAMPLES", "1000"))
SPHINX_EXAMPLES = int(os.environ.get("PROPERTY_SPHINX_EXAMPLES", "50"))
STANDARD = PROJECT / "tests" / "roots" / "test-standard"


def corpus() -> dict[str, bytes]:
    # Read at import; without PEN's sample only the test roots' files (the tests that draw
    # from here are marked pen_sample and do not run then).
    files = {"seed": SEED.read_bytes()} if SEED.is_file() else {}
    if PEN_WIKI.is_dir():
        for path in sorted(PEN_WIKI.rglob("*.rst")):
            files[path.name] = path.read_bytes()
    for path in sorted((STANDARD / "playbooks").rglob("*.rst")):
        files[f"standard/{path.name}"] = path.read_bytes()
    return files


CORPUS = corpus()

SPECIAL = [
    "\u0301", "\u0308", "\u0327", "\u0338", "\u20dd",  # combining marks
    "\u200e", "\u200f", "\u202a", "\u202b", "\u202d", "\u202e", "\u2066", "\u2067", "\u2069",  # bidi
    "\x00", "\x01", "\x07", "\x08", "\x0b", "\x0c", "\x1b", "\x1f", "\x7f", "\x85",  # control
    "\u2028", "\u2029", "\ufeff", "\ufffd", "\u00a0", "\u200b", "\t", "\r", "\r\n",
    "🙂", "ﷺ", "\u0600", "\u05d0", "\u0627\u0644", "ǅ", "ß", "İ", "\U0001f1e7\U0001f1f7",
]
RST_SNIPPETS = [
    "=====", "~~~~~~~~", "--------", "++++", "Situação", "Situação\n~~~~~~~~", "Referências\n=====",
    ".. raw:: html\n\n   <script>alert(1)</script>", ".. role:: x(raw)\n   :format: html",
    ":x:`<b>`", ".. include:: /etc/passwd", ".. include:: ../../../../etc/passwd",
    ".. literalinclude:: ../../x", ".. csv-table:: t\n   :file: /etc/passwd", ".. csv-table:: t\n   :url: http://127.0.0.1:9/",
    "`a <javascript:alert(1)>`_", "`b <java&#115;cript:x>`__", ".. _t: vbscript:x", "t_", "data:text/html,x",
    ".. image:: ../../../x.png", ".. image:: data:image/png;base64,AA", ".. figure:: //h/x.png\n\n   cap",
    ".. |s| image:: /../s.png", "|s|", "|undefined|", "[#]_", ".. [#] nota", "::", "\n::\n\n   literal",
    ".. toctree::\n\n   Mal <javascript://%0Aalert(1)>", ":download:`x <../../../s>`", ".. meta::\n   :http-equiv=refresh: 0",
    "+--+--+\n| a| b|\n+--+--+", "* item\n\n  * sub", "#. um", "   indentado", "\\", "`", "**", "``", "_`",
    ".. code-block:: python\n\n   x = 1", ".. math::\n\n   x^2", ":math:`x`", ".. only:: html\n\n   só",
    ".. unknown-directive::", ":unknown-role:`x`", ".. note::", "Título\n======\n\nSub\n===",
]
weird_piece = st.one_of(st.characters(exclude_categories=["Cs"]), st.sampled_from(SPECIAL))
weird_text = st.lists(weird_piece, max_size=40).map("".join)


@st.composite
def mutated_playbook(draw) -> tuple[str, bytes]:
    """(description, bytes) of a real playbook after a few random mutations."""
    name = draw(st.sampled_from(sorted(CORPUS)))
    lines = CORPUS[name].split(b"\n")
    steps = []
    for _ in range(draw(st.integers(1, 6))):
        op = draw(st.sampled_from(["delete", "duplicate", "swap", "insert_text", "replace_text",
                                   "insert_rst", "long_line", "raw_bytes", "truncate", "line_ends"]))
        steps.append(op)
        if not lines:
            lines = [b""]
        i = draw(st.integers(0, len(lines) - 1))
        if op == "delete":
            del lines[i]
        elif op == "duplicate":
            lines.insert(i, lines[i])
        elif op == "swap":
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif op == "insert_text":
            text = lines[i].decode("utf-8", errors="replace")
            at = draw(st.integers(0, len(text)))
            lines[i] = (text[:at] + draw(weird_text) + text[at:]).encode("utf-8")
        elif op == "replace_text":
            lines[i] = draw(weird_text).encode("utf-8")
        elif op == "insert_rst":
            lines[i:i] = [b"", draw(st.sampled_from(RST_SNIPPETS)).encode("utf-8"), b""]
        elif op == "long_line":
            unit = draw(st.sampled_from(["a", "palavra ", "é", "\u0301", "=", "~", "`", "*", "<", "🙂", "\x00"]))
            lines.insert(i, (unit * draw(st.integers(1_000, 60_000))).encode("utf-8"))
        elif op == "raw_bytes":
            lines.insert(i, draw(st.binary(min_size=1, max_size=20)))
        elif op == "truncate":
            data = b"\n".join(lines)
            data = data[: draw(st.integers(0, len(data)))]  # often in the middle of a character
            lines = data.split(b"\n")
        elif op == "line_ends":
            ending = draw(st.sampled_from([b"\r\n", b"\r", b"\n\n"]))
            lines = [line + ending[:-1] if ending != b"\n\n" else line for line in lines]
            if ending == b"\r":
                lines = [b"\r".join(lines)]
    data = b"\n".join(lines)
    if draw(st.booleans()):
        data = b"\xef\xbb\xbf" + data
    return f"{name}: {' '.join(steps)}", data


def profile(examples: int):
    return settings(max_examples=examples, deadline=None, derandomize=IN_CI, print_blob=True,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                           HealthCheck.large_base_example, HealthCheck.function_scoped_fixture])


REPORT_RE = re.compile(r"^(?P<path>.+?)(?::(?P<line>\d+))?: (?P<level>INFO|WARNING|ERROR|SEVERE|CRITICAL): "
                       r"(?P<msg>.+) \[(?P<type>[\w.]+)\]$", re.DOTALL)
SUMMARY_RE = re.compile(r"^(\d+ problema\(s\) em \d+ de \d+ arquivo\(s\)\.|\d+ arquivo\(s\) verificado\(s\): "
                        r"nenhum problema\.)$")


def line_count(data: bytes) -> int:
    try:
        return decode(data).count("\n") + 1
    except SourceError:
        return data.count(b"\n") + 1


def assert_clean_checker_output(out: str, display: str, data: bytes) -> None:
    assert "Traceback" not in out
    limit = line_count(data) + 1
    for raw in out.split("\n"):
        if not raw or SUMMARY_RE.match(raw):
            continue
        match = REPORT_RE.match(raw)
        assert match, f"not a clean report line: {raw[:300]!r}"
        # No control or bidirectional-formatting character that would garble the terminal.
        hidden = [c for c in raw if unicodedata.category(c) in {"Cc", "Cf", "Zl", "Zp"}]
        assert not hidden, f"control characters in a report: {raw[:300]!r}"
        assert match["path"] == display, raw[:300]
        if match["line"]:
            assert 1 <= int(match["line"]) <= limit, raw[:300]


@pytest.fixture(scope="module")
def handbook_dir(tmp_path_factory) -> Path:
    """A minimal handbook; the mutated playbook is written to playbooks/sei/mutado.rst."""
    src = tmp_path_factory.mktemp("properties") / "src"
    (src / "playbooks" / "sei").mkdir(parents=True)
    shutil.copy(STANDARD / "conf.py", src / "conf.py")
    shutil.copy(STANDARD / "index.rst", src / "index.rst")
    shutil.copy(STANDARD / "playbooks" / "index.rst", src / "playbooks" / "index.rst")
    return src


def run_checker(src: Path, file: Path, conf: Path | None = None) -> tuple[int, str]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        code = check.main(["--conf", str(conf or src / "conf.py"), "--source", str(src), str(file)])
    return code, out.getvalue()


@pytest.mark.pen_sample
@profile(CHECKER_EXAMPLES)
@given(mutated_playbook())
def test_checker_never_crashes_on_mutated_playbooks(handbook_dir, sample):
    description, data = sample
    file = handbook_dir / "playbooks" / "sei" / "mutado.rst"
    file.write_bytes(data)
    code, out = run_checker(handbook_dir, file)
    assert code in (0, 1), description
    assert_clean_checker_output(out, check.display_path(file), data)


@pytest.mark.pen_sample
@profile(CHECKER_EXAMPLES // 3)
@given(mutated_playbook())
def test_checker_never_crashes_on_loose_files(tmp_path_factory, sample):
    """The same, for a file outside the handbook (make check FILES=...), whose kind is guessed."""
    description, data = sample
    folder = tmp_path_factory.getbasetemp() / "loose"
    folder.mkdir(exist_ok=True)
    file = folder / "solto.rst"
    file.write_bytes(data)
    code, out = run_checker(PROJECT / "source", file, PROJECT / "conf.py")
    assert code in (0, 1), description
    lines = [l for l in out.split("\n") if "verificado como" not in l and "não é um playbook" not in l]
    assert_clean_checker_output("\n".join(lines), check.display_path(file), data)


@pytest.mark.pen_sample
@profile(SPHINX_EXAMPLES)
@given(mutated_playbook())
def test_sphinx_build_never_crashes_on_mutated_playbooks(handbook_dir, sample):
    from sphinx.util.console import strip_colors

    description, data = sample
    (handbook_dir / "playbooks" / "sei" / "mutado.rst").write_bytes(data)
    shutil.rmtree(handbook_dir / "_build", ignore_errors=True)
    app = built_app(handbook_dir)  # an exception here (a crash in the extension) fails the test
    text = strip_colors(app.warning.getvalue())
    assert "Traceback" not in text and "Exception occurred" not in text, description
    # Every report names a file of the handbook (the mutated playbook, or the catalog's glob
    # toctree when the playbook was refused), and a line when there is one.
    records = [l for l in text.split("\n") if re.search(r": (WARNING|ERROR|CRITICAL|SEVERE): ", l)]
    for record in records:
        assert re.match(re.escape(str(handbook_dir)) + r"/\S+\.rst(:\d+)?: (WARNING|ERROR|CRITICAL|SEVERE): ",
                        record), record[:300]
    hidden = [c for c in text if unicodedata.category(c) in {"Cc", "Cf", "Zl", "Zp"} and c not in "\n\t"]
    assert not hidden, f"control characters in the warnings: {text[:500]!r}"
    page = handbook_dir / "_build" / "html" / "playbooks" / "sei" / "mutado.html"
    assert page.exists() or "[playbook.encoding]" in text or "[playbook.policy_size]" in text, description


# --- Big files: one clear error, quickly ---------------------------------------------------

TEN_MB = 10 * 1024 * 1024


def ten_megabyte_files() -> dict[str, bytes]:
    seed = SEED.read_bytes()
    return {
        "repetido.rst": seed * (TEN_MB // len(seed) + 1),
        "linha-longa.rst": seed + b"\n\n" + b"palavra " * (TEN_MB // 8) + b"\n",
        "binario.rst": bytes(range(256)) * (TEN_MB // 256),
        "nulos.rst": b"\x00" * TEN_MB,
    }


@pytest.mark.pen_sample
@pytest.mark.parametrize("name", ["binario.rst", "linha-longa.rst", "nulos.rst", "repetido.rst"])
def test_checker_gives_one_clear_error_for_a_10_mb_file(tmp_path, name):
    src = tmp_path / "src"
    shutil.copytree(STANDARD, src)
    file = src / "playbooks" / "sei" / name
    data = ten_megabyte_files()[name]
    file.write_bytes(data)
    code, out = run_checker(src, file)
    assert code == 1
    assert_clean_checker_output(out, check.display_path(file), data)
    reports = [l for l in out.split("\n") if REPORT_RE.match(l)]
    assert len(reports) == 1 and reports[0].endswith("[playbook.policy_size]"), reports
    assert "10,0 MB" in reports[0]


@pytest.mark.pen_sample
def test_sphinx_gives_one_clear_error_for_a_10_mb_file_and_builds_the_rest(make_app, tmp_path):
    src = tmp_path / "src"
    shutil.copytree(STANDARD, src)
    for name, data in ten_megabyte_files().items():
        (src / "playbooks" / "sei" / name).write_bytes(data)
    app = make_app("html", srcdir=src, freshenv=True)
    app.build()
    sized = [l for l in app.warning.getvalue().splitlines() if "[playbook.policy_size]" in l]
    assert len(sized) == len(ten_megabyte_files())
    assert (Path(app.outdir) / "playbooks" / "sei" / "valido.html").exists()
    assert not (Path(app.outdir) / "playbooks" / "sei" / "repetido.html").exists()


@pytest.mark.pen_sample
def test_long_playbook_under_the_limit_is_checked(tmp_path):
    """~900 KB: 150 copies of the seed (each a title and eight sections) and 20,000 empty
    sections.  (Cubic work per heading once made this take hours.)"""
    src = tmp_path / "src"
    shutil.copytree(STANDARD, src)
    seed = SEED.read_bytes()
    file = src / "playbooks" / "sei" / "longo.rst"
    file.write_bytes(seed * 150 + b"\n" + b"Situa\xc3\xa7\xc3\xa3o\n~~~~~~~~\n\n" * 20000)
    assert file.stat().st_size < 1024 * 1024
    code, out = run_checker(src, file)
    assert code == 1
    assert_clean_checker_output(out, check.display_path(file), file.read_bytes())
    # Every empty section is checked; the report shows the first 50 and counts the rest
    # (playbook_max_warnings_per_subtype): none is lost.
    assert out.count("[playbook.duplicate_section]") == 51
    total = re.search(r"não mostrado\(s\): (\d+) no total[^\n]*\[playbook\.duplicate_section\]", out)
    assert total and int(total[1]) >= 20000


def test_control_characters_from_a_playbook_are_escaped_in_reports(make_app, tmp_path):
    """ESC, NUL and a right-to-left override in a heading are shown escaped by both tools."""
    src = tmp_path / "src"
    shutil.copytree(STANDARD, src)
    valid = (STANDARD / "playbooks" / "sei" / "valido.rst").read_text(encoding="utf-8")
    file = src / "playbooks" / "sei" / "controles.rst"
    file.write_text(valid.replace("Quando ocorre\n", "Quando\x1b[31m\x00 ocorre\u202e\n"), encoding="utf-8")
    app = make_app("html", srcdir=src, freshenv=True)
    app.build()
    built = [l for l in normalized_warnings(app).splitlines() if "controles.rst" in l]
    code, out = run_checker(src, file)
    checked = [l for l in out.splitlines() if "controles.rst" in l]
    for lines in (built, checked):
        assert any("'Quando\\x1b[31m" in l and "ocorre\\u202e'" in l for l in lines), lines
        assert not [l for l in lines if "\x1b" in l or "\x00" in l or "\u202e" in l]


@pytest.mark.pen_sample
def test_a_file_cut_in_the_middle_of_a_character_is_one_clear_error(make_app, tmp_path):
    src = tmp_path / "src"
    shutil.copytree(STANDARD, src)
    data = SEED.read_bytes()
    cut = data.rindex("ê".encode("utf-8")) + 1  # the first byte of a two-byte character
    file = src / "playbooks" / "sei" / "cortado.rst"
    file.write_bytes(data[:cut])
    line = data[:cut].count(b"\n") + 1
    app = make_app("html", srcdir=src, freshenv=True)
    app.build()
    built = [l for l in normalized_warnings(app).splitlines() if "cortado.rst" in l]
    assert built == [l for l in built if l.startswith(f"<srcdir>/playbooks/sei/cortado.rst:{line}: WARNING: ")]
    assert len(built) == 1 and "não está em UTF-8" in built[0] and built[0].endswith("[playbook.encoding]")
    code, out = run_checker(src, file)
    checked = [l for l in out.splitlines() if "cortado.rst" in l]
    assert code == 1 and len(checked) == 1 and f"cortado.rst:{line}: WARNING: o arquivo não está em UTF-8" in checked[0]


def test_unusual_line_separators_do_not_shift_line_numbers(make_app, tmp_path):
    """U+2028, NEL, form feed... are line breaks for docutils but not for editors: after
    them, reported lines must still be the lines the writer sees."""
    src = tmp_path / "src"
    shutil.copytree(STANDARD, src)
    valid = (STANDARD / "playbooks" / "sei" / "valido.rst").read_text(encoding="utf-8")
    text = valid.replace("Quando o sistema apresenta erro.", "Quando\u2028o\x85sistema\x0capresenta\u2029erro.")
    text = text.replace("Causa\n~~~~~~~", "Cuasa\n~~~~~~~")
    file = src / "playbooks" / "sei" / "separadores.rst"
    file.write_text(text, encoding="utf-8")
    line = text.split("\n").index("Cuasa") + 1
    app = make_app("html", srcdir=src, freshenv=True)
    app.build()
    built = [l for l in normalized_warnings(app).splitlines()
             if "separadores.rst" in l and "[playbook.duplicate_title]" not in l]  # it copies valido.rst
    assert len(built) == 1 and built[0].startswith(f"<srcdir>/playbooks/sei/separadores.rst:{line}: "), built
    _, out = run_checker(src, file)
    assert [l for l in out.splitlines()
            if "separadores.rst" in l and "[playbook.duplicate_title]" not in l][0].endswith(
        "[playbook.unknown_section]") and f"separadores.rst:{line}: " in out
