"""Configuração do Manual de Atendimento (Sphinx).

Os tipos de playbook (as seções obrigatórias de cada um) ficam aqui, não no código.
"""

import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "_ext"))

project = "Manual de Atendimento"
author = "Processo Eletrônico Nacional (PEN)"
copyright = "Processo Eletrônico Nacional"
language = "pt_BR"
root_doc = "index"
# EPUB 3 exige uma versão; o manual não tem números de versão próprios.
version = release = "1"

extensions = [
    "playbooks",
    "sphinx_copybutton",
    "sphinx_reredirects",
]

exclude_patterns = ["_build", ".venv", "Thumbs.db", ".DS_Store"]

html_theme = "manual"
html_title = "Manual de Atendimento"
html_static_path = []
html_show_sourcelink = False
html_copy_source = False

# "Atualizado em" no rodapé: a data do último commit que mudou o arquivo da página
# (sphinx-last-updated-by-git). Fora de um checkout do git, ou num arquivo ainda não
# commitado, a página não mostra data (nunca a data da construção).
extensions.append("sphinx_last_updated_by_git")
html_last_updated_fmt = "%d/%m/%Y"
git_last_updated_timezone = "America/Sao_Paulo"
git_untracked_check_dependencies = False
git_last_updated_metatags = False
# Clone raso sem o commit que mudou a página: a página fica sem data.
suppress_warnings = ["git.too_shallow"]

# "Sugerir alteração" em cada playbook: endereço do repositório (como no furo e no tema do
# Read the Docs). Sem "source_url", nenhum link. Exemplo:
# html_context = {"source_url": "https://github.com/orgao/manual", "source_branch": "main",
#                 "source_dir": "source/"}
html_context = {}

# --- PDF (make latexpdf) e EPUB (make epub) -----------------------------------------
latex_engine = "pdflatex"
latex_elements = {
    "papersize": "a4paper",
    # Espaços finos não separáveis (U+202F) e outros caracteres que o pdflatex não conhece.
    "preamble": r"""
\DeclareUnicodeCharacter{202F}{\,}
\DeclareUnicodeCharacter{2060}{}
\DeclareUnicodeCharacter{200B}{\hspace{0pt}}
\DeclareUnicodeCharacter{FEFF}{}
% Endereços longos (links nas respostas) quebram em qualquer ponto, e parágrafos com
% palavras longas podem esticar os espaços em vez de passar da margem.
\usepackage{xurl}
\setlength{\emergencystretch}{3em}
""",
}
latex_show_urls = "footnote"
epub_show_urls = "footnote"

# --- Playbooks --------------------------------------------------------------
# Todo arquivo .rst em source/playbooks/<categoria>/ é um playbook.
playbook_root = "playbooks"

playbook_kinds = {
    "script": {
        "label": "Script de atendimento",
        "sections": [
            "Situação",
            "Quando Ocorre",
            "Solução Sugerida",
            "Modelo de Resposta para Chamados",
            "Atribuições e responsabilidades",
            "Perfil do usuário",
            "Palavras-chave",
            "Referências",
        ],
        # Seções que podem aparecer, mas não são exigidas (KCS recomenda "Causa").
        "optional": ["Causa"],
        # Seção que contém o(s) modelo(s) de resposta.
        "reply": "Modelo de Resposta para Chamados",
        "team": "Atribuições e responsabilidades",
        "profile": "Perfil do usuário",
        "keywords": "Palavras-chave",
    },
    "procedimento": {
        "label": "Procedimento de módulo",
        "sections": [
            "Objetivo",
            "Atribuições e Responsabilidades",
            "Descrição",
            "Atenção",
            "Ação Padrão",
        ],
        "reply": "Ação Padrão",
        "team": "Atribuições e Responsabilidades",
    },
}

# Tipo usado em cada pasta de categoria (padrões do fnmatch); as demais usam o padrão.
playbook_default_kind = "script"
playbook_kind_by_folder = {
    "procedimentos": "procedimento",
}

# Nome exibido de cada categoria (pasta).
playbook_categories = {
    "sei": "SEI",
    "tramita": "Tramita.GOV.BR",
    "protocolo-integrado": "Protocolo Integrado",
    "nup": "Número Único de Protocolo (NUP)",
    "procedimentos": "Procedimentos de módulos",
}

