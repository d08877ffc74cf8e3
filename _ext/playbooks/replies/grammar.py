"""The grammar of reply templates: placeholders, labels and writers' instructions.

One definition, docutils- and Sphinx-free, used by the extraction (``extract.py``), the
``playbooks.json`` record, ``make check`` and ``make import``.

Placeholders (each becomes an editable field in the page):

* ``[campo]``: text in square brackets, the canonical form, named by its text.  Not a
  field when it is a link written the Markdown way: ``[Tramita.gov.br](https://...)`` or
  ``[Tramita.gov.br]`` followed by a URL.
* ``(inserir aqui nome do usuário)``: a parenthesised instruction to the agent, opened by
  one of ``placeholder_words`` (``playbook_reply_placeholder_words`` in ``conf.py``), short,
  without sentence punctuation.  Its name drops the opening verb (an infinitive) and the
  words that follow it ("aqui", an article): ``nome do usuário``.  ``Prezado(a)``,
  ``senhor(a)`` and ordinary parenthesised text are not fields.
* ``________``: a run of three or more underscores, a blank.  Named from the words before
  it ("chamado de número ____" -> "número do chamado", "NRE: ____" -> "NRE"), else numbered
  ("campo em branco 1").
* x-masks: ``xxxx``, ``XXxxxxx``, ``XXXXX.XXXXXX/XXXX-XX`` (three x or more; separators
  ``. / - :`` kept as the field's hint).  A mask after a salutation is the user's name, a
  mask alone after the closing ("Atenciosamente,") is the agent's name.

The same placeholder anywhere on a page is one value: its ``key`` is its name, folded.
A field whose name is one of ``agent_fields`` (``playbook_reply_agent_fields``) is the
agent's own name, remembered by the browser.

Labels: a paragraph that is only a label (``Resposta 01:``, ``Resposta 02 (após ...):``,
``Modelo de resposta para o Remetente:``) starts a template; ``label_words`` open it.

Instructions: a paragraph wholly in parentheses (or brackets) opened by one of
``instruction_words`` ("(Indicar como o atendente deverá responder ...)") is addressed to
the agent: shown, never copied.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, field

# --- Configuration (PEN's defaults) ----------------------------------------------------

#: Words that open a parenthesised placeholder: ``(inserir aqui nome do usuário)``.
DEFAULT_PLACEHOLDER_WORDS = [
    "inserir", "informar", "escrever", "citar", "colocar", "preencher", "digitar",
    "verificar", "nome", "número", "nº", "data", "e-mail", "telefone", "site", "sigla",
    "código", "cpf", "cnpj",
]
#: Names of the field that holds the agent's own name (compared folded).
DEFAULT_AGENT_FIELDS = [
    "nome do atendente", "nome profissional do atendente", "atendente", "nome do analista",
    "assinatura do atendente",
]
#: Words that open a plain-text label paragraph (``Resposta 01:``).
DEFAULT_LABEL_WORDS = [
    "resposta", "modelo", "modelo de resposta", "para os casos", "para o caso", "para casos",
    "alternativa", "opção", "cenário",
]
#: Words that open a writer's instruction paragraph: ``(Indicar como o atendente ...)``.
DEFAULT_INSTRUCTION_WORDS = [
    "indicar", "descrever", "explicar", "orientar", "adaptar", "substituir", "exemplo",
    "obs", "observação", "nota", "instrução", "incluir",
]

#: (name, default, rebuild, types): added by the extension and read by ``make check``.
CONFIG_VALUES = [
    ("playbook_reply_placeholder_words", DEFAULT_PLACEHOLDER_WORDS, "env", frozenset({list, tuple})),
    ("playbook_reply_agent_fields", DEFAULT_AGENT_FIELDS, "env", frozenset({list, tuple})),
    ("playbook_reply_label_words", DEFAULT_LABEL_WORDS, "env", frozenset({list, tuple})),
    ("playbook_reply_instruction_words", DEFAULT_INSTRUCTION_WORDS, "env", frozenset({list, tuple})),
]

#: The warning subtype of a parenthesised placeholder (canonical form: brackets).
PLACEHOLDER_FORM_SUBTYPE = "placeholder_form"
#: The warning subtype of a writer's instruction next to real reply text.
INSTRUCTION_SUBTYPE = "reply_instruction"

#: The key and accessible name of the agent's own name field, whatever it is written as.
AGENT_KEY = "agent"
AGENT_NAME = "nome do atendente"

# --- Text helpers --------------------------------------------------------------------------

_WS = re.compile(r"\s+")
_QUOTES = "\"“”„«»'‘’"


@functools.lru_cache(maxsize=4096)
def fold(text: str) -> str:
    """Casefolded, accents dropped, whitespace collapsed: for comparing words.  Cached: the
    grammar folds the same configured words and short texts over and over."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return _WS.sub(" ", text).strip().casefold()


