"""Tests of kgraph._gc: the pause, and the freeze of a one-shot process."""

import gc

from kgraph._gc import one_shot, paused


def test_paused_restores_and_nests():
    assert gc.isenabled()
    with paused():
        with paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()


def test_no_freeze_unless_one_shot():
    before = gc.get_freeze_count()
    with paused():
        kept = [{"i": i} for i in range(100)]
    assert gc.get_freeze_count() == before and gc.isenabled()
    assert len(kept) == 100


def test_one_shot_freezes_what_a_pause_built():
    one_shot()
    try:
        with paused():
            before = gc.get_freeze_count()
            kept = [[i] for i in range(100)]  # tracked by the collector
            with paused():
                pass
            assert gc.get_freeze_count() == before  # only the outermost pause freezes
        assert gc.get_freeze_count() >= before + 100 and gc.isenabled() and len(kept) == 100
    finally:
        one_shot(False)
        gc.unfreeze()
