"""Held-apart ticket queries for the handbook's search (issue 21).

WRITTEN BEFORE ANY TUNING, AND NOT TO BE TUNED ON.  These queries were written on
02/12/2026, after reading PEN's real playbooks in ../shared/pen-wiki and before any
weight, ignored word or synonym of finding/search.py was changed for issue 21.  They
are the person who opens the ticket speaking (a clerk of an órgão, a citizen, a
technician of the órgão's IT), in their words and not the playbook's; no title is copied.
Do not add, reword or drop a query to make a change look better, and do not change a
weight, an ignored word or a synonym while looking at one of these queries: a change to
the ranking is judged on this set, it is not fitted to it.  The fitted set
(tests/search_tickets.py) is the regression set.

Each query names the playbook(s) that answer it (file names without ".rst"); two names
where two playbooks of the sample really answer the same ticket.  The site is the one of
tests/search_tickets.py: PEN's sample laid out as a handbook, plus the seed.

Run by tests/test_search_tickets_heldout.py, or by hand::

    .venv/bin/python tests/search_tickets_heldout.py [--baseline]
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from search_tickets import ERROR, PARAPHRASE, TICKET, TYPO  # noqa: E402

#: (kind, query, file names of the playbooks that answer it, without ".rst")
HELDOUT: list[tuple[str, str, tuple[str, ...]]] = [
    # What the requester writes, in a line.
    (PARAPHRASE, "somos uma autarquia estadual e queremos começar a usar o SEI, quais os passos",
     ("Adesao_Duvida_SEI",)),
    (PARAPHRASE, "sou cidadão e quero ler o que foi juntado no meu processo",
     ("SOLICITACOES_DE_VISTAS_AO_CONTEUDO_DOS_PROCESSOS",)),
    (PARAPHRASE, "meu pedido no Banco Central não anda na consulta, mas lá me disseram que está andando",
     ("SOLICITACOES_DE_ACESSO_AOS_TRAMITES_DE_PROCESSOS_DO_BANCO_CENTRAL_DO_BRASIL",)),
    (PARAPHRASE, "usamos o SUAP para os processos, dá para mandar nossos dados ao Protocolo Integrado?",
     ("O_ORGAO_NAO_USA_O_SEI_COMO_SISTEMA_DE_PROCESSO_ELETRONICO_E_SOLICITOU_INTEGRACAO_AO_PROTOCOLO_INTEGRADO",)),
    (PARAPHRASE, "não lembro mais a senha de produção do Protocolo Integrado, como recupero",
     ("O_USUARIO_PERDEU_OU_ESQUECEU_A_SENHA_DE_ACESSO_AO_MODULO_DO_PROTOCOLO_INTEGRADO_E_SOLICITOU_UMA_NOVA",)),
    (PARAPHRASE, "precisamos de usuário e senha do ambiente de homologação do Protocolo Integrado para testar",
     ("SOLICITACAO_DE_CREDENCIAIS_DE_ACESSO_AO_AMBIENTE_DE_PRE-PRODUCAO_DO_PROTOCOLO_INTEGRADO",)),
    (PARAPHRASE, "o servidor que cuidava da integração se aposentou, como cadastrar quem vai substituí-lo",
     ("O_ORGAO_TEM_UM_NOVO_SERVIDOR_RESPONSAVEL_PELA_INTEGRACAO_AO_PROTOCOLO_INTEGRADO_E_SOLICITOU_A_ATUALIZACAO",)),
    (PARAPHRASE, "migramos o SEI para a versão 4.0.12, a integração com o Protocolo Integrado precisa de alguma coisa?",
     ("O_ORGAO_ATUALIZOU_A_VERSAO_DO_SEI_COMO_DEVE_PROCEDER_PARA_CONTINUAR_UTILIZANDO_O_PROTOCOLO_INTEGRADO",)),
    (PARAPHRASE, "como descubro o código de NUP da minha unidade",
     ("CONSULTAR_CODIGO_DE_NUP-ESCLARECER_DUVIDAS",)),
    (PARAPHRASE, "nosso órgão não aparece na lista de gestores do NUP, como incluir",
     ("CADASTRAR_ORGAO_NO_NUP–ESCLARECER_DUVIDAS",)),
    (PARAPHRASE, "empresa pública federal é obrigada a usar o número único de protocolo?",
     ("ADESAO_AO_NUP–ESCLARECER_DUVIDAS",)),
    (PARAPHRASE, "ao anexar um PDF a barrinha de envio fica piscando e nunca termina",
     ("Barra_de_Progresso_Travando",)),
    (PARAPHRASE, "gerar PDF de processo grande estoura o limite de memória do PHP, onde aumento",
     ("Mudar_Parametros_de_Memoria",)),
    (PARAPHRASE, "documento ficou duplicado na árvore e agora não consigo abrir o processo",
     ("Encontrado_mais_de_um_anexo_associado_ao_documento",)),
    (PARAPHRASE, "instalação nova da versão 4: na hora de gerar o primeiro processo dá pau no barcode",
     ("Erro_gerando_codigo_de_barras–SEI",)),
    (PARAPHRASE, "gostaria de propor uma funcionalidade nova para as estatísticas do SEI",
     ("Sugestoes_de_melhoria_para_o_modulo_estatistica_do_SEI–PEN",)),
    (PARAPHRASE, "queremos baixar o SEI para instalar no nosso órgão",
     ("Novo_acordo",)),
    (PARAPHRASE, "nosso SEI ainda é o 3.0.5 e deu problema, vocês atendem?",
     ("SOLICITACAO_DE_SUPORTE_TECNICO_A_VERSOES_DO_SEI_ANTERIORES_A_4.0_v2",
      "SOLICITACAO_DE_SUPORTE_TECNICO_A_VERSOES_DO_SEI_ANTERIORES_A_4.0 ")),
    (PARAPHRASE, "o trâmite consta como entregue mas o órgão destinatário diz que não chegou nada",
     ("Ambientes_diferentes_utilizando_o_mesmo_certificado_digital",)),
    (PARAPHRASE, "no portal o envio foi cancelado mas o processo continua preso aqui no SEI em tramitação externa",
     ("ERRO_DE_STATUS_CANCELADO_NO_ENVIO_DE_PROCESSO",)),
    (PARAPHRASE, "apagaram o usuário no SIP e agora não consigo dar permissão de novo, diz que o registro já existe",
     ("Erro_criar_permissao",)),
    (PARAPHRASE, "o agendamento do cron do módulo falha ao gravar o log, rodando na mão funciona",
     ("Erro_escrevendo_no_infra_log",)),
    (PARAPHRASE, "depois que restauramos os arquivos do backup o envio falha dizendo que o tamanho não confere",
     ("Metadados_Erro_A_parte_informada_ultrapassa_o_tamanho_do_componente_digital_informado_nos_metadados_do_tramite",)),
    (PARAPHRASE, "não usamos SEI, onde acho a documentação da API para integrar nosso sistema ao Tramita",
     ("API_INSTALACAO_MODULO_TRAMITA.GOV.BR-ESCLARECER_DUVIDAS",)),
    (PARAPHRASE, "quais os passos para o nosso município entrar no Protocolo Integrado",
     ("SOLICITACAO_DE_INFORMACOES_SOBRE_ADESAO_AO_PROTOCOLO_INTEGRADO",)),
    # What the requester pastes from the screen or the log.
    (ERROR, "Inconsistência identificada no recebimento de processo, a quantidade de documentos não bate",
     ("Erro_Numero_de_Documentos", "Erro_na_quantidade_de_processos")),
    (ERROR, "Peer's Certificate issuer is not recognized no log do Protocolo Integrado",
     ("ERRO_NA_ATUALIZACAO_DO_CERTIFICADO",)),
    (ERROR, "trâmite recusado: hash do documento diferente do informado",
     ("Erros_de_hash_e_de_ordem_de_documentos",)),
    # Whole tickets, greeting and signature included.
    (TICKET, "Bom dia,\nO certificado que usamos no Protocolo Integrado venceu na semana passada. Como "
             "conseguimos outro?\nAtt,\nJosé Lima\nSetor de Arquivo",
     ("O_CERTIFICADO_DO_ORGAO_EXPIROU_E_ELE_SOLICITOU_UM_NOVO_CERTIFICADO",)),
    (TICKET, "Prezados,\nMandamos um processo para outro órgão há uma semana e até agora ele não recebeu, "
             "fica aguardando o destino.\nAtenciosamente,\nRita\nProtocolo Geral",
     ("Processo_parado_no_status_2",)),
    (TICKET, "Boa tarde,\nO processo enviado ficou travado: o destinatário já baixou os arquivos, mas aqui "
             "no SEI ele continua bloqueado e não conseguimos desbloquear.\nObrigado,\nPaulo",
     ("ERRO_DE_PROCESSOS_TRAVADOS_NO_STATUS_4-Arquivos_digitais_recebidos_pelo_destinatario_NO_PAINEL_DO_TRAMITA",)),
    (TICKET, "Olá,\nUm usuário da unidade de licitações tenta incluir documento e aparece que não tem "
             "permissão para esse recurso na unidade.\nAtt.\nSuporte local",
     ("Acesso_negado_a_este_recurso_nesta_unidade",)),
    (TICKET, "Bom dia!\nSomos do Tribunal Regional do Trabalho da 4ª Região e precisamos de apoio para "
             "enviar processos pelo Tramita.\nCordialmente,\nSecretaria",
     ("Atendimento_de_chamado_aberto_por_Tribunal_Regional_do_Trabalho-Tramita_GOV.BR",)),
    (TICKET, "Prezados,\nO SEI parou de abrir hoje cedo e aparece só Internal Server Error na tela.\n"
             "Aguardamos,\nCPD",
     ("Error_500",)),
    # A typo.
    (TYPO, "o modulo de estatisticas mostra eror na tela de relatorios",
     ("Erro_no_modulo_estatistica_do_SEI–PEN",)),
]

#: The floor tests/test_search_tickets.py asserts: the figures measured when the ranking
#: last changed (docs/busca.md).  Raise them when the ranking gets better; never lower them.
#: Issue 21 asks for more (top-3 for every query, top-1 for 90 %): not reached yet.
HELDOUT_FLOOR = {"top1": 28, "top3": 35}


def run(baseline: bool = False) -> list:
    """Builds the site of tests/search_tickets.py and runs the held-apart queries."""
    from search_tickets import run_set

    return run_set(HELDOUT, baseline)


if __name__ == "__main__":
    from search_tickets import ticket_report

    print(ticket_report(run(baseline="--baseline" in sys.argv[1:])))
