"""Shared by the reply tests: the test root with PEN's real files copied in, expectations."""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import PEN_WIKI, PROJECT, SEED, built_app

ROOT = PROJECT / "tests" / "roots" / "test-replies"

TWO_REPLIES = PEN_WIKI / "Tramita_GOV_BR" / "Processo_parado_no_status_2.rst"
NUP_DRAFTS = sorted((PEN_WIKI / "Numero_Unico_de_Protocolo_NUP").glob("*ESCLARECER_DUVIDAS.rst"))
TRAMITA_DRAFT = PEN_WIKI / "Tramita_GOV_BR" / "Barra_de_Progresso_Travando.rst"
PROSE_IN_CONSTRUCTION = PEN_WIKI / "Sistema_Eletronico_de_Informação_SEI" / "Novo_acordo.rst"

#: Real files placed in the test root at test time (the tests that use them are marked
#: ``pen_sample``; this module must import without the sample): (source, path in the root).
REAL_FILES = [
    (SEED, "playbooks/sei/suporte-ao-sei.rst"),
    (TWO_REPLIES, "playbooks/tramita/processo-parado-no-status-2.rst"),
    (NUP_DRAFTS[0] if NUP_DRAFTS else PEN_WIKI / "Numero_Unico_de_Protocolo_NUP", "playbooks/nup/adesao-ao-nup.rst"),
    (PROSE_IN_CONSTRUCTION, "playbooks/sei/novo-acordo.rst"),
]

#: The seed's reply as an agent must paste it (placeholder unfilled, greeting as written
#: in the build; the page resolves the greeting).
SEED_TEXT = """\
Prezado (a) [inserir nome do Usuário],

Bom dia/Boa tarde/Boa noite.

Agradecemos o contato e informamos que este canal de atendimento é exclusivo para os gestores do SEI nos órgãos da administração pública. Caso seja um usuário final da solução, busque atendimento na área de suporte ao SEI disponibilizada pelo seu órgão ou entidade.

No momento, a equipe do Processo Eletrônico Nacional está passando por um período de discussão com o Tribunal Regional Federal da 4ª Região sobre um novo Acordo de Cooperação Técnica relacionado à governança do sistema. Essas discussões são cruciais para estabelecer uma base sólida para a continuidade e aprimoramento do SEI, garantindo seu funcionamento eficiente e eficaz no futuro.

Devido a essa fase de negociações, nossa equipe está temporariamente impossibilitada de prestar suporte direto ao SEI. No entanto, gostaríamos de ressaltar que essa situação é temporária e estamos empenhados em retomar os serviços de suporte o mais breve possível. Assim que o suporte for normalizado, essa informação será amplamente divulgada em nossos canais oficiais.

É recomendado que recorram ao TRF4 para eventuais solicitações de suporte, até que este processo seja finalizado.

Agradecemos sua compreensão e cooperação durante esse período.

Atenciosamente,

Equipe PEN"""


def make_source(dest: Path) -> Path:
    """The test root copied to ``dest``, with the real PEN files in their category folders."""
    shutil.copytree(ROOT, dest, dirs_exist_ok=True)
    for source, target in REAL_FILES:
        path = dest / target
        path.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, path)
    return dest


def build(dest: Path, buildername: str = "html", **kwargs):
    """Build the root at ``dest`` (a fresh SphinxTestApp); returns the app, cleaned up."""
    return built_app(make_source(dest), buildername, **kwargs)
