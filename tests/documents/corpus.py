"""Test files, built on the fly: harmless photos and PDFs, and the malicious-file corpus.

Nothing here is real malware: the "virus" is the EICAR test string, which every scanner detects
by agreement (assembled from parts, so this source file itself is not flagged).
"""

from __future__ import annotations

import hashlib
import io
import struct
import zipfile
import zlib

import pikepdf
from PIL import Image, ImageDraw

EICAR_MARK = b"EICAR-STANDARD-ANTIVIRUS-TEST-FILE"


def eicar() -> bytes:
    return (b"X5O!P%@AP[4\\PZX54(P^)7CC)7}$" + EICAR_MARK + b"!$H+H*")


def eicar_md5() -> str:
    return hashlib.md5(eicar()).hexdigest()  # noqa: S324 - the signature format wants MD5


def eicar_zip() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("rechnung.pdf", eicar())
    return out.getvalue()


def photo(width=1200, height=1600, *, text="Seite 1", orientation=None, gps=True,
          fmt="JPEG", quality=80) -> bytes:
    """A "photograph" of a document page: some text and noise, optionally rotated via EXIF and
    with a GPS position in its metadata."""
    image = Image.new("RGB", (width, height), (235, 232, 225))
    draw = ImageDraw.Draw(image)
    for y in range(40, height - 40, 48):
        draw.line([(60, y), (width - 60, y)], fill=(90, 90, 90), width=3)
    draw.text((80, 80), text, fill=(0, 0, 0))
    exif = Image.Exif()
    if orientation:
        exif[0x0112] = orientation
    if gps:
        exif[0x8825] = {1: "N", 2: (52.0, 31.0, 12.0), 3: "E", 4: (13.0, 24.0, 36.0)}
    exif[0x010F] = "TestCam"
    out = io.BytesIO()
    if fmt == "JPEG":
        image.save(out, "JPEG", quality=quality, exif=exif)
    else:
        image.save(out, fmt, exif=exif)
    return out.getvalue()


def big_photo(megabytes: int = 20) -> bytes:
    """A JPEG of just under ``megabytes`` MB (noise does not compress)."""
    import math
    import os

    def encode(side: int) -> bytes:
        image = Image.frombytes("RGB", (side, side), os.urandom(side * side * 3))
        out = io.BytesIO()
        image.save(out, "JPEG", quality=95)
        return out.getvalue()

    probe = 1000
    per_pixel = len(encode(probe)) / probe**2
    side = int(math.sqrt(megabytes * 1024 * 1024 * 0.97 / per_pixel))
    return encode(side)


def simple_pdf(pages: int = 1) -> bytes:
    pdf = pikepdf.new()
    for _ in range(pages):
        pdf.add_blank_page(page_size=(595, 842))
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def pdf_with_javascript() -> bytes:
    pdf = pikepdf.new()
    pdf.add_blank_page()
    pdf.Root.OpenAction = pdf.make_indirect(pikepdf.Dictionary(
        Type=pikepdf.Name.Action, S=pikepdf.Name.JavaScript, JS=pikepdf.String("app.alert(1)")))
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def pdf_with_attachment() -> bytes:
    pdf = pikepdf.new()
    pdf.add_blank_page()
    pdf.attachments["anhang.txt"] = pikepdf.AttachedFileSpec(pdf, b"hallo")
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def encrypted_pdf() -> bytes:
    pdf = pikepdf.new()
    pdf.add_blank_page()
    out = io.BytesIO()
    pdf.save(out, encryption=pikepdf.Encryption(user="geheim", owner="geheim"))
    return out.getvalue()


def broken_pdf() -> bytes:
    return b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\n" + b"\x00garbage" * 50


def bomb_png(width=20000, height=20000) -> bytes:
    """A PNG of a few kB that would decode to 400 megapixels (a decompression bomb)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack("!I", len(data)) + kind + data
                + struct.pack("!I", zlib.crc32(kind + data) & 0xFFFFFFFF))

    ihdr = struct.pack("!IIBBBBB", width, height, 1, 0, 0, 0, 0)  # 1-bit greyscale
    row = b"\x00" + b"\x00" * ((width + 7) // 8)
    compressor = zlib.compressobj(9)
    data = b"".join(compressor.compress(row) for _ in range(height)) + compressor.flush()
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", data) + chunk(
        b"IEND", b"")


def polyglot_jpeg_zip() -> bytes:
    """A valid JPEG with a ZIP archive appended: opens as a photo and as an archive."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("versteckt.html", "<script>alert(1)</script>")
    return photo(400, 300, gps=False) + out.getvalue()


def svg_with_script() -> bytes:
    return (b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="10" '
            b'height="10"><script>alert(document.cookie)</script><rect width="10" '
            b'height="10"/></svg>\n')


def exe_renamed() -> bytes:
    """A minimal Windows PE header (never runnable) — sent as "bescheid.pdf"."""
    dos = bytearray(b"MZ" + b"\x90\x00" * 29)
    dos += b"\x00" * (0x3C - len(dos)) + struct.pack("<I", 0x80)
    dos += b"\x00" * (0x80 - len(dos))
    pe = b"PE\x00\x00" + struct.pack("<HHIIIHH", 0x14C, 1, 0, 0, 0, 0xE0, 0x0102)
    return bytes(dos) + pe + b"\x00" * 512


def oversize(limit_mb: int) -> bytes:
    return b"\xff\xd8\xff\xe0" + b"\x00" * (limit_mb * 1024 * 1024 + 10)


MALICIOUS = {
    # name → (file name as sent, builder, expected rejection code)
    "eicar": ("rechnung.pdf", eicar, "virus"),
    "eicar_zip": ("unterlagen.zip", eicar_zip, "virus"),
    "bomb_png": ("scan.png", bomb_png, "image_too_large"),
    "polyglot": ("foto.jpg", polyglot_jpeg_zip, "polyglot"),
    "pdf_javascript": ("bescheid.pdf", pdf_with_javascript, "pdf_javascript"),
    "svg_script": ("bild.svg", svg_with_script, "svg"),
    "exe_as_pdf": ("bescheid.pdf", exe_renamed, "executable"),
    "empty": ("leer.pdf", lambda: b"", "empty"),
    "pdf_attachment": ("kontoauszug.pdf", pdf_with_attachment, "pdf_embedded"),
    "pdf_encrypted": ("lohn.pdf", encrypted_pdf, "pdf_encrypted"),
    "pdf_broken": ("mietvertrag.pdf", broken_pdf, "pdf_broken"),
}
