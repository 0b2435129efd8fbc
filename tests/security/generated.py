"""Generated requests: what a form page offers (read from its HTML or from the form engine),
filled by hypothesis with values that fit, values that do not and values nobody would type.

Every request is counted per target and status; ``GENERATED_REQUESTS_REPORT`` names a file the
counts are appended to (JSON lines), so that ``bench/generated_requests.py`` can add them up.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser

from hypothesis import strategies as st

EXAMPLES = int(os.environ.get("GENERATED_REQUESTS_EXAMPLES", "2"))

# An alert (error summary, conflict, notice) is how a page answers input it does not take.
MESSAGE_MARKERS = ('role="alert"', "kern-alert--danger", "kern-alert--warning")

odd_text = st.text(max_size=40) | st.sampled_from(
    [
        "",
        " ",
        "0",
        "-1",
        "1e309",
        "NaN",
        "99999999999999999999999",
        "31.02.2026",
        "2026-02-31",
        "ja",
        "nein",
        "\x00",
        "\ud7ff\ue000",
        "'; DROP TABLE x; --",
        '"><script>alert(1)</script>',
        "../../etc/passwd",
        "%s%s%n",
        "A" * 5000,
        "00000000-0000-0000-0000-000000000000",
    ]
)


@dataclass
class HtmlForm:
    action: str
    method: str
    fields: dict[str, list[str]] = field(default_factory=dict)  # name → known values
    files: list[str] = field(default_factory=list)
    hidden: dict[str, str] = field(default_factory=dict)


class _FormParser(HTMLParser):
    def __init__(self, url: str):
        super().__init__()
        self.url = url
        self.forms: list[HtmlForm] = []
        self._select: str | None = None

    def handle_starttag(self, tag, attrs):
        a = {k: (v or "") for k, v in attrs}
        if tag == "form":
            self.forms.append(
                HtmlForm(action=a.get("action") or self.url, method=a.get("method", "get").lower())
            )
            return
        if not self.forms:
            return
        form = self.forms[-1]
        name = a.get("name")
        if tag == "input" and name:
            kind = a.get("type", "text")
            if kind == "file":
                form.files.append(name)
            elif kind == "hidden":
                form.hidden[name] = a.get("value", "")
            elif kind in ("radio", "checkbox", "submit"):
                form.fields.setdefault(name, []).append(a.get("value", "on"))
            else:
                form.fields.setdefault(name, []).append(a.get("value", ""))
        elif tag == "button" and name:
            form.fields.setdefault(name, []).append(a.get("value", ""))
        elif tag in ("select", "textarea") and name:
            form.fields.setdefault(name, [])
            self._select = name if tag == "select" else None
        elif tag == "option" and self._select:
            form.fields[self._select].append(a.get("value", ""))

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None


def html_forms(html: str, url: str) -> list[HtmlForm]:
    parser = _FormParser(url)
    parser.feed(html)
    return parser.forms


def value_for(known: list[str]):
    fitting = [v for v in known if v]
    return st.sampled_from(fitting) | odd_text if fitting else odd_text


@st.composite
def post_data(draw, fields: dict[str, list[str]], hidden: dict[str, str]):
    """A POST body: each field left out, sent once or twice; the hidden ones kept or spoiled;
    sometimes a name nobody asked for."""
    data: dict[str, list[str]] = {}
    for name, known in fields.items():
        count = draw(st.sampled_from([0, 1, 1, 1, 2]))
        if count:
            data[name] = [draw(value_for(known)) for _ in range(count)]
    for name, value in hidden.items():
        if name == "csrfmiddlewaretoken":
            continue  # the test client does not check CSRF; a spoiled token is its own test
        data[name] = [draw(st.just(value) | odd_text)]
    if draw(st.booleans()):
        data[draw(st.text(min_size=1, max_size=12))] = [draw(odd_text)]
    return data


@st.composite
def upload_files(draw, names: list[str]):
    from django.core.files.uploadedfile import SimpleUploadedFile

    files = {}
    for name in names:
        if not draw(st.booleans()):
            continue
        head = draw(
            st.sampled_from(
                [
                    b"%PDF-1.7\n",
                    b"\x89PNG\r\n\x1a\n",
                    b"\xff\xd8\xff\xe0",
                    b"PK\x03\x04",
                    b"MZ",
                    b"",
                ]
            )
        )
        body = draw(st.binary(max_size=300))
        filename = draw(
            st.sampled_from(["a.pdf", "b.jpg", "c.png", "d.exe", "..\\..\\e.pdf", "", "x" * 300])
            | st.text(max_size=30)
        )
        files[name] = SimpleUploadedFile(
            filename.replace("\x00", "") or "f",
            head + body,
            content_type=draw(st.sampled_from(["application/pdf", "image/png", "text/html"])),
        )
    return files


class Tally:
    """Requests per target and status, appended to the report file when one is named."""

    def __init__(self, target: str):
        self.target = target
        self.statuses: Counter = Counter()

    def record(self, response) -> None:
        self.statuses[response.status_code] += 1

    def write(self) -> None:
        path = os.environ.get("GENERATED_REQUESTS_REPORT")
        if path and self.statuses:
            with open(path, "a") as f:
                f.write(json.dumps({"target": self.target, "statuses": self.statuses}) + "\n")


def check(response, *, method: str) -> None:
    """No server error, no traceback; input a page does not take is answered with a message."""
    body = response.content.decode(errors="replace") if not response.streaming else ""
    assert response.status_code < 500, body[:3000]
    assert "Traceback" not in body
    if method == "post" and response.status_code in (200, 400, 409, 422):
        assert any(m in body for m in MESSAGE_MARKERS), body[:3000]
