"""``make new``: a new playbook file with every section of its category's kind.

``python -m playbooks.scaffold --category sei --title "Acesso externo ao SEI"`` writes
``source/playbooks/sei/acesso-externo-ao-sei.rst``: the title, each required section of
the kind that conf.py gives the category, a comment in each saying what belongs there,
and a reply skeleton with the usual placeholders.  Comments do not count as content, so
the file fails ``make check`` (empty sections) until the writer fills it in.  An existing
file is never overwritten.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from docutils.utils import column_width

from ..files import atomic
from ..standard.names import slugify
from ..standard.schema import Kind, SchemaError, build_schema, normalize_heading

#: Character under the title and under the sections (as in the seed playbook).
TITLE_CHAR = "="
SECTION_CHAR = "~"

#: What belongs in each section, in the spirit of KCS's content standard.  conf.py can
#: override or extend these per kind with a ``help`` mapping ({heading: text}).
SECTION_HINTS = {
    "Situação": (
        "O problema como o solicitante o descreve, nas palavras dele: o que tentou fazer, "
        "a mensagem de erro exata, o que esperava. Sem nome, e-mail, CPF ou número de "
        "processo de um solicitante real."
    ),
    "Quando Ocorre": (
        "Em que condições a situação aparece: sistema e versão, ambiente (produção, "
        "homologação), passo do procedimento, quem é afetado."
    ),
    "Causa": "Por que a situação acontece, quando se sabe.",
    "Solução Sugerida": (
        "O que o atendente faz, passo a passo, até resolver ou encaminhar o chamado; "
        "uma lista numerada quando houver ordem."
    ),
    "Modelo de Resposta para Chamados": (
        "A resposta que o atendente copia para o chamado, pronta para enviar. Use "
        "[nome do usuário] e os outros campos entre colchetes para o que muda a cada "
        "chamado, e 'Bom dia/Boa tarde/Boa noite' como saudação. Mais de uma resposta: "
        "uma subseção (ou um parágrafo só em negrito) com o nome de cada uma."
    ),
    "Atribuições e responsabilidades": (
        "Quem atende e quem resolve: por exemplo 'Equipe de 1º Nível', e para quem "
        "encaminhar quando não resolver."
    ),
    "Perfil do usuário": (
        "Quem costuma abrir este chamado (gestor do SEI no órgão, usuário final, "
        "equipe de TI); N/A se não importa."
    ),
    "Palavras-chave": (
        "Termos que o atendente digitaria na busca, inclusive os do solicitante, "
        "separados por ponto e vírgula: SEI; acesso externo; senha."
    ),
    "Referências": "Manuais, normas, outros scripts ou endereços úteis; N/A se não houver.",
    "Objetivo": "Para que serve o procedimento, em uma ou duas frases.",
    "Descrição": "O que o módulo faz e o contexto em que o procedimento é usado.",
    "Atenção": "Cuidados, riscos e pré-requisitos antes de agir.",
    "Ação Padrão": (
        "O que fazer, passo a passo, e a resposta ao chamado quando houver (com "
        "[nome do usuário] e 'Bom dia/Boa tarde/Boa noite')."
    ),
}

#: The reply skeleton written into the kind's reply section.
REPLY_SKELETON = """\
Prezado(a) [nome do usuário],

Bom dia/Boa tarde/Boa noite.

.. Escreva aqui a resposta: o que foi feito ou o que o solicitante deve fazer.

Atenciosamente,

Equipe PEN
"""

INTRO_COMMENT = """\
.. Criado por "make new". Os comentários (linhas que começam com "..") dizem o que vai
   em cada seção e não aparecem na página. Um script sobre uma situação temporária
   leva, na primeira linha do arquivo (antes do título), ":revisar-em: AAAA-MM-DD".
   O guia de redação do manual explica cada convenção.
"""


class ScaffoldError(Exception):
    """A request that cannot be honoured; the message is for the writer (Portuguese)."""


def hint_for(kind: Kind, heading: str) -> str:
    """What belongs in ``heading`` for ``kind`` (conf.py's ``help`` first)."""
    key = normalize_heading(heading)
    for source in (kind.help, SECTION_HINTS):
        for name, text in source.items():
            if normalize_heading(name) == key:
                return text
    return f"O conteúdo da seção '{heading}'."


def underline(text: str, char: str) -> str:
    return char * max(column_width(text), 1)


def comment(text: str) -> str:
    """A reStructuredText comment holding ``text`` (wrapped at about 88 columns)."""
    # Bracketed fields and quoted phrases stay on one line.
    words = re.findall(r"\[[^\]]*\]\S*|'[^']*'\S*|\S+", text)
    lines: list[str] = []
    current = ""
    for word in words:
        if current and len(current) + 1 + len(word) > 84:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}" if current else word
    if current:
        lines.append(current)
    return ".. " + "\n   ".join(lines) + "\n"


