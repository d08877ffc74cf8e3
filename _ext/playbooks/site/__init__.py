"""The handbook's pages: theme, metadata panel, general pages, accessibility."""
