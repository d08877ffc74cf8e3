"""The collector's thresholds are raised during a build and put back after it."""

from __future__ import annotations

import gc
import shutil

from conftest import PROJECT, normalized_warnings

from playbooks.build import gc_tuning


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