# make import: pastas do wiki do PEN -> pasta de categoria do manual. Pastas cujo nome já
# corresponde a uma categoria (ou ao nome exibido dela) não precisam estar aqui.
playbook_import_folders = {
    "Sistema_Eletronico_de_Informação_SEI": "sei",
    "Tramita_GOV_BR": "tramita",
    "Protocolo_Integrado": "protocolo-integrado",
    "Numero_Unico_de_Protocolo_NUP": "nup",
}

# Busca: palavras de um chamado que não pesam nada (além das palavras vazias do português):
# saudações, cortesias e assinaturas. Escritas sem acento; acentos são ignorados.
playbook_search_ignored_words = [
    "bom", "boa", "dia", "tarde", "noite", "ola", "oi", "prezado", "prezados", "prezada",
    "prezadas", "caro", "cara", "senhor", "senhora", "sr", "sra", "att", "atte",
    "atenciosamente", "cordialmente", "grato", "grata", "obrigado", "obrigada", "agradeco",
    "agradecemos", "desde", "ja", "favor", "gentileza", "podem", "pode", "poderiam", "ajudar",
    "ajuda", "auxiliar", "solicito", "solicitamos", "verificar", "segue", "seguem", "abaixo",
    "gostaria", "gostariamos", "saber", "aguardo", "aguardamos", "retorno", "quero",
    "queremos", "quer", "fazer", "fizemos", "onde", "precisamos", "preciso", "informo",
    "informamos", "telefone", "ramal", "email",
]
# Busca: sinônimos. Regra: a chave é a palavra de quem abre o chamado (servidor do órgão,
# cidadão, técnico de TI: coloquial, jargão, termo em inglês, sigla), e os valores são as
# palavras que os playbooks usam para a mesma coisa, tiradas do vocabulário dos scripts do
# PEN (cada valor existe em algum playbook; tests/test_search_synonyms.py confere). A busca
# procura também os valores, com peso um pouco menor, e a página diz quais usou. A chave vale
# para a palavra como o chamado a escreve (acentos e maiúsculas não fazem diferença): cada
# forma comum é uma chave ("venceu", "vencido"), mas um verbo no infinitivo vale também para
# as suas formas ("migrar": "migramos", "migrou"); os valores, não, a busca já acha as
# flexões deles. Uma chave pode ter várias palavras ("número do processo", "e-cpf"), que o chamado
# precisa trazer em sequência. Não vale o contrário: a palavra que os playbooks já usam não
# precisa de chave.
playbook_search_synonyms = {
    # termos em inglês do atendimento
    "upgrade": ["atualizar", "versão"],
    "update": ["atualizar"],
    "login": ["acesso", "acessar"],
    "logon": ["acesso", "acessar"],
    "logar": ["acesso", "acessar"],
    "password": ["senha"],
    "bug": ["erro", "falha"],
    "deletar": ["excluir"],
    "resetar": ["redefinir", "nova senha"],
    "patch": ["correção", "atualização"],
    "release": ["versão"],
    "setup": ["instalação", "configuração"],
    "deploy": ["instalação", "implantação"],
    "config": ["configuração"],
    "plugin": ["módulo"],
    "ticket": ["chamado"],
    "helpdesk": ["central de atendimento", "suporte"],
    "service desk": ["central de atendimento", "suporte"],
    "admin": ["administrador"],
    "role": ["perfil"],
    "server": ["servidor"],
    "database": ["banco de dados"],
    "db": ["banco de dados"],
    "mysql": ["banco de dados"],
    "backup": ["back-up", "cópia de segurança"],
    "restore": ["restaurações"],
    "kill": ["matar", "workers"],
    "job": ["agendamento", "tarefa"],
    "scheduler": ["agendamento"],
    "crontab": ["cron", "agendamento"],
    "endpoint": ["API", "webservice"],
    "metadata": ["metadados"],
    "checksum": ["hash"],
    "timeout": ["tempo máximo de execução"],
    "memory": ["memória"],
    "ram": ["memória"],
    "encoding": ["ISO8859"],
    "charset": ["ISO8859"],
    "screenshot": ["print da tela", "captura"],
    "url": ["endereço", "link"],
    "dashboard": ["painel"],
    "feature": ["melhoria", "funcionalidade"],
    "staging": ["pré-produção", "homologação"],
    "forbidden": ["acesso negado", "permissão"],
    "exception": ["erro"],
    # ambientes, versões e instalação
    "homologação": ["pré-produção"],
    "prod": ["produção"],
    "baixar": ["download"],
    "baixei": ["download"],
    "subir": ["upload"],
    "migrar": ["migração", "atualizar"],
    "desatualizado": ["defasadas", "anteriores", "antigas"],
    "informática": ["TI", "infraestrutura"],
    "windows": ["sistema operacional"],
    "linux": ["sistema operacional"],
    "chrome": ["navegador", "browser"],
    "firefox": ["navegador", "browser"],
    "infralog": ["infra_log", "infra-log"],
    "chmod": ["permissão de escrita"],
    "permissão de gravação": ["permissão de escrita"],
    "erro interno": ["error 500"],
    "exceção": ["exception", "erro"],
    "carregando": ["barra de progresso"],
    "ransomware": ["ataque", "restaurações"],
    "invasão": ["ataque"],
    # certificado e credenciais
    "vencido": ["expirado"],
    "vencida": ["expirado"],
    "venceu": ["expirou", "expirado"],
    "vencimento": ["expirado"],
    "token": ["certificado digital"],
    "e-cpf": ["certificado digital"],
    "e-cnpj": ["certificado digital"],
    "ssl": ["certificado"],
    "proibido": ["acesso negado", "permissão"],
    "nomeação": ["designação", "portaria"],
    "inscrição": ["cadastro"],
    # processo e trâmite
    "travado": ["parado", "bloqueado"],
    "travada": ["parado", "bloqueado"],
    "travou": ["travado", "parado", "bloqueado"],
    "preso": ["travado", "parado", "bloqueado"],
    "presos": ["travados", "parado", "bloqueado"],
    "congelado": ["travado", "parado"],
    "trancado": ["bloqueado"],
    "destravar": ["desbloqueio", "desbloqueado"],
    "mandar": ["enviar", "tramitar"],
    "mandei": ["enviei", "enviado", "tramitado"],
    "chegou": ["recebido", "recebimento"],
    "sumiu": ["localizar", "recebido"],
    "desapareceu": ["localizar", "recebido"],
    "rejeitado": ["recusa"],
    "rejeitou": ["recusa"],
    "devolvido": ["recusa", "devolução"],
    "excede": ["ultrapassa"],
    "excedeu": ["ultrapassa"],
    "repetido": ["duplicados"],
    "apensado": ["anexado", "anexar"],
    "desapensar": ["desanexar", "desanexado"],
    "juntada": ["anexar", "inclusão"],
    "barramento": ["Tramita"],
    "barcode": ["código de barras"],
    "número do processo": ["NUP", "protocolo"],
    "número de processo": ["NUP", "protocolo"],
    "acompanhar": ["andamento", "tramitação"],
    "departamento": ["unidade", "setor"],
    # adesão, órgãos e acordos
    "contratar": ["adesão", "aderir"],
    "comprar": ["adquirir", "adesão"],
    "convênio": ["acordo de cooperação", "ACT"],
    "bacen": ["Banco Central", "BCB"],
    "mpf": ["Ministério Público"],
    "promotoria": ["Ministério Público"],
    "trf": ["TRF4"],
    "pi": ["Protocolo Integrado"],
    "capacitação": ["treinamento", "curso"],
    "tutorial": ["manual", "passo a passo"],
    "alerta": ["notificação", "notificado"],
}
# Seções cujas palavras pesam mais que o resto do texto (depois do título e das palavras-chave).
playbook_search_situation_sections = ["Situação", "Quando Ocorre", "Objetivo"]

# make import: o endereço antigo de cada página importada (o caminho dentro da pasta
# importada, sob este prefixo) vai para o mapa de redirecionamentos source/redirects.json.
playbook_redirect_prefix = "Scripts_Atendimento/"