def _collapse(text: str) -> str:
    return _WS.sub(" ", unicodedata.normalize("NFC", text)).strip()


def _starts_with_word(folded: str, words) -> str | None:
    """The first of ``words`` (folded) that opens ``folded`` as whole words."""
    best = None
    for word in words:
        w = fold(word)
        if w and (folded == w or (folded.startswith(w) and not folded[len(w)].isalnum())):
            if best is None or len(w) > len(best):
                best = w
    return best


# --- Grammar ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Match:
    """A placeholder found in a text: ``text[start:end]`` is ``written``."""

    start: int
    end: int
    form: str  # "bracket", "paren", "blank" or "mask"
    written: str
    name: str  # the accessible name; "" for a blank or mask with nothing to name it
    hint: str = ""  # what the empty field shows (a mask's own shape)

    @property
    def canonical(self) -> str:
        """The bracket form that ``make import`` writes for a parenthesised placeholder."""
        return f"[{self.name}]"


BRACKET_RE = re.compile(r"\[(?=[^\[\]\n]*[^\W\d_])([^\[\]\n]{1,120})\]")
PAREN_RE = re.compile(r"(?<![\w(])\(([^()\n]{2,100})\)")
BLANK_RE = re.compile(r"_{3,}")
MASK_RE = re.compile(r"(?<![\w./-])[xX]+(?:[./:-][xX]+)*(?![\w])")
LINK_AFTER_RE = re.compile(r"\s*\(?\s*(?:https?://|www\.)", re.IGNORECASE)
#: Words before a mask that make it a name to greet.
SALUTATION_RE = re.compile(
    r"(?:prezad[oa]s?(?:\s*\(\s*[oa]s?\s*\))?|senhor(?:\s*\(\s*a\s*\))?|senhora|sr\.?|sra\.?|"
    r"car[oa]|ol[áa]|gestor(?:\s*\(\s*a\s*\))?|gestora)\s*$",
    re.IGNORECASE,
)
ROMAN_CONTEXT_RE = re.compile(r"(?:inciso|art\.?|artigo|item|cap[íi]tulo|s[ée]culo|§|parte|anexo|t[íi]tulo)\s*$",
                              re.IGNORECASE)
#: The closing of a reply: a mask alone after it is the agent's signature.
CLOSING_RE = re.compile(r"^(?:atenciosamente|cordialmente|att\.?|respeitosamente|grat[oa]|"
                        r"obrigad[oa])\s*[,.!]?$", re.IGNORECASE)
_INFINITIVE_RE = re.compile(r"^\w+(?:ar|er|ir)$", re.IGNORECASE)
_AFTER_VERB = {"aqui", "o", "a", "os", "as", "ao", "à"}
_NUMBER_WORDS = r"n[úu]mero|n[º°o]\.?|c[óo]digo|protocolo"
_BLANK_NOUN_RE = re.compile(rf"(?P<noun>[^\W\d_]+)\s+de\s+(?P<what>{_NUMBER_WORDS})\s*$", re.IGNORECASE)
_BLANK_OF_RE = re.compile(
    rf"(?P<name>(?:{_NUMBER_WORDS}|nome|data|e-mail|telefone|sigla)\s+(?:d[oa]s?|de)\s+[^\W\d_][\w.-]*)\s*$",
    re.IGNORECASE)
_COLON_RE = re.compile(r"(?P<name>[^\W\d_][\w.º°/-]*(?:\s+[\w.º°/-]+){0,2})\s*:\s*$")
_MASK_NOUN_RE = re.compile(r"(?<!\w)(?P<noun>processo|chamado|protocolo|documento|NUP|NRE)\s*(?:n[º°o]\.?)?\s*$",
                           re.IGNORECASE)
_FEMININE_RE = re.compile(r"(?:a|ção|são|dade|gem)$", re.IGNORECASE)
DRAFT_INSTRUCTION_WORDS = 10  # an instruction has more words than a placeholder may


