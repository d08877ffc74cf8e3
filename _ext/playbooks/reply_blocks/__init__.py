"""Reply blocks on the page: one block per template, with its copy button and fields."""
