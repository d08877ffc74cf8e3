"""Reply templates: extraction from the doctree, the page's blocks, copy button."""
