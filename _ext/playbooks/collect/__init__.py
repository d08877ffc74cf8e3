"""The Sphinx side of the standard: options, the records on env, the collector, and what
every feature shares to write pages (collect/output.py)."""
