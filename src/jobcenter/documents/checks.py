"""Checks on one uploaded file, before anything is stored; each refusal has its own message.

The type is taken from the content (libmagic), never from the name or the browser's claim. Only
PDF, JPEG, PNG, TIFF and HEIC/HEIF pass. Images are opened header-only to refuse decompression
bombs before any pixel is decoded; PDFs are opened with pikepdf to refuse encrypted, broken and
active documents (``pdfclean.inspect``: any script, dangerous action or embedded file anywhere in
the object graph). A file that carries a ZIP archive
behind its real content (a polyglot) is refused too.

Every check streams from the uploaded file (a temporary file above 1 MB), so a 20 MB photo is
never held in memory.
"""

from __future__ import annotations

import contextlib
import logging
from dataclasses import dataclass

import magic
import pikepdf
from django.conf import settings
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

from jobcenter.documents import pdfclean

try:  # HEIC/HEIF photos (iPhones) through libheif
    import pillow_heif

    pillow_heif.register_heif_opener()
    HEIF = True
except ImportError:  # pragma: no cover - a production install without the wheel
    HEIF = False

PDF = "application/pdf"
IMAGE_TYPES = {"image/jpeg", "image/png", "image/tiff"} | (
    {"image/heic", "image/heif", "image/heic-sequence", "image/heif-sequence"} if HEIF else set()
)
ALLOWED = {PDF} | IMAGE_TYPES
EXECUTABLES = {
    "application/x-dosexec",
    "application/x-executable",
    "application/x-sharedlib",
    "application/x-mach-binary",
    "application/x-msdownload",
    "application/vnd.microsoft.portable-executable",
    "application/x-pie-executable",
    "text/x-shellscript",
    "application/x-elf",
}
ARCHIVES = {
    "application/zip",
    "application/x-rar",
    "application/vnd.rar",
    "application/x-7z-compressed",
    "application/gzip",
    "application/x-tar",
    "application/x-bzip2",
    "application/x-xz",
    "application/java-archive",
}
SCRIPT_IMAGES = {"image/svg+xml"}
HTML = {"text/html", "application/xhtml+xml", "text/xml", "application/xml"}
_sniffer = magic.Magic(mime=True)
logger = logging.getLogger(__name__)


class Rejected(Exception):
    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code, self.message = code, message


@dataclass(frozen=True)
class Checked:
    content_type: str
    pages: int = 1


def display_name(uploaded) -> str:
    return (uploaded.name or _("Die Datei"))[:120]


def _head(uploaded, size: int = 16384) -> bytes:
    uploaded.seek(0)
    head = uploaded.read(size)
    uploaded.seek(0)
    return head


def _tail(uploaded, size: int = 65536 + 22) -> bytes:
    total = uploaded.size
    uploaded.seek(max(total - size, 0))
    tail = uploaded.read(size)
    uploaded.seek(0)
    return tail


def sniff(uploaded) -> str:
    return _sniffer.from_buffer(_head(uploaded))


def check_file(uploaded) -> Checked:
    """Raise ``Rejected`` with a message for the citizen, or return what the file is."""
    name = display_name(uploaded)
    if not uploaded.size:
        raise Rejected(
            "empty",
            _(
                "„%(name)s“ ist leer (0 Byte). Bitte wählen Sie die Datei noch einmal aus oder "
                "machen Sie ein neues Foto."
            )
            % {"name": name},
        )
    limit = settings.DOCUMENTS_MAX_FILE_MB
    if uploaded.size > limit * 1024 * 1024:
        raise oversize(name)
    kind = sniff(uploaded)
    if kind not in ALLOWED:
        raise _wrong_type(name, kind)
    # A ZIP's end-of-central-directory record near the end: an archive hides behind the content.
    if b"PK\x05\x06" in _tail(uploaded):
        raise Rejected(
            "polyglot",
            _(
                "„%(name)s“ enthält außer dem Dokument noch versteckte weitere Daten (ein Archiv). "
                "Bitte speichern Sie das Dokument neu oder machen Sie ein neues Foto."
            )
            % {"name": name},
        )
    if kind == PDF:
        return Checked(PDF, _check_pdf(uploaded, name))
    _check_image(uploaded, name)
    return Checked(kind)


def oversize(name: str) -> Rejected:
    return Rejected(
        "oversize",
        _(
            "„%(name)s“ ist größer als %(limit)d MB. Bitte verkleinern Sie die Datei, zum Beispiel "
            "mit einem Foto in geringerer Auflösung, oder teilen Sie die PDF-Datei auf."
        )
        % {"name": name, "limit": settings.DOCUMENTS_MAX_FILE_MB},
    )


def too_many() -> Rejected:
    return Rejected(
        "too_many",
        _(
            "Bitte laden Sie höchstens %(n)d Dateien auf einmal hoch. Es wurde noch keine Datei "
            "gespeichert."
        )
        % {"n": settings.DOCUMENTS_MAX_FILES},
    )


def infected(name: str) -> Rejected:
    return Rejected(
        "virus",
        _(
            "In „%(name)s“ wurde Schadsoftware gefunden. Die Datei wurde nicht angenommen und "
            "gelöscht. Bitte prüfen Sie Ihr Gerät mit einem Virenschutzprogramm."
        )
        % {"name": name},
    )


