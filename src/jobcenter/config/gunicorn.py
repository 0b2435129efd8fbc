"""gunicorn's configuration, the same for ``make run`` (Makefile) and production
(deploy/systemd/jobcenter-web.service):

    gunicorn -c src/jobcenter/config/gunicorn.py jobcenter.config.wsgi:application \\
        --pythonpath src --bind 127.0.0.1:8000 --workers 4 --threads 4

What differs between installations (address, workers, threads) stays on the command line,
which takes precedence over this file.
"""

# Threads: a request waiting for the database or a slow client does not hold a whole process.
worker_class = "gthread"
timeout = 60


def post_worker_init(worker):
    """Load the URL configuration with every view, the translations and the template engines
    now, in each freshly started worker before it accepts a connection, instead of on some
    citizen's first request (jobcenter.config.warmup)."""
    # Imported here: gunicorn reads this file before the application's import path is set up.
    from jobcenter.config.warmup import warm_up

    warm_up()
