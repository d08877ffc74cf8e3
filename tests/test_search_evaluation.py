"""The 30-query evaluation on PEN's real playbooks, run on the real search page in Chromium."""

from __future__ import annotations

import re

import pytest
from conftest import PROJECT
from search_evaluation import QUERIES, report, run_queries

#: README.md's sentence with the evaluation's figures (spaces and line breaks collapsed).
README_CLAIM = re.compile(r"\(`tests/search_evaluation\.py`[^)]*\): 1º lugar em (\d+) de (\d+)")


@pytest.mark.pen_sample
def test_thirty_agent_queries_find_their_playbook(pen_wiki_site, serve, browser_context):
    assert len(QUERIES) == 30
    src, app = pen_wiki_site
    names = {p.stem for p in (src / "playbooks").rglob("*.rst")}
    assert all(set(expected) <= names for _, expected in QUERIES)  # every answer exists
    outcomes = run_queries(browser_context.new_page(), serve(app.outdir))
    print(report(outcomes))
    first = sum(1 for o in outcomes if o.rank == 1)
    top3 = sum(1 for o in outcomes if o.rank is not None and o.rank <= 3)
    # What README.md states, read from it so the two cannot drift apart.
    claimed = README_CLAIM.search(" ".join((PROJECT / "README.md").read_text(encoding="utf-8").split()))
    assert claimed, "README.md no longer states the evaluation's figures"
    first_claimed, total = map(int, claimed.groups())
    assert total == len(QUERIES)
    assert (first, top3) == (first_claimed, total) == (30, 30), report(outcomes)

