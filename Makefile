# Manual de Atendimento — Makefile
# Variáveis padrão do Sphinx: SPHINXOPTS, SPHINXBUILD, SOURCEDIR, BUILDDIR.

PYTHON        ?= python3
VENV          ?= .venv
SPHINXOPTS    ?=
SPHINXBUILD   ?= $(VENV)/bin/sphinx-build
SOURCEDIR     ?= source
BUILDDIR      ?= _build
CONFDIR       ?= .
FILES         ?=
PYTEST_ARGS   ?=
# make report FORMAT=json|csv (padrão: tabela no terminal)
FORMAT        ?=
# Processos de teste (pytest-xdist): auto = um por núcleo; 0 roda tudo num processo só.
PYTEST_WORKERS ?= auto

STAMP     := $(VENV)/.requirements-installed
DEV_STAMP := $(VENV)/.requirements-dev-installed
VPY       := $(VENV)/bin/python

.DEFAULT_GOAL := help

help: $(STAMP)
	@$(SPHINXBUILD) -M help "$(SOURCEDIR)" "$(BUILDDIR)" -c "$(CONFDIR)" $(SPHINXOPTS)
	@echo
	@echo "Alvos do manual: html, check, report, review, test, bench, new, import, serve, clean, common-words"

# Cria o ambiente virtual a partir de requirements.txt (só quando ele muda): o que a
# construção e a pré-visualização precisam.
$(STAMP): requirements.txt
	@test -x "$(VPY)" || $(PYTHON) -m venv "$(VENV)"
	"$(VPY)" -m pip install --quiet --disable-pip-version-check -r requirements.txt
	@touch "$@"

# Ferramentas de teste e desenvolvimento (requirements-dev.txt), só para make test e make bench.
$(DEV_STAMP): $(STAMP) requirements-dev.txt
	"$(VPY)" -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	@touch "$@"

venv: $(STAMP)

venv-dev: $(DEV_STAMP)

html: $(STAMP)
	"$(SPHINXBUILD)" -M html "$(SOURCEDIR)" "$(BUILDDIR)" -c "$(CONFDIR)" -W $(SPHINXOPTS)

check: $(STAMP)
	@PYTHONPATH=_ext "$(VPY)" -m playbooks check --conf "$(CONFDIR)/conf.py" --source "$(SOURCEDIR)" $(FILES)

# Saúde do manual: rascunhos, revisões, equipes e perfis faltando... (FORMAT=json ou csv)
report: $(STAMP)
	@PYTHONPATH=_ext "$(VPY)" -m playbooks report --conf "$(CONFDIR)/conf.py" --source "$(SOURCEDIR)" --format "$(FORMAT)"

# Ferramentas de teste do npm (validador HTML vnu-jar e axe-core), nas versões exatas
# de package-lock.json.  --ignore-scripts: o vnu-jar usa o Java da máquina (nada é baixado).
NODE_STAMP := node_modules/.installed

$(NODE_STAMP): package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	@touch "$@"

# Os arquivos de teste se dividem entre os processos (--dist loadfile: os sites que um
# arquivo constrói uma vez servem a todos os seus testes).
test: $(DEV_STAMP) $(NODE_STAMP)
	"$(VPY)" -m pytest tests -n $(PYTEST_WORKERS) --dist loadfile $(PYTEST_ARGS)

# make new CATEGORY=sei TITLE="Acesso externo ao SEI"
new: $(STAMP)
	@PYTHONPATH=_ext "$(VPY)" -m playbooks new --conf "$(CONFDIR)/conf.py" --source "$(SOURCEDIR)" --category "$$CATEGORY" --title "$$TITLE"

# make import SRC=<pasta ou arquivo> [CATEGORY=sei] [FORCE=1]
import: $(STAMP)
	@PYTHONPATH=_ext "$(VPY)" -m playbooks import --conf "$(CONFDIR)/conf.py" --source "$(SOURCEDIR)" --category "$$CATEGORY" $(if $(FORCE),--force) -- "$$SRC"

# make review [BASE=<ref do git>]: o que a mudança faz para os atendentes (Markdown), comparado
# com BASE (padrão: a base comum com origin/main, ou main); no GitHub, também no resumo do job.
BASE ?=
review: $(STAMP)
	@PYTHONPATH=_ext "$(VPY)" -m playbooks review --conf "$(CONFDIR)/conf.py" --source "$(SOURCEDIR)" --base "$(BASE)"

# Pré-visualização: reconstrói ao salvar e recarrega o navegador (só em 127.0.0.1).
SERVE_PORT ?= 8000
serve: $(STAMP)
	"$(VENV)/bin/sphinx-autobuild" "$(SOURCEDIR)" "$(BUILDDIR)/html" -c "$(CONFDIR)" -d "$(BUILDDIR)/doctrees" --host 127.0.0.1 --port "$(SERVE_PORT)" --watch "$(CONFDIR)/conf.py" --watch _ext $(SPHINXOPTS)

clean:
	rm -rf "$(BUILDDIR)"

.PHONY: help venv venv-dev html check report test clean new import review serve

# Benchmark: 100 a 3000 playbooks gerados, lado a lado com o Sphinx puro (furo).
# BENCH_N=100,300 escolhe tamanhos menores; resultados em $(BUILDDIR)/bench/.
BENCH_N ?=
bench: $(DEV_STAMP)
	BENCH_N="$(BENCH_N)" BENCH_OUT="$(BUILDDIR)/bench" "$(VPY)" -m bench

.PHONY: bench

# A tabela das palavras comuns do português que a busca pesa menos
# (_ext/playbooks/finding/data/common_words_pt.tsv), refeita do wordfreq (requirements-dev.txt).
common-words: $(DEV_STAMP)
	PYTHONPATH=_ext "$(VPY)" -m playbooks.finding.common_words

.PHONY: common-words

# O PDF em português: antes do LaTeX, confere o babel em português (sem ele o PDF sairia em
# inglês) e para com o nome do pacote do Debian que falta.
latexpdf: $(STAMP)
	@PYTHONPATH=_ext "$(VPY)" -m playbooks.writers.tex
	"$(SPHINXBUILD)" -M $@ "$(SOURCEDIR)" "$(BUILDDIR)" -c "$(CONFDIR)" -W $(SPHINXOPTS)

.PHONY: latexpdf

# Arquivos que existem por si: nunca são "construídos" pela regra genérica abaixo.
Makefile requirements.txt requirements-dev.txt conf.py package.json package-lock.json: ;

# Qualquer outro construtor do Sphinx: make latexpdf, make linkcheck, ...
%: $(STAMP)
	"$(SPHINXBUILD)" -M $@ "$(SOURCEDIR)" "$(BUILDDIR)" -c "$(CONFDIR)" -W $(SPHINXOPTS)
