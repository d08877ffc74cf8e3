"""The cores file helpers: atomic writes and reading a playbooks bytes (docutils only)."""
