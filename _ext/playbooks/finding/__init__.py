"""Finding the right playbook: catalog, search, keyword index, export."""
