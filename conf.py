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

extensions = [
    "playbooks",
    "sphinx_copybutton",
]

exclude_patterns = ["_build", ".venv", "Thumbs.db", ".DS_Store"]

html_theme = "manual"
html_title = "Manual de Atendimento"
html_static_path = []
html_last_updated_fmt = "%d/%m/%Y"
html_show_sourcelink = False
html_copy_source = False

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
# Seções cujas palavras pesam mais que o resto do texto (depois do título e das palavras-chave).
playbook_search_situation_sections = ["Situação", "Quando Ocorre", "Objetivo"]
