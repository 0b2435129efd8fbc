"""Keep a long-running process's loaded code and data out of the garbage collector's rounds.

After its warm-up a web or worker process holds some 200,000 objects that live as long as the
process (modules, URL patterns, form definitions, templates, message catalogues, fonts).
Python's cycle collector walks all of them in every full collection, which a request
triggers every few hundred requests: measured in-process (on a busy box), 500 wizard step
saves spent 0.62 ms of their 4.3 ms each in the collector on average, most of it in the one
full collection among them, which held its request some 200 ms (docs/PERFORMANCE.md).
``gc.freeze()`` moves what exists now into a permanent generation that the collector leaves
alone; what requests allocate is collected as before.
"""

from __future__ import annotations

import gc


def freeze_loaded_objects() -> None:
    """Collect the warm-up's garbage first (frozen garbage would never be freed), then freeze."""
    gc.collect()
    gc.freeze()
