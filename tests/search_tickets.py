"""Ticket-style evaluation of the handbook's search (issue 14): PEN's sample plus the seed.

Each query is written the way tickets arrive at the service desk, from reading the
playbook's situation (not its title): a paraphrase without the title's words, an error
message pasted from the screen or a log, a whole ticket with greeting and signature, or a
typo.  Each names the playbook(s) that answer it.  The real search page runs in Chromium
(``search.html?q=…``); the score is top-1 and MRR (mean of 1/rank, 0 when not listed).

Run by tests/test_search_tickets.py, or by hand::

    .venv/bin/python tests/search_tickets.py [--baseline]

``--baseline`` builds with Sphinx's stock Portuguese search, for comparison.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
try:  # under pytest: where conftest says the sample is (hidden with MANUAL_SEM_AMOSTRA_PEN=1)
    from conftest import SEED
except ImportError:
    SEED = HERE.parent.parent / "shared" / "seed" / "000_0f18806d357f76ca.txt"
#: The seed's name in the evaluation handbook (it repeats Suporte_ao_SEI's situation).
SEED_NAME = "semente-suporte-ao-sei"

PARAPHRASE, ERROR, TICKET, TYPO = "paráfrase", "mensagem de erro", "chamado inteiro", "erro de digitação"

#: (kind, query, file names of the playbooks that answer it, without ".rst")
TICKETS: list[tuple[str, str, tuple[str, ...]]] = [
    # Paraphrases: what the agent reads in the ticket, without the title's words.
    (PARAPHRASE, "prefeitura quer implantar o sistema eletronico de informacoes, como aderir",
     ("Adesao_Duvida_SEI",)),
    (PARAPHRASE, "cidadao pede para ver os documentos de um processo do seu interesse",
     ("SOLICITACOES_DE_VISTAS_AO_CONTEUDO_DOS_PROCESSOS",)),
    (PARAPHRASE, "tramitacao de processo protocolado no BCB nao aparece atualizada",
     ("SOLICITACOES_DE_ACESSO_AOS_TRAMITES_DE_PROCESSOS_DO_BANCO_CENTRAL_DO_BRASIL",)),
    (PARAPHRASE, "orgao utiliza outro SPE e quer mandar metadados para o protocolo integrado",
     ("O_ORGAO_NAO_USA_O_SEI_COMO_SISTEMA_DE_PROCESSO_ELETRONICO_E_SOLICITOU_INTEGRACAO_AO_PROTOCOLO_INTEGRADO",)),
    (PARAPHRASE, "servidor designado nao tem mais a senha do ambiente de producao",
     ("O_USUARIO_PERDEU_OU_ESQUECEU_A_SENHA_DE_ACESSO_AO_MODULO_DO_PROTOCOLO_INTEGRADO_E_SOLICITOU_UMA_NOVA",)),
    (PARAPHRASE, "portaria de designacao enviada pedindo acesso para iniciar os testes de integracao",
     ("SOLICITACAO_DE_CREDENCIAIS_DE_ACESSO_AO_AMBIENTE_DE_PRE-PRODUCAO_DO_PROTOCOLO_INTEGRADO",)),
    (PARAPHRASE, "terminamos os testes e mandamos os 10 protocolos para validacao",
     ("ENVIO_DE_PROTOCOLOS_PARA_ANALISE_E_POSTERIOR_CONCESSAO_DAS_CREDENCIAIS",)),
    (PARAPHRASE, "pacotes nao chegam ao protocolo integrado e ninguem recebe aviso",
     ("O_ORGAO_NAO_ESTA_SENDO_NOTIFICADO_SOBRE_FALHAS_NO_ENVIO_DOS_METADADOS_DO_SEI",)),
    (PARAPHRASE, "mudou o responsavel pela integracao, precisa trocar os dados e gerar credenciais",
     ("O_ORGAO_TEM_UM_NOVO_SERVIDOR_RESPONSAVEL_PELA_INTEGRACAO_AO_PROTOCOLO_INTEGRADO_E_SOLICITOU_A_ATUALIZACAO",)),
    (PARAPHRASE, "fizemos upgrade do SEI, o que fazer para seguir mandando dados ao protocolo integrado",
     ("O_ORGAO_ATUALIZOU_A_VERSAO_DO_SEI_COMO_DEVE_PROCEDER_PARA_CONTINUAR_UTILIZANDO_O_PROTOCOLO_INTEGRADO",)),
    (PARAPHRASE, "orgao quer padronizar a numeracao de protocolo da administracao publica federal",
     ("Cadastramento_de_orgao_Gestor_de_Unidade_Protocolizadora",)),
    (PARAPHRASE, "processo entregue com status 6 mas o destino nao encontra no seu sistema",
     ("Ambientes_diferentes_utilizando_o_mesmo_certificado_digital",)),
    (PARAPHRASE, "upload de imagem fica com a barra azul piscando e nao conclui",
     ("Barra_de_Progresso_Travando",)),
    (PARAPHRASE, "como configurar memory_limit e tempo maximo de execucao do modulo",
     ("Mudar_Parametros_de_Memoria",)),
    (PARAPHRASE, "chamado aberto por TRT pedindo suporte no tramita",
     ("Atendimento_de_chamado_aberto_por_Tribunal_Regional_do_Trabalho-Tramita_GOV.BR",)),
    (PARAPHRASE, "quero fazer uma sugestao para o modulo de estatisticas do SEI",
     ("Sugestoes_de_melhoria_para_o_modulo_estatistica_do_SEI–PEN",)),
    (PARAPHRASE, "tecnico com dificuldade para instalar o modulo de estatisticas",
     ("Instalacao_do_modulo_estatistica_do_SEI–PEN",)),
    (PARAPHRASE, "onde baixo o instalador do SEI, queremos adquirir",
     ("Novo_acordo",)),
    (PARAPHRASE, "orgao quer suporte para SEI 3.1, versao antiga",
     ("SOLICITACAO_DE_SUPORTE_TECNICO_A_VERSOES_DO_SEI_ANTERIORES_A_4.0_v2",
      "SOLICITACAO_DE_SUPORTE_TECNICO_A_VERSOES_DO_SEI_ANTERIORES_A_4.0 ")),
    (PARAPHRASE, "processo sumiu no painel, travado com arquivos digitais recebidos pelo destinatario e bloqueado no SEI de origem",
     ("ERRO_DE_PROCESSOS_TRAVADOS_NO_STATUS_4-Arquivos_digitais_recebidos_pelo_destinatario_NO_PAINEL_DO_TRAMITA",)),
    (PARAPHRASE, "portal mostra cancelado mas no SEI continua em tramitacao externa",
     ("ERRO_DE_STATUS_CANCELADO_NO_ENVIO_DE_PROCESSO",)),
    (PARAPHRASE, "instalacao da API do tramita deu falha, como diagnosticar",
     ("API_INSTALACAO_MODULO_TRAMITA.GOV.BR-DIAGNOSTICAR_ERROS_E_FALHAS",)),
    # Error messages pasted from the screen or a log.
    (ERROR, "Acesso negado a este recurso nesta unidade (procedimento_gerar / SEAD-GAB)",
     ("Acesso_negado_a_este_recurso_nesta_unidade",)),
    (ERROR, "Erro - encontrado mais de um anexo associado ao documento",
     ("Encontrado_mais_de_um_anexo_associado_ao_documento",)),
    (ERROR, "Inconsistência identificada no recebimento de processo: - Número de documentos do processo "
            "não confere com o registrado nos dados do processo no enviado externamente.",
     ("Erro_Numero_de_Documentos",)),
    (ERROR, "A parte informada ultrapassa o tamanho do componente digital informado nos metadados do trâmite",
     ("Metadados_Erro_A_parte_informada_ultrapassa_o_tamanho_do_componente_digital_informado_nos_metadados_do_tramite",)),
    (ERROR, "Já existe registro ao criar permissão no SIP",
     ("Erro_criar_permissao",)),
    (ERROR, "Error 500 Internal Server Error ao abrir o sistema",
     ("Error_500",)),
    (ERROR, "erro ao gravar em infra_log, caracteres invalidos, cron sem LANGUAGE",
     ("Erro_escrevendo_no_infra_log",)),
    (ERROR, "ordem_documento fora da sequencia no componente digital",
     ("Erro_na_quantidade_de_processos",)),
    # Log lines and screen messages pasted whole (added with the exact-phrase step, 01/12):
    # the playbook holds them word for word.
    (ERROR, "Exception: https://protocolointegrado.gov.br/ProtocoloWS/integradorService?wsdl Erro ao obter "
            "requisição CURL. Erro detalhado: Peer's Certificate issuer is not recognized.",
     ("ERRO_NA_ATUALIZACAO_DO_CERTIFICADO",)),
    (ERROR, "SoapFault exception: [SOAP-ENV:Server] Arquivo binário com hash não está mais disponível, por favor "
            "contacte o sistema remetente.",
     ("ERRO_DE_PROCESSOS_TRAVADOS_NO_STATUS_4-Arquivos_digitais_recebidos_pelo_destinatario_NO_PAINEL_DO_TRAMITA",)),
    (ERROR, "o processo aparece no portal do Tramita com o status cancelado, porém, no SEI de origem, ainda "
            "continua bloqueado",
     ("ERRO_DE_STATUS_CANCELADO_NO_ENVIO_DE_PROCESSO",)),
    (ERROR, "ao tentar criar uma nova permissão pelo SIP aparece uma mensagem de erro informando que já existe registro",
     ("Erro_criar_permissao",)),
    (ERROR, "ao tentar selecionar o processo é apresentada uma mensagem Erro – encontrado mais de um anexo "
            "associado ao documento",
     ("Encontrado_mais_de_um_anexo_associado_ao_documento",)),
    # Whole tickets, greeting and signature included.
    (TICKET, "Bom dia,\n\nPrezados, o certificado do nosso órgão expirou e precisamos de um novo para "
             "continuar enviando ao Protocolo Integrado. Usamos a versão 2.1.2.\n\nAtenciosamente,\n"
             "Maria Souza\nNúcleo de Protocolo",
     ("O_CERTIFICADO_DO_ORGAO_EXPIROU_E_ELE_SOLICITOU_UM_NOVO_CERTIFICADO",)),
    (TICKET, "Boa tarde.\nDepois do envio, o processo ficou parado aguardando o destino receber "
             "(status 2) há três dias. O que pode ser?\nAtt,\nCarlos - TI",
     ("Processo_parado_no_status_2",)),
    (TICKET, "Prezados,\nAo tentar criar um processo logo após instalar o SEI 4 aparece erro na geração "
             "do código de barras.\nPodem ajudar?\nObrigado,\nJoão",
     ("Erro_gerando_codigo_de_barras–SEI",)),
    (TICKET, "Olá, boa tarde!\nNosso Protocolo Integrado mostra erro quando tenta renovar o certificado, "
             "segue o print abaixo.\nGrato pela atenção\nAna Paula\nCoordenação de TI",
     ("ERRO_NA_ATUALIZACAO_DO_CERTIFICADO",)),
    (TICKET, "Bom dia.\nEstamos com falha ao mandar os metadados do SEI para o Protocolo Integrado desde "
             "ontem, os dados não aparecem lá.\nAtenciosamente\nSetor de Protocolo",
     ("O_ORGAO_ESTA_COM_PROBLEMAS_NO_ENVIO_DOS_METADADOS_DO_SEI_PARA_O_PROTOCOLO_INTEGRADO",)),
    (TICKET, "Prezados, bom dia.\nSomos do Ministério Público Estadual e precisamos de ajuda com o "
             "Tramita GOV.BR, os processos não chegam.\nCordialmente,\nPromotoria",
     ("Atendimento_de_chamado_aberto_por_Ministerio_Publico–Tramita_GOV.BR",)),
    (TICKET, "Boa noite,\nO módulo de estatística do SEI está dando erro na tela do portal. "
             "Podem verificar?\nAtt.\nPedro",
     ("Erro_no_modulo_estatistica_do_SEI–PEN",)),
    (TICKET, "Bom dia,\nGostaria de orientações sobre o módulo de estatística do SEI, onde encontro as "
             "instruções?\nObrigada,\nLúcia",
     ("Orientacoes_sobre_o_modulo_estatistica_do_SEI",)),
    (TICKET, "Prezados,\nEstamos com uma situação no Sistema Eletrônico de Informações e precisamos de "
             "atendimento técnico.\nAtt,\nMarcos\nDivisão de Informática",
     ("Suporte_ao_SEI", SEED_NAME)),
    (TICKET, "Prezados,\nNa validação do trâmite aparece erro de hash do componente digital e os documentos "
             "chegam fora de ordem.\nAtenciosamente,\nEquipe de sistemas",
     ("Erros_de_hash_e_de_ordem_de_documentos",)),
    (TICKET, "Bom dia!\nNosso órgão tem interesse em aderir ao Protocolo Integrado, mas não sabemos por "
             "onde começar.\nAguardo retorno.\nRoberto",
     ("SOLICITACAO_DE_INFORMACOES_SOBRE_ADESAO_AO_PROTOCOLO_INTEGRADO",)),
    # Typos.
    (TYPO, "sugestao de melhoira no modulo estatistica", ("Sugestoes_de_melhoria_para_o_modulo_estatistica_do_SEI–PEN",)),
    (TYPO, "certificdo do orgao expirou", ("O_CERTIFICADO_DO_ORGAO_EXPIROU_E_ELE_SOLICITOU_UM_NOVO_CERTIFICADO",)),
]


def handbook_root(tmp: Path) -> Path:
    """PEN's sample as a handbook (tests/test_handbook.pen_wiki_root), plus the seed playbook."""
    from test_handbook import pen_wiki_root

    src = pen_wiki_root(tmp)
    target = src / "playbooks" / "Sistema_Eletronico_de_Informação_SEI" / f"{SEED_NAME}.rst"
    shutil.copy(SEED, target)
    return src


