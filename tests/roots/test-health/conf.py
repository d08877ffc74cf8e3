extensions = ["playbooks"]
language = "pt_BR"
html_theme = "manual"
project = "Manual de teste"

playbook_kinds = {
    "script": {
        "label": "Script de atendimento",
        "sections": [
            "Situação", "Solução Sugerida", "Modelo de Resposta",
            "Atribuições e responsabilidades", "Perfil do usuário", "Palavras-chave",
        ],
        "reply": "Modelo de Resposta",
        "team": "Atribuições e responsabilidades",
        "profile": "Perfil do usuário",
        "keywords": "Palavras-chave",
    },
}
playbook_default_kind = "script"
playbook_categories = {"sei": "SEI", "tramita": "Tramita.GOV.BR"}
# The date the flags are judged on (tests/test_health.py): fixed.
playbook_today = "2025-01-15"