def _wrong_type(name: str, kind: str) -> Rejected:
    if kind in EXECUTABLES or kind.startswith("application/x-executable"):
        return Rejected(
            "executable",
            _(
                "„%(name)s“ ist ein Programm, kein Dokument – auch wenn der Name anders endet. "
                "Bitte laden Sie ein Foto oder eine PDF-Datei des Dokuments hoch."
            )
            % {"name": name},
        )
    if kind in ARCHIVES:
        return Rejected(
            "archive",
            _(
                "„%(name)s“ ist ein gepacktes Archiv (zum Beispiel ZIP). Bitte laden Sie die "
                "Dokumente einzeln hoch, als Foto oder PDF-Datei."
            )
            % {"name": name},
        )
    if kind in SCRIPT_IMAGES:
        return Rejected(
            "svg",
            _(
                "„%(name)s“ ist eine SVG-Grafik. Diese Art von Datei können wir nicht annehmen. "
                "Bitte laden Sie ein Foto (JPEG, PNG, HEIC) oder eine PDF-Datei hoch."
            )
            % {"name": name},
        )
    if kind in HTML:
        return Rejected(
            "html",
            _(
                "„%(name)s“ ist eine Webseite, kein Dokument. Bitte speichern Sie die Seite als "
                "PDF-Datei oder machen Sie ein Foto davon."
            )
            % {"name": name},
        )
    return Rejected(
        "type",
        _(
            "„%(name)s“ hat ein Format, das wir nicht annehmen. Erlaubt sind PDF-Dateien und Fotos "
            "(JPEG, PNG, TIFF, HEIC)."
        )
        % {"name": name},
    )


def _check_image(uploaded, name: str) -> None:
    uploaded.seek(0)
    try:
        with Image.open(uploaded) as image:
            width, height = image.size
            frames = getattr(image, "n_frames", 1)
    except Image.DecompressionBombError as exc:
        raise _bomb(name) from exc
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError) as exc:
        raise Rejected(
            "broken_image",
            _(
                "„%(name)s“ ist beschädigt oder unvollständig und lässt sich nicht öffnen. Bitte "
                "machen Sie ein neues Foto."
            )
            % {"name": name},
        ) from exc
    finally:
        uploaded.seek(0)
    side = settings.DOCUMENTS_MAX_IMAGE_SIDE
    if (
        width * height * max(frames, 1) > settings.DOCUMENTS_MAX_MEGAPIXELS * 1_000_000
        or max(width, height) > side
    ):
        raise _bomb(name)


def _bomb(name: str) -> Rejected:
    return Rejected(
        "image_too_large",
        _(
            "„%(name)s“ hat zu viele Bildpunkte (höchstens %(mp)d Megapixel). Bitte verkleinern "
            "Sie das Bild oder machen Sie ein Foto in geringerer Auflösung."
        )
        % {"name": name, "mp": settings.DOCUMENTS_MAX_MEGAPIXELS},
    )


def _open_pdf(uploaded):
    path = getattr(uploaded, "temporary_file_path", None)
    uploaded.seek(0)
    return pikepdf.open(path() if path else uploaded)


def _check_pdf(uploaded, name: str) -> int:
    try:
        pdf = _open_pdf(uploaded)
    except pikepdf.PasswordError as exc:
        raise Rejected(
            "pdf_encrypted",
            _(
                "„%(name)s“ ist mit einem Passwort geschützt. Bitte laden Sie die Datei ohne "
                "Passwortschutz hoch (zum Beispiel „Drucken als PDF“)."
            )
            % {"name": name},
        ) from exc
    except (pikepdf.PdfError, ValueError, OSError, RuntimeError) as exc:
        raise _broken_pdf(name) from exc
    try:
        with pdf:
            found = pdfclean.inspect(pdf)
            if not found.embedded and pdf.attachments:
                found = pdfclean.Findings(active=found.active, embedded="attachments")
            pages = len(pdf.pages)
    except (pikepdf.PdfError, ValueError, RuntimeError, RecursionError) as exc:
        raise _broken_pdf(name) from exc
    finally:
        with contextlib.suppress(Exception):
            uploaded.seek(0)
    if found.active:
        logger.info("PDF refused, active content: %s", found.active)
        raise Rejected(
            "pdf_javascript",
            _(
                "„%(name)s“ enthält Programmcode (JavaScript oder Aktionen). Solche PDF-Dateien "
                "nehmen wir zu Ihrer Sicherheit nicht an. Bitte drucken Sie das Dokument als neue "
                "PDF-Datei oder fotografieren Sie es."
            )
            % {"name": name},
        )
    if found.embedded:
        logger.info("PDF refused, embedded content: %s", found.embedded)
        raise Rejected(
            "pdf_embedded",
            _(
                "„%(name)s“ enthält eingebettete Dateien. Bitte laden Sie jedes Dokument als "
                "eigene Datei hoch, ohne Anhänge."
            )
            % {"name": name},
        )
    if pages == 0:
        raise _broken_pdf(name)
    return pages


def _broken_pdf(name: str) -> Rejected:
    return Rejected(
        "pdf_broken",
        _(
            "„%(name)s“ ist eine beschädigte PDF-Datei und lässt sich nicht öffnen. Bitte "
            "speichern Sie sie neu oder fotografieren Sie das Dokument."
        )
        % {"name": name},
    )
