"""Unseen ticket queries for the handbook's search (issue 21): a fourth set.

WRITTEN BLIND, 2026-12-03: by an analyst who read only PEN's playbooks (../shared/pen-wiki),
without seeing the search code, its weights, synonyms or the other query sets.  Unlike the
fresh set (tests/search_tickets_fresh.py), nobody who changes the ranking has read its misses:
only its totals are looked at (docs/busca.md).  Keep it so: to judge a change, print the
totals (``.venv/bin/python tests/search_tickets_unseen.py --totals``), not the report, and do
not add, reword or drop a query to make a change look better.
"""
from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from search_tickets import ERROR, PARAPHRASE, TICKET, TYPO  # noqa: E402

#: (kind, query, file names of the playbooks that answer it, without ".rst")
UNSEEN: list[tuple[str, str, tuple[str, ...]]] = [
    # --- Numero_Unico_de_Protocolo_NUP ---
    (PARAPHRASE,
     "Trabalho numa autarquia federal e queremos passar a usar aquele numero padrao de processo do governo federal. Precisamos pedir autorizacao pra alguem ou ja podemos usar?",
     ("ADESAO_AO_NUP–ESCLARECER_DUVIDAS", "Cadastramento_de_orgao_Gestor_de_Unidade_Protocolizadora")),
    (TICKET,
     "Bom dia,\nFoi criada aqui uma nova coordenação regional em Belém que vai receber e autuar documentos em papel.\nPrecisamos de uma numeração própria de protocolo para essa unidade (aqueles 5 primeiros dígitos do número do processo).\nA quem devo pedir a criação desse código? Vocês mesmos fazem?\nAtenciosamente,\nMárcia Tavares\nDivisão de Documentação e Arquivo - SR/PA",
     ("CADASTRAR_CODIGO_DE_NUP–ESCLARECER_DUVIDAS", "Cadastramento_de_orgao_Gestor_de_Unidade_Protocolizadora")),
    (TYPO,
     "como descubro o codigo nup do meu setor de protocolo?? nao achei em lugar nenhun",
     ("CONSULTAR_CODIGO_DE_NUP-ESCLARECER_DUVIDAS",)),
    (PARAPHRASE,
     "Sou da secretaria estadual de saúde e não encontrei nosso órgão na lista de gestores do número único de protocolo. Como faço para incluir a secretaria?",
     ("CADASTRAR_ORGAO_NO_NUP–ESCLARECER_DUVIDAS",)),
    (PARAPHRASE,
     "unidade que ainda nao esta ativa no SIORG pode ganhar codigo de protocolo?",
     ("Cadastramento_de_orgao_Gestor_de_Unidade_Protocolizadora",)),

    # --- Protocolo_Integrado ---
    (TICKET,
     "Bom dia,\nSegue anexa a Portaria nº 214/2025, que designa o servidor João Pereira como responsável técnico pela ligação do nosso SEI com o Protocolo Integrado.\nSolicitamos login e senha do ambiente de testes para começarmos a configurar o módulo.\nAtt,\nJoão Pereira\nCoordenação de Tecnologia da Informação - ANTAQ",
     ("SOLICITACAO_DE_CREDENCIAIS_DE_ACESSO_AO_AMBIENTE_DE_PRE-PRODUCAO_DO_PROTOCOLO_INTEGRADO",)),
    (PARAPHRASE,
     "Ja terminamos os testes do PI em homologacao. Estou mandando a lista com dez numeros de processo que enviamos, para voces conferirem e liberarem a senha de producao.",
     ("ENVIO_DE_PROTOCOLOS_PARA_ANALISE_E_POSTERIOR_CONCESSAO_DAS_CREDENCIAIS",)),
    (ERROR,
     "Agendamento do Protocolo Integrado falhando desde ontem no nosso servidor CentOS 7:\ncURL error 60: SSL certificate problem: unable to get local issuer certificate (https://protocolointegrado.gov.br/ProtocoloWS/integradorService?wsdl)",
     ("ERRO_NA_ATUALIZACAO_DO_CERTIFICADO",)),
    (TYPO,
     "venceu o certificado digital q a gente usa no protocolo integrado, como consigo outro?",
     ("O_CERTIFICADO_DO_ORGAO_EXPIROU_E_ELE_SOLICITOU_UM_NOVO_CERTIFICADO",)),
    (TICKET,
     "Bom dia,\nConcluímos no fim de semana a migração do nosso SEI da versão 3.1 para a 4.0.12.\nPrecisamos saber se temos que pedir de novo usuário e senha do Protocolo Integrado ou se o acesso antigo continua valendo, e qual versão do plugin devemos instalar agora.\nObrigado,\nRafael Souza\nNúcleo de Infraestrutura - UFRB",
     ("O_ORGAO_ATUALIZOU_A_VERSAO_DO_SEI_COMO_DEVE_PROCEDER_PARA_CONTINUAR_UTILIZANDO_O_PROTOCOLO_INTEGRADO",)),
    (PARAPHRASE,
     "Descobrimos por acaso que faz 20 dias que nenhum processo nosso sobe para o Protocolo Integrado e ninguém foi avisado. Tem como o sistema mandar um alerta por e-mail quando isso acontecer?",
     ("O_ORGAO_NAO_ESTA_SENDO_NOTIFICADO_SOBRE_FALHAS_NO_ENVIO_DOS_METADADOS_DO_SEI",)),
    (TICKET,
     "Bom dia,\nAqui no instituto usamos um sistema de gestão de processos próprio, desenvolvido pela nossa equipe, não usamos o SEI.\nTemos interesse em publicar a movimentação dos nossos processos no Protocolo Integrado. Existe alguma especificação ou biblioteca pronta para fazermos essa ligação?\nAtenciosamente,\nCarlos Menezes\nGerência de Sistemas - Instituto Nacional de Tecnologia",
     ("O_ORGAO_NAO_USA_O_SEI_COMO_SISTEMA_DE_PROCESSO_ELETRONICO_E_SOLICITOU_INTEGRACAO_AO_PROTOCOLO_INTEGRADO",)),
    (PARAPHRASE,
     "O colega que cuidava da integração com o Protocolo Integrado se aposentou e eu assumi no lugar dele. O que preciso mandar para vocês trocarem o responsável e gerarem um acesso no meu nome?",
     ("O_ORGAO_TEM_UM_NOVO_SERVIDOR_RESPONSAVEL_PELA_INTEGRACAO_AO_PROTOCOLO_INTEGRADO_E_SOLICITOU_A_ATUALIZACAO",)),
    (TYPO,
     "ningem aqui sabe mais a senha de producao do protocolo integrado, como recupera?",
     ("O_USUARIO_PERDEU_OU_ESQUECEU_A_SENHA_DE_ACESSO_AO_MODULO_DO_PROTOCOLO_INTEGRADO_E_SOLICITOU_UMA_NOVA",)),
    (PARAPHRASE,
     "Dei entrada num pedido no Banco Central e na consulta do site de vocês ele aparece parado desde março, mas o BC me disse que está andando normal. Por que não atualiza?",
     ("SOLICITACOES_DE_ACESSO_AOS_TRAMITES_DE_PROCESSOS_DO_BANCO_CENTRAL_DO_BRASIL",)),
    (PARAPHRASE,
     "quero ler os documentos do meu processo, no site so aparece o andamento",
     ("SOLICITACOES_DE_VISTAS_AO_CONTEUDO_DOS_PROCESSOS",)),

    # --- Sistema_Eletronico_de_Informação_SEI ---
    (TICKET,
     "Bom dia,\nSou secretário de administração da Prefeitura de São José do Norte e queremos acabar com o papel e implantar o SEI no município.\nQuais são os passos para conseguirmos usar o sistema? Existe algum custo para a prefeitura?\nAtenciosamente,\nPaulo Henrique Lima\nSecretaria Municipal de Administração",
     ("Adesao_Duvida_SEI",)),
    (PARAPHRASE,
     "onde baixo o codigo fonte do SEI pra instalar no nosso servidor?",
     ("Novo_acordo",)),
    (ERROR,
     "Ao tentar selecionar o processo 23000.012345/2024-10 aparece: Encontrado mais de um anexo associado ao documento.\nAcho que o PDF foi incluído duas vezes. Posso apagar um deles direto no banco?",
     ("Encontrado_mais_de_um_anexo_associado_ao_documento",)),
    (ERROR,
     "Instalamos o SEI 4 do zero e ao criar o primeiro processo dá pau na etiqueta de barras:\nWarning: imagepng(/opt/sei/temp/cb_8842.png): Failed to open stream: Permission denied",
     ("Erro_gerando_codigo_de_barras–SEI",)),
    (PARAPHRASE,
     "modulo de estatisticas do SEI dando falha no envio dos dados pro PEN",
     ("Erro_no_modulo_estatistica_do_SEI–PEN",)),
    (PARAPHRASE,
     "SEI retornando internal server error pra alguns usuarios desde ontem",
     ("Error_500",)),
    (TICKET,
     "Bom dia,\nEstou instalando o módulo de estatísticas no nosso SEI 4.0.12 seguindo o README do GitHub, mas o arquivo de configuração pede uma sigla e uma senha para conectar no servidor do PEN.\nOnde consigo esses dados?\nAtenciosamente,\nFernanda Rocha\nAnalista de Infraestrutura - CGTI",
     ("Instalacao_do_modulo_estatistica_do_SEI–PEN", "Orientacoes_sobre_o_modulo_estatistica_do_SEI")),
    (TICKET,
     "Bom dia,\nNosso órgão ainda roda o SEI 3.1.7 e estamos com muita lentidão na pesquisa de processos. Gostaríamos de ajuda da equipe de vocês para analisar.\nSabemos que precisamos atualizar, mas ainda não temos data prevista.\nAtenciosamente,\nRoberto Alves\nDTI - Superintendência Federal de Agricultura",
     ("SOLICITACAO_DE_SUPORTE_TECNICO_A_VERSOES_DO_SEI_ANTERIORES_A_4.0_v2",)),
    (TYPO,
     "sou usuaria do sei e nao consigo asinar um oficio, da erro, quem me ajuda??",
     ("Suporte_ao_SEI",)),

    # --- Tramita_GOV_BR ---
    (PARAPHRASE,
     "Estamos desenvolvendo a ligação do nosso sistema próprio com o barramento via REST e a chamada de envio de processo volta erro 400 sem detalhe nenhum. Que informações vocês precisam para analisar?",
     ("API_INSTALACAO_MODULO_TRAMITA.GOV.BR-DIAGNOSTICAR_ERROS_E_FALHAS", "API_INSTALACAO_MODULO_TRAMITA.GOV.BR-ESCLARECER_DUVIDAS")),
    (TYPO,
     "qdo clica pra enviar processo pra outro orgao aparece acesso negado na unidade, oq falta?",
     ("Acesso_negado_a_este_recurso_nesta_unidade",)),
    (TICKET,
     "Bom dia,\nEnviamos o processo 00400.001122/2025-31 ao Ministério da Pesca pelo Tramita. No painel ele aparece como concluído (status 6), porém o protocolo de lá afirma que nada chegou no SEI deles.\nA TI deles comentou que subiu uma cópia do SEI para testes naquela mesma semana. Como localizamos o processo?\nAtenciosamente,\nLuciana Prado\nProtocolo Central",
     ("Ambientes_diferentes_utilizando_o_mesmo_certificado_digital",)),
    (PARAPHRASE,
     "Sou analista do Ministério Público estadual e preciso de ajuda para instalar o Tramita",
     ("Atendimento_de_chamado_aberto_por_Ministerio_Publico–Tramita_GOV.BR",)),
    (PARAPHRASE,
     "Aqui é da Secretaria de TI do TRT da 5ª Região. Estamos aderindo ao Tramita GOV.BR e gostaríamos de orientação técnica para configurar o certificado e o módulo no nosso SEI.",
     ("Atendimento_de_chamado_aberto_por_Tribunal_Regional_do_Trabalho-Tramita_GOV.BR",)),
    (TYPO,
     "upload de documento fica com a barrinha azul piscando e nunca termina de carregar",
     ("Barra_de_Progresso_Travando",)),
    (TICKET,
     "Bom dia,\nTemos uns 15 processos enviados para a FUNAI há mais de um mês. No painel do Tramita estão todos parados no status 4 e aqui no nosso SEI continuam bloqueados como em tramitação externa, ninguém consegue mexer neles.\nComo destravamos?\nAtt,\nMarcos Vinícius\nSetor de Protocolo - IBAMA",
     ("ERRO_DE_PROCESSOS_TRAVADOS_NO_STATUS_4-Arquivos_digitais_recebidos_pelo_destinatario_NO_PAINEL_DO_TRAMITA",)),
    (PARAPHRASE,
     "envio cancelado no painel mas o processo segue travado no nosso SEI",
     ("ERRO_DE_STATUS_CANCELADO_NO_ENVIO_DE_PROCESSO",)),
    (ERROR,
     "Trâmite recusado pelo destinatário. Motivo: Inconsistência identificada no recebimento de processo: - Número de documentos do processo não confere com o registrado\n(o processo tem dois outros processos anexados na árvore)",
     ("Erro_Numero_de_Documentos", "Erro_na_quantidade_de_processos")),
    (PARAPHRASE,
     "no SIP ao dar permissao pra usuario recadastrado diz que ja existe registro",
     ("Erro_criar_permissao",)),
    (PARAPHRASE,
     "O script de monitoramento do módulo do Tramita roda certinho quando executo na mão, mas pelo crontab dá erro de gravação na tabela de log do SEI. O que pode ser?",
     ("Erro_escrevendo_no_infra_log",)),
    (ERROR,
     "Recusa de trâmite: Hash do componente digital não confere com o informado nos metadados (documento de ordem 12). Já reenviamos três vezes e volta sempre o mesmo erro.",
     ("Erros_de_hash_e_de_ordem_de_documentos",)),
    (PARAPHRASE,
     "Depois que restauramos o repositório de arquivos do backup (sofremos ataque hacker), alguns processos não saem mais pelo barramento, reclama que o pedaço enviado é maior que o tamanho do arquivo declarado.",
     ("Metadados_Erro_A_parte_informada_ultrapassa_o_tamanho_do_componente_digital_informado_nos_metadados_do_tramite",)),
    (PARAPHRASE,
     "como aumento o memory_limit do SEI pra gerar PDF de processo grande?",
     ("Mudar_Parametros_de_Memoria",)),
    (TICKET,
     "Bom dia,\nSomos o órgão de destino. Vários trâmites que outros órgãos nos mandaram estão parados no status 2 no painel e não entram no nosso SEI, e os remetentes estão cobrando.\nO que devemos verificar do nosso lado?\nAtenciosamente,\nEquipe de Infraestrutura\nSecretaria de Estado da Fazenda",
     ("Processo_parado_no_status_2",)),
]

#: The floor tests/test_search_tickets.py asserts: the figures measured when the set was
#: added (docs/busca.md).  Raise them when the ranking gets better; never lower them.
UNSEEN_FLOOR = {"top1": 31, "top3": 37}


def run(baseline: bool = False) -> list:
    """Builds the site of tests/search_tickets.py and runs the unseen queries."""
    from search_tickets import run_set

    return run_set(UNSEEN, baseline)


if __name__ == "__main__":
    outcomes = run(baseline="--baseline" in sys.argv[1:])
    if "--totals" in sys.argv[1:]:
        from search_tickets import mrr

        top1 = sum(1 for o in outcomes if o.rank == 1)
        top3 = sum(1 for o in outcomes if o.rank is not None and o.rank <= 3)
        print(f"{len(outcomes)} buscas: {top1} em 1º, {top3} entre os 3 primeiros, MRR {mrr(outcomes):.3f}")
    else:
        from search_tickets import ticket_report

        print(ticket_report(outcomes))
