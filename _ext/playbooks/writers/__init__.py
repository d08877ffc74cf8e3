"""The writer's commands and guide: check, new, import."""
