"""Ticket-style queries over PEN's sample plus the seed, on the real search page (issues 14, 21).

Four sets, measured on one built site: the fitted 48 (tests/search_tickets.py, a regression
set: the ranking was tuned on them), the held-apart 35 (tests/search_tickets_heldout.py,
written before issue 21's tuning; its variants were chosen by measuring it), the fresh 36
(tests/search_tickets_fresh.py, written blind after that; its misses were read on 03/12) and
the unseen 40 (tests/search_tickets_unseen.py, written blind on 03/12; only its totals are
ever shown, here too).  Each rank is read from the search page
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
from search_tickets_unseen import UNSEEN, UNSEEN_FLOOR

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
        unseen = run_queries(page, server.url, [(query, expected) for _, query, expected in UNSEEN])
    finally:
        context.close()
        server.close()
    return {"fitted": fitted, "heldout": heldout, "fresh": fresh, "unseen": unseen,
            "built": built_playbooks(app.outdir)}


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


def _keeps_its_floor(measured, name: str, floor: dict, data_file: str, show_misses: bool = True) -> None:
    """The set's figures reach its floor, and docs/busca.md reports them.  Without
    ``show_misses`` only the totals are printed, even when it fails."""
    outcomes = measured[name]
    top1, top3 = _counts(outcomes)
    shown = ticket_report(outcomes) if show_misses else f"{len(outcomes)} buscas: {top1} em 1º, {top3} entre os 3 primeiros"
    print(shown)
    # Plain numbers only in the assertions: pytest shows the values of a failed assertion,
    # and the outcomes hold the queries.
    queries, checked = len(outcomes), len(compared(outcomes, measured["built"]))
    assert checked == queries >= 30, shown
    assert top1 >= floor["top1"] and top3 >= floor["top3"], shown
    assert (queries, top1, top3) == reported_figures(data_file), shown


def test_held_apart_tickets_keep_their_floor(measured):
    """The figures measured when the ranking last changed are a floor (the ranking may
    only get better on the held-apart set)."""
    _keeps_its_floor(measured, "heldout", HELDOUT_FLOOR, "search_tickets_heldout.py")


def test_fresh_tickets_keep_their_floor(measured):
    """The set written blind after the tuning: its first figures are a floor, reported
    beside the others."""
    _keeps_its_floor(measured, "fresh", FRESH_FLOOR, "search_tickets_fresh.py")


def test_unseen_tickets_keep_their_floor(measured):
    """The set nobody tuning the ranking has read: totals only."""
    _keeps_its_floor(measured, "unseen", UNSEEN_FLOOR, "search_tickets_unseen.py", show_misses=False)


def test_every_held_apart_ticket_finds_its_playbook_in_the_top_3(measured):
    """Issue 21's floor, first half: the right playbook among the first three, every time."""
    outcomes = measured["heldout"]
    assert [o.query for o in outcomes if o.rank is None or o.rank > 3] == [], ticket_report(outcomes)


@pytest.mark.xfail(strict=True, reason="issue 21 asks top-1 for 90 % of the held-apart queries (32/35); "
                   "the ranking reaches 28/35 (docs/busca.md): in the misses the right playbook is 2nd or 3rd, "
                   "behind a sibling of the same subject, and a weight or synonym found by looking at these "
                   "queries would only fit them")
def test_held_apart_tickets_reach_the_top_1_floor_of_issue_21(measured):
    outcomes = measured["heldout"]
    top1, _ = rates(outcomes)
    assert top1 >= 0.9, ticket_report(outcomes)
