"""Process-level tuning shared by the long-running commands (``kerjasama serve`` and ``kerjasama worker``)."""

from __future__ import annotations

import gc


def freeze_startup_heap() -> None:
    """Move every object alive after start-up into the collector's permanent generation (``gc.freeze``).

    A started Django process holds ~100,000 long-lived objects (modules, classes, URL patterns, the rulebook's
    reference data). Python's full (generation 2) collection rescans all of them every so often, ~50 ms each
    time on the 2-core reference machine, in the middle of whatever request or task happens to run: a
    one-region mapping recompute measured 70 ms went to 120 ms on those calls (issue 9, bench/mapping.py).
    Frozen objects are never scanned; they are not garbage, so nothing is lost. Called once after start-up
    and before forking (gunicorn's workers and RQ's work horses inherit the frozen heap, and fewer pages are
    copied on write), as the ``gc.freeze`` documentation recommends.
    """
    gc.collect()
    gc.freeze()
