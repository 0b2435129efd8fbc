"""Background work yields the cores to citizens' requests: the worker lowers its CPU priority.

``manage.py db_worker`` calls ``lower_cpu_priority(settings.WORKER_NICE)`` once when it starts,
before it starts any thread (on Linux a thread's nice value is its own; threads started later
and child processes inherit it). The web server and every other command keep their priority.

Linux ranks a thread's nice value only against the other threads of its scheduling group, so
two values are raised:

- the process's nice value (``setpriority``): it ranks the worker below the other processes of
  its group;
- the nice value of its *autogroup*: with autogroup scheduling (``kernel.sched_autogroup_enabled``,
  on by default) every session is one group, and groups share the cores equally whatever their
  threads' nice values. The web server and the worker each run in a session of their own
  (``scripts/supervise.py`` for ``make run``, systemd in production), so only the group's nice
  value puts the worker behind the web server. It is changed only when the worker leads its
  session, i.e. the group holds nothing but the worker and its children, never a terminal's
  session that happened to start it.

Under systemd with the CPU controller each unit is a cgroup of its own, and the worker unit's
``CPUWeight=`` does the same between the units (deploy/systemd/jobcenter-worker@.service).
"""

from __future__ import annotations

import errno
import logging
import os
import time
from pathlib import Path

logger = logging.getLogger("jobcenter.worker")

AUTOGROUP = Path("/proc/self/autogroup")
# The kernel lets an unprivileged process change an autogroup's nice value once per 100 ms
# (system-wide); another process's change just before is waited out, not treated as refusal.
AUTOGROUP_RETRIES = 5
AUTOGROUP_RETRY_SECONDS = 0.11


def lower_cpu_priority(nice: int) -> None:
    """Run this process (and what it starts) at ``nice`` at least; 0 leaves it as started.
    Never raises: a worker that cannot lower its priority still does its work."""
    if nice <= 0:
        return
    try:
        if os.getpriority(os.PRIO_PROCESS, 0) < nice:
            os.setpriority(os.PRIO_PROCESS, 0, nice)
    except OSError as error:
        logger.warning("worker: could not lower its CPU priority to nice %d (%s)", nice, error)
        return
    if leads_own_session():
        raise_autogroup_nice(nice)


def leads_own_session() -> bool:
    return os.getsid(0) == os.getpid()


def autogroup_nice() -> int | None:
    """The nice value of this process's autogroup, or None without autogroup support."""
    try:
        # "/autogroup-123 nice 0"
        return int(AUTOGROUP.read_text().split("nice", 1)[1])
    except (OSError, IndexError, ValueError):
        return None


def raise_autogroup_nice(nice: int) -> None:
    current = autogroup_nice()
    if current is None or current >= nice:
        return
    for _ in range(AUTOGROUP_RETRIES):
        try:
            with AUTOGROUP.open("w") as group:
                group.write(str(nice))
            return
        except OSError as error:
            if error.errno != errno.EAGAIN:
                logger.warning("worker: could not lower its session's CPU priority (%s)", error)
                return
            time.sleep(AUTOGROUP_RETRY_SECONDS)
    logger.warning("worker: the kernel kept refusing to lower its session's CPU priority")
