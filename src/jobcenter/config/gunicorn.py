"""gunicorn's configuration, the same for ``make run`` (Makefile) and production
(deploy/systemd/jobcenter-web.service):

    gunicorn -c src/jobcenter/config/gunicorn.py jobcenter.config.wsgi:application \\
        --pythonpath src --bind 127.0.0.1:8000 --workers 4

What differs between installations (address, workers) stays on the command line, which takes
precedence over this file.
"""

# Sync workers: one request per process at a time, the connection closed after the answer.
# Measured against gthread on the same box (docs/PERFORMANCE.md, "make run's server"), gthread's
# poller and thread hand-off per request cost 10-30 % of the small requests' rate, and its
# threads did not keep slow clients from stalling the server either
# (tests/reliability/test_slow_client.py). Slow clients are nginx's job in production: it reads
# the whole request before gunicorn sees a byte (deploy/nginx, docs/SECURITY.md "Slow clients").
# No --threads anywhere: gunicorn turns a sync worker with threads > 1 into gthread.
worker_class = "sync"
timeout = 60


def post_worker_init(worker):
    """Load the URL configuration with every view, the translations and the template engines
    now, in each freshly started worker before it accepts a connection, instead of on some
    citizen's first request (jobcenter.config.warmup); then keep all that out of the garbage
    collector's rounds (jobcenter.core.heap)."""
    # Imported here: gunicorn reads this file before the application's import path is set up.
    from jobcenter.config.warmup import warm_up
    from jobcenter.core.heap import freeze_loaded_objects

    warm_up()
    freeze_loaded_objects()
