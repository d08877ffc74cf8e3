"""General pages (``source/paginas/``): pages ``make import`` brought that are not playbooks.

In the build this module only checks ``playbook_import_folders`` (used by importer.py,
which is a command-line tool and stays out of the Sphinx process) and links the general
pages' index from the side navigation when it exists.
"""

from __future__ import annotations

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.errors import ConfigError

from ..collect import output
from ..standard.names import slugify

PAGES_FOLDER = "paginas"
INDEX = f"{PAGES_FOLDER}/index"


def check_config(app: Sphinx, config: Config) -> None:
    mapping = getattr(config, "playbook_import_folders", {}) or {}
    for folder, category in mapping.items():
        if not isinstance(folder, str) or not isinstance(category, str) or not category or slugify(category) != category:
            raise ConfigError(
                f"playbook_import_folders[{folder!r}] = {category!r} em conf.py: a categoria deve ser um "
                "nome de pasta em minúsculas, sem acentos, com hífens (por exemplo 'tramita')"
            )


def setup(app: Sphinx) -> None:
    app.connect("config-inited", check_config)
    output.add_nav_link(app, INDEX, "Páginas gerais")
