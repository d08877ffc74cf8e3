"""Reply templates (core, docutils only): the grammar, the walk over a reply section, the
neutral blocks and their plain-text and HTML flavours."""
