"""Active content in PDFs: find it anywhere in the object graph, and take it out of a copy.

Two layers, both with pikepdf (qpdf):

- ``inspect(pdf)`` walks *every* object of the file — the trailer, every indirect object
  (also those in object streams and those nothing refers to) and every dictionary and array
  written inline inside them — and reports what a PDF reader could run or unpack: action
  dictionaries of a dangerous kind (JavaScript, Launch, SubmitForm, ImportData, GoToE/GoToR,
  media and 3D actions, URIs other than http/https/mailto), JavaScript code (``/JS``), the
  document's JavaScript names tree, XFA forms, embedded files and file attachments, RichMedia,
  3D, movie and sound content. Where an action sits does not matter: open action, document,
  page, field or annotation additional actions, link annotations, bookmarks, ``/Next`` chains.
  The upload check refuses such files with a message the citizen can act on.
- ``disarm_pages(pdf)`` prepares the pages of an accepted PDF for copying into the normalised
  document (content disarm and reconstruction): annotations are flattened into the page content
  (a filled-in form keeps its visible values) and dropped, and a page keeps only what is needed
  to draw it (boxes, rotation, resources, content). ``scrub(pdf)`` then removes any action,
  script or embedded file still reachable in the new document, and the caller verifies the
  result with ``inspect`` — what staff open is clean even if the check missed something, and
  even for documents stored before the check knew about it (the handover bundle disarms them
  again).
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass

import pikepdf

# Action types that run code, leave the document or play media; refused on upload.
REFUSED_ACTIONS = frozenset(
    {
        "/JavaScript",
        "/Launch",
        "/SubmitForm",
        "/ImportData",
        "/GoToE",
        "/GoToR",
        "/Rendition",
        "/Sound",
        "/Movie",
        "/RichMediaExecute",
        "/GoTo3DView",
    }
)
# Every action type; ``scrub`` removes all of them from the normalised copy.
ALL_ACTIONS = REFUSED_ACTIONS | frozenset(
    {
        "/GoTo",
        "/GoToDp",
        "/Thread",
        "/URI",
        "/Named",
        "/ResetForm",
        "/Hide",
        "/SetOCGState",
        "/Trans",
    }
)
SAFE_URI_SCHEMES = ("http://", "https://", "mailto:")
SCRIPT_KEYS = frozenset({"/JS", "/JavaScript", "/XFA"})
EMBEDDED_KEYS = frozenset(
    {"/EmbeddedFiles", "/EF", "/RichMediaContent", "/RichMediaSettings", "/3DD"}
)
EMBEDDED_TYPES = frozenset({"/EmbeddedFile", "/3D", "/RichMediaContent", "/Sound"})
EMBEDDED_SUBTYPES = frozenset({"/FileAttachment", "/RichMedia", "/3D", "/Movie", "/Sound"})
# What a page of the normalised PDF keeps: enough to draw it, nothing that acts.
PAGE_KEYS = frozenset(
    {
        "/Type",
        "/Parent",
        "/MediaBox",
        "/CropBox",
        "/BleedBox",
        "/TrimBox",
        "/ArtBox",
        "/Rotate",
        "/Resources",
        "/Contents",
        "/UserUnit",
        "/Group",
    }
)
# Keys ``scrub`` deletes wherever they occur in the normalised copy (actions, scripts, forms,
# annotations, attachments, application data and XMP metadata).
SCRUB_KEYS = frozenset(
    {
        "/AA",
        "/OpenAction",
        "/JS",
        "/JavaScript",
        "/XFA",
        "/AcroForm",
        "/Annots",
        "/AF",
        "/EF",
        "/EmbeddedFiles",
        "/RichMediaContent",
        "/Names",
        "/PieceInfo",
        "/Metadata",
    }
)


@dataclass(frozen=True)
class Findings:
    active: str = ""  # what was found first, e.g. "/S /JavaScript" (for the log)
    embedded: str = ""

    def __bool__(self) -> bool:
        return bool(self.active or self.embedded)


def _name(value) -> str:
    return str(value) if isinstance(value, pikepdf.Name) else ""


def _is_action(obj) -> bool:
    kind = _name(obj.get("/S"))
    return kind in ALL_ACTIONS and _name(obj.get("/Type")) in ("", "/Action")


def _judge(obj, active: str, embedded: str) -> tuple[str, str]:
    """Look at one dictionary (or stream dictionary) on its own."""
    keys = set(obj.keys())
    if not active:
        kind = _name(obj.get("/S"))
        if kind in REFUSED_ACTIONS:
            active = f"/S {kind}"
        elif kind == "/URI":
            uri = obj.get("/URI")
            text = (
                bytes(uri).decode("latin-1").strip().lower()
                if isinstance(uri, pikepdf.String)
                else ""
            )
            if text and not text.startswith(SAFE_URI_SCHEMES):
                active = f"/URI {text[:40]}"
        elif found := keys & SCRIPT_KEYS:
            active = min(found)
    if not embedded:
        if found := keys & EMBEDDED_KEYS:
            embedded = min(found)
        elif _name(obj.get("/Type")) in EMBEDDED_TYPES:
            embedded = f"/Type {obj.get('/Type')}"
        elif _name(obj.get("/Subtype")) in EMBEDDED_SUBTYPES and _name(obj.get("/Type")) in (
            "",
            "/Annot",
        ):
            embedded = f"/Subtype {obj.get('/Subtype')}"
    return active, embedded


def _children(obj):
    if isinstance(obj, pikepdf.Stream):
        obj = obj.stream_dict
    if isinstance(obj, pikepdf.Dictionary):
        return [value for _key, value in obj.items()]
    if isinstance(obj, pikepdf.Array):
        return list(obj)
    return []


def inspect(pdf: pikepdf.Pdf) -> Findings:
    """Everything active or embedded anywhere in ``pdf`` (see the module docstring)."""
    active = embedded = ""
    seen: set[tuple[int, int]] = set()
    stack = [pdf.trailer, *pdf.objects]
    while stack and not (active and embedded):
        obj = stack.pop()
        if not isinstance(obj, pikepdf.Dictionary | pikepdf.Stream | pikepdf.Array):
            continue
        if obj.is_indirect:
            if obj.objgen in seen:
                continue
            seen.add(obj.objgen)
        if isinstance(obj, pikepdf.Dictionary | pikepdf.Stream):
            active, embedded = _judge(
                obj.stream_dict if isinstance(obj, pikepdf.Stream) else obj, active, embedded
            )
        stack.extend(_children(obj))
    return Findings(active=active, embedded=embedded)


def _inheritable(page: pikepdf.Dictionary) -> None:
    """Copy inherited boxes, rotation and resources onto the page before its parents go."""
    for key in ("/Resources", "/MediaBox", "/CropBox", "/Rotate"):
        node, depth = page, 0
        while key not in node and "/Parent" in node and depth < 64:
            node, depth = node.Parent, depth + 1
        if key in node and key not in page:
            page[key] = node[key]


def disarm_pages(pdf: pikepdf.Pdf) -> None:
    """Flatten the annotations into the content and strip every page to what draws it."""
    with contextlib.suppress(pikepdf.PdfError, ValueError, RuntimeError):
        # Visible annotations and filled-in form fields become part of the page content (their
        # appearance streams are plain drawings); links, scripts and attachments are dropped.
        pdf.flatten_annotations("all")
    for page in pdf.pages:
        obj = page.obj
        _inheritable(obj)
        for key in list(obj.keys()):
            if key not in PAGE_KEYS:
                del obj[key]


def scrub(pdf: pikepdf.Pdf) -> int:
    """Remove every action, script, form, annotation and embedded file reachable in ``pdf``
    (a document being normalised: only its pages are used); how many entries went."""
    removed = 0
    seen: set[tuple[int, int]] = set()
    stack = [pdf.trailer, *pdf.objects]
    while stack:
        obj = stack.pop()
        if not isinstance(obj, pikepdf.Dictionary | pikepdf.Stream | pikepdf.Array):
            continue
        if obj.is_indirect:
            if obj.objgen in seen:
                continue
            seen.add(obj.objgen)
        container = obj.stream_dict if isinstance(obj, pikepdf.Stream) else obj
        if isinstance(container, pikepdf.Dictionary):
            for key in list(container.keys()):
                value = container.get(key)
                if key in SCRUB_KEYS or (
                    isinstance(value, pikepdf.Dictionary) and _is_action(value)
                ):
                    del container[key]
                    removed += 1
        stack.extend(_children(container))
    return removed
