"""Benchmarks P3/P4 (QUALITY.md §0) for issue 6, in one run, in-process (no server, no wrk):

    uv run python bench/submit_receipt.py [--n 200] [--repeat 5] [--pdfs 15]

1. hello-world GET (same settings and middleware) — the baseline, requests/s
2. synchronous submit POST ("Antrag absenden": validate every page, one transaction with the
   reference counter, the immutable submission, the draft update and three queued jobs, 302)
3. receipt PDF (PDF/A-3a, tagged, Fira Sans embedded, two JSON attachments) — median time,
   against plain WeasyPrint documents with the same page count (no PDF/A, no attachments,
   system fonts): an answer table like QUALITY.md §3.3's reference, and running text
4. worker drain rate: every job of the submissions from step 2 run like ``db_worker`` does
   (receipt PDF rendered and stored, handover hook), receipts/s

SQLite file in a temporary folder, DEBUG off. Throughputs are single-process, single-thread
(one core); a 2-core box with two web processes roughly doubles them. Prints Markdown.
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


def best_rate(fn, n: int, repeat: int) -> float:
    best = 0.0
    for _ in range(repeat):
        t = time.perf_counter()
        fn(n)
        best = max(best, n / (time.perf_counter() - t))
    return best


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--pdfs", type=int, default=15)
    args = parser.parse_args()
    tmp = tempfile.mkdtemp(prefix="bench-submit-")
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
    from django.core.management import call_command
    from django.test import Client
    from tests.forms.answers import WBA_JOB_AND_PERSON
    from tests.intake.factories import drain, make_draft

    from jobcenter.intake.models import Submission
    from jobcenter.tenants.demo import seed_jobcenters

    call_command("migrate", verbosity=0)
    jobcenter = seed_jobcenters()[0]
    client = Client(HTTP_HOST="localhost")
    session = client.session
    session["intake_draft_owner"] = "bench-owner"
    session.save()
    client.cookies["sessionid"] = session.session_key

    def hello(n):
        for _ in range(n):
            client.get("/bench/hello/")

    drafts = []

    def submit(n):
        for _ in range(n):
            draft = drafts.pop()
            r = client.post(
                "/musterkreis/weiterbewilligung/absenden/", {"entwurf": str(draft.public_id)}
            )
            assert r.status_code == 302 and "/eingang/" in r["Location"], r

    for _ in range(args.n * args.repeat):
        drafts.append(make_draft(jobcenter, session_key="bench-owner", answers=WBA_JOB_AND_PERSON))
    hello_rate = best_rate(hello, args.n, args.repeat)
    submit_rate = best_rate(submit, args.n, args.repeat)
    assert Submission.objects.count() == args.n * args.repeat

    # Receipt PDF vs a plain document of the same page count.
    import pikepdf
    from weasyprint import HTML

    from jobcenter.receipts.selectors import render_receipt_pdf

    submission = Submission.objects.first()
    render_receipt_pdf(submission)  # warm caches (fonts, templates)
    times = []
    for _ in range(args.pdfs):
        t = time.perf_counter()
        pdf = render_receipt_pdf(submission)
        times.append(time.perf_counter() - t)
    path = Path(tmp) / "r.pdf"
    path.write_bytes(pdf)
    pages = len(pikepdf.open(path).pages)
    # Two plain references of the same page count, default fonts, no PDF/A, no attachments:
    # running text (the cheapest layout), and an answer table like QUALITY.md §3.3's reference
    # ("3 A4 pages with a 120-row answer table"), which is what P4 compares against.
    para = "<p>" + "Lorem ipsum dolor sit amet, Straße Grüße. " * 12 + "</p>"
    row = "<tr><th>Frage {n}: Seit wann wohnen Sie dort?</th><td>Antwort {n}, Grüße</td></tr>"

    def same_pages(make) -> str:
        size = 1
        while len(HTML(string=make(size)).render().pages) < pages:
            size += 1
        return make(size)

    def median_ms(html: str) -> float:
        runs = []
        for _ in range(args.pdfs):
            t = time.perf_counter()
            HTML(string=html).write_pdf()
            runs.append(time.perf_counter() - t)
        return statistics.median(runs) * 1000

    text_ms = median_ms(same_pages(lambda n: f"<html><body><h1>Titel</h1>{para * n}</body></html>"))
    table_ms = median_ms(
        same_pages(
            lambda n: (
                "<html><body><h1>Titel</h1><table>"
                + "".join(row.format(n=i) for i in range(n))
                + "</table></body></html>"
            )
        )
    )
    receipt_ms = statistics.median(times) * 1000

    t = time.perf_counter()
    ran = drain()
    drain_s = time.perf_counter() - t
    receipts = Submission.objects.filter(receipt__isnull=False).count()

    print("\n| measure | value | ratio / target |\n| --- | ---: | --- |")
    print(f"| hello-world GET (in-process, 1 thread) | {hello_rate:.0f} req/s | 1.00× |")
    print(
        f"| submit POST (validate + transaction + 3 jobs queued, 302) | {submit_rate:.0f} /s "
        f"| {submit_rate / hello_rate:.2f}× hello-world; target ≥ 75/s per box |"
    )
    print(
        f"| receipt PDF/A-3a, {pages} pages, median of {args.pdfs} | {receipt_ms:.0f} ms | "
        f"{receipt_ms / table_ms:.2f}× the plain answer table; target ≤ 1.0× (issue), "
        f"≤ 1.2× (P4) |"
    )
    print(f"| plain WeasyPrint answer table, {pages} pages, median | {table_ms:.0f} ms | 1.00× |")
    print(
        f"| plain WeasyPrint running text, {pages} pages, median | {text_ms:.0f} ms | "
        f"receipt = {receipt_ms / text_ms:.2f}× this |"
    )
    print(
        f"| worker drain ({ran} jobs, {receipts} receipts, 1 process) | "
        f"{receipts / drain_s:.1f} receipts/s | target ≥ 6/s per box |"
    )


if __name__ == "__main__":
    main()
