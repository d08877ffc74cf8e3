"""Issue 14: ticket-style queries over PEN's sample plus the seed, on the real search page."""

from __future__ import annotations

import pytest
from conftest import PEN_WIKI
from search_evaluation import run_queries
from search_tickets import ERROR, PARAPHRASE, SEED, TICKET, TICKETS, TYPO, handbook_root, mrr, ticket_report


@pytest.mark.pen_sample
def test_every_ticket_finds_its_playbook_first(make_app, tmp_path, serve, browser_context):
    if not PEN_WIKI.is_dir() or not SEED.is_file():
        pytest.fail(f"PEN's sample or the seed is missing: {PEN_WIKI}, {SEED}")
    assert len(TICKETS) >= 40
    kinds = [kind for kind, _, _ in TICKETS]
    assert all(kinds.count(kind) >= 1 for kind in (PARAPHRASE, ERROR, TICKET, TYPO))
    assert all("\n" in query for kind, query, _ in TICKETS if kind == TICKET)
    src = handbook_root(tmp_path)
    names = {p.stem for p in (src / "playbooks").rglob("*.rst")}
    assert all(set(expected) <= names for _, _, expected in TICKETS)  # every answer exists
    app = make_app("html", srcdir=src, freshenv=True)
    app.build()
    outcomes = run_queries(browser_context.new_page(), serve(app.outdir),
                           [(query, expected) for _, query, expected in TICKETS])
    print(ticket_report(outcomes))
    print(f"MRR: {mrr(outcomes):.3f}")
    # Every query finds its playbook first.
    assert [o.query for o in outcomes if o.rank != 1] == [], ticket_report(outcomes)