def mrr(outcomes) -> float:
    return sum(1 / o.rank for o in outcomes if o.rank) / len(outcomes)


def ticket_report(outcomes) -> str:
    from search_evaluation import report

    top1 = sum(1 for o in outcomes if o.rank == 1)
    return report(outcomes) + f"\ntop-1: {top1}/{len(outcomes)}, MRR: {mrr(outcomes):.3f}"


def run_set(tickets, baseline: bool = False) -> list:
    """Builds the handbook site of PEN's sample plus the seed and runs ``tickets``
    (``(kind, query, expected)`` triples) on its search page in Chromium."""
    sys.path.insert(0, str(HERE))
    from conftest import CHROMIUM, CHROMIUM_ARGS, StaticServer
    from playwright.sync_api import sync_playwright
    from search_evaluation import build, run_queries

    with tempfile.TemporaryDirectory() as tmp:
        src = handbook_root(Path(tmp))
        out = Path(tmp) / "html"
        build(src, out, baseline=baseline)
        server = StaticServer(out)
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                queries = [(query, expected) for _, query, expected in tickets]
                outcomes = run_queries(browser.new_page(), server.url, queries)
                browser.close()
        finally:
            server.close()
    return outcomes


def run(baseline: bool = False) -> list:
    return run_set(TICKETS, baseline)


if __name__ == "__main__":
    print(ticket_report(run(baseline="--baseline" in sys.argv[1:])))
