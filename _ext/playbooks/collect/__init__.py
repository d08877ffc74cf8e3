"""The Sphinx side of the standard: options, the records on env, the collector."""
