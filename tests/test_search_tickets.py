"""Ticket-style queries over PEN's sample plus the seed, on the real search page (issues 14, 21).

Three sets, measured on one built site: the fitted 48 (tests/search_tickets.py, a regression
set: the ranking was tuned on them), the held-apart 35 (tests/search_tickets_heldout.py,
written before issue 21's tuning; its variants were chosen by measuring it) and the fresh 36
(tests/search_tickets_fresh.py, written blind after that, never measured while tuning).  Each rank is read from the search page
in Chromium and compared with the playbook written out in the data file; the phrase step's
limit is lifted (search_evaluation.UNLIMITED_PHRASE_WAIT_MS), so the clock decides no rank.
"""

from __future__ import annotations

import pytest
from conftest import PEN_WIKI, StaticServer, built_app
from search_evaluation import built_playbooks, compared, rates, reported_figures, run_queries
from search_tickets import SEED, TICKETS, handbook_root, ticket_report
from search_tickets_fresh import FRESH, FRESH_FLOOR
from search_tickets_heldout import HELDOUT, HELDOUT_FLOOR

pytestmark = pytest.mark.pen_sample


@pytest.fixture(scope="module")
def measured(tmp_path_factory, chromium):
    """Both sets' outcomes on one site, and the file names of the site's pages."""
    if not PEN_WIKI.is_dir() or not SEED.is_file():
        pytest.fail(f"PEN's sample or the seed is missing: {PEN_WIKI}, {SEED}")
    app = built_app(handbook_root(tmp_path_factory.mktemp("tickets")))
    server = StaticServer(app.outdir)
    context = chromium.new_context(locale="pt-BR")
    try:
        page = context.new_page()
        fitted = run_queries(page, server.url, [(query, expected) for _, query, expected in TICKETS])
        heldout = run_queries(page, server.url, [(query, expected) for _, query, expected in HELDOUT])
        fresh = run_queries(page, server.url, [(query, expected) for _, query, expected in FRESH])
    finally:
        context.close()
        server.close()
    return {"fitted": fitted, "heldout": heldout, "fresh": fresh, "built": built_playbooks(app.outdir)}


def _counts(outcomes) -> tuple[int, int]:
    top1 = sum(1 for o in outcomes if o.rank == 1)
    top3 = sum(1 for o in outcomes if o.rank is not None and o.rank <= 3)
    return top1, top3


def test_every_fitted_ticket_finds_its_playbook_first(measured):
    outcomes = measured["fitted"]
    print(ticket_report(outcomes))
    # Every query was compared against a playbook that the built site really has.
    assert len(compared(outcomes, measured["built"])) == len(outcomes) >= 40
    assert [o.query for o in outcomes if o.rank != 1] == [], ticket_report(outcomes)
    assert (len(outcomes), *_counts(outcomes)) == reported_figures("search_tickets.py")


def _keeps_its_floor(measured, name: str, floor: dict, data_file: str) -> None:
    """The set's figures reach its floor, and docs/busca.md reports them."""
    outcomes = measured[name]
    print(ticket_report(outcomes))
    assert len(compared(outcomes, measured["built"])) == len(outcomes) >= 30
    top1, top3 = _counts(outcomes)
    assert top1 >= floor["top1"] and top3 >= floor["top3"], ticket_report(outcomes)
    assert (len(outcomes), top1, top3) == reported_figures(data_file), ticket_report(outcomes)


def test_held_apart_tickets_keep_their_floor(measured):
    """The figures measured when the ranking last changed are a floor (the ranking may
    only get better on the held-apart set)."""
    _keeps_its_floor(measured, "heldout", HELDOUT_FLOOR, "search_tickets_heldout.py")


def test_fresh_tickets_keep_their_floor(measured):
    """The set written blind after the tuning: its first figures are a floor, reported
    beside the others."""
    _keeps_its_floor(measured, "fresh", FRESH_FLOOR, "search_tickets_fresh.py")


@pytest.mark.xfail(strict=True, reason="issue 21 asks top-3 for every held-apart query and top-1 for 90 %; "
                   "the ranking reaches 25/35 first and 33/35 in the top 3 (docs/busca.md): the misses are "
                   "words the playbooks never use, which a synonym found by looking at these queries "
                   "would only fit")
def test_held_apart_tickets_reach_the_floor_of_issue_21(measured):
    outcomes = measured["heldout"]
    top1, top3 = rates(outcomes)
    assert top3 == 1.0 and top1 >= 0.9, ticket_report(outcomes)