def render(kind: Kind, title: str) -> str:
    """The text of a new playbook of ``kind`` titled ``title``."""
    parts = [f"{title}\n{underline(title, TITLE_CHAR)}\n", INTRO_COMMENT]
    reply = normalize_heading(kind.reply) if kind.reply else None
    for heading in kind.sections:
        block = f"{heading}\n{underline(heading, SECTION_CHAR)}\n\n{comment(hint_for(kind, heading))}"
        if reply is not None and normalize_heading(heading) == reply:
            block += "\n" + REPLY_SKELETON
        parts.append(block)
    return "\n".join(parts)


def clean_title(title: str | None) -> str:
    title = " ".join((title or "").split())
    if not title:
        raise ScaffoldError('informe o título do playbook: make new CATEGORY=sei TITLE="Acesso externo ao SEI"')
    if any(ord(c) < 32 or ord(c) == 127 for c in title):
        raise ScaffoldError("o título tem caracteres de controle; escreva só texto")
    if len(title) > 300:
        raise ScaffoldError("o título tem mais de 300 caracteres; resuma-o")
    return title


def resolve_category(conf: dict, playbook_dir: Path, category: str | None) -> str:
    """The category folder for ``category`` (its folder name or its label in conf.py)."""
    labels = conf.get("playbook_categories") or {}
    existing = {p.name for p in playbook_dir.iterdir() if p.is_dir()} if playbook_dir.is_dir() else set()
    known = sorted(set(labels) | existing)
    wanted = (category or "").strip()
    if not wanted:
        raise ScaffoldError(
            "informe a categoria: make new CATEGORY=<pasta> TITLE=\"...\" (categorias: "
            f"{', '.join(known) or 'nenhuma ainda'})"
        )
    if wanted in known:
        return wanted
    slug = slugify(wanted)
    for name in known:
        if slug and slug in {slugify(name), slugify(str(labels.get(name, "")))}:
            return name
    raise ScaffoldError(
        f"categoria desconhecida: '{wanted}'. As categorias são: {', '.join(known) or 'nenhuma'}. "
        "Para criar uma nova, acrescente-a a playbook_categories em conf.py."
    )


def create(conf: dict, source: Path, category: str | None, title: str | None) -> tuple[Path, Kind]:
    """Write the new playbook; return its path and kind.  Raises ScaffoldError."""
    title = clean_title(title)
    try:
        schema = build_schema(conf["playbook_kinds"], conf["playbook_default_kind"],
                              conf["playbook_kind_by_folder"])
    except SchemaError as error:
        raise ScaffoldError(f"configuração de playbooks inválida em conf.py: {error}") from None
    playbook_dir = source / conf["playbook_root"].strip("/")
    folder = resolve_category(conf, playbook_dir, category)
    slug = slugify(title)
    if not slug:
        raise ScaffoldError(f"o título '{title}' não tem letras nem números para formar o nome do arquivo")
    if slug == "index":
        raise ScaffoldError("'index' é reservado para as páginas de índice; escolha outro título")
    kind = schema.kind_for_category(folder)
    path = playbook_dir / folder / f"{slug}.rst"
    try:
        atomic.create_new(path, render(kind, title).encode("utf-8"))
    except FileExistsError:
        raise ScaffoldError(
            f"{path} já existe; nada foi alterado. Edite o arquivo existente ou escolha outro título."
        ) from None
    return path, kind


def main(argv: list[str] | None = None) -> int:
    from .check import display_path, load_conf

    parser = argparse.ArgumentParser(prog="make new", description="Cria um playbook novo a partir do padrão.")
    parser.add_argument("--conf", default="conf.py")
    parser.add_argument("--source", default="source")
    parser.add_argument("--category", help="pasta da categoria (por exemplo sei)")
    parser.add_argument("--title", help="título do playbook")
    args = parser.parse_args(argv)
    try:
        conf = load_conf(Path(args.conf))
    except (OSError, SyntaxError) as error:
        print(f"{args.conf}: ERROR: não foi possível ler a configuração: {error}", file=sys.stderr)
        return 2
    try:
        path, kind = create(conf, Path(args.source), args.category, args.title)
    except ScaffoldError as error:
        print(f"make new: ERRO: {error}", file=sys.stderr)
        return 1
    shown = display_path(path)
    print(f"Criado {shown} ({kind.label}).")
    print("Preencha cada seção (os comentários dizem o que vai em cada uma) e confira com:")
    print(f'  make check FILES="{shown}"')
    return 0

