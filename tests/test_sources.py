"""Sources in UTF-8 with or without BOM, CRLF, NFD are accepted; other encodings are one clear error."""

from __future__ import annotations

import shutil
import unicodedata

from conftest import PROJECT, normalized_warnings

from playbooks.writers import check

STANDARD = PROJECT / "tests" / "roots" / "test-standard"
VALID = (STANDARD / "playbooks" / "sei" / "valido.rst").read_text(encoding="utf-8")


def make_root(tmp_path, files: dict[str, bytes]):
    src = tmp_path / "src"
    (src / "playbooks" / "sei").mkdir(parents=True)
    shutil.copy(STANDARD / "conf.py", src / "conf.py")
    with open(src / "conf.py", "a", encoding="utf-8") as conf:  # one playbook saved four ways
        conf.write('\nsuppress_warnings = ["playbook.duplicate_title"]\n')
    shutil.copy(STANDARD / "index.rst", src / "index.rst")
    shutil.copy(STANDARD / "playbooks" / "index.rst", src / "playbooks" / "index.rst")
    for name, data in files.items():
        (src / "playbooks" / "sei" / name).write_bytes(data)
    return src


VARIANTS = {
    "bom.rst": b"\xef\xbb\xbf" + VALID.encode("utf-8"),
    "crlf.rst": VALID.replace("\n", "\r\n").encode("utf-8"),
    "nfd.rst": unicodedata.normalize("NFD", VALID).encode("utf-8"),
    "tudo.rst": b"\xef\xbb\xbf" + unicodedata.normalize("NFD", VALID).replace("\n", "\r\n").encode("utf-8"),
}


def test_utf8_variants_build_cleanly(make_app, tmp_path):
    src = make_root(tmp_path, VARIANTS)
    app = make_app("html", srcdir=src, freshenv=True)
    app.build()
    assert normalized_warnings(app) == ""
    html = (app.outdir / "playbooks" / "sei" / "nfd.html").read_text(encoding="utf-8")
    assert unicodedata.normalize("NFC", "Situação") in html


def test_utf8_variants_pass_the_checker(tmp_path, capsys):
    src = make_root(tmp_path, VARIANTS)
    code = check.main(["--conf", str(src / "conf.py"), "--source", str(src)])
    assert code == 0, capsys.readouterr().out


LATIN1 = VALID.encode("latin-1", errors="replace")


def test_latin1_file_is_one_clear_error_in_the_build(make_app, tmp_path):
    src = make_root(tmp_path, {"latin1.rst": LATIN1, "ok.rst": VALID.encode("utf-8")})
    app = make_app("html", srcdir=src, freshenv=True)
    app.build()
    warnings = normalized_warnings(app).strip().splitlines()
    assert len(warnings) == 1, warnings
    first_bad_line = LATIN1.split(b"\n").index(next(l for l in LATIN1.split(b"\n") if max(l, default=0) > 127)) + 1
    assert warnings[0].startswith(f"<srcdir>/playbooks/sei/latin1.rst:{first_bad_line}: WARNING: ")
    assert "não está em UTF-8" in warnings[0] and warnings[0].endswith("[playbook.encoding]")
    assert (app.outdir / "playbooks" / "sei" / "ok.html").exists()


def test_latin1_file_is_one_clear_error_in_the_checker(tmp_path, capsys):
    src = make_root(tmp_path, {"latin1.rst": LATIN1})
    code = check.main(["--conf", str(src / "conf.py"), "--source", str(src)])
    out = capsys.readouterr().out
    assert code == 1
    lines = [l for l in out.splitlines() if "WARNING" in l]
    assert len(lines) == 1 and "latin1.rst:" in lines[0] and "[playbook.encoding]" in lines[0]
    assert "Traceback" not in out
