"""The playbook standard, on docutils doctrees only (never imports Sphinx)."""
