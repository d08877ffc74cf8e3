"""Sphinx extension of the Manual de Atendimento: service-desk playbooks.

Layers, bottom up (docs/arquitetura.md; ``.importlinter`` holds them, ``make test`` runs it):

1. core, docutils only: ``standard`` judges a playbook, ``replies`` reads its reply
   templates, ``files`` writes atomically and reads sources;
2. ``collect``: the Sphinx side of the standard (runs the analysis, keeps the records) and
   what every feature shares to write pages;
3. features, independent of each other: ``reply_blocks``, ``finding``, ``site``, ``safety``,
   ``scale`` (speed at scale);
4. ``writers``: the writer's commands and guide;
5. this file: ``setup()`` only wires them together.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx

__version__ = "0.1.0"

#: Bump when the data kept on the environment changes shape, or when pages an incremental
#: build would not rewrite must change (9: the catalog's data-address-keys, which its script
#: reads, and the health page's links in singlehtml; 10: colloquial stop words, which the
#: words of pages kept from an earlier build, and their situation words, still hold).
ENV_VERSION = 10


def setup(app: Sphinx) -> dict:
    # Imported here, not at the top: the writer's commands (``python -m playbooks check``)
    # import this package too, and need none of the Sphinx application these modules load
    # (a third of ``make check``'s start on one file).
    from .collect import collector, config, docutils_messages, records, warned_docs
    from .collect import warnings as playbook_warnings
    from .finding import catalog, export, search
    from .reply_blocks import page
    from .safety import guards, links, offline, policy
    from .scale import gc_tuning, parallel, read_order
    from .site import accessibility, dates, formats, health, pages, panel, redirects, source_link, stylesheets, theme
    from .writers import guide, terminal

    links.setup(app)  # first: before Sphinx walks the source folder
    gc_tuning.setup(app)
    parallel.setup(app)
    read_order.setup(app)
    config.add_config_values(app)
    playbook_warnings.setup(app)
    warned_docs.setup(app)
    docutils_messages.setup(app)
    app.connect("config-inited", config.check_config)
    records.setup(app)
    collector.setup(app)
    panel.setup(app)
    catalog.setup(app)
    search.setup(app)
    export.setup(app)
    theme.setup(app)
    page.setup(app)
    pages.setup(app)
    health.setup(app)
    guide.setup(app)
    policy.setup(app)
    guards.setup(app)
    offline.setup(app)
    accessibility.setup(app)
    terminal.setup(app)
    redirects.setup(app)
    source_link.setup(app)
    formats.setup(app)
    stylesheets.setup(app)
    dates.setup(app)
    return {
        "version": __version__,
        "env_version": ENV_VERSION,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
