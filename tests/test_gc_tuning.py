"""The collector's thresholds are raised during a build and put back after it; the build's
objects are frozen until the next build."""

from __future__ import annotations

import gc
import shutil
import weakref

from conftest import PROJECT, built_app, normalized_warnings
from sphinx.testing.util import SphinxTestApp

from playbooks.scale import gc_tuning


def test_thresholds_are_raised_while_building_and_restored_afterwards(make_app, tmp_path):
    original = gc.get_threshold()
    before = (700, 10, 10)  # Python's defaults (an app set up elsewhere but never built keeps its own)
    gc.set_threshold(*before)
    try:
        check_build(make_app, tmp_path, before)
    finally:
        gc.set_threshold(*original)


def check_build(make_app, tmp_path, before):
    src = tmp_path / "handbook"
    shutil.copytree(PROJECT / "source", src)
    shutil.copy(PROJECT / "conf.py", src / "conf.py")
    app = make_app("html", srcdir=src, freshenv=True)
    during = []
    app.connect("doctree-read", lambda app, doctree: during.append(gc.get_threshold()))
    app.build()
    assert normalized_warnings(app) == ""
    assert during and set(during) == {gc_tuning.THRESHOLDS}
    assert gc.get_threshold() == before


def test_a_finished_build_stays_frozen_until_the_next_build_is_set_up(tmp_path):
    """The build's objects skip the collections after it (sphinx-build exits then), and a
    process that builds again gets them back: the first site's environment, a cycle with its
    app, outlives a full collection until the next app is set up (then the next full
    collection frees it)."""
    standard = PROJECT / "tests" / "roots" / "test-standard"
    first = tmp_path / "first"
    shutil.copytree(standard, first)
    app = built_app(first)
    env = weakref.ref(app.env)
    del app
    try:
        assert gc.get_freeze_count() > 0
        gc.collect()
        assert env() is not None, "the finished build was collected: it was not frozen"
        second = tmp_path / "second"
        shutil.copytree(standard, second)
        next_app = SphinxTestApp("html", srcdir=second, freshenv=True)  # set up, not built
        try:
            assert gc.get_freeze_count() == 0
            gc.collect()
            assert env() is None, "the earlier build stayed frozen after the next one was set up"
        finally:
            next_app.cleanup()
    finally:
        gc_tuning._unfreeze()
