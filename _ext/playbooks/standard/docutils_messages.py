"""docutils' messages, explained to a writer in Portuguese, with the fix.

docutils reports a broken reStructuredText construct in English ("Title underline too
short.", "Bullet list ends without a blank line; unexpected unindent.").  The writers of
the handbook read Portuguese, and the message says what docutils saw, not what to do.
:func:`explain` puts before the first line of a known message what is wrong and how to fix
it, and keeps docutils' own words after it, in parentheses, to look up.  Only the first
line changes: docutils adds the source lines it could not read after it.

``make check`` (writers/check.py) and the build (collect/docutils_messages.py, a filter on
the logger Sphinx writes docutils' messages with) call the same function, so both say the
same.  The guide lists :data:`EXPLAINED` (writers/guide.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: docutils' names of the blocks that must end with a blank line, as the writer knows them.
_BLOCKS = {
    "Bullet list": "a lista com marcadores (- ou *)",
    "Enumerated list": "a lista numerada",
    "Definition list": "a lista de definições (uma linha e, abaixo, o texto recuado)",
    "Field list": "a lista de campos (:campo: valor)",
    "Option list": "a lista de opções",
    "Block quote": "o trecho recuado (citação)",
    "Explicit markup": "a diretiva ou o comentário (linha que começa com '..')",
    "Literal block": "o bloco de código (o texto recuado depois de '::')",
}

#: docutils' names of inline markup, as the writer types it.
_INLINE = {
    "emphasis": "um itálico (*texto*)",
    "strong": "um negrito (**texto**)",
    "literal": "um trecho de código (``texto``)",
    "interpreted text or phrase reference": "um link ou papel (`texto`_ ou `texto`)",
    "substitution_reference": "uma substituição (|nome|)",
    "target": "um alvo de link (_`nome`)",
}


@dataclass(frozen=True)
class Explained:
    #: docutils' first line, as a pattern
    pattern: re.Pattern
    #: what is wrong and what to do; ``{0}``... are the pattern's groups (after :attr:`names`)
    text: str
    #: an example of docutils' line, for the guide
    example: str


def _re(text: str) -> re.Pattern:
    return re.compile(text + r"\Z")


EXPLAINED: tuple[Explained, ...] = (
    Explained(_re(r"Title underline too short\."),
              "o sublinhado do título é mais curto que o texto: estenda a linha de símbolos (=, -, ~) "
              "até o fim do título ou além",
              "Title underline too short."),
    Explained(_re(r"Title overline too short\."),
              "a linha acima do título é mais curta que o texto: estenda-a (e a de baixo) até o fim do título",
              "Title overline too short."),
    Explained(_re(r"(" + "|".join(map(re.escape, _BLOCKS)) + r") ends without a blank line; unexpected unindent\."),
              "{0} termina sem uma linha em branco: deixe uma linha vazia entre o fim dela e o texto "
              "seguinte (ou recue a linha seguinte como as de cima, se ela faz parte do bloco)",
              "Bullet list ends without a blank line; unexpected unindent."),
    Explained(_re(r"Line block ends without a blank line\."),
              "o bloco de linhas (linhas que começam com '|') termina sem uma linha em branco: deixe uma "
              "linha vazia depois dele",
              "Line block ends without a blank line."),
    Explained(_re(r"Unexpected indentation\."),
              "recuo inesperado: a linha começa com espaços, mas a de cima não abre uma lista nem um bloco; "
              "tire os espaços do começo da linha ou deixe uma linha em branco antes dela",
              "Unexpected indentation."),
    Explained(_re(r"Inline (" + "|".join(map(re.escape, _INLINE)) + r") start-string without end-string\."),
              "{0} começa e não termina: feche a marcação, ou, se o símbolo faz parte do texto, "
              "escreva uma barra invertida antes dele (\\* em vez de *)",
              "Inline emphasis start-string without end-string."),
    Explained(_re(r'Unknown directive type "([^"]*)"\.'),
              'diretiva desconhecida ".. {0}::": confira o nome (as do manual estão no guia de redação) '
              "ou, se é texto, tire os dois-pontos do fim",
              'Unknown directive type "diretiva".'),
    Explained(_re(r'Unknown interpreted text role "([^"]*)"\.'),
              'papel desconhecido ":{0}:": confira o nome (por exemplo :doc: ou :ref:) ou tire os dois-pontos',
              'Unknown interpreted text role "papel".'),
    Explained(_re(r'Unknown target name: "([^"]*)"\.'),
              'o link "{0}" (`{0}`_) não tem destino: escreva o endereço no próprio link '
              "(`{0} <https://...>`_) ou a linha .. _{0}: https://... abaixo do texto",
              'Unknown target name: "portal".'),
    Explained(_re(r'Duplicate explicit target name: "([^"]*)"\.'),
              'dois links ou alvos com o mesmo nome "{0}" e destinos diferentes: dê nomes diferentes '
              "a eles, ou use dois sublinhados no fim (`{0}`__) para um link que vale só ali",
              'Duplicate explicit target name: "manual".'),
    Explained(_re(r'Undefined substitution referenced: "([^"]*)"\.'),
              'a substituição |{0}| não foi definida: escreva .. |{0}| replace:: texto, ou tire as barras',
              'Undefined substitution referenced: "nome".'),
    Explained(_re(r"Anonymous hyperlink mismatch: (\d+) references but (\d+) targets\."
                  r"(?: See \"backrefs\" attribute for IDs\.)?"),
              "{0} link(s) anônimo(s) (`texto`__) e {1} destino(s) (.. __: endereço): cada link anônimo "
              "precisa do seu destino, na mesma ordem",
              "Anonymous hyperlink mismatch: 1 references but 0 targets."),
    Explained(_re(r"Inconsistent title style: skip from level (\d+) to (\d+)\."),
              "um título pulou do nível {0} para o {1}: o sublinhado dele é de um nível que ainda não "
              "apareceu; use o símbolo das outras seções (no manual, todas as seções de um script têm o "
              "mesmo)",
              "Inconsistent title style: skip from level 1 to 3."),
    Explained(_re(r"Unexpected section title( or transition)?\."),
              "um título (ou uma linha de símbolos) dentro de uma lista, tabela ou trecho recuado: "
              "tire o recuo para que ele seja uma seção, ou deixe uma linha de texto no lugar",
              "Unexpected section title."),
    Explained(_re(r"Incomplete section title\."),
              "título incompleto: a linha de cima pede uma linha de símbolos igual embaixo do texto",
              "Incomplete section title."),
    Explained(_re(r"Missing matching underline for section title overline\."),
              "o título tem a linha de símbolos acima e não embaixo: ponha a mesma linha embaixo, ou tire a de cima",
              "Missing matching underline for section title overline."),
    Explained(_re(r"Invalid section title or transition marker\."),
              "uma linha só de símbolos que não sublinha nenhum título: ponha o texto do título acima dela, "
              "ou deixe uma linha em branco antes e depois (separador)",
              "Invalid section title or transition marker."),
    Explained(_re(r"Malformed table\.(?: .*)?"),
              "tabela malformada: as colunas das linhas não se alinham com as bordas (+---+ e |); "
              "confira cada linha, ou use uma lista em vez da tabela",
              "Malformed table."),
    Explained(_re(r'Content block expected for the "([^"]*)" directive; none found\.'),
              'a diretiva "{0}" precisa de um conteúdo recuado abaixo dela (três espaços) e não tem nenhum',
              'Content block expected for the "note" directive; none found.'),
)

#: Between the explanation and docutils' words.
_SEPARATOR = " (docutils: {})"


def explain(message: str) -> str:
    """``message`` with a known docutils message explained in Portuguese before docutils'
    own words; any other message as it was.  Only the first line is docutils' message (the
    next ones are the source it quotes).  Explaining twice changes nothing."""
    head, newline, rest = message.partition("\n")
    if "(docutils: " in head:
        return message
    for item in EXPLAINED:
        found = item.pattern.match(head.strip())
        if found:
            groups = [_BLOCKS.get(g, _INLINE.get(g, g)) if g is not None else "" for g in found.groups()]
            return item.text.format(*groups) + _SEPARATOR.format(head.strip()) + newline + rest
    return message
