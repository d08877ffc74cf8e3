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

STAMP := $(VENV)/.requirements-installed
VPY   := $(VENV)/bin/python

.DEFAULT_GOAL := help

help: $(STAMP)
	@$(SPHINXBUILD) -M help "$(SOURCEDIR)" "$(BUILDDIR)" -c "$(CONFDIR)" $(SPHINXOPTS)
	@echo
	@echo "Alvos do manual: html, check, test, bench, new, import, serve, clean"

# Cria o ambiente virtual a partir de requirements.txt (só quando ele muda).
$(STAMP): requirements.txt
	@test -x "$(VPY)" || $(PYTHON) -m venv "$(VENV)"
	"$(VPY)" -m pip install --quiet --disable-pip-version-check -r requirements.txt
	@touch "$@"

venv: $(STAMP)

html: $(STAMP)
	"$(SPHINXBUILD)" -M html "$(SOURCEDIR)" "$(BUILDDIR)" -c "$(CONFDIR)" -W $(SPHINXOPTS)

check: $(STAMP)
	@PYTHONPATH=_ext "$(VPY)" -m playbooks.check --conf "$(CONFDIR)/conf.py" --source "$(SOURCEDIR)" $(FILES)

test: $(STAMP)
	"$(VPY)" -m pytest tests $(PYTEST_ARGS)

clean:
	rm -rf "$(BUILDDIR)"

.PHONY: help venv html check test clean

# Benchmark: 100 a 3000 playbooks gerados, lado a lado com o Sphinx puro (furo).
# BENCH_N=100,300 escolhe tamanhos menores; resultados em $(BUILDDIR)/bench/.
BENCH_N ?=
bench: $(STAMP)
	BENCH_N="$(BENCH_N)" BENCH_OUT="$(BUILDDIR)/bench" "$(VPY)" -m bench

.PHONY: bench

# Arquivos que existem por si: nunca são "construídos" pela regra genérica abaixo.
Makefile requirements.txt conf.py: ;

# Qualquer outro construtor do Sphinx: make latexpdf, make linkcheck, ...
%: $(STAMP)
	"$(SPHINXBUILD)" -M $@ "$(SOURCEDIR)" "$(BUILDDIR)" -c "$(CONFDIR)" -W $(SPHINXOPTS)