@dataclass
class Grammar:
    placeholder_words: list[str] = field(default_factory=lambda: list(DEFAULT_PLACEHOLDER_WORDS))
    agent_fields: list[str] = field(default_factory=lambda: list(DEFAULT_AGENT_FIELDS))
    label_words: list[str] = field(default_factory=lambda: list(DEFAULT_LABEL_WORDS))
    instruction_words: list[str] = field(default_factory=lambda: list(DEFAULT_INSTRUCTION_WORDS))

    @classmethod
    def from_config(cls, config) -> "Grammar":
        """From a Sphinx Config, a dict (``make check``'s conf) or None (PEN's defaults)."""
        if config is None:
            return cls()

        def get(name, default):
            value = config.get(name, default) if isinstance(config, dict) else getattr(config, name, default)
            return list(value if value is not None else default)

        return cls(
            get("playbook_reply_placeholder_words", DEFAULT_PLACEHOLDER_WORDS),
            get("playbook_reply_agent_fields", DEFAULT_AGENT_FIELDS),
            get("playbook_reply_label_words", DEFAULT_LABEL_WORDS),
            get("playbook_reply_instruction_words", DEFAULT_INSTRUCTION_WORDS),
        )

    # Names and keys ----------------------------------------------------------------------

    def is_agent(self, name: str) -> bool:
        folded = fold(name)
        return any(folded == fold(n) for n in self.agent_fields)

    def key(self, name: str) -> str:
        """The value a field stands for: one per page (``p:nome do usuário``)."""
        if self.is_agent(name):
            return AGENT_KEY
        return "p:" + _collapse(_drop_verb(name, self.placeholder_words)).casefold()

    # Placeholders ----------------------------------------------------------------------

    def paren_name(self, inner: str) -> str | None:
        """The field name of a parenthesised text, or None when it is ordinary text."""
        inner = _collapse(inner)
        folded = fold(inner)
        if not _starts_with_word(folded, self.placeholder_words):
            return None
        words = inner.split()
        if len(words) > DRAFT_INSTRUCTION_WORDS or re.search(r"[.;!?]\s|,|:", inner):
            return None
        name = _drop_verb(inner, self.placeholder_words)
        if not name:
            return None
        if len(name) > 1 and name[0].isupper() and not name[1].isupper():
            name = name[0].lower() + name[1:]
        return name

    def find(self, text: str, after: str = "", before: str = "") -> list[Match]:
        """The placeholders of ``text``, in order, not overlapping.

        ``after`` is what follows ``text`` in the paragraph (a URL makes a bracket a link);
        ``before`` the text of the paragraph before it (names a blank).
        """
        found: list[Match] = []

        def free(start, end):
            return not any(m.start < end and start < m.end for m in found)

        for m in BRACKET_RE.finditer(text):
            tail = text[m.end():] + (after if m.end() == len(text) or not text[m.end():].strip() else "")
            if LINK_AFTER_RE.match(tail):
                continue
            found.append(Match(m.start(), m.end(), "bracket", m.group(0), _collapse(m.group(1))))
        for m in PAREN_RE.finditer(text):
            name = self.paren_name(m.group(1))
            if name and free(m.start(), m.end()):
                found.append(Match(m.start(), m.end(), "paren", m.group(0), name))
        for m in BLANK_RE.finditer(text):
            if free(m.start(), m.end()):
                found.append(Match(m.start(), m.end(), "blank", m.group(0),
                                   blank_name(before + text[:m.start()]), m.group(0)))
        for m in MASK_RE.finditer(text):
            written = m.group(0)
            if sum(c in "xX" for c in written) < 3 or not free(m.start(), m.end()):
                continue
            prefix = before + text[:m.start()]
            if written.isupper() and len(written) <= 4 and ROMAN_CONTEXT_RE.search(prefix):
                continue  # "inciso XXX": a Roman numeral
            found.append(Match(m.start(), m.end(), "mask", written, mask_name(prefix), written))
        found.sort(key=lambda m: m.start)
        return found

    # Labels and instructions ---------------------------------------------------------------

    def label_text(self, text: str) -> str | None:
        """The title of a paragraph that is only a label, without its final colon; else None."""
        text = _collapse(text).strip(_QUOTES + " ")
        if not text or len(text.split()) > 40:
            return None
        folded = fold(text)
        if not _starts_with_word(folded, self.label_words):
            return None
        if text.endswith(":"):
            return text.rstrip(":").strip()
        # "Resposta 01", "Modelo 2 (após ...)": a number, maybe a condition, nothing else.
        if re.match(r"^[^\W\d_]+(?:\s+[^\W\d_]+){0,3}\s+(?:n[º°o]\.?\s*)?\d+\s*(?:\(.*\)?)?\s*[.–-]?$", text):
            return text.rstrip(".–- ").strip()
        return None

    def is_instruction(self, text: str) -> bool:
        """A paragraph addressed to the agent: wholly in parentheses or brackets, opened by an
        instruction word (``(Indicar como o atendente deverá responder ...)``)."""
        text = _collapse(text).strip(_QUOTES + " ")
        if len(text) < 3 or (text[0], text[-1]) not in (("(", ")"), ("[", "]")):
            return False
        inner = text[1:-1].strip()
        return bool(_starts_with_word(fold(inner), self.instruction_words))


