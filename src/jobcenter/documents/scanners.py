"""Virus scanners behind one small interface, chosen by ``DOCUMENTS_SCANNER``.

- ``clamd``: ClamAV's daemon over its INSTREAM protocol (Unix socket ``CLAMD_SOCKET`` or TCP
  ``CLAMD_HOST``:``CLAMD_PORT``). The file is streamed in chunks, never read whole.
- ``none``: the embedded default for development. It scans nothing and says so: files are marked
  "nicht geprüft", and the admin shows that no scanner is configured.

``scan(stream)`` returns a ``Verdict``; a scanner that cannot answer (down, timeout, protocol
error) raises ``ScannerUnavailable`` — the caller then keeps the file in quarantine and retries
later (fail-closed).
"""

from __future__ import annotations

import socket
import struct
from dataclasses import dataclass
from typing import BinaryIO

from django.conf import settings
from django.utils.translation import gettext_lazy as _

CHUNK = 64 * 1024


class ScannerUnavailable(Exception):
    pass


@dataclass(frozen=True)
class Verdict:
    clean: bool
    signature: str = ""
    scanned: bool = True  # False: nothing was checked ("none")


class NoScanner:
    name = "none"
    label = _("keiner – Dateien werden NICHT auf Schadsoftware geprüft")

    def scan(self, stream: BinaryIO) -> Verdict:
        return Verdict(clean=True, scanned=False)


class ClamdScanner:
    name = "clamd"
    label = _("ClamAV (clamd)")

    def __init__(
        self,
        *,
        socket_path: str = "",
        host: str = "127.0.0.1",
        port: int = 3310,
        timeout: float = 30,
    ):
        self.socket_path, self.host, self.port, self.timeout = socket_path, host, port, timeout

    def _connect(self) -> socket.socket:
        if self.socket_path:
            sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            address = self.socket_path
        else:
            sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            address = (self.host, self.port)
        sock.settimeout(self.timeout)
        try:
            sock.connect(address)
        except OSError:
            sock.close()
            raise
        return sock

    def scan(self, stream: BinaryIO) -> Verdict:
        try:
            with self._connect() as sock:
                sock.sendall(b"zINSTREAM\0")
                while chunk := stream.read(CHUNK):
                    sock.sendall(struct.pack("!L", len(chunk)) + chunk)
                sock.sendall(struct.pack("!L", 0))
                reply = b""
                while not reply.endswith(b"\0") and (part := sock.recv(4096)):
                    reply += part
        except OSError as exc:
            raise ScannerUnavailable(f"clamd: {type(exc).__name__}: {exc}") from exc
        answer = reply.rstrip(b"\0").decode("utf-8", "replace").strip()
        # "stream: OK" | "stream: <signature> FOUND" | "<message> ERROR"
        if answer.endswith(" FOUND"):
            return Verdict(
                clean=False, signature=answer.removeprefix("stream:").strip().removesuffix(" FOUND")
            )
        if answer == "stream: OK":
            return Verdict(clean=True)
        raise ScannerUnavailable(f"clamd answered {answer[:200]!r}")

    def ping(self) -> bool:
        try:
            with self._connect() as sock:
                sock.sendall(b"zPING\0")
                return sock.recv(16).startswith(b"PONG")
        except OSError:
            return False


def _clamd() -> ClamdScanner:
    return ClamdScanner(
        socket_path=settings.CLAMD_SOCKET,
        host=settings.CLAMD_HOST,
        port=settings.CLAMD_PORT,
        timeout=settings.CLAMD_TIMEOUT,
    )


REGISTRY = {"none": NoScanner, "clamd": _clamd}


def get_scanner():
    return REGISTRY[settings.DOCUMENTS_SCANNER]()
