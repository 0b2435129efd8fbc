"""Keep secrets of links out of the logs (ASVS 7.1.1, 8.3.5).

Several links carry a secret in their path: the e-mail verification and e-mail change links, the
password reset link, the "weitermachen" link of a draft and the receipt link
(``…/eingang/<id>/<token>/``). Whoever reads a log line with such a path could open the account
change, the draft or the receipt. ``MaskTokensFilter`` sits on the log handlers (settings
``LOGGING``) and rewrites every log line before it is written:

- a path (alone or in a full URL) that resolves to a view with a ``token`` or ``uidb64``
  argument gets that segment replaced by ``[…]`` — this covers Django's "Not Found: …" and
  "Bad Request: …" lines and the development server's request lines, and every future URL with
  a ``token`` argument without a list to maintain;
- query parameters that carry secrets of the state-account login (``code``, ``state``,
  ``token``) are masked the same way.

Where: ``install()`` (called by the accounts app on start) wraps the log record factory, so
every record of every logger is masked when it is made — whichever handler writes it (Django's
own console and ``django.server`` handlers, the project's handler, gunicorn's loggers inside the
worker). ``MaskTokensFilter`` does the same as a ``logging.Filter`` for handlers configured
elsewhere.
"""

import logging
import re
import threading

from django.urls import Resolver404, resolve

MASK = "[…]"
SECRET_KWARGS = ("token", "uidb64")
_URL = re.compile(r"(?:https?://[^/\s\"'<>]+)?(/[^\s\"'<>?#]*)")
_QUERY = re.compile(r"([?&](?:code|state|token|session_state)=)[^&\s\"'<>#]+")


_busy = threading.local()


def _mask_path(path: str) -> str:
    try:
        match = resolve(path)
    except Resolver404:
        return path
    except Exception:  # URL configuration not loadable (yet): leave the line as it is
        return path
    secrets = {str(match.kwargs[name]) for name in SECRET_KWARGS if match.kwargs.get(name)}
    if not secrets:
        return path
    return "/".join(MASK if segment in secrets else segment for segment in path.split("/"))


def mask_tokens(text: str) -> str:
    """``text`` with the secret parts of every link in it replaced by ``[…]``."""
    if "/" not in text and "=" not in text:
        return text
    text = _URL.sub(lambda m: m.group(0)[: m.start(1) - m.start(0)] + _mask_path(m.group(1)), text)
    return _QUERY.sub(lambda m: m.group(1) + MASK, text)


def mask_record(record: logging.LogRecord) -> None:
    if getattr(_busy, "active", False):  # a log line written while masking one
        return
    _busy.active = True
    try:
        message = record.getMessage()
        masked = mask_tokens(message)
        if masked != message:
            record.msg, record.args = masked, ()
    except Exception:  # noqa: S110  # nosec B110  # a broken log call must not break the request
        pass
    finally:
        _busy.active = False


class MaskTokensFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        mask_record(record)
        return True


def install() -> None:
    """Mask every log record when it is made (idempotent)."""
    previous = logging.getLogRecordFactory()
    if getattr(previous, "masks_tokens", False):
        return

    def factory(*args, **kwargs):
        record = previous(*args, **kwargs)
        mask_record(record)
        return record

    factory.masks_tokens = True
    logging.setLogRecordFactory(factory)
