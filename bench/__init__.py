"""Benchmark of the handbook at scale (``make bench``).

- :mod:`bench.corpus` generates N synthetic playbooks shaped like PEN's real ones;
- :mod:`bench.harness` builds them with the handbook and with a plain-Sphinx baseline,
  measures, prints a table and writes JSON under ``_build/bench/``.

The real playbooks are read at run time from ``../shared/pen-wiki``; nothing of them is
copied into the repository.
"""
