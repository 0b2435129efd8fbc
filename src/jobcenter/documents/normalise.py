"""Normalisation: every accepted upload becomes one clean PDF.

Photos get their EXIF orientation applied, lose every metadata block (GPS position, camera,
time) by being re-encoded, and are scaled down to a legible A4 resolution (longer side at most
``DOCUMENTS_PAGE_MAX_PX``, 300 dpi). JPEGs are decoded at a reduced scale right away
(``Image.draft``), so a 20-megapixel photo never needs its full-size bitmap. All pages of one
upload — photos and PDF pages, in the order they were chosen — are merged into one A4 PDF
(img2pdf for the photos, pikepdf for the merge); the PDF's document information and XMP metadata
are dropped as well.

PDF pages are rebuilt without active content (``pdfclean``): annotations and form fields are
flattened into the page, a page keeps only what draws it, and every action, script, form and
embedded file still reachable is removed; the result is checked once more before it is stored.
"""

from __future__ import annotations

import io
import tempfile
from collections.abc import Iterable

import img2pdf
import pikepdf
from django.conf import settings
from PIL import Image, ImageFile, ImageOps, ImageSequence

from jobcenter.documents import checks, pdfclean

A4 = (img2pdf.mm_to_pt(210), img2pdf.mm_to_pt(297))
_layout = img2pdf.get_layout_fun(A4, fit=img2pdf.FitMode.into, auto_orient=True)


class NormaliseError(Exception):
    pass


def _frames(image: Image.Image) -> Iterable[Image.Image]:
    if getattr(image, "n_frames", 1) > 1:
        yield from ImageSequence.Iterator(image)
    else:
        yield image


def image_pages(stream) -> list[bytes]:
    """Re-encoded JPEG pages (no metadata) of one image file."""
    # WeasyPrint (receipt PDFs, same worker process) sets LOAD_TRUNCATED_IMAGES on import; a
    # cut-off photo must be refused here, not padded with grey.
    truncated, ImageFile.LOAD_TRUNCATED_IMAGES = ImageFile.LOAD_TRUNCATED_IMAGES, False
    try:
        return _image_pages(stream)
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = truncated


def _image_pages(stream) -> list[bytes]:
    limit = settings.DOCUMENTS_PAGE_MAX_PX
    pages = []
    with Image.open(stream) as image:
        if image.format == "JPEG":
            # Decode at 1/2, 1/4 or 1/8 of the size right away, as long as the longer side stays
            # at least half the page limit (150 dpi on A4): bounded memory for huge photos.
            image.draft("RGB", (limit // 2, limit // 2))
        for frame in _frames(image):
            page = ImageOps.exif_transpose(frame)
            if page.mode not in ("RGB", "L"):
                background = Image.new("RGB", page.size, "white")
                rgba = page.convert("RGBA")
                background.paste(rgba, mask=rgba.getchannel("A"))
                page = background
            page.thumbnail((limit, limit), Image.Resampling.LANCZOS)
            out = io.BytesIO()
            page.save(out, "JPEG", quality=85, optimize=True, dpi=(300, 300))
            pages.append(out.getvalue())
    return pages


def build_pdf(parts: Iterable[tuple[str, object]]):
    """(content type, readable stream) pairs → a temporary file holding one PDF, and its pages."""
    result = pikepdf.new()
    keep = []  # source PDFs must stay open until the result is saved
    try:
        for content_type, stream in parts:
            if content_type == checks.PDF:
                source = pikepdf.open(stream)
                keep.append(source)
                pdfclean.disarm_pages(source)
                result.pages.extend(source.pages)
            else:
                pages = image_pages(stream)
                source = pikepdf.open(io.BytesIO(img2pdf.convert(pages, layout_fun=_layout)))
                keep.append(source)
                result.pages.extend(source.pages)
        pdfclean.scrub(result)
        if found := pdfclean.inspect(result):  # never store what the check would refuse
            raise NormaliseError(f"active content left after disarming: {found}")
        count = len(result.pages)
        out = tempfile.TemporaryFile()  # noqa: SIM115 - returned to the caller, who closes it
        result.save(out, fix_metadata_version=False, deterministic_id=True)
        out.seek(0)
        return out, count
    except (OSError, ValueError, pikepdf.PdfError, img2pdf.ImageOpenError) as exc:
        raise NormaliseError(f"{type(exc).__name__}: {exc}") from exc
    finally:
        for source in keep:
            source.close()
        result.close()
