"""Every ``playbook.*`` warning subtype, declared once (in the manner of sphinx-needs' logging.py).

A report is ``path:line: WARNING: message [playbook.<name>]`` in the build and in ``make
check``; each name can be silenced in ``suppress_warnings`` (``playbook.<name>``,
``playbook.*`` or ``playbook``).  This module is the only list of them: the build emits
through ``collect.warnings.emit``, ``make check`` and the guide take the severity from here,
and docs/avisos.md's table of subtypes is generated from (and tested against) :data:`SUBTYPES`.
Docutils only: it never imports Sphinx.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, get_args

#: The warning ``type`` of every report of the extension.
TYPE = "playbook"

Severity = Literal["warning", "error"]

SubtypeName = Literal[
    "title", "missing_section", "empty_section", "section_order", "duplicate_section",
    "nested_section", "unknown_section", "category", "encoding", "read", "keyword_separator",
    "title_date", "duplicate_title", "duplicate_reply", "review_due", "review_date",
    "guide_example", "search_index", "placeholder_form", "reply_instruction", "redirect_target",
    "redirect_missing", "symlink",
    "policy_raw", "policy_include", "policy_link", "policy_image", "policy_size",
]


@dataclass(frozen=True)
class Subtype:
    name: SubtypeName
    severity: Severity
    #: One line in Portuguese: the problem, as docs/avisos.md's table and the writer's guide say it.
    description: str
    #: ``make import`` corrects it in the files it brings in.
    import_fixes: bool = False

    @property
    def type(self) -> str:
        """``playbook.<name>``, as printed between brackets and named in suppress_warnings."""
        return f"{TYPE}.{self.name}"

    @property
    def level(self) -> str:
        """``WARNING`` or ``ERROR``, as Sphinx prints it."""
        return self.severity.upper()


_DECLARED = (
    Subtype("title", "warning", "sem título de documento, ou mais de um"),
    Subtype("missing_section", "warning", "falta uma seção obrigatória"),
    Subtype("empty_section", "warning", "seção vazia (comentários não contam)"),
    Subtype("section_order", "warning", "seção fora de ordem"),
    Subtype("duplicate_section", "warning", "seção repetida"),
    Subtype("nested_section", "warning",
            "seção obrigatória aninhada em outra (sublinhado diferente)"),
    Subtype("unknown_section", "warning",
            "seção que o tipo não prevê, com sugestão quando parece um erro de digitação"),
    Subtype("category", "warning", "playbook fora de uma pasta de categoria"),
    Subtype("encoding", "warning", "arquivo que não está em UTF-8"),
    Subtype("read", "error", "arquivo que não existe ou não pode ser lido (só no `make check`)"),
    Subtype("keyword_separator", "warning",
            "palavras-chave separadas por `,`, `\\|` ou `/` em vez de `;` (são lidas assim mesmo)",
            import_fixes=True),
    Subtype("title_date", "warning",
            "título no padrão `AAAA.MM.DD-Título-VN` com uma data impossível"),
    Subtype("duplicate_title", "warning",
            "dois playbooks com o mesmo título (sem data, versão, acentos e pontuação)"),
    Subtype("duplicate_reply", "warning",
            "o mesmo modelo de resposta (texto copiado, sem diferença de espaços e maiúsculas) "
            "em dois playbooks; rascunhos e modelos curtos ficam de fora"),
    Subtype("review_due", "warning", "a data de `:revisar-em:` já passou"),
    Subtype("review_date", "error", "`:revisar-em:` com data fora do formato `AAAA-MM-DD`"),
    Subtype("guide_example", "warning",
            "um exemplo do guia de redação não dá o resultado que o guia anuncia"),
    Subtype("search_index", "warning",
            "o índice de busca compacto não reproduziria o do Sphinx; o site sai com o índice "
            "completo (não deve acontecer: é um aviso de defeito da extensão)"),
    Subtype("placeholder_form", "warning",
            "campo da resposta entre parênteses (`(inserir aqui nome do usuário)`): vira campo "
            "assim mesmo; o aviso, uma vez por modelo, sugere `[nome do usuário]`",
            import_fixes=True),
    Subtype("reply_instruction", "warning",
            "instrução ao atendente (`(Indicar como o atendente deverá responder...)`) ao lado do "
            "texto de uma resposta: aparece na página, não é copiada"),
    Subtype("redirect_target", "error",
            "um redirecionamento de `source/redirects.json` aponta para uma página que não existe, "
            "ou o arquivo não é um JSON válido (na construção e no `make check`)"),
    Subtype("redirect_missing", "error",
            "uma página publicada (no ramo principal) foi renomeada ou removida sem uma entrada em "
            "`source/redirects.json`: o endereço antigo, que está em chamados e favoritos, deixaria de "
            "abrir (na construção, no `make check` e no `make review`, quando há um ramo principal no git)"),
    Subtype("symlink", "error",
            "link simbólico em `source/` para uma pasta, para fora de `source/` ou quebrado: recusado "
            "antes de qualquer leitura, na construção e no `make check`, e não pode ser silenciado "
            "(um link para um arquivo dentro de `source/` é aceito)"),
    Subtype("policy_raw", "warning",
            "a diretiva `raw` e papéis baseados nela (`.. role:: x(raw)`), em qualquer formato"),
    Subtype("policy_include", "warning",
            "`include`, `literalinclude`, `csv-table :file:` ou `:download:` que leiam fora de "
            "`source/`; `csv-table :url:`; um `.rst` que seja link simbólico para fora"),
    Subtype("policy_link", "warning",
            "links `javascript:`, `data:` ou `vbscript:`, mesmo disfarçados; "
            "`.. meta::` com `http-equiv=refresh`"),
    Subtype("policy_image", "warning", "imagens que não estejam em `source/` nem venham de `https`"),
    Subtype("policy_size", "warning",
            "arquivo maior que `playbook_max_source_size` (1 MiB): não é lido"),
)

SUBTYPES: dict[str, Subtype] = {subtype.name: subtype for subtype in _DECLARED}

if set(SUBTYPES) != set(get_args(SubtypeName)) or len(SUBTYPES) != len(_DECLARED):
    raise RuntimeError("registry: SubtypeName and the declared subtypes differ")


def get(name: str) -> Subtype:
    """The declaration of ``name`` (``missing_section`` or ``playbook.missing_section``)."""
    short = name.split(".", 1)[1] if name.startswith(TYPE + ".") else name
    try:
        return SUBTYPES[short]
    except KeyError:
        raise KeyError(f"playbook warning subtype not declared in registry.py: {name!r}") from None


def level_of(name: str) -> str:
    return get(name).level


def docs_table() -> str:
    """docs/avisos.md's Markdown table of subtypes (a test keeps the file equal to it)."""
    rows = ["| subtipo | gravidade | problema | `make import` corrige |", "| --- | --- | --- | --- |"]
    for subtype in _DECLARED:
        rows.append(f"| `{subtype.type}` | {'erro' if subtype.severity == 'error' else 'aviso'} "
                    f"| {subtype.description} | {'sim' if subtype.import_fixes else ''} |")
    return "\n".join(rows)
