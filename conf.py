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
# procura também os valores, com o mesmo peso, e a página diz quais usou. A chave vale
# para a palavra como o chamado a escreve (acentos e maiúsculas não fazem diferença): cada
# forma comum é uma chave ("venceu", "vencido"), mas um verbo no infinitivo vale também para
# as suas formas ("migrar": "migramos", "migrou"); os valores, não, a busca já acha as
# flexões deles. Uma chave pode ter várias palavras ("número do processo", "e-cpf"), que o chamado
# precisa trazer em sequência. Não vale o contrário: a palavra que os playbooks já usam não
# precisa de chave. O valor é o que os scripts dizem da mesma situação: a mesma coisa com
# outra palavra, ou o nome que o script dá a ela ("aposentou": "novo servidor"). Ele vale
# tanto quanto a palavra do chamado, e a página o mostra ao atendente: nada de outro produto
# ("nginx" não é "Apache"), do contrário, nem de palavras ou expressões de quase todo chamado
# ("pedido", "não consigo", "não funciona"), que puxariam os mesmos scripts para qualquer busca.
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
    # Escritas em 03/12/2026 por quem leu só os scripts do PEN, sem ver nenhum conjunto de
    # buscas de teste (docs/busca.md): o que quem abre o chamado quer (aderir, cadastrar,
    # consultar, trocar o responsável, recuperar a senha, sugerir melhoria), o jargão e as
    # mensagens em inglês que um técnico cola, siglas de órgãos e palavras do cidadão.
    "prefixo": ["código de unidade protocolizadora", "código"],
    "código do órgão": ["código de NUP", "unidade protocolizadora"],
    "setor de protocolo": ["unidade protocolizadora"],
    "responsável pelo nup": ["gestor do NUP", "órgão gestor"],
    "descentralizar": ["descentralização", "descentralizada"],
    "gerenciar": ["gerir", "gestão"],
    "credenciamento": ["cadastro", "cadastramento"],
    "agência reguladora": ["autarquia", "entidade vinculada"],
    "universidade": ["autarquia", "fundação", "entidade vinculada"],
    "implantar": ["adesão", "implantação"],
    "ingressar": ["aderir", "adesão"],
    "onboarding": ["adesão", "implantação"],
    "credencial": ["credenciais"],
    "usuário e senha": ["credenciais de acesso", "senha de acesso"],
    "chave de acesso": ["credenciais de acesso", "chave de conexão"],
    "ambiente de teste": ["pré-produção", "homologação"],
    "ambiente de testes": ["pré-produção", "homologação"],
    "hml": ["homologação", "pré-produção"],
    "amostra": ["10 protocolos", "validação"],
    "esqueci": ["esqueceu", "nova senha"],
    "perdi": ["perdeu", "nova senha"],
    "recuperar": ["nova senha", "restaurações"],
    "reset": ["nova senha", "senha de acesso"],
    "renovar": ["novo certificado", "atualizar"],
    "renovação": ["novo certificado", "atualização"],
    "certificado raiz": ["autoridade certificadora", "cadeia do certificado"],
    "cacert": ["lista de CAs", "autoridade certificadora"],
    "trocar": ["alterar", "atualização"],
    "exonerado": ["novo servidor", "designação"],
    "reinstalar": ["instalar", "instalação"],
    "parou": ["falha", "parado"],
    "avisado": ["notificado"],
    "sistema próprio": ["SPE", "solução de software"],
    "sipac": ["SPE", "Sistema de Processo Eletrônico"],
    "suap": ["SPE", "Sistema de Processo Eletrônico"],
    "leiaute": ["padrão de dados", "XML"],
    "sdk": ["Kit", "cliente do web service"],
    "acompanhamento": ["andamento", "tramitação"],
    "histórico": ["andamento", "movimentação"],
    "rastrear": ["andamento", "tramitação"],
    "protocolar": ["protocolados"],
    "cópia do processo": ["vistas", "conteúdo"],
    "autos": ["vistas", "teor"],
    "lai": ["vistas", "teor"],
    "licença": ["cessão", "adesão"],
    "termo de cooperação": ["Acordo de Cooperação Técnica", "ACT"],
    "descontinuado": ["suporte técnico", "versões anteriores"],
    "obsoleta": ["defasadas", "antigas"],
    "prorrogação": ["prazo", "plano de atualização"],
    "prorrogar": ["prazo", "plano de atualização"],
    "cronograma": ["plano de atualização", "data estimada"],
    "sustentação": ["suporte técnico"],
    "apoio técnico": ["suporte técnico"],
    "indicadores": ["estatística", "painel"],
    "métricas": ["estatística"],
    "evolução": ["melhoria"],
    "nova funcionalidade": ["melhoria", "sugestão"],
    "proposta": ["sugestão", "melhoria"],
    "propor": ["sugestão", "melhoria"],
    "enhancement": ["melhoria"],
    "defeito": ["erro", "falha"],
    "deu pau": ["erro", "falha"],
    "internal server error": ["error 500", "erro 500"],
    "tela branca": ["error 500"],
    "fora do ar": ["indisponibilidade", "error 500"],
    "duplicidade": ["duplicados", "mais de um anexo"],
    "em dobro": ["duplicados", "mais de um anexo"],
    "iniciar processo": ["criar um processo", "novo processo"],
    "permission denied": ["permissão de escrita", "permissões"],
    "chown": ["permissão de escrita", "usuário do apache"],
    "privilégio": ["perfil", "permissão"],
    "unauthorized": ["acesso negado", "permissão"],
    "lotação": ["unidade"],
    "conceder": ["permissão", "concessão"],
    "cadastrar usuário": ["permissão", "SIP"],
    "duplicate entry": ["já existe registro", "duplicados"],
    "registro duplicado": ["já existe registro"],
    "sincronizar": ["sincronismo"],
    "sincronização": ["sincronismo", "integração"],
    "acentuação": ["ISO8859"],
    "codificação": ["ISO8859"],
    "allowed memory size": ["memory_limit", "limite de memória"],
    "estouro de memória": ["memory_limit", "limite de memória"],
    "maximum execution time": ["tempo máximo de execução"],
    "extraviado": ["não recebido", "localizar"],
    "ambiente errado": ["ambiente não desejado", "ambientes distintos"],
    "certificado compartilhado": ["mesmo certificado"],
    "desfazer": ["cancelar", "cancelamento"],
    "reenviar": ["enviado novamente", "nova tentativa"],
    "reenvio": ["nova tentativa", "tramitar novamente"],
    "desbloquear": ["desbloqueio", "desbloqueado"],
    "não bate": ["não confere", "diferença"],
    "divergência": ["não confere", "inconsistência"],
    "mapeamento": ["espécie", "tipo de documento"],
    "apensar": ["anexar", "anexado"],
    "recusado": ["recusa"],
    "arquivo grande": ["tamanho", "ultrapassa"],
    "corrompido": ["restaurações", "hash"],
    "hacker": ["ataque", "restaurações"],
    "restauração": ["restaurações", "back-up"],
    "restaurar": ["restaurações", "back-up"],
    "openapi": ["swagger", "documentação"],
    "pfx": ["certificado digital"],
    "chave privada": ["certificado digital"],
    "mpe": ["Ministério Público", "CNMP"],
    "mpt": ["Ministério Público", "CNMP"],
    "vara do trabalho": ["Justiça do Trabalho", "TRT"],
    "tribunal do trabalho": ["Tribunal Regional do Trabalho", "TRT"],
    "unidade de protocolo": ["unidade protocolizadora"],
    # Uma segunda leitura dos scripts, no mesmo dia e do mesmo jeito, por outra pessoa: as
    # expressões de intenção ("começar a usar", "não consigo"), órgãos e cargos, o cidadão
    # e o seu processo, nomes do dia a dia de telas e objetos, termos técnicos colados.
    "começar a usar": ["adesão", "aderir", "implantação"],
    "passar a usar": ["adesão", "aderir", "implantação"],
    "quanto custa": ["cessão", "adesão"],
    "gratuito": ["cessão", "adesão"],
    "não encontro": ["não localizou", "localizar"],
    "não atualiza": ["informações atualizadas", "indisponibilidade"],
    "desatualizada": ["defasadas"],
    "não lembro": ["esqueceu", "nova senha"],
    "notificar": ["notificado", "notificação"],
    "ficar sabendo": ["notificado", "notificação"],
    "desistir": ["cancelar", "cancelamento"],
    "modificar": ["alterar", "alteração"],
    "editar": ["alterar", "alteração"],
    "ativar": ["habilitar", "habilitado"],
    "ninguém responde": ["não obteve retorno", "não conseguiu contato"],
    "não respondem": ["não obteve retorno", "não conseguiu contato"],
    "sem resposta": ["não obteve retorno", "não conseguiu contato"],
    "adiar": ["prazo", "plano de atualização"],
    "vencer": ["expirado", "expirou"],
    "homologar": ["validação", "pré-produção"],
    "token de acesso": ["chave de conexão", "credenciais de acesso"],
    "prefeitura": ["órgão", "entidade", "Instituição"],
    "município": ["órgão", "entidade"],
    "municipal": ["órgão", "entidade"],
    "estadual": ["órgão", "entidade"],
    "repartição": ["órgão", "unidade"],
    "coordenação": ["unidade", "setor"],
    "diretoria": ["unidade", "setor"],
    "instituto federal": ["autarquia", "entidade vinculada"],
    "chefe": ["gestor", "responsável"],
    "diretor": ["gestor", "responsável"],
    "coordenador": ["gestor", "responsável"],
    "secretário": ["gestor", "responsável"],
    "representante": ["ponto focal", "responsável"],
    "protocolista": ["unidade protocolizadora", "gestor de protocolo"],
    "substituto": ["novo servidor", "designação"],
    "aposentou": ["novo servidor", "designação"],
    "saiu do órgão": ["novo servidor", "designação"],
    "desenvolvedor": ["desenvolver", "equipe técnica"],
    "requerente": ["cidadão", "interessado"],
    "requerimento": ["processo", "solicitação"],
    "dar entrada": ["protocolados", "processo"],
    "dei entrada": ["protocolados", "processo"],
    "em que pé": ["andamento", "tramitação"],
    "inteiro teor": ["teor", "conteúdo"],
    "pedido de vista": ["vistas", "teor"],
    "ler os documentos": ["teor", "conteúdo"],
    "e-sic": ["vistas", "teor"],
    "autuar": ["criar um processo", "novo processo"],
    "autuação": ["criar um processo", "novo processo"],
    "abrir processo": ["criar um processo", "novo processo"],
    "novo usuário": ["permissão", "SIP"],
    "criar usuário": ["permissão", "SIP"],
    "planilha": ["tabela", "relação"],
    "guia": ["manual", "passo a passo"],
    "série": ["tipo de documento", "espécie"],
    "assinatura": ["assinado"],
    "faltando": ["número de documentos", "não confere"],
    "demorando": ["parado", "travado"],
    "lentidão": ["performance", "memória"],
    "lento": ["performance", "memória"],
    "clonar": ["ambientes distintos", "mesmo certificado"],
    "instância": ["ambiente"],
    "fila": ["workers", "agendamento", "pacotes"],
    "1doc": ["SPE", "Sistema de Processo Eletrônico"],
    "www-data": ["usuário do apache", "permissão de escrita"],
    "locale": ["LANGUAGE", "ISO8859"],
    "caracteres estranhos": ["ISO8859"],
    "max_execution_time": ["tempo máximo de execução"],
}
# Seções cujas palavras pesam mais que o resto do texto (depois do título e das palavras-chave).
playbook_search_situation_sections = ["Situação", "Quando Ocorre", "Objetivo"]

# make import: o endereço antigo de cada página importada (o caminho dentro da pasta
# importada, sob este prefixo) vai para o mapa de redirecionamentos source/redirects.json.
playbook_redirect_prefix = "Scripts_Atendimento/"
