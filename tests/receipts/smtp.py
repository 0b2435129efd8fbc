"""A real SMTP server for tests: aiosmtpd in a background thread, messages kept in memory."""

from __future__ import annotations

import email
import email.policy
import socket

from aiosmtpd.controller import Controller


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class _Inbox:
    def __init__(self):
        self.messages: list[email.message.EmailMessage] = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(
            email.message_from_bytes(envelope.content, policy=email.policy.default)
        )
        return "250 Message accepted for delivery"


class SMTPServer:
    """``start()``/``stop()`` a server on ``port``; ``messages`` holds what arrived."""

    def __init__(self, port: int | None = None):
        self.port = port or free_port()
        self.inbox = _Inbox()
        self.controller: Controller | None = None

    @property
    def messages(self):
        return self.inbox.messages

    def start(self) -> SMTPServer:
        self.controller = Controller(self.inbox, hostname="127.0.0.1", port=self.port)
        self.controller.start()
        return self

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None


def use_smtp(settings, port: int) -> None:
    """Point Django's SMTP backend at 127.0.0.1:port (no TLS, short timeout)."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_TIMEOUT = 5
