"""The browser-test harness: Playwright driving Debian's Chromium, with axe-core.

- Every test in tests/e2e is marked ``browser`` and gets a ``page`` from pytest-playwright.
- ``viewport`` is desktop by default; parametrize it (indirect) with ``PHONE`` for mobile.
- ``axe(page)`` runs axe-core (npm, pinned in package.json) on the current page and fails on any
  WCAG 2.x A/AA violation.
- A test fails when the page broke the Content-Security-Policy or a sub-resource (CSS, font,
  image) failed to load: both would mean the design or a script is silently missing.
- Screenshots of failing tests land in var/test-artifacts (``--output``; CI prints the path).
"""

from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
    "--disable-dev-shm-usage",
]
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
AXE_JS = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def pytest_collection_modifyitems(items):
    for item in items:
        if "/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def live_server(request, django_db_setup):
    """pytest-django's live server, started only once the test database exists.

    pytest-django's own fixture is session-scoped and does not depend on the database, so it was
    created before ``django_db_setup``: the database name was still var/db.sqlite3, the server
    did not share the test thread's connection to the in-memory database, and every request
    thread opened its own connection to it. In-memory SQLite shares its cache between such
    connections with table-level locks that fail at once ("database table is locked", no busy
    timeout) — the rare e2e flake. Created after the setup, the server threads use the test
    thread's connection (Django's design for in-memory SQLite); on PostgreSQL nothing changes.
    """
    import os

    from pytest_django.live_server_helper import LiveServer

    addr = (
        request.config.getvalue("liveserver")
        or os.getenv("DJANGO_LIVE_TEST_SERVER_ADDRESS")
        or "localhost"
    )
    server = LiveServer(addr)
    yield server
    server.stop()


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture
def viewport(request):
    return getattr(request, "param", DESKTOP)


@pytest.fixture
def browser_context_args(browser_context_args, viewport):
    phone = viewport["width"] < 600
    return {
        **browser_context_args,
        "viewport": viewport,
        "is_mobile": phone,
        "has_touch": phone,
        "locale": "de-DE",
    }


@pytest.fixture(scope="session")
def axe_source() -> str:
    return AXE_JS.read_text()


@pytest.fixture
def axe(axe_source):
    """Return a checker: ``axe(page)`` fails the test on any WCAG 2.1 A/AA violation."""

    def check(page, *, rules: tuple[str, ...] = ()) -> None:
        """``rules``: axe rules to run on top of the WCAG tags, e.g. best practices such as
        ``landmark-unique`` (two landmarks of one kind with the same name)."""
        # evaluate() runs through the DevTools protocol, which the page's CSP does not govern,
        # so the strict policy stays switched on while axe runs.
        page.evaluate(axe_source)
        result = page.evaluate(
            "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS
        )
        if rules:
            extra = page.evaluate(
                "rules => axe.run(document, {runOnly: {type: 'rule', values: rules}})",
                list(rules),
            )
            result["violations"] += extra["violations"]
        violations = result["violations"]
        report = "\n".join(
            f"- {v['id']} ({v['impact']}): {v['help']}\n"
            + "\n".join(f"    {node['target']}: {node['failureSummary']}" for node in v["nodes"])
            for v in violations
        )
        assert not violations, f"axe found violations on {page.url}:\n{report}"

    return check


@pytest.fixture(autouse=True)
def page_problems(page):
    """Collect CSP violations and failed sub-resources; fail the test if there were any."""
    problems: list[str] = []

    def on_console(message):
        if "Content Security Policy" in message.text:
            problems.append(f"CSP: {message.text}")

    def on_response(response):
        if response.request.resource_type != "document" and response.status >= 400:
            problems.append(f"{response.status} for {response.url}")

    page.on("console", on_console)
    page.on("response", on_response)

    def on_request_failed(request):
        # A navigation cancels the sub-resources still loading (the favicon, typically): that
        # is the browser leaving the page, not a broken resource. Missing files show up as
        # error responses above.
        if request.failure != "net::ERR_ABORTED":
            problems.append(f"failed: {request.url} ({request.failure})")

    page.on("requestfailed", on_request_failed)
    yield problems
    assert not problems, "The page had problems:\n" + "\n".join(problems)
