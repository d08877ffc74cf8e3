"""The 30-query evaluation on PEN's real playbooks, run on the real search page in Chromium."""

from __future__ import annotations

import pytest
from search_evaluation import built_playbooks, compared, report, reported_figures, run_queries


@pytest.mark.pen_sample
def test_thirty_agent_queries_find_their_playbook(pen_wiki_site, serve, browser_context):
    src, app = pen_wiki_site
    outcomes = run_queries(browser_context.new_page(), serve(app.outdir))
    print(report(outcomes))
    # Every query was compared against a playbook that the built site really has.
    assert len(compared(outcomes, built_playbooks(app.outdir))) == len(outcomes) >= 30
    # Each finds its playbook first (the rank read from the page, not from the list).
    assert [(o.query, o.rank) for o in outcomes if o.rank != 1] == [], report(outcomes)
    first = sum(1 for o in outcomes if o.rank == 1)
    top3 = sum(1 for o in outcomes if o.rank is not None and o.rank <= 3)
    # What docs/busca.md reports is what was measured.
    assert reported_figures("search_evaluation.py") == (len(outcomes), first, top3), report(outcomes)
