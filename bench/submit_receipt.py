"""Benchmark P4 (QUALITY.md §0): the receipt PDF against a plain document of the same length.

    uv run python bench/submit_receipt.py [--pdfs 15] [--rounds 3]

The real receipt of a submitted WBA with job and person (PDF/A-3a, tagged, Fira Sans
embedded, two JSON attachments; ``receipts.selectors.render_receipt_pdf``, what the worker's
receipt job renders) against two plain WeasyPrint documents with the same page count (no
PDF/A, no attachments, system fonts): an answer table like QUALITY.md §3.3's reference — the
reference P4 is judged against, because the receipt is an answer table — and running text
(the cheapest layout of that length). The three are rendered in ``--rounds`` interleaved rounds
of ``--pdfs`` each; reported: the median of the rounds' medians, with the spread.

Rendering is measured in-process on purpose: it is the worker's CPU per receipt, and nothing of
a server is in it. What users meet — the submit through the web server and the receipts through
the real ``db_worker`` — is measured by ``bench/server_submit.py`` (its drain rounds), which
replaced this script's former in-process submit and drain (issue 26).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def median_ms(render, n: int) -> float:
    runs = []
    for _ in range(n):
        t = time.process_time()
        render()
        runs.append(time.process_time() - t)
    return statistics.median(runs) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pdfs", type=int, default=15, help="renders per document and round")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    tmp = tempfile.mkdtemp(prefix="bench-receipt-")
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "bench.settings",
            "VAR_DIR": tmp,
            "MEDIA_ROOT": f"{tmp}/media",
            "DATABASE_URL": f"sqlite:///{tmp}/db.sqlite3",
        }
    )
    sys.path[:0] = [str(ROOT / "src"), str(ROOT)]
    import django

    django.setup()
    import pikepdf
    from django.core.management import call_command
    from tests.forms.answers import WBA_JOB_AND_PERSON
    from tests.intake.factories import make_submission
    from weasyprint import HTML

    from jobcenter.receipts.selectors import render_receipt_pdf
    from jobcenter.tenants.demo import seed_jobcenters

    call_command("migrate", verbosity=0)
    submission = make_submission(seed_jobcenters()[0], answers=WBA_JOB_AND_PERSON)
    pdf = render_receipt_pdf(submission)  # warm caches (fonts, templates), as a worker does
    path = Path(tmp) / "r.pdf"
    path.write_bytes(pdf)
    pages = len(pikepdf.open(path).pages)

    para = "<p>" + "Lorem ipsum dolor sit amet, Straße Grüße. " * 12 + "</p>"
    row = "<tr><th>Frage {n}: Seit wann wohnen Sie dort?</th><td>Antwort {n}, Grüße</td></tr>"

    def same_pages(make) -> str:
        size = 1
        while len(HTML(string=make(size)).render().pages) < pages:
            size += 1
        return make(size)

    text = same_pages(lambda n: f"<html><body><h1>Titel</h1>{para * n}</body></html>")
    table = same_pages(
        lambda n: (
            "<html><body><h1>Titel</h1><table>"
            + "".join(row.format(n=i) for i in range(n))
            + "</table></body></html>"
        )
    )
    documents = {
        "receipt": lambda: render_receipt_pdf(submission),
        "table": lambda: HTML(string=table).write_pdf(),
        "text": lambda: HTML(string=text).write_pdf(),
    }
    rounds: dict[str, list[float]] = {name: [] for name in documents}
    for _ in range(args.rounds):
        for name, render in documents.items():
            rounds[name].append(median_ms(render, args.pdfs))

    def fig(name: str) -> str:
        values = rounds[name]
        return f"{statistics.median(values):.0f} ms ({min(values):.0f}–{max(values):.0f})"

    receipt, table_ms, text_ms = (
        statistics.median(rounds[n]) for n in ("receipt", "table", "text")
    )
    print(
        f"\nCPU time per document, median of {args.rounds} interleaved rounds of "
        f"{args.pdfs} (spread: the rounds' medians), {pages} pages each\n"
    )
    print("| document | CPU per PDF | ratio / target |\n| --- | ---: | --- |")
    print(
        f"| receipt PDF/A-3a (tagged, fonts embedded, 2 attachments) | {fig('receipt')} | "
        f"{receipt / table_ms:.2f}× the plain answer table; target ≤ 1.2× (P4) |"
    )
    print(f"| plain WeasyPrint answer table | {fig('table')} | 1.00× |")
    print(
        f"| plain WeasyPrint running text | {fig('text')} | "
        f"receipt = {receipt / text_ms:.2f}× this |"
    )


if __name__ == "__main__":
    main()
