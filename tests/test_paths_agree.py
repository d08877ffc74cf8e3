"""The three paths agree: the build, ``make check`` and ``make import`` judge a playbook alike.

Hypothesis mutates real playbooks (the seed and PEN's sample) the way writers break them:
sections dropped, swapped, renamed, nested, emptied; keywords in every separator PEN uses;
placeholders in the reply; review dates past, future and malformed.  Each example is built
in a small handbook under a configuration variant (``suppress_warnings`` patterns, a kind
chosen by folder, ``playbook_root`` one folder deeper).  Then:

* the build's ``playbook.*`` reports (file, line, subtype) equal ``make check``'s;
* the file passed through ``make import`` keeps every keyword and reply text the build read.

The number of examples is ``PROPERTY_PATHS_EXAMPLES`` (default 25; derandomized in CI).
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import shutil
from pathlib import Path

import pytest
from conftest import PEN_WIKI, SEED, built_app
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from workflow import STANDARD

from playbooks.collect.records import get_records
from playbooks.standard.analysis import analyse
from playbooks.standard.schema import build_schema
from playbooks.files.sources import decode
from playbooks.writers import check, importer

pytestmark = pytest.mark.pen_sample

IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
EXAMPLES = int(os.environ.get("PROPERTY_PATHS_EXAMPLES", "25"))
TODAY = "2026-06-01"


def _sources() -> dict[str, str]:
    # read at import: without PEN's sample (the module is marked pen_sample) nothing
    found = {"seed": decode(SEED.read_bytes())} if SEED.is_file() else {}
    for path in sorted(PEN_WIKI.rglob("*.rst")) if PEN_WIKI.is_dir() else []:
        text = decode(path.read_bytes())
        if "Palavras" in text and "Modelo de Resposta" in text:
            found[path.name] = text
    return found


SOURCES = _sources()
ADORNMENT = re.compile(r"^([=~\-^\"'`#*+_.:])\1{2,}\s*$")


def split_sections(text: str) -> tuple[list[str], list[tuple[str, str, list[str]]]]:
    """``(head lines, [(heading, underline char, body lines)])`` of a playbook's text."""
    lines = text.split("\n")
    starts = [i for i in range(1, len(lines)) if ADORNMENT.match(lines[i]) and lines[i - 1].strip()
              and not ADORNMENT.match(lines[i - 1])]
    if len(starts) < 2:
        return lines, []
    head = lines[: starts[1] - 1]
    sections = []
    for number, start in enumerate(starts[1:], start=1):
        end = starts[number + 1] - 1 if number + 1 < len(starts) else len(lines)
        sections.append((lines[start - 1], lines[start].strip()[0], lines[start + 1: end]))
    return head, sections


def join_sections(head: list[str], sections: list[tuple[str, str, list[str]]]) -> str:
    lines = list(head)
    for heading, char, body in sections:
        lines += [heading, char * max(len(heading.strip()), 3), *body]
    return "\n".join(lines)


KEYWORDS = ["SEI", "TCP/IP", "certificado digital", "Versão 4,0", "erro 500", "usuário externo"]


@st.composite
def mutated(draw) -> tuple[str, str]:
    """(description, text) of a real playbook after writer-like mutations."""
    name = draw(st.sampled_from(sorted(SOURCES)))
    head, sections = split_sections(SOURCES[name])
    steps = [name]
    for _ in range(draw(st.integers(0, 4))):
        if not sections:
            break
        action = draw(st.sampled_from(["drop", "swap", "rename", "nest", "empty", "keywords", "placeholder"]))
        i = draw(st.integers(0, len(sections) - 1))
        heading, char, body = sections[i]
        if action == "drop":
            del sections[i]
        elif action == "swap":
            j = draw(st.integers(0, len(sections) - 1))
            sections[i], sections[j] = sections[j], sections[i]
        elif action == "rename":
            new = draw(st.sampled_from([heading.lower(), heading.replace("ç", "c").replace("ã", "a"),
                                        heading[:-1], heading + "s", "Outra seção"]))
            sections[i] = (new or "X", char, body)
        elif action == "nest":
            sections[i] = (heading, draw(st.sampled_from("-^~=\"")), body)
        elif action == "empty":
            sections[i] = (heading, char, ["", ".. comentário", ""])
        elif action == "keywords":
            at = next((k for k, s in enumerate(sections) if "chave" in s[0].lower()), i)
            separator = draw(st.sampled_from(["; ", ", ", " | ", "/", ";", ","]))
            words = draw(st.lists(st.sampled_from(KEYWORDS), min_size=1, max_size=4, unique=True))
            sections[at] = (sections[at][0], sections[at][1], ["", separator.join(words), ""])
        elif action == "placeholder":
            at = next((k for k, s in enumerate(sections) if "resposta" in s[0].lower()), i)
            text = draw(st.sampled_from(["Prezado(a) [nome do usuário],", "Prezada xxxx,",
                                         "Informe o chamado ________.", "(inserir aqui nome do usuário)"]))
            sections[at] = (sections[at][0], sections[at][1], ["", text, "", *sections[at][2]])
        steps.append(f"{action}@{i}")
    text = join_sections(head, sections)
    review = draw(st.sampled_from([None, "2020-01-01", "2099-12-31", "31/12/2020"]))
    if review:
        text = f":revisar-em: {review}\n\n{text}"
        steps.append(f"review={review}")
    return " ".join(steps), text


