"""Content policy: what a playbook may not do, and pages that stay on the intranet."""
