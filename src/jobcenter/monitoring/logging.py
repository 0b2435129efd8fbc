"""Log lines with the request id, as plain text or as JSON (``LOG_FORMAT``).

The id comes from the request (monitoring/middleware.py) through a context variable, so lines
written deep in a service carry it without passing it around; outside a request it is "-".
"""

from __future__ import annotations

import contextvars
import logging

from pythonjsonlogger.json import JsonFormatter as _JsonFormatter

request_id: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")


class RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id.get()
        return True


class JsonFormatter(_JsonFormatter):
    """One JSON object per line: time (ISO 8601, UTC), level, logger, request_id, message."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "rename_fields", {"asctime": "time", "levelname": "level", "name": "logger"}
        )
        kwargs.setdefault("timestamp", False)
        super().__init__(*args, **kwargs)

    def formatTime(self, record, datefmt=None):
        import datetime as dt

        return dt.datetime.fromtimestamp(record.created, dt.UTC).isoformat(timespec="milliseconds")

    def add_fields(self, log_record, record, message_dict):
        super().add_fields(log_record, record, message_dict)
        # The request object Django attaches to its own lines is not JSON; its id is enough.
        log_record.pop("request", None)
