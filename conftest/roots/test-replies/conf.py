# Test root for reply templates.  Real PEN files are copied in by the tests
# (tests/replies_support.py), never committed here.
extensions = ["playbooks", "sphinx_copybutton"]
language = "pt_BR"
html_theme = "manual"
playbook_kind_by_folder = {"procedimentos": "procedimento"}
playbook_kinds = {
    "script": {
        "label": "Script de atendimento",
        "sections": [
            "Situação", "Quando Ocorre", "Solução Sugerida", "Modelo de Resposta para Chamados",
            "Atribuições e responsabilidades", "Perfil do usuário", "Palavras-chave", "Referências",
        ],
        "optional": ["Causa"],
        "reply": "Modelo de Resposta para Chamados",
        "team": "Atribuições e responsabilidades",
        "profile": "Perfil do usuário",
        "keywords": "Palavras-chave",
    },
    "procedimento": {
        "label": "Procedimento de módulo",
        "sections": ["Objetivo", "Atribuições e Responsabilidades", "Descrição", "Atenção", "Ação Padrão"],
        "reply": "Ação Padrão",
        "team": "Atribuições e Responsabilidades",
    },
}
