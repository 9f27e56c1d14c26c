"""The server processes take their start-up objects out of the garbage collector's passes."""

import gc
import importlib

from sozialraum.core import memory


def test_the_wsgi_application_freezes_what_exists_after_start_up():
    threshold = gc.get_threshold()
    try:
        import sozialraum.wsgi

        importlib.reload(sozialraum.wsgi)
        assert gc.get_freeze_count() > 0
        assert gc.get_threshold()[0] == memory.YOUNG_THRESHOLD
        assert gc.get_threshold()[1:] == threshold[1:]
    finally:
        gc.unfreeze()
        gc.set_threshold(*threshold)