CONFIGS = st.fixed_dictionaries({
    "suppress": st.sampled_from([[], ["playbook.keyword_separator"], ["playbook.*"], ["playbook"],
                                 ["playbook.empty_section", "playbook.review_due"]]),
    "root": st.sampled_from(["playbooks", "manual/playbooks"]),
    "folder": st.sampled_from(["sei", "procedimentos", "tramita"]),
    "by_folder": st.sampled_from([{"procedimentos": "procedimento"}, {"procedimentos": "procedimento", "tramita": "procedimento"}]),
})

REPORT = re.compile(r"^(?P<path>\S.*?\.rst)(?::(?P<line>\d+))?: (?:WARNING|ERROR|CRITICAL): .* \[playbook\.(?P<sub>\w+)\]$", re.M)


def reports(text: str, root: Path) -> set[tuple[str, int | None, str]]:
    found = set()
    for match in REPORT.finditer(text):
        path = Path(match["path"])
        path = (path if path.is_absolute() else Path.cwd() / path).resolve()
        found.add((path.relative_to(root.resolve()).as_posix(), int(match["line"]) if match["line"] else None,
                   match["sub"]))
    return found


def handbook(base: Path, config: dict, files: dict[str, str]) -> Path:
    if base.exists():
        shutil.rmtree(base)
    root = base / config["root"]
    (root).mkdir(parents=True)
    conf = (STANDARD / "conf.py").read_text(encoding="utf-8")
    conf += (f"\nplaybook_root = {config['root']!r}\nplaybook_kind_by_folder = {config['by_folder']!r}\n"
             f"suppress_warnings = {config['suppress']!r}\nplaybook_today = {TODAY!r}\n")
    (base / "conf.py").write_text(conf, encoding="utf-8")
    (base / "index.rst").write_text(f"Manual\n======\n\n.. toctree::\n   :glob:\n\n   {config['root']}/*/*\n",
                                    encoding="utf-8")
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return base


def build(src: Path):
    from sphinx.util.console import strip_colors

    app = built_app(src)
    return strip_colors(app.warning.getvalue()), dict(get_records(app.env))


def run_check(src: Path) -> str:
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        check.main(["--conf", str(src / "conf.py"), "--source", str(src)])
    return out.getvalue()


# No shrinking: each example is a Sphinx build, and the failure message names the mutations.
@settings(max_examples=EXAMPLES, deadline=None, derandomize=IN_CI, print_blob=True,
          phases=[Phase.explicit, Phase.reuse, Phase.generate],
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture,
                                 HealthCheck.data_too_large])
@given(sample=mutated(), other=mutated(), config=CONFIGS)
def test_build_check_and_import_agree(tmp_path_factory, sample, other, config):
    description, text = sample
    base = tmp_path_factory.getbasetemp() / "paths-agree"
    files = {f"{config['folder']}/mutado.rst": text, "sei/outro.rst": other[1]}
    src = handbook(base, config, files)
    warnings, records = build(src)
    assert "Traceback" not in warnings and "Exception occurred" not in warnings, warnings[-2000:]
    built = reports(warnings, src)
    checked = reports(run_check(src), src)
    assert built == checked, (description, sorted(built ^ checked))

    # make import of the mutated file: the keywords and reply texts the build read survive.
    record = records.get(f"{config['root']}/{config['folder']}/mutado")
    if record is None:
        return
    wiki = base.parent / "paths-agree-wiki"
    shutil.rmtree(wiki, ignore_errors=True)
    (wiki / "Pasta").mkdir(parents=True)
    (wiki / "Pasta" / "Mutado.rst").write_text(text, encoding="utf-8")
    target_root = base.parent / "paths-agree-import"
    shutil.rmtree(target_root, ignore_errors=True)
    handbook(target_root, config, {})
    conf = check.load_conf(target_root / "conf.py")
    result = importer.Importer(conf, target_root, config["folder"], False).run(wiki)
    imported = [item.target for item in result.items if item.target is not None and not item.page]
    if not imported:
        return  # not a playbook for the importer (no section of any kind): nothing to compare
    (target,) = imported
    new_text = decode(target.read_bytes())
    schema = build_schema(conf["playbook_kinds"], conf["playbook_default_kind"], conf["playbook_kind_by_folder"])
    kind = schema.kind_for_category(config["folder"])
    on = __import__("datetime").date.fromisoformat(TODAY)
    analysis = analyse(check.parse(new_text, str(target), conf), kind, new_text.split("\n"), today=on)
    assert analysis.metadata.keywords == record["keywords"], description
    # make import writes parenthesised placeholders in brackets (issue 11): the replies are
    # the same with each field standing for its value.
    original = analyse(check.parse(text, str(target), conf), kind, text.split("\n"), today=on)
    assert [t.text for t in original.templates] == [r["text"] for r in record["replies"]], description
    assert [_by_value(t) for t in analysis.templates] == [_by_value(t) for t in original.templates], description


def _by_value(template) -> str:
    """A template's text with each field as the value it stands for (``{p:nome do usuário}``)."""
    from playbooks.replies.extract import Slot

    return "".join(f"{{{p.key}}}" if isinstance(p, Slot) and p.kind == "placeholder"
                   else p.written if isinstance(p, Slot) else p for p in template.text_pieces)