def _drop_verb(text: str, placeholder_words) -> str:
    """``inserir aqui nome do usuário`` -> ``nome do usuário``: an opening infinitive that is a
    placeholder word goes, with "aqui" and an article after it."""
    words = _collapse(text).split()
    if len(words) > 1 and _INFINITIVE_RE.match(words[0]) and _starts_with_word(fold(words[0]), placeholder_words):
        words = words[1:]
        while len(words) > 1 and fold(words[0]) in _AFTER_VERB:
            words = words[1:]
    return " ".join(words)


def blank_name(before: str) -> str:
    """The name of a blank from the words before it, or "" when they do not say."""
    before = _collapse(before)
    m = _BLANK_NOUN_RE.search(before)
    if m:
        noun = m["noun"].lower()
        what = "número" if fold(m["what"]).startswith("n") else m["what"].lower()
        return f"{what} {'da' if _FEMININE_RE.search(noun) else 'do'} {noun}"
    m = _BLANK_OF_RE.search(before)
    if m:
        return _collapse(m["name"])
    m = _COLON_RE.search(before)
    if m:
        return _collapse(m["name"])
    return ""


def mask_name(before: str) -> str:
    """The name of an x-mask from the words before it: a salutation greets the user."""
    before = _collapse(before)
    if SALUTATION_RE.search(before):
        return "nome do usuário"
    m = _MASK_NOUN_RE.search(before)
    if m:
        noun = m["noun"]
        return noun if noun.isupper() else f"número do {noun.lower()}"
    return blank_name(before)


def is_closing(text: str) -> bool:
    return bool(CLOSING_RE.match(_collapse(text).strip(_QUOTES + " ")))


DEFAULT = Grammar()


def config_problem(config) -> str | None:
    """A message (Portuguese) when a grammar option is not a list of words, else None."""
    for name, _default, _rebuild, _types in CONFIG_VALUES:
        value = config.get(name) if isinstance(config, dict) else getattr(config, name, None)
        if value is None:
            continue
        if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) and v.strip() for v in value):
            return f"{name} deve ser uma lista de palavras (textos não vazios)"
    return None


# --- make import: parenthesised placeholders rewritten to brackets -------------------------


@dataclass(frozen=True)
class Rewrite:
    line: int  # 1-based
    written: str
    canonical: str


def rewrite_placeholders(lines: list[str], start: int, end: int, grammar: Grammar = DEFAULT
                         ) -> tuple[list[str], list[Rewrite]]:
    """Lines ``start..end`` (0-based, end excluded; a reply section's body) with each
    parenthesised placeholder rewritten to its bracket form; idempotent.

    Only paragraph text changes: literal blocks (after ``::``), directives and comments are
    left as they are.  Returns the new lines and what was rewritten.
    """
    out = list(lines)
    done: list[Rewrite] = []
    skip_indent: int | None = None
    previous = ""
    for index in range(start, min(end, len(lines))):
        line = lines[index]
        stripped = line.strip()
        indent = len(line) - len(line.lstrip())
        if skip_indent is not None:
            if not stripped or indent > skip_indent:
                previous = line if stripped else previous
                continue
            skip_indent = None
        if stripped.startswith(".."):
            skip_indent = indent
            continue
        if previous.rstrip().endswith("::") and not stripped:
            skip_indent = len(previous) - len(previous.lstrip())
            continue
        new = line
        for match in reversed([m for m in grammar.find(line) if m.form == "paren"]):
            # Inside inline literals or a link target, leave it.
            head = line[:match.start]
            if head.count("``") % 2 or head.count("`") % 2:
                continue
            new = new[:match.start] + match.canonical + new[match.end:]
            done.append(Rewrite(index + 1, match.written, match.canonical))
        out[index] = new
        if stripped:
            previous = line
    done.sort(key=lambda r: r.line)
    return out, done
