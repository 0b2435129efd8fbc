"""The receipt PDF side by side: WeasyPrint as used today, WeasyPrint tuned, and Typst.

    uv run python bench/receipt_engines.py [--n 10] [--rounds 3]
    (Typst: uv pip install typst==0.15.0 — not a dependency of the project; skipped without it)

One real receipt (the answers of tests/forms/answers.WBA_JOB_AND_PERSON, the WBA form, German)
is rendered by each engine ``n`` times per round, the engines interleaved over ``rounds``;
the median process CPU time per receipt is reported with its spread (min–max of the rounds'
medians) and as receipts per CPU-second (what one worker process can reach on an idle core).

Every output is checked the way docs/DECISIONS.md asks before an engine may replace another:
PDF/A identification (XMP), tagged (StructTreeRoot, MarkInfo /Marked, /Lang), the structure
elements used (H1–H4, Table, TH, TD …), fonts embedded, the two JSON attachments, page count,
and the reading order of the text (``pdftotext``: the answer labels appear in the answer walk's
order).

Engines:
- ``weasyprint (as shipped)``: ``receipts.pdf.render_receipt_pdf`` unchanged (stylesheet and
  fonts cached per process, ``table-layout: fixed``).
- ``weasyprint, auto tables (before)``: the same with ``table-layout: auto``, as before
  2026-12 (every cell measured before the columns are laid out).
- ``weasyprint, no PDF/A`` (reference only, not a candidate): what PDF/A-3a and the attachments
  cost.
- ``weasyprint, minimal UA stylesheet`` (measured, not shipped): WeasyPrint's HTML5 user-agent
  stylesheet (≈ 250 lines, matched against every element in the cascade) replaced by the few
  rules the receipt's elements need, through the private ``HTML._ua_stylesheets``.
- ``typst``: bench/receipt_typst.typ fed with the same answer walk as JSON, PDF/A-3a, the same
  attachments, Fira Sans (converted from the shipped WOFF2 to TTF once, Typst reads no WOFF2),
  one ``typst.Compiler`` per process (fonts loaded once).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def check(pdf: bytes, labels: list[str], tmp: Path) -> dict:
    import pikepdf

    path = tmp / "check.pdf"
    path.write_bytes(pdf)
    doc = pikepdf.open(path)
    root = doc.Root
    kinds: dict[str, int] = {}

    def walk(node, depth=0):
        if depth > 200:
            return
        if isinstance(node, pikepdf.Dictionary) and "/S" in node:
            kinds[str(node.S)[1:]] = kinds.get(str(node.S)[1:], 0) + 1
        kids = node.get("/K") if isinstance(node, pikepdf.Dictionary) else None
        if isinstance(kids, pikepdf.Array):
            for kid in kids:
                walk(kid, depth + 1)
        elif isinstance(kids, pikepdf.Dictionary):
            walk(kids, depth + 1)

    tagged = "/StructTreeRoot" in root
    if tagged:
        walk(root.StructTreeRoot)
    fonts, embedded = 0, 0
    for page in doc.pages:
        for font in (page.Resources.get("/Font") or {}).values():
            fonts += 1
            descendants = font.get("/DescendantFonts")
            desc = (descendants[0] if descendants else font).get("/FontDescriptor")
            if desc is not None and any(
                k in desc for k in ("/FontFile", "/FontFile2", "/FontFile3")
            ):
                embedded += 1
    with doc.open_metadata() as meta:
        pdfa = (meta.get("pdfaid:part"), meta.get("pdfaid:conformance"))
    # Content-stream order (no -layout): the order a screen reader without tags would read.
    text = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    flat = " ".join(text.split())
    positions = [flat.find(" ".join(label.split()[:3])) for label in labels]
    in_order = all(p >= 0 for p in positions) and positions == sorted(positions)
    return {
        "pages": len(doc.pages),
        "bytes": len(pdf),
        "pdfa": f"{pdfa[0]}{(pdfa[1] or '').lower()}" if pdfa[0] else "–",
        "tagged": tagged and bool(root.get("/MarkInfo", {}).get("/Marked", False)),
        "lang": str(root.get("/Lang", "–")),
        "fonts embedded": f"{embedded}/{fonts}",
        "attachments": sorted(doc.attachments.keys()),
        "text order": "as walked" if in_order else f"OUT OF ORDER {positions}",
        "tags": ", ".join(
            f"{k} {v}"
            for k, v in sorted(kinds.items())
            if k in {"H1", "H2", "H3", "H4", "Table", "TH", "TD", "TR", "P", "L", "LI", "Document"}
        ),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="bench-receipt-"))
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "bench.settings",
            "VAR_DIR": str(tmp),
            "MEDIA_ROOT": str(tmp / "media"),
            "DATABASE_URL": f"sqlite:///{tmp}/db.sqlite3",
        }
    )
    sys.path[:0] = [str(ROOT / "src"), str(ROOT)]
    import django

    django.setup()
    from django.core.management import call_command
    from django.utils import timezone
    from tests.forms.answers import WBA_JOB_AND_PERSON
    from tests.intake.factories import make_submission
    from weasyprint import CSS, HTML

    from jobcenter.forms import selectors as forms
    from jobcenter.receipts import pdf as receipts
    from jobcenter.tenants.demo import seed_jobcenters

    call_command("migrate", verbosity=0)
    submission = make_submission(seed_jobcenters()[0], answers=WBA_JOB_AND_PERSON)
    definition = forms.get(submission.form_ident)
    sections = forms.render_answers(definition, submission.answers, mode=forms.Mode.PDF)
    labels = [
        row.label
        for s in sections
        for rows in ([s.rows] + [i.rows for i in s.items])
        for row in rows
    ][:12]

    # The receipt's elements (receipt.html, _receipt_body.html, the PDF answer walk) and what
    # WeasyPrint's user-agent stylesheet gives them; everything else comes from receipt.css.
    minimal_ua = CSS(
        string="html, body, header, main, section, div, p, h1, h2, h3, h4, table, ul, li "
        "{ display: block } head { display: none } li { display: list-item } "
        "ul { list-style-type: disc } table { display: table } tr { display: table-row } "
        "thead { display: table-header-group } tbody { display: table-row-group } "
        "th, td { display: table-cell } bdi { unicode-bidi: isolate } "
        "[dir=ltr] { direction: ltr } [dir=rtl] { direction: rtl } body { margin: 8px }"
    )

    class MinimalUAHTML(HTML):
        def _ua_stylesheets(self, forms=False):
            return [minimal_ua]

    def weasy(extra_css: str = "", variant: str | None = receipts.PDF_VARIANT, html=HTML):
        css, fonts = receipts._style("de")
        sheets = css + ([CSS(string=extra_css, font_config=fonts)] if extra_css else [])
        base = f"{receipts.FONTS_DIR.as_uri()}/"

        def render():
            from weasyprint import Attachment

            attachments = (
                [
                    Attachment(
                        string=data.decode(),
                        name=name,
                        base_url=None,
                        relationship="Data",
                        description=name,
                    )
                    for name, data in receipts.receipt_attachments(submission)
                ]
                if variant
                else []
            )
            return html(string=receipts.receipt_html(submission), base_url=base).write_pdf(
                stylesheets=sheets,
                font_config=fonts,
                pdf_variant=variant,
                attachments=attachments,
                pdf_identifier=submission.public_id.hex.encode(),
            )

        return render

    engines = {
        "weasyprint (as shipped)": lambda: receipts.render_receipt_pdf(submission),
        "weasyprint, auto tables (before)": weasy("table { table-layout: auto }"),
        "weasyprint, no PDF/A (reference only)": weasy(variant=None),
        "weasyprint, minimal UA stylesheet (not shipped)": weasy(html=MinimalUAHTML),
    }
    try:
        import typst
    except ImportError:
        typst = None
        print("typst is not installed (uv pip install typst==0.15.0): skipped", flush=True)
    if typst is not None:
        from fontTools.ttLib import TTFont

        font_dir = tmp / "fonts"
        font_dir.mkdir()
        for woff in receipts.FONTS_DIR.glob("*.woff2"):
            font = TTFont(woff)
            font.flavor = None
            font.save(font_dir / f"{woff.stem}.ttf")
        compiler = typst.Compiler(
            font_paths=[str(font_dir)], ignore_system_fonts=True, root=str(ROOT / "bench")
        )
        template = str(ROOT / "bench" / "receipt_typst.typ")

        def typst_render():
            received = timezone.localtime(submission.received_at)
            jc = submission.jobcenter
            documents = forms.documents_needed(definition, submission.answers)
            data = {
                "language": submission.language or "de",
                "reference": submission.reference,
                "title": f"Eingangsbestätigung {submission.reference}",
                "jobcenter": {"name": jc.name, "address": f"{jc.street} · {jc.postcode} {jc.city}"},
                "heading": "Eingangsbestätigung",
                "lead": f"Ihr Antrag „{definition.title}“ ist online bei uns eingegangen.",
                "facts": [
                    ["Eingangsnummer", submission.reference],
                    ["Eingegangen am", f"{received:%d.%m.%Y}, {received:%H:%M:%S} Uhr"],
                    ["Formular", f"{definition.title} ({submission.form_ident})"],
                    ["Eingangsweg", "online"],
                ],
                "hint": "Bitte geben Sie bei Rückfragen die Eingangsnummer an.",
                "answers_heading": "Ihre Angaben",
                "no_answers": "Keine Angaben",
                "sections": [
                    {
                        "title": f"{s.number}. {s.title}",
                        "rows": [r.__dict__ for r in s.rows],
                        "items": [
                            {"legend": i.legend, "rows": [r.__dict__ for r in i.rows]}
                            for i in s.items
                        ],
                    }
                    for s in forms.render_answers(
                        definition, submission.answers, mode=forms.Mode.PDF
                    )
                ],
                "documents_heading": "Nachweise",
                "documents_parts": [
                    {
                        "title": "Bereits erhalten",
                        "lines": ["Mit diesem Antrag wurden keine Nachweise hochgeladen."],
                    },
                    {
                        "title": "Noch einzureichen",
                        "lines": [str(need.title) for need in documents],
                    },
                ],
                "note": "Dieses Schreiben wurde maschinell erstellt und ist ohne Unterschrift "
                "gültig.",
                "page_word": "Seite",
                "of_word": "von",
            }
            attachments = dict(receipts.receipt_attachments(submission))
            return compiler.compile(
                input=template,
                pdf_standards=["a-3a"],
                timestamp=received.astimezone(dt.timezone(received.utcoffset())).replace(
                    microsecond=0
                ),
                sys_inputs={
                    "data": json.dumps(data, ensure_ascii=False, default=str),
                    "answers": attachments[receipts.ATTACHMENT_NAME].decode(),
                    "schema": attachments[receipts.SCHEMA_NAME].decode(),
                },
            )

        engines["typst 0.15 (prototype)"] = typst_render

    outputs = {name: render() for name, render in engines.items()}  # warm-up
    cpu: dict[str, list[float]] = {name: [] for name in engines}
    load = [Path("/proc/loadavg").read_text().split()[0]]
    for _ in range(args.rounds):
        for name, render in engines.items():
            runs = []
            for _ in range(args.n):
                t0 = time.process_time()
                render()
                runs.append(time.process_time() - t0)
            cpu[name].append(statistics.median(runs) * 1000)
    load.append(Path("/proc/loadavg").read_text().split()[0])

    today = statistics.median(cpu["weasyprint (as shipped)"])
    print(
        f"\nreceipt PDF, WBA with job and person, median process CPU per receipt, "
        f"{args.rounds} interleaved rounds × {args.n}; load average {' → '.join(load)}\n"
    )
    print("| engine | CPU ms / receipt | spread | receipts per CPU-second | × shipped |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for name, ms in cpu.items():
        med = statistics.median(ms)
        print(
            f"| {name} | {med:.0f} | {min(ms):.0f}–{max(ms):.0f} | {1000 / med:.1f} | "
            f"{today / med:.2f}× |"
        )
    print(
        "\n| engine | pages | size | PDF/A | tagged | /Lang | fonts embedded | attachments | "
        "text order | structure elements |"
    )
    print("| --- | ---: | ---: | --- | --- | --- | --- | --- | --- | --- |")
    for name, pdf in outputs.items():
        c = check(pdf, labels, tmp)
        print(
            f"| {name} | {c['pages']} | {c['bytes'] // 1024} kB | {c['pdfa']} | "
            f"{'yes' if c['tagged'] else 'no'} | {c['lang']} | {c['fonts embedded']} | "
            f"{', '.join(c['attachments']) or '–'} | {c['text order']} | {c['tags']} |"
        )
        (tmp / re.sub(r"\W+", "_", name)).with_suffix(".pdf").write_bytes(pdf)
    print(f"\nPDFs: {tmp}")


if __name__ == "__main__":
    main()
