"""Sphinx extension of the Manual de Atendimento: service-desk playbooks.

Each module registers one job; this file only wires them together.
"""

from __future__ import annotations

from sphinx.application import Sphinx

from . import config, reading, records, theme

__version__ = "0.1.0"

#: Bump when the data kept on the environment changes shape.
ENV_VERSION = 1


def setup(app: Sphinx) -> dict:
    from . import gc_tuning, parallel, read_order  # build speed at scale (make bench)

    gc_tuning.setup(app)
    parallel.setup(app)
    read_order.setup(app)
    config.add_config_values(app)
    app.connect("config-inited", config.check_config)
    records.setup(app)
    reading.setup(app)
    theme.setup(app)
    return {
        "version": __version__,
        "env_version": ENV_VERSION,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
