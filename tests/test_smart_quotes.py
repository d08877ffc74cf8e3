"""make check's smart quotes (writers/smart_quotes.py) give docutils' own tree."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import PEN_WIKI, PROJECT, SEED
from docutils.transforms.universal import SmartQuotes
from sphinx.transforms import SphinxSmartQuotes

from playbooks.writers import check, smart_quotes


class DocutilsSmartQuotes(SmartQuotes):
    """docutils' transform as Sphinx runs it (Sphinx's tokens), the reference."""

    get_tokens = SphinxSmartQuotes.get_tokens


def _trees(text: str, conf: dict) -> tuple[str, str]:
    ours = check.parse(text, "x.rst")
    smart_quotes.apply(ours, conf)
    reference = check.parse(text, "x.rst")
    reference.settings.smart_quotes = True
    reference.settings.language_code = conf.get("language") or "en"
    transform = DocutilsSmartQuotes(reference, None)
    transform.smartquotes_action = conf.get("smartquotes_action", "qDe")
    transform.apply()
    return ours.pformat(), reference.pformat()


EDGES = """\
Título
======

Ele disse "pare" -- e parou... O 'caso' d'água. Sem nada a educar aqui.

* ``literal "não muda"`` e \\"escapado\\" e \\-\\- e &#34; e ``x``
* Um . . . espaçado, `código` e ---travessão.
* Aspas antigas \\`\\`assim'' também.
* Só tipográficas: “já” – e… nada mais

::

   "pré-formatado" -- fica
"""


#: What each action makes of EDGES, written out (smartypants' attributes: q quotes, b/B
#: backticks, d/D dashes, e ellipses; 1-3 sets of them; w only &quot; entities, so nothing
#: here; -1 turns typographic characters back into ASCII).
EXPECTED = {
    "qDe": ["Ele disse “pare” – e parou… O ‘caso’ d’água.", "Aspas antigas ``assim’’ também.",
            "Só tipográficas: “já” – e… nada mais"],
    "qbBde": ["Ele disse “pare” — e parou… O ’caso’ d’água.", "Aspas antigas ``assim” também."],
    "1": ["Ele disse “pare” — e parou… O ‘caso’ d’água.", "Aspas antigas ``assim” também."],
    "2": ["Ele disse “pare” – e parou… O ‘caso’ d’água.", "Aspas antigas ``assim” também."],
    "3": ["Ele disse “pare” — e parou… O ‘caso’ d’água.", "Aspas antigas ``assim” também."],
    "w": ["Ele disse \"pare\" -- e parou... O 'caso' d'água.", "Um . . . espaçado,",
          "Aspas antigas ``assim'' também.", "Só tipográficas: “já” – e… nada mais"],
    "-1": ["Ele disse \"pare\" -- e parou... O 'caso' d'água.", "Um . . . espaçado,",
           "Só tipográficas: \"já\" - e... nada mais"],
}


@pytest.mark.parametrize("action", sorted(EXPECTED))
def test_the_same_tree_as_docutils_for_every_action(action):
    ours, reference = _trees(EDGES, {"language": "pt_BR", "smartquotes_action": action})
    assert ours == reference
    for expected in EXPECTED[action]:
        assert expected in ours, (action, expected, ours)
    # literals and preformatted text are never educated
    assert 'literal "não muda"' in ours and '"pré-formatado" -- fica' in ours


@pytest.mark.pen_sample
def test_the_same_tree_as_docutils_over_pen_sample_and_the_seed():
    conf = check.load_conf(PROJECT / "conf.py")
    files = [*sorted(PEN_WIKI.rglob("*.rst")), SEED, *sorted((PROJECT / "source").rglob("*.rst"))]
    assert len(files) > 50
    changed = 0
    for path in files:
        text = Path(path).read_text(encoding="utf-8")
        ours, reference = _trees(text, conf)
        assert ours == reference, path
        changed += ours != check.parse(text, "x.rst").pformat()
    assert changed > 0  # the sample has quotes to educate
